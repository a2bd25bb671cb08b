/*
 * GICv2: enable the distributor and this CPU's interface, route every SPI to
 * CPU 0 at one priority, and let the kernel enable single lines. All
 * interrupts are group 0 / level as QEMU resets them. Concurrency: called
 * with interrupts masked and the kernel lock held (or, per core at boot,
 * touching only that core's banked registers).
 */
#include "gicv2.h"

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ICPENDR 0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_SGIR 0xf00

#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10

static inline void wr(uintptr_t a, uint32_t v)
{
	*(volatile uint32_t *)a = v;
}

static inline uint32_t rd(uintptr_t a)
{
	return *(volatile uint32_t *)a;
}

void gicv2_init(struct gicv2 *g, uintptr_t dist, uintptr_t cpu)
{
	g->dist = dist;
	g->cpu = cpu;
	unsigned lines = 32 * ((rd(dist + GICD_TYPER) & 0x1f) + 1);

	wr(dist + GICD_CTLR, 0);
	for (unsigned i = 0; i < lines; i += 32) {
		wr(dist + GICD_ICENABLER + i / 8, 0xffffffffu);
		wr(dist + GICD_ICPENDR + i / 8, 0xffffffffu);
	}
	for (unsigned i = 0; i < lines; i += 4)
		wr(dist + GICD_IPRIORITYR + i, 0xa0a0a0a0u);
	/* ITARGETSR for SGIs/PPIs (first 32) are read-only; route SPIs to CPU 0. */
	for (unsigned i = 32; i < lines; i += 4)
		wr(dist + GICD_ITARGETSR + i, 0x01010101u);
	wr(dist + GICD_CTLR, 1);
	gicv2_init_cpu(g);
}

void gicv2_init_cpu(struct gicv2 *g)
{
	/* The CPU interface and the SGI/PPI enables (GICD_ISENABLER0) are
	 * banked: each core sets up its own. */
	wr(g->cpu + GICC_PMR, 0xff);                /* let every priority through */
	wr(g->dist + GICD_IPRIORITYR, 0xa0a0a0a0u); /* SGIs 0..3, banked: as every line */
	wr(g->cpu + GICC_BPR, 0);
	wr(g->cpu + GICC_CTLR, 1);
}

void gicv2_enable_irq(struct gicv2 *g, unsigned irq)
{
	wr(g->dist + GICD_ISENABLER + (irq / 32) * 4, 1u << (irq % 32));
}

void gicv2_disable_irq(struct gicv2 *g, unsigned irq)
{
	wr(g->dist + GICD_ICENABLER + (irq / 32) * 4, 1u << (irq % 32));
}

unsigned gicv2_ack(struct gicv2 *g)
{
	return rd(g->cpu + GICC_IAR);
}

void gicv2_eoi(struct gicv2 *g, unsigned iar)
{
	wr(g->cpu + GICC_EOIR, iar);
}

void gicv2_send_sgi(struct gicv2 *g, unsigned sgi, unsigned targets)
{
	/* TargetListFilter 0: the listed interfaces. */
	wr(g->dist + GICD_SGIR, (targets & 0xffu) << 16 | (sgi & 0xfu));
}
