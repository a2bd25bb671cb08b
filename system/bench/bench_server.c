/*
 * Benchmark server: answers every Call at once with ReplyRecv (after a
 * Send, which needs no answer, the ReplyRecv only receives), recording
 * the counter right after each receive returns and right before each
 * ReplyRecv's svc in the results region (REGION_RESULTS_VA). A cap that
 * arrives in SPARE is deleted between the two reads, outside both measured
 * windows. Stops after the client's STOP call, whose word 0 is the number
 * of calls before it (the client moves this thread to another core for the
 * last set where it can). Concurrency: one thread.
 */
#include "../lib/comp.h"
#include "bench.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct bench_results *res = (struct bench_results *)REGION_RESULTS_VA;
	struct ipc_buffer *b = u_ipcbuf();
	b->recv_slots[0] = SLOT_SPARE;
	b->recv_slots[1] = b->recv_slots[2] = IPC_SLOT_NONE;
	struct bench_sys s =
	    bench_syscall(SYS_RECV, U_ARGS([KABI_ARG_SLOT] = SLOT_EP, [KABI_ARG_SLOT2] = SLOT_REPLY));
	unsigned k = 0;
	uint64_t calls = 0;
	bool ok = true;
	for (;;) {
		struct u_msg m = u_result(s.r);
		ok &= m.err == 0 && m.kind == (m.label == BENCH_LABEL_SEND ? IPC_EV_SEND : IPC_EV_CALL);
		if (k < BENCH_SETS * BENCH_ROUNDS + 1)
			res->srv_after[k] = s.after;
		if (m.ncaps)
			ok &= u_cap_delete(SLOT_SPARE) == 0;
		if (m.err || m.label == BENCH_LABEL_STOP) {
			calls = m.w[0];
			break;
		}
		s = bench_syscall(
		    SYS_REPLY_RECV,
		    U_ARGS([KABI_ARG_SLOT] = SLOT_EP, [KABI_ARG_MSGINFO] = KABI_MSGINFO(0, 0, 0),
		           [KABI_ARG_SLOT2] = SLOT_REPLY));
		if (k < BENCH_SETS * BENCH_ROUNDS + 1)
			res->srv_before[k] = s.before;
		k++;
	}
	ok &= u_reply(SLOT_REPLY, (struct u_out){0, 0, 0, 0}) == 0;
	comp_ok(ok && k == calls, "bench server answered %u calls, the %lu the client made", k,
	        (unsigned long)calls);
	comp_done();
	return 0;
}
