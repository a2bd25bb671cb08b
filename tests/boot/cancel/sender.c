/* "cancel" test: a client with a queued Send (arg 0: victim, round 1;
 * arg 1: cancelled by the endpoint's owner, round 2). */
#include "comp.h"

int main(uintptr_t arg)
{
	uint64_t w = 0x5e4d;
	long e = u_send(SLOT_EP, (struct u_out){0, &w, 1, 0}, 0);
	if (arg == 0)
		comp_ok(
		    e == 0,
		    "a client's queued Send survives a cancel through a cap with its badge but without all "
		    "rights (%ld)",
		    e);
	else
		comp_ok(e == IPC_E_CANCELLED, "the owner's cancel ends a queued Send with CANCELLED (%ld)",
		        e);
	comp_done();
	return 0;
}
