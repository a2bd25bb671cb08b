/*
 * Boot test "revoke", the server (revoke.sys): built from the untyped ctl
 * revokes. It takes one Call and never answers it, writes into the page
 * shared into it, and waits on its notification (made from its untyped)
 * forever.
 */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
	*(volatile uint64_t *)REGION_SHARED_VA = 0x5e;
	struct u_msg w = u_wait(SLOT_NTFN, 0);
	uprintf("server: still running after the revoke (%ld %ld)\n", m.err, w.err);
	for (;;)
		u_yield();
}
