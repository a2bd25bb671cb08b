/*
 * Demo (d), a client of the crashing server: makes its requests (arg:
 * DEMO_CRASH_CLIENT_ARG(requests, badge)) through its badged SERVICE cap,
 * retries each call that ends PEER_GONE (the server died holding it),
 * checks every answer and that it carries its own badge, then sends the
 * tally its PEER_GONE count and reports. Concurrency: one thread.
 */
#include "../lib/comp.h"
#include "demo.h"

int main(uintptr_t arg)
{
	uint64_t badge = DEMO_CRASH_CLIENT_BADGE(arg), n = DEMO_CRASH_CLIENT_REQUESTS(arg), gone = 0,
	         wrong = 0;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t x = badge << 32 | i;
		struct u_msg m;
		while ((m = u_call(SLOT_SERVICE, (struct u_out){0, &x, 1, 0}, 0)).err == IPC_E_PEER_GONE)
			gone++;
		if (m.err || m.w[0] != demo_crash_answer(x) || m.w[1] != badge) {
			if (!wrong)
				uprintf("client %lu: request %lu: status %ld, answer 0x%lx, badge %lu\n",
				        (unsigned long)badge, (unsigned long)i, m.err, (unsigned long)m.w[0],
				        (unsigned long)m.w[1]);
			wrong++;
		}
	}
	comp_ok(wrong == 0,
	        "client %lu: %lu answers checked (%lu wrong), %lu calls ended PEER_GONE and were retried",
	        (unsigned long)badge, (unsigned long)n, (unsigned long)wrong, (unsigned long)gone);
	uint64_t t[2] = {gone, n - wrong};
	long e = u_send(SLOT_TALLY, (struct u_out){0, t, 2, 0}, 0);
	if (e)
		comp_ok(false, "client %lu: sending the tally: %ld", (unsigned long)badge, e);
	comp_done();
	return 0;
}
