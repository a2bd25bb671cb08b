/*
 * GICv2 interrupt controller driver (distributor + CPU interfaces).
 * Callers own the struct and pass the two MMIO bases. Concurrency: the
 * kernel calls it with interrupts masked; acknowledge/end-of-interrupt pairs
 * must not interleave, which holds because the kernel does not nest IRQs.
 */
#ifndef PLATFORM_GICV2_H
#define PLATFORM_GICV2_H

#include <stdint.h>

#define GIC_SPURIOUS 1023u

struct gicv2 {
	uintptr_t dist;
	uintptr_t cpu;
};

/* The distributor and the calling core's interface. */
void gicv2_init(struct gicv2 *g, uintptr_t dist, uintptr_t cpu);
/* Another core's interface (the distributor is set up already). */
void gicv2_init_cpu(struct gicv2 *g);
void gicv2_enable_irq(struct gicv2 *g, unsigned irq);
void gicv2_disable_irq(struct gicv2 *g, unsigned irq);
/* Acknowledge: returns the whole GICC_IAR value (for an SGI it also names
 * the sender, and gicv2_eoi() must be given it unchanged); its interrupt
 * id is GICV2_IRQ_ID(v), GIC_SPURIOUS if none is pending. */
#define GICV2_IRQ_ID(v) ((v)&0x3ffu)
unsigned gicv2_ack(struct gicv2 *g);
void gicv2_eoi(struct gicv2 *g, unsigned iar);
/* Software-generated interrupt `sgi` (0..15) to the CPU interfaces in
 * `targets` (bit i: interface i). */
void gicv2_send_sgi(struct gicv2 *g, unsigned sgi, unsigned targets);

#endif
