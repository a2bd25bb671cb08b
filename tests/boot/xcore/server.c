/*
 * "xcore" test server, on core 1: waits for the client's Signal (from core
 * 0), signals back, then answers XCORE_ROUNDS Calls with ReplyRecv, each
 * request checked: kind CALL, the client's badge, label, round number and
 * word. The reply carries the badge it saw, for the client to check too.
 * Last, a Wait with a timeout on core 1 ends when its deadline passes;
 * then, after a Signal to the client, a second one during which the client
 * moves it to core 3, whose timer must then serve the deadline.
 */
#include "comp.h"
#include "xcore_test.h"

static bool request_ok(const struct u_msg *m, uint64_t i)
{
	return m->err == 0 && m->kind == IPC_EV_CALL && m->badge == BADGE_CLIENT_EP &&
	       m->label == XCORE_CALL_LABEL && m->len == 2 && m->w[0] == i && m->w[1] == xcore_request(i);
}

int main(uintptr_t arg)
{
	(void)arg;
	struct u_msg m = u_wait(SLOT_IN, 0);
	comp_ok(m.err == 0 && m.badge == BADGE_CLIENT_OUT,
	        "N2 a Signal on core 0 wakes a Wait on core 1 (err %ld, badge %lx)", m.err,
	        (unsigned long)m.badge);
	long e = u_signal(SLOT_OUT);
	if (e)
		uprintf("server: signal failed %ld\n", e);

	unsigned bad = 0, first_bad = XCORE_ROUNDS;
	m = u_recv(SLOT_EP, SLOT_REPLY, 0);
	for (uint64_t i = 0; i < XCORE_ROUNDS; i++) {
		if (!request_ok(&m, i) && bad++ == 0)
			first_bad = (unsigned)i;
		uint64_t w[2] = {xcore_reply(i), m.badge};
		struct u_out out = {XCORE_REPLY_LABEL, w, 2, 0};
		if (i + 1 < XCORE_ROUNDS) {
			m = u_reply_recv(SLOT_EP, SLOT_REPLY, out, 0);
		} else if ((e = u_reply(SLOT_REPLY, out)) != 0) {
			bad++;
		}
	}
	comp_ok(bad == 0,
	        "S4/B1 %u Calls from core 0 answered on core 1, each request intact (%u bad, first %u)",
	        XCORE_ROUNDS, bad, first_bad);

	/* Core 1's own timer ends this wait (nobody signals IN again). */
	uint64_t t0 = u_now_us();
	m = u_wait(SLOT_IN, XCORE_TIMEOUT_US);
	uint64_t late = u_now_us() - t0 - XCORE_TIMEOUT_US;
	comp_ok(m.err == IPC_E_TIMED_OUT && (int64_t)late >= 0 && late < XCORE_LATE_US,
	        "X4 a Wait with a timeout on core 1 ends TIMED_OUT, %ld us after its deadline (< %u)",
	        (long)late, XCORE_LATE_US);

	/* The client moves this thread to core 3 XCORE_MOVE_AFTER_US into
	 * this wait: its deadline changes heaps, and core 3, kicked, arms its
	 * timer for it (nothing else runs on core 3 yet to wake it). */
	if ((e = u_signal(SLOT_OUT)) != 0)
		uprintf("server: signal failed %ld\n", e);
	t0 = u_now_us();
	m = u_wait(SLOT_IN, XCORE_TIMEOUT_US);
	late = u_now_us() - t0 - XCORE_TIMEOUT_US;
	comp_ok(m.err == IPC_E_TIMED_OUT && (int64_t)late >= 0 && late < XCORE_LATE_US,
	        "X4 a Wait with a timeout, moved from core 1 to core 3 while it waits, ends TIMED_OUT %ld us "
	        "after its deadline (< %u)",
	        (long)late, XCORE_LATE_US);
	comp_done();
	return 0;
}
