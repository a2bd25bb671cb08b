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
/* Returns the interrupt id, or GIC_SPURIOUS if none is pending. */
unsigned gicv2_ack(struct gicv2 *g);
void gicv2_eoi(struct gicv2 *g, unsigned irq);

#endif
