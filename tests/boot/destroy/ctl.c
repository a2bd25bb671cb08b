/*
 * "destroy" test (destroy.sys): ctl makes the objects itself from the root
 * task's untyped, so its caps are the originals, and mints copies into the
 * waiters' and senders' empty OBJ slots through caps to their spaces;
 * above them all, it does so before any of them runs. Threads in four
 * components then block on endpoints (a receiver on one, a sender and a
 * caller on another) and a notification; ctl revokes and deletes its caps,
 * destroying both objects: every waiter must wake with OBJECT_GONE (X1).
 * Also X2: cancel-badged-sends removes exactly the senders with that badge.
 */
#include "comp.h"
#include "destroy_test.h"

static const uint32_t waiter_space[4] = {SLOT_W0, SLOT_W1, SLOT_W2, SLOT_W3};
static const uint32_t sender_space[DESTROY_SENDERS] = {SLOT_S0, SLOT_S1, SLOT_S2};

static long make(unsigned type, uint32_t slot)
{
	long e = u_retype(SLOT_UNTYPED, type, slot);
	if (e)
		uprintf("ctl: retype %u failed: %ld\n", type, e);
	return e;
}

static long give(uint32_t space, uint32_t dst, uint32_t src, uint64_t badge)
{
	uint32_t rights = badge ? IPC_W : IPC_RIGHTS_ALL;
	long e = u_cap_install(space, dst, src, rights, badge);
	if (e)
		uprintf("ctl: cap install into slot %u failed: %ld\n", dst, e);
	return e;
}

int main(uintptr_t arg)
{
	(void)arg;
	long e = make(KOBJ_ENDPOINT, SLOT_EP_R); /* a receiver waits here */
	e |= make(KOBJ_ENDPOINT, SLOT_EP_S);     /* a sender and a caller here */
	e |= make(KOBJ_NTFN, SLOT_N);
	e |= make(KOBJ_ENDPOINT, SLOT_EP2);
	e |= make(KOBJ_NTFN, SLOT_SLEEP);
	/* Waiters 0..3 block in Recv, Send, Call and Wait. */
	static const uint32_t obj[4] = {SLOT_EP_R, SLOT_EP_S, SLOT_EP_S, SLOT_N};
	for (unsigned i = 0; i < 4; i++)
		e |= give(waiter_space[i], WAITER_SLOT_OBJ, obj[i], 0);
	/* X2: two senders badged 5 and one badged 6 queue on ep2. */
	for (unsigned i = 0; i < DESTROY_SENDERS; i++)
		e |= give(sender_space[i], SENDER_SLOT_OBJ, SLOT_EP2, destroy_badge(i));
	if (e)
		uprintf("ctl: set-up failed %ld\n", e);

	/* Let everyone block: sleep on a notification nobody signals. */
	(void)u_wait(SLOT_SLEEP, 100000);

	long c = u_cap_mint(SLOT_EP2, SLOT_B5, IPC_RIGHTS_ALL, DESTROY_BADGE_CANCEL);
	c |= u_cap_cancel_badged_sends(SLOT_B5);
	/* The badge-6 sender is still queued: receive it. */
	struct u_msg m = u_nbrecv(SLOT_EP2, U_NONE);
	comp_ok(c == 0 && m.err == 0 && m.badge == DESTROY_BADGE_KEEP &&
	            u_nbrecv(SLOT_EP2, U_NONE).err == IPC_E_NOTHING,
	        "X2 cancel-badged-sends removed exactly the badge-5 senders (left: badge %lx)",
	        (unsigned long)m.badge);

	/* X1: revoke removes the components' copies, delete the original. */
	long r1 = u_cap_revoke(SLOT_EP_R) | u_cap_delete(SLOT_EP_R);
	long r2 = u_cap_revoke(SLOT_EP_S) | u_cap_delete(SLOT_EP_S);
	long r3 = u_cap_revoke(SLOT_N) | u_cap_delete(SLOT_N);
	comp_ok(!r1 && !r2 && !r3, "C2 revoke + delete of the last caps succeeded");
	comp_done();
	return 0;
}
