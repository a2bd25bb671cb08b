/*
 * Boot test "restart", the controller: calls the supervised crash_server
 * (restart.sys says how it crashes and what the supervisor's policy is)
 * and checks, call by call, what each instance does: two answers, then the
 * crash that ends the held call PEER_GONE; the retry answered by a fresh
 * instance after the back-off; the kernel's free pool pages and ASIDs back
 * where they were; and after the limit, no instance at all. Concurrency:
 * one thread; it outranks the server, so each Call runs the server at once.
 */
#include "../../../system/demo/demo.h"
#include "../../../system/lib/comp.h"

#define EVERY ARG_SERVER /* the server crashes on every EVERY-th request */
#define LIMIT RESTART_LIMIT_SERVER
#define BACKOFF_US RESTART_BACKOFF_US_SERVER
_Static_assert(EVERY >= 2 && LIMIT >= 2, "restart.sys: each instance answers, and restarts more than once");
#define NO_SERVER_US 200000u /* a call with nobody to serve it times out after this */

static uint64_t seq;

/* One call; 1: answered right, 0: PEER_GONE, -1: anything else (printed
 * unless it timed out). */
static int ask(uint64_t timeout_us, long *err)
{
	uint64_t x = ++seq;
	struct u_msg m = u_call(SLOT_SERVICE, (struct u_out){0, &x, 1, 0}, timeout_us);
	*err = m.err;
	if (m.err == IPC_E_PEER_GONE)
		return 0;
	if (m.err == 0 && m.w[0] == demo_crash_answer(x) && m.w[1] == BADGE_CTL_SERVICE)
		return 1;
	if (m.err != IPC_E_TIMED_OUT)
		uprintf("ctl: call %lu: status %ld, answer 0x%lx, badge 0x%lx\n", (unsigned long)x, m.err,
		        (unsigned long)m.w[0], (unsigned long)m.w[1]);
	return -1;
}

int main(uintptr_t arg)
{
	(void)arg;
	long e1 = 0, e3;
	unsigned first = 0;
	struct u_untyped_info before = u_untyped_info(SLOT_KERNEL);
	for (unsigned k = 0; k < EVERY - 1; k++)
		first += ask(0, &e1) == 1;
	comp_ok(first == EVERY - 1, "restart: the first instance answers %u of %u calls (%ld)", first,
	        (unsigned)EVERY - 1, e1);
	int c = ask(0, &e3);
	uint64_t t0 = u_now_us();
	comp_ok(c == 0, "restart: S6 the call the server holds when it crashes ends PEER_GONE (%ld)", e3);
	c = ask(0, &e3);
	uint64_t waited = u_now_us() - t0;
	comp_ok(c == 1,
	        "restart: the retry is answered by the next instance, through the same badged cap (%ld)", e3);
	comp_ok(waited >= BACKOFF_US,
	        "restart: the next instance started after the back-off (%lu us >= %lu us)",
	        (unsigned long)waited, (unsigned long)BACKOFF_US);
	struct u_untyped_info after = u_untyped_info(SLOT_KERNEL);
	comp_ok(
	    before.err == 0 && after.err == 0 && after.pool_free == before.pool_free &&
	        after.asids_free == before.asids_free,
	    "restart: free pool pages %lu and ASIDs %lu after the restart, as before the crash (%lu, %lu)",
	    (unsigned long)after.pool_free, (unsigned long)after.asids_free, (unsigned long)before.pool_free,
	    (unsigned long)before.asids_free);
	/* Instance 2 has answered once; drive it and the rest to the limit. The
	 * pattern must be exact: EVERY - 1 answers, then one PEER_GONE, per
	 * instance, for instances 2 .. LIMIT + 1, and nothing after. */
	unsigned gone = 1, bad = 0, answered = 1;
	for (unsigned inst = 2; inst <= LIMIT + 1; inst++) {
		for (unsigned k = inst == 2 ? 1 : 0; k < EVERY - 1; k++)
			bad += ask(0, &e1) != 1, answered++;
		bad += ask(0, &e1) != 0;
		gone++;
	}
	comp_ok(bad == 0, "restart: %u instances each answered %u calls and crashed on the next (%u wrong)",
	        LIMIT + 1, (unsigned)EVERY - 1, bad);
	int last = ask(NO_SERVER_US, &e1);
	comp_ok(last == -1 && e1 == IPC_E_TIMED_OUT,
	        "restart: after %u restarts (the limit) the supervisor gave up: a call times out (%ld)",
	        LIMIT, e1);
	comp_ok(gone == LIMIT + 1 && answered == LIMIT * (EVERY - 1),
	        "restart: %u crashes, %u answers after the first restart", gone, answered);
	comp_done();
	return 0;
}
