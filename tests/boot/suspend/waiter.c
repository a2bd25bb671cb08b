/* "suspend" test: block in Recv; ctl suspends and resumes us. We signal
 * ctl once we have checked (suspend.sys). */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	long e = u_recv(SLOT_EP, U_NONE, 0).err;
	comp_ok(e == IPC_E_CANCELLED, "X3 Recv of a thread suspended while blocked ends CANCELLED (%ld)", e);
	(void)u_signal(SLOT_CHECKED);
	comp_done();
	return 0;
}
