/* "destroy" test waiter: block in the operation ctl chose (arg: 0 Recv,
 * 1 Send, 2 Call, 3 Wait) on the object ctl put in slot OBJ, then report
 * how it ended. */
#include "comp.h"

int main(uintptr_t mode)
{
	long e;
	const char *what;
	uint64_t w[4] = {1, 2, 3, 4};
	switch (mode) {
	case 0:
		e = u_recv(SLOT_OBJ, U_NONE, 0).err, what = "Recv";
		break;
	case 1:
		e = u_send(SLOT_OBJ, (struct u_out){1, w, 4, 0}, 0), what = "Send";
		break;
	case 2:
		e = u_call(SLOT_OBJ, (struct u_out){1, w, 4, 0}, 0).err, what = "Call";
		break;
	default:
		e = u_wait(SLOT_OBJ, 0).err, what = "Wait";
		break;
	}
	comp_ok(e == IPC_E_OBJECT_GONE, "X1 thread blocked in %s woke with OBJECT_GONE (%ld)", what, e);
	comp_done();
	return 0;
}
