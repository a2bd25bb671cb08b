/*
 * Boot test "cancel": CancelBadgedSends (X2) needs a cap with all rights,
 * as seL4's does, and never cancels a queued fault message.
 *
 * Round 2 first (the root's own, legitimate cancel): "sender" (arg 1) and
 * "faulter" (arg 1) queue a Send and a fault message with badge 9 on the
 * endpoint; the root cancels badge 9 with an all-rights cap: the Send ends
 * CANCELLED, the fault message stays for the handler.
 * Round 1 (the attack): "sender" and "faulter" queue a Send and a fault
 * message with badge 7; "attacker" holds caps with that badge but without
 * all rights (none; R|W|G) and tries to cancel: NO_RIGHTS, nothing ends.
 * Last, the "handler" receives everything still queued: both sends it was
 * meant to get and both fault messages, so no thread is reported "stopped
 * by its fault handler" before its handler saw the fault.
 */
#include "../common/btest.h"
#include "cancel_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, CANCEL_PLAN);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	uint32_t reply = root_new(KOBJ_REPLY);
	struct component s1, f1, s2, f2, attacker, handler;
	root_spawn("sender", 200, U_NONE, &s2); /* round 2: run before us once we yield */
	root_spawn("faulter", 200, K_SLOT_EP, &f2);
	root_spawn("sender", 100, U_NONE, &s1);
	root_spawn("faulter", 100, K_SLOT_EP, &f1);
	root_spawn("attacker", 90, U_NONE, &attacker);
	root_spawn("handler", 80, U_NONE, &handler);
	root_give(&s2, K_SLOT_EP, ep, IPC_W, K_BADGE_OWN);
	root_give(&f2, K_SLOT_EP, ep, IPC_W | IPC_G, K_BADGE_OWN);
	root_give(&s1, K_SLOT_EP, ep, IPC_W, K_BADGE_VICTIM);
	root_give(&f1, K_SLOT_EP, ep, IPC_W | IPC_G, K_BADGE_VICTIM);
	root_give(&attacker, K_SLOT_EP, ep, 0, K_BADGE_VICTIM);
	root_give(&attacker, K_SLOT_EP_RWG, ep, IPC_R | IPC_W | IPC_G, K_BADGE_VICTIM);
	root_give(&handler, K_SLOT_EP, ep, IPC_R, 0);
	root_give(&handler, K_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);

	spawn_start(&s2, 1);
	spawn_start(&f2, 1);
	u_yield(); /* both queue on the endpoint (equal priority, FIFO) */
	uint32_t mine = root_alloc_slot();
	long e = u_cap_mint(ep, mine, IPC_RIGHTS_ALL, K_BADGE_OWN);
	long c = e ? e : u_cap_cancel_badged_sends(mine);
	tap_ok(c == 0, "the endpoint's owner cancels badge %u with an all-rights cap (%ld)", K_BADGE_OWN, c);

	spawn_start(&s1, 0);
	spawn_start(&f1, 0);
	spawn_start(&attacker, 0);
	spawn_start(&handler, 0);
	root_finish(4, 20000); /* both senders, attacker, handler; faulters end stopped */
}
