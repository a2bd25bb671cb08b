/* "destroy" test sender for X2: queue a Send with the badge we were given. */
#include "../common/btest.h"

#define W_SLOT_OBJ 2

int main(uintptr_t badge)
{
	long e = u_send(W_SLOT_OBJ, (struct u_out){badge, 0, 0, 0}, 0);
	if (badge == 5)
		tap_ok(e == IPC_E_CANCELLED, "X2 badge-5 sender woke with CANCELLED (%ld)", e);
	else
		tap_ok(e == 0, "X2 badge-6 sender delivered (%ld)", e);
	report_done();
	return 0;
}
