/*
 * Benchmark waiter: blocks in Wait on the BELL notification at a higher
 * priority than the client, and records the counter right after each Wait
 * returns: the client's read before its Signal's svc and this one bracket
 * the one-way cost of waking a waiter. Concurrency: one thread.
 */
#include "../lib/comp.h"
#include "bench.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct bench_results *res = (struct bench_results *)REGION_RESULTS_VA;
	bool ok = true;
	for (unsigned i = 0; i < BENCH_ROUNDS; i++) {
		struct bench_sys s = bench_syscall(SYS_WAIT, U_ARGS([KABI_ARG_SLOT] = SLOT_BELL));
		res->wait_after[i] = s.after;
		ok &= u_status(s.r) == 0;
	}
	comp_ok(ok, "bench waiter woke %u times", BENCH_ROUNDS);
	comp_done();
	return 0;
}
