/*
 * "preempt" test, from above everyone (preempt.sys): two low-priority
 * components spin forever, counting in a page they share with ctl. The
 * timer must (1) wake ctl from a timed wait although the spinners never
 * enter the kernel, and (2) share the CPU between the two equal-priority
 * spinners (round-robin on the tick). Two middle-priority components then
 * alternate strictly through yield (FIFO within a priority). Finally
 * deleting the last cap to one spinner's thread (ctl's: `sole`) destroys it
 * while the other runs on.
 */
#include "comp.h"
#include "preempt_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct shared *sh = (struct shared *)REGION_SHARED_VA;

	uint64_t t0 = u_now_us();
	long w = u_wait(SLOT_SLEEP, 300000).err;
	uint64_t took = u_now_us() - t0;
	uint64_t a = sh->spin[0], b = sh->spin[1];
	comp_ok(w == IPC_E_TIMED_OUT && took < 500000,
	        "timer preempts spinning low-priority components: ctl woke after %lu us",
	        (unsigned long)took);
	comp_ok(a > 1000 && b > 1000, "round-robin: both equal-priority spinners ran (%lu, %lu)",
	        (unsigned long)a, (unsigned long)b);

	/* Both yielders wait for GO, in the order they started: wake them,
	 * then wait for both DONE bits (their badges). */
	long e = u_signal(SLOT_GO) | u_signal(SLOT_GO);
	uint64_t done = 0;
	while (!e && done != (BADGE_YA_DONE | BADGE_YB_DONE)) {
		struct u_msg m = u_wait(SLOT_DONE, 5000000);
		e = m.err;
		done |= m.badge;
	}
	char log[16];
	for (unsigned i = 0; i < 10; i++)
		log[i] = sh->log[i];
	log[10] = 0;
	comp_ok(e == 0 && sh->log_len == 10 && !strcmp(log, "ababababab"),
	        "yield alternates equal-priority threads in FIFO order (%s)", log);
	uint64_t a2 = sh->spin[0];
	(void)u_wait(SLOT_SLEEP, 50000);
	comp_ok(sh->spin[0] > a2 || sh->spin[1] > b, "spinners still run afterwards");

	/* X3: deleting the last cap to a running thread destroys it. */
	long d = u_cap_delete(SLOT_SPIN0);
	(void)u_wait(SLOT_SLEEP, 30000);
	uint64_t s0 = sh->spin[0], s1 = sh->spin[1];
	(void)u_wait(SLOT_SLEEP, 50000);
	comp_ok(d == 0 && sh->spin[0] == s0 && sh->spin[1] > s1,
	        "deleting a spinner's thread cap stops it; the other runs on (%lu -> %lu)", (unsigned long)s0,
	        (unsigned long)sh->spin[0]);
	comp_done();
	return 0;
}
