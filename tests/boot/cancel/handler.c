/*
 * "cancel" test: serves the endpoint last, when every other thread has had
 * its turn: it must find round 1's Send, and both fault messages (round 1's
 * and round 2's, which the owner's cancel must have left alone).
 */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	unsigned sends = 0, faults7 = 0, faults9 = 0, other = 0;
	for (unsigned i = 0; i < 3; i++) {
		struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 2000000);
		if (m.err) {
			uprintf("handler: recv %ld after %u messages\n", m.err, i);
			break;
		}
		if (m.kind == IPC_EV_SEND && m.badge == BADGE_S1_EP)
			sends++;
		else if (m.kind == IPC_EV_FAULT && m.badge == BADGE_S1_EP)
			faults7++;
		else if (m.kind == IPC_EV_FAULT && m.badge == BADGE_S2_EP)
			faults9++;
		else
			other++;
		if (m.kind == IPC_EV_FAULT)
			(void)u_reply(SLOT_REPLY, (struct u_out){1, 0, 0, 0}); /* leave it stopped */
	}
	comp_ok(sends == 1 && other == 0, "the victim's Send reached the server (%u, %u others)", sends,
	        other);
	comp_ok(faults7 == 1, "a fault message with the victim's badge reached the handler (%u)", faults7);
	comp_ok(faults9 == 1, "X2 by the owner left the queued fault message for the handler (%u)", faults9);
	comp_done();
	return 0;
}
