/* "fault" test: Call the server that will die holding our call. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	long e = u_call(SLOT_EP, (struct u_out){1, 0, 0, 0}, 0).err;
	comp_ok(e == IPC_E_PEER_GONE, "S6 caller of a server stopped by a fault wakes with PEER_GONE (%ld)",
	        e);
	comp_done();
	return 0;
}
