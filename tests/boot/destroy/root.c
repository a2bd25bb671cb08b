/*
 * Boot test "destroy": threads in four components block on endpoints (a
 * receiver on one, a sender and a caller on another) and a notification.
 * The root task then revokes and deletes its caps, destroying both objects;
 * every waiter must wake with OBJECT_GONE (X1). Also X2: cancel-badged-sends
 * removes exactly the senders with that badge.
 */
#include "../common/btest.h"

#define W_SLOT_OBJ 2

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 9);
	uint32_t ep_r = root_new(KOBJ_ENDPOINT); /* a receiver waits here */
	uint32_t ep_s = root_new(KOBJ_ENDPOINT); /* a sender and a caller here */
	uint32_t n = root_new(KOBJ_NTFN);
	uint32_t ep2 = root_new(KOBJ_ENDPOINT);
	uint32_t timer = root_new(KOBJ_NTFN);

	static const uint64_t modes[4] = {SYS_RECV, SYS_SEND, SYS_CALL, SYS_WAIT};
	struct component w[4];
	for (unsigned i = 0; i < 4; i++) {
		root_spawn("waiter", 100, U_NONE, &w[i]);
		uint32_t obj = i == 0 ? ep_r : i == 3 ? n : ep_s;
		root_give(&w[i], W_SLOT_OBJ, obj, IPC_RIGHTS_ALL, 0);
		spawn_start(&w[i], modes[i]);
	}
	/* X2: two senders badged 5 and one badged 6 queue on ep2. */
	struct component s[3];
	static const uint64_t badges[3] = {5, 6, 5};
	for (unsigned i = 0; i < 3; i++) {
		root_spawn("sender", 100, U_NONE, &s[i]);
		root_give(&s[i], W_SLOT_OBJ, ep2, IPC_W, badges[i]);
		spawn_start(&s[i], badges[i]);
	}

	/* Let everyone block: sleep on a notification nobody signals. */
	(void)u_wait(timer, 100000);

	uint32_t b5 = root_alloc_slot();
	long e = u_cap_mint(ep2, b5, IPC_RIGHTS_ALL, 5);
	e |= u_cap_cancel_badged_sends(b5);
	/* The badge-6 sender is still queued: receive it. */
	struct u_msg m = u_nbrecv(ep2, U_NONE);
	tap_ok(e == 0 && m.err == 0 && m.badge == 6 && u_nbrecv(ep2, U_NONE).err == IPC_E_NOTHING,
	       "X2 cancel-badged-sends removed exactly the badge-5 senders (left: badge %lx)",
	       (unsigned long)m.badge);

	/* X1: revoke removes the components' copies, delete the original. */
	long r1 = u_cap_revoke(ep_r) | u_cap_delete(ep_r);
	long r2 = u_cap_revoke(ep_s) | u_cap_delete(ep_s);
	long r3 = u_cap_revoke(n) | u_cap_delete(n);
	tap_ok(!r1 && !r2 && !r3, "C2 revoke + delete of the last caps succeeded");
	root_finish(7, 20000);
}
