/*
 * ARM generic timer driver (EL1 virtual timer): a periodic tick plus an
 * optional one-shot alarm, multiplexed on the one compare register. The
 * timer is reached through system registers, so it has no MMIO base; the
 * caller passes the interrupt id its board wires the virtual timer to (a
 * PPI, 27 on most boards).
 * Concurrency: per CPU, called with interrupts masked.
 */
#ifndef PLATFORM_ARM_GTIMER_H
#define PLATFORM_ARM_GTIMER_H

#include <stdbool.h>
#include <stdint.h>

struct arm_gtimer {
	unsigned irq;
	uint64_t freq;   /* counter ticks per second (CNTFRQ) */
	uint64_t period; /* counter ticks between periodic interrupts */
	uint64_t next;   /* counter value of the next periodic tick */
	uint64_t alarm;  /* counter value of a one-shot alarm, 0 = none */
	bool ticking;    /* the periodic tick is on (arm_gtimer_set_tick()) */
};

/* `freq`: the counter's ticks per second, as the kernel passes it (platform_start_tick()). */
void arm_gtimer_init(struct arm_gtimer *t, unsigned irq, unsigned hz, uint64_t freq);
uint64_t arm_gtimer_now(void);
/* This core's timer off (its enable bit resets to an UNKNOWN value). */
void arm_gtimer_off(void);
/*
 * Acknowledge a timer interrupt. Returns true if a periodic tick is due
 * (and schedules the next one, without drift); a due alarm is cleared.
 * The compare register is left at the earlier of next tick and alarm.
 */
bool arm_gtimer_ack(struct arm_gtimer *t);
/* One-shot alarm at counter value `when` (0 = none), besides the ticks. */
void arm_gtimer_set_alarm(struct arm_gtimer *t, uint64_t when);
/* The periodic tick on (the first one a period from now) or off; the alarm
 * stays as it is. */
void arm_gtimer_set_tick(struct arm_gtimer *t, bool on);

#endif
