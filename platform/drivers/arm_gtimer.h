/*
 * ARM generic timer driver (EL1 virtual timer). The timer is reached through
 * system registers, so it has no MMIO base; the caller passes the interrupt
 * id its board wires the virtual timer to (a PPI, 27 on most boards).
 * Concurrency: per CPU, called with interrupts masked.
 */
#ifndef PLATFORM_ARM_GTIMER_H
#define PLATFORM_ARM_GTIMER_H

#include <stdint.h>

struct arm_gtimer {
	unsigned irq;
	uint64_t freq;   /* counter ticks per second (CNTFRQ) */
	uint64_t period; /* counter ticks between periodic interrupts */
	uint64_t next;   /* counter value of the next programmed tick */
};

void arm_gtimer_init(struct arm_gtimer *t, unsigned irq, unsigned hz);
uint64_t arm_gtimer_now(void);
/* Acknowledge a tick and program the next one, without drift. */
void arm_gtimer_ack(struct arm_gtimer *t);

#endif
