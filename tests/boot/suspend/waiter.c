/* "suspend" test: block in Recv; the root suspends and resumes us. */
#include "../common/btest.h"

int main(uintptr_t arg)
{
	(void)arg;
	long e = u_recv(2, U_NONE, 0).err;
	tap_ok(e == IPC_E_CANCELLED, "X3 Recv of a thread suspended while blocked ends CANCELLED (%ld)", e);
	report_done();
	return 0;
}
