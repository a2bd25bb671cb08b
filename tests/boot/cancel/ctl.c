/*
 * "cancel" test, round 2's canceller (the endpoint's owner): once "sender"
 * and "faulter" (stage 1, queued before it at its priority) wait on the
 * endpoint with badge BADGE_S2_EP, it mints an all-rights cap with that
 * badge from its unbadged one and cancels: the Send ends CANCELLED, the
 * fault message stays queued for the handler (cancel.sys).
 */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	long e = u_cap_mint(SLOT_EP, SLOT_MINE, IPC_RIGHTS_ALL, BADGE_S2_EP);
	long c = e ? e : u_cap_cancel_badged_sends(SLOT_MINE);
	comp_ok(c == 0, "the endpoint's owner cancels badge %lu with an all-rights cap (%ld)",
	        (unsigned long)BADGE_S2_EP, c);
	comp_done();
	return 0;
}
