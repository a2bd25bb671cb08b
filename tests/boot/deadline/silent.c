/* "deadline" test: a server that takes one call and never replies. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
	comp_ok(m.err == 0 && m.kind == IPC_EV_CALL, "silent server took the call (%ld)", m.err);
	(void)u_recv(SLOT_EP, U_NONE, 0); /* block forever, holding no reply */
	return 0;
}
