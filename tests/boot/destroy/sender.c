/* "destroy" test sender for X2 (arg: its number): queue a Send with the
 * badge ctl minted us on the endpoint ctl put in slot OBJ. */
#include "comp.h"
#include "destroy_test.h"

int main(uintptr_t sender)
{
	uint64_t badge = destroy_badge((unsigned)sender);
	long e = u_send(SLOT_OBJ, (struct u_out){badge, 0, 0, 0}, 0);
	if (badge == DESTROY_BADGE_CANCEL)
		comp_ok(e == IPC_E_CANCELLED, "X2 badge-5 sender woke with CANCELLED (%ld)", e);
	else
		comp_ok(e == 0, "X2 badge-6 sender delivered (%ld)", e);
	comp_done();
	return 0;
}
