/*
 * ARM generic timer, virtual EL1 instance (CNTV_*): a periodic tick and a
 * one-shot alarm built from the one compare value, which always holds the
 * earlier of the two. Ticks are scheduled at absolute counter values
 * (next += period) so interrupt latency does not accumulate into drift.
 * Concurrency: per CPU, interrupts masked.
 */
#include "arm_gtimer.h"

uint64_t arm_gtimer_now(void)
{
	uint64_t v;
	/* isb: do not let the counter read be hoisted above earlier code. */
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
}

void arm_gtimer_off(void)
{
	__asm__ volatile("msr cntv_ctl_el0, xzr; isb" ::: "memory");
}

static inline void set_cval(uint64_t v)
{
	__asm__ volatile("msr cntv_cval_el0, %0; isb" ::"r"(v));
}

void arm_gtimer_init(struct arm_gtimer *t, unsigned irq, unsigned hz, uint64_t freq)
{
	t->irq = irq;
	t->freq = freq;
	t->period = t->freq / hz;
	t->next = arm_gtimer_now() + t->period;
	t->alarm = 0;
	t->ticking = true;
	set_cval(t->next);
	/* ENABLE=1, IMASK=0 */
	__asm__ volatile("msr cntv_ctl_el0, %0; isb" ::"r"((uint64_t)1));
}

/* The compare value: the earlier of the next tick (if ticking) and the
 * alarm (if set); with neither, the counter's last value, which a 64-bit
 * count at any board's rate does not reach in centuries. */
static void program(struct arm_gtimer *t)
{
	uint64_t when = t->ticking ? t->next : ~0ull;
	if (t->alarm && (!t->ticking || (int64_t)(t->alarm - when) < 0))
		when = t->alarm;
	set_cval(when); /* a value already past fires at once: nothing is lost */
}

bool arm_gtimer_ack(struct arm_gtimer *t)
{
	uint64_t now = arm_gtimer_now();
	bool tick = t->ticking && (int64_t)(now - t->next) >= 0;
	if (tick) {
		t->next += t->period;
		if ((int64_t)(t->next - now) <= 0) /* we fell behind: skip lost ticks */
			t->next = now + t->period;
	}
	if (t->alarm && (int64_t)(now - t->alarm) >= 0)
		t->alarm = 0;
	program(t);
	return tick;
}

void arm_gtimer_set_alarm(struct arm_gtimer *t, uint64_t when)
{
	t->alarm = when;
	program(t);
}

void arm_gtimer_set_tick(struct arm_gtimer *t, bool on)
{
	if (on && !t->ticking)
		t->next = arm_gtimer_now() + t->period;
	t->ticking = on;
	program(t);
}
