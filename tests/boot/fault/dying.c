/* "fault" test: a server that takes a Call and then faults without a
 * handler, so its caller must wake with PEER_GONE (S6, F1). */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
	comp_ok(m.err == 0 && m.kind == IPC_EV_CALL, "server took a call, now faults holding it");
	*(volatile uint64_t *)SYS_UNMAPPED_VA = 1;
	return 0;
}
