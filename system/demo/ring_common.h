/*
 * Demo (b): the SharedRing's blocking callbacks on kernel notifications.
 * wait() is a Wait on the notification this side sleeps on; notify() a
 * Signal on the one the peer sleeps on. A notification is sticky (N1), so a
 * Signal that arrives between the ring's "wake me" announcement and the Wait
 * is not lost; the ring itself re-checks after announcing (G3).
 * Concurrency: each side's waker is used by that side's thread only.
 */
#ifndef RING_COMMON_H
#define RING_COMMON_H

#include <ipc/ring.h>
#include <user/sys.h>

struct ring_ntfns {
	uint32_t sleep_on; /* notification slot we Wait on */
	uint32_t wake;     /* notification slot we Signal */
};

static int ring_wait(void *ctx, _Atomic uint32_t *flag, uint32_t expected)
{
	(void)flag;
	(void)expected;
	struct u_msg m = u_wait(((struct ring_ntfns *)ctx)->sleep_on, 0);
	return m.err ? (int)m.err : 0;
}

static void ring_notify(void *ctx, _Atomic uint32_t *flag)
{
	(void)flag;
	(void)u_signal(((struct ring_ntfns *)ctx)->wake);
}

#endif
