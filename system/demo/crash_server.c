/*
 * Demo (d), a server that crashes: answers each request on SERVICE with
 * demo_crash_answer(word 0) and the caller's badge, except that every
 * arg-th request of an instance (0: none) it takes a data abort at
 * DEMO_CRASH_POINTER while holding the call. It is described `restart=`, so
 * its fault goes to the supervisor, which tears it down (the caller wakes
 * PEER_GONE) and starts a fresh instance, whose count starts at 0 again.
 * Concurrency: one thread.
 */
#include "../lib/comp.h"
#include "demo.h"

/* Through a volatile pointer, so the compiler keeps the store it cannot see the target of. */
static volatile uint64_t *volatile crash_at = (volatile uint64_t *)DEMO_CRASH_POINTER;

int main(uintptr_t every)
{
	uint64_t served = 0;
	struct u_msg m = u_recv(SLOT_SERVICE, SLOT_REPLY, 0);
	for (;;) {
		if (m.err) {
			m = u_recv(SLOT_SERVICE, SLOT_REPLY, 0);
			continue;
		}
		if (every && ++served % every == 0)
			*crash_at = m.w[0];
		uint64_t w[2] = {demo_crash_answer(m.w[0]), m.badge};
		m = u_reply_recv(SLOT_SERVICE, SLOT_REPLY, (struct u_out){0, w, 2, 0}, 0);
	}
}
