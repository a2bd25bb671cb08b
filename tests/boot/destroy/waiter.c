/* "destroy" test waiter: block in the operation the root chose, then
 * report how it ended. */
#include "../common/btest.h"

#define W_SLOT_OBJ 2

int main(uintptr_t mode)
{
	long e;
	const char *what;
	uint64_t w[4] = {1, 2, 3, 4};
	switch (mode) {
	case SYS_RECV:
		e = u_recv(W_SLOT_OBJ, U_NONE, 0).err, what = "Recv";
		break;
	case SYS_SEND:
		e = u_send(W_SLOT_OBJ, (struct u_out){1, w, 4, 0}, 0), what = "Send";
		break;
	case SYS_CALL:
		e = u_call(W_SLOT_OBJ, (struct u_out){1, w, 4, 0}, 0).err, what = "Call";
		break;
	default:
		e = u_wait(W_SLOT_OBJ, 0).err, what = "Wait";
		break;
	}
	tap_ok(e == IPC_E_OBJECT_GONE, "X1 thread blocked in %s woke with OBJECT_GONE (%ld)", what, e);
	report_done();
	return 0;
}
