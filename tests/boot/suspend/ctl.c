/*
 * "suspend" test: thread control through caps to other components'
 * threads, from above them all (suspend.sys). Suspending a spinning
 * component stops it and resuming restarts it; suspending a component
 * blocked in Recv ends that wait with CANCELLED, which it sees once resumed
 * (X3); raising one of two equal spinners' priority starves the other
 * (strict priorities) until it is lowered again (Q1 re-sort of the run
 * queue); nobody can raise a thread above its own priority.
 */
#include "comp.h"

static void sleep_ms(unsigned ms)
{
	(void)u_wait(SLOT_SLEEP, ms * 1000ul);
}

int main(uintptr_t arg)
{
	(void)arg;
	volatile uint64_t *count = (volatile uint64_t *)REGION_SHARED_VA;

	sleep_ms(20);
	long s1 = u_thread_suspend(SLOT_SPIN0);
	sleep_ms(5);
	uint64_t a = count[0];
	sleep_ms(30);
	uint64_t b = count[0];
	long r1 = u_thread_resume(SLOT_SPIN0);
	sleep_ms(30);
	comp_ok(!s1 && !r1 && a == b && count[0] > b,
	        "X3 a suspended spinner stops (%lu -> %lu) and runs again when resumed (%lu)",
	        (unsigned long)a, (unsigned long)b, (unsigned long)count[0]);

	long s2 = u_thread_suspend(SLOT_WAITER);
	long r2 = u_thread_resume(SLOT_WAITER);
	long r3 = u_thread_resume(SLOT_WAITER); /* not suspended any more */
	comp_ok(!s2 && !r2 && r3 == IPC_E_THREAD_STATE, "suspend/resume of a blocked thread (%ld %ld %ld)",
	        s2, r2, r3);
	/* The waiter (priority 50) now runs, prints and signals. */
	if (u_wait(SLOT_CHECKED, 2000000).err)
		uprintf("ctl: no word from the waiter\n");

	long p1 = u_thread_set_prio(SLOT_SPIN1, 20);
	sleep_ms(5);
	uint64_t c0 = count[0], c1 = count[1];
	sleep_ms(30);
	comp_ok(!p1 && count[0] == c0 && count[1] > c1,
	        "raising one spinner's priority starves the other (%lu, %lu)", (unsigned long)(count[0] - c0),
	        (unsigned long)(count[1] - c1));
	long p2 = u_thread_set_prio(SLOT_SPIN1, 10);
	sleep_ms(5);
	c0 = count[0], c1 = count[1];
	sleep_ms(120);
	long p3 = u_thread_set_prio(SLOT_SPIN1, PRIO_CTL + 1);
	long p4 = u_thread_set_prio(KABI_SELF, 255);
	comp_ok(!p2 && count[0] > c0 && count[1] > c1 && p3 == IPC_E_BAD_ARG && p4 == IPC_E_BAD_ARG,
	        "lowered again, both run; no raise above the caller's priority (%ld %ld)", p3, p4);
	comp_done();
	return 0;
}
