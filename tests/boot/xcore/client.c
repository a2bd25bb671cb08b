/*
 * "xcore" test client, on core 0: signals the server waiting on core 1,
 * waits for its Signal back, then makes XCORE_ROUNDS Calls, checking each reply:
 * kind REPLY, badge 0, label, the words for its round and the badge the
 * server saw on the request. Then it moves the server to core 3 during
 * its timed Wait (the server checks the Wait ends on time). Then it
 * controls the spinner running on core 2 (xcore.sys): suspend, resume, a
 * move while it runs, refused moves, and deleting it while it runs; each
 * checked by its counter. Last, two hogs share core 3 by its tick.
 */
#include "comp.h"
#include "xcore_test.h"

static void sleep_ms(unsigned ms)
{
	(void)u_wait(SLOT_SLEEP, ms * 1000ul);
}

/* Does the spinner count over the next 30 ms? */
static bool counting(void)
{
	volatile const uint64_t *count = (volatile const uint64_t *)REGION_SHARED_VA + XCORE_SPIN_COUNT;
	uint64_t a = *count;
	sleep_ms(30);
	return *count != a;
}

static void spinner(void)
{
	long g = u_signal(SLOT_GO);
	if (g)
		uprintf("client: GO failed %ld\n", g);
	bool ran = counting();
	long s = u_thread_suspend(SLOT_SPIN);
	sleep_ms(5); /* core 2 has been kicked out of it */
	bool stopped = !counting();
	long r = u_thread_resume(SLOT_SPIN);
	comp_ok(ran && !s && stopped && !r && counting(),
	        "X3 a thread running on core 2, suspended from core 0, stops; resumed, it runs again "
	        "(%ld %ld)",
	        s, r);

	volatile const uint64_t *shared = (volatile const uint64_t *)REGION_SHARED_VA;
	uint64_t rounds = shared[XCORE_SPIN_FP_ROUNDS];
	long m = u_thread_set_cpu(SLOT_SPIN, 3); /* it runs on core 2: core 2 moves it */
	long e = u_cap_mint(SLOT_SPIN, SLOT_SPIN_R, IPC_R, 0);
	long bad1 = u_thread_set_cpu(SLOT_SPIN, 255), bad2 = u_thread_set_cpu(SLOT_SPIN, ~0ul >> 1);
	long bad3 = u_thread_set_cpu(SLOT_SPIN_R, 1);
	(void)u_cap_delete(SLOT_SPIN_R);
	comp_ok(!m && !e && bad1 == KABI_E_NO_CPU && bad2 == KABI_E_NO_CPU && bad3 == IPC_E_NO_RIGHTS &&
	            counting(),
	        "a running thread moved to core 3 runs on; no core 255 or 2^63-1, no move through an R cap "
	        "(%ld %ld %ld %ld)",
	        m, bad1, bad2, bad3);
	uint64_t after = shared[XCORE_SPIN_FP_ROUNDS] - rounds, fp_bad = shared[XCORE_SPIN_FP_BAD];
	comp_ok(rounds > 0 && after > 0 && fp_bad == 0,
	        "its FP/SIMD registers moved with it from core 2 to core 3: %lu rounds on core 2, %lu since, "
	        "%lu register halves wrong",
	        (unsigned long)rounds, (unsigned long)after, (unsigned long)fp_bad);

	long d = u_cap_delete(SLOT_SPIN); /* its last cap: returns once it is gone */
	comp_ok(!d && !counting(),
	        "its last cap deleted from core 0 while it runs on core 3, it is gone (%ld)", d);
}

/* Two threads of one priority that never yield, on core 3, which idled
 * with its tick off: both run only if the tick restarted (a time slice is
 * TIMESLICE_TICKS = 5 ticks of 10 ms: 120 ms give each a turn). */
static void hogs(void)
{
	volatile const uint64_t *hog = (volatile const uint64_t *)REGION_SHARED_VA + XCORE_HOG_COUNT;
	long a = u_signal(SLOT_HOGS), b = u_signal(SLOT_HOGS); /* each wakes one waiting hog */
	sleep_ms(5);
	uint64_t h0 = hog[0], h1 = hog[1];
	sleep_ms(120);
	comp_ok(
	    !a && !b && hog[0] != h0 && hog[1] != h1,
	    "two threads of one priority that never yield share core 3 by its tick, restarted when core 3 "
	    "stopped idling (%lu %lu more)",
	    (unsigned long)(hog[0] - h0), (unsigned long)(hog[1] - h1));
}

int main(uintptr_t arg)
{
	(void)arg;
	/* 20 ms for the server to block in its Wait first (nothing signals
	 * IN yet: this wait times out), so the Signal wakes it on core 1. */
	struct u_msg m = u_wait(SLOT_IN, 20000);
	if (m.err != IPC_E_TIMED_OUT)
		uprintf("client: the first wait ended %ld, not TIMED_OUT\n", m.err);
	long e = u_signal(SLOT_OUT);
	m = u_wait(SLOT_IN, 0);
	comp_ok(e == 0 && m.err == 0 && m.badge == BADGE_SERVER_OUT,
	        "N2 a Signal on core 1 wakes a Wait on core 0 (err %ld, badge %lx)", m.err,
	        (unsigned long)m.badge);

	unsigned bad = 0, first_bad = XCORE_ROUNDS;
	for (uint64_t i = 0; i < XCORE_ROUNDS; i++) {
		uint64_t w[2] = {i, xcore_request(i)};
		m = u_call(SLOT_EP, (struct u_out){XCORE_CALL_LABEL, w, 2, 0}, 0);
		bool ok = m.err == 0 && m.kind == IPC_EV_REPLY && m.badge == 0 &&
		          m.label == XCORE_REPLY_LABEL && m.len == 2 && m.w[0] == xcore_reply(i) &&
		          m.w[1] == BADGE_CLIENT_EP;
		if (!ok && bad++ == 0)
			first_bad = (unsigned)i;
	}
	comp_ok(bad == 0, "S4 %u replies from core 1, each intact (%u bad, first %u)", XCORE_ROUNDS, bad,
	        first_bad);

	/* The server signals once its first timed Wait has ended and starts
	 * a second: move it to core 3 while it waits. */
	m = u_wait(SLOT_IN, 0);
	(void)u_wait(SLOT_SLEEP, XCORE_MOVE_AFTER_US);
	long mv = u_thread_set_cpu(SLOT_SERVER, 3);
	comp_ok(m.err == 0 && m.badge == BADGE_SERVER_OUT && mv == 0,
	        "a thread waiting with a deadline on core 1 moved to core 3 (%ld %ld)", m.err, mv);
	spinner();
	hogs();
	comp_done();
	return 0;
}
