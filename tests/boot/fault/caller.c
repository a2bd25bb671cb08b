/* "fault" test: Call the server that will die holding our call. */
#include "../common/btest.h"

int main(uintptr_t arg)
{
	(void)arg;
	long e = u_call(2, (struct u_out){1, 0, 0, 0}, 0).err;
	tap_ok(e == IPC_E_PEER_GONE, "S6 caller of a server stopped by a fault wakes with PEER_GONE (%ld)",
	       e);
	report_done();
	return 0;
}
