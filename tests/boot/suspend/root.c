/*
 * Boot test "suspend": thread control from the root task. Suspending a
 * spinning component stops it and resuming restarts it; suspending a
 * component blocked in Recv ends that wait with CANCELLED, which it sees
 * once resumed (X3); raising one of two equal spinners' priority starves
 * the other (strict priorities) until it is lowered again (Q1 re-sort of
 * the run queue); nobody can raise a thread above its own priority.
 */
#include "../common/btest.h"

#define SHARED_ROOT_VA 0x180000000ul

static uint32_t timer;

static void sleep_ms(unsigned ms)
{
	(void)u_wait(timer, ms * 1000ul);
}

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 5);
	timer = root_new(KOBJ_NTFN);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	long e = u_space_map(ROOT_SLOT_SPACE, SHARED_ROOT_VA, 1, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	volatile uint64_t *count = (volatile uint64_t *)SHARED_ROOT_VA;

	struct component spin[2], waiter;
	for (unsigned i = 0; i < 2; i++) {
		root_spawn("spinner", 10, U_NONE, &spin[i]);
		e |= u_space_share(spin[i].space, COMP_SHARED_VA, ROOT_SLOT_SPACE, SHARED_ROOT_VA, 1,
		                   KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
		e |= spawn_start(&spin[i], i);
	}
	root_spawn("waiter", 50, U_NONE, &waiter);
	root_give(&waiter, 2, ep, IPC_R, 0);
	e |= spawn_start(&waiter, 0);
	if (e)
		uprintf("root: set-up failed %ld\n", e);

	sleep_ms(20);
	long s1 = u_thread_suspend(spin[0].thread);
	sleep_ms(5);
	uint64_t a = count[0];
	sleep_ms(30);
	uint64_t b = count[0];
	long r1 = u_thread_resume(spin[0].thread);
	sleep_ms(30);
	tap_ok(!s1 && !r1 && a == b && count[0] > b,
	       "X3 a suspended spinner stops (%lu -> %lu) and runs again when resumed (%lu)",
	       (unsigned long)a, (unsigned long)b, (unsigned long)count[0]);

	long s2 = u_thread_suspend(waiter.thread);
	long r2 = u_thread_resume(waiter.thread);
	long r3 = u_thread_resume(waiter.thread); /* not suspended any more */
	tap_ok(!s2 && !r2 && r3 == IPC_E_THREAD_STATE, "suspend/resume of a blocked thread (%ld %ld %ld)", s2,
	       r2, r3);
	/* The waiter (priority 50) now runs, prints and reports. */
	if (u_recv(root_report_slot(), U_NONE, 2000000).err)
		uprintf("root: no report from the waiter\n");

	long p1 = u_thread_set_prio(spin[1].thread, 20);
	sleep_ms(5);
	uint64_t c0 = count[0], c1 = count[1];
	sleep_ms(30);
	tap_ok(!p1 && count[0] == c0 && count[1] > c1,
	       "raising one spinner's priority starves the other (%lu, %lu)", (unsigned long)(count[0] - c0),
	       (unsigned long)(count[1] - c1));
	long p2 = u_thread_set_prio(spin[1].thread, 10);
	sleep_ms(5);
	c0 = count[0], c1 = count[1];
	sleep_ms(120);
	long p3 = u_thread_set_prio(spin[1].thread, 201);
	long p4 = u_thread_set_prio(KABI_SELF, 255);
	tap_ok(!p2 && count[0] > c0 && count[1] > c1 && p3 == IPC_E_BAD_ARG && p4 == IPC_E_BAD_ARG,
	       "lowered again, both run; no raise above the caller's priority (%ld %ld)", p3, p4);
	u_debug_halt(tap_failures ? 1 : 0, ROOT_SLOT_UNTYPED);
	return 0;
}
