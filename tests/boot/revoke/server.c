/*
 * Boot test "revoke", the server: made entirely from the untyped the root
 * revokes. It takes one Call and never answers it, writes into the page
 * the root shared into it, and waits on its notification forever.
 */
#include "../common/btest.h"

#include "revoke_test.h"

int main(void)
{
	struct u_msg m = u_recv(RV_SLOT_EP, RV_SLOT_REPLY, 0);
	*(volatile uint64_t *)RV_SHARED_VA = 0x5e;
	struct u_msg w = u_wait(RV_SLOT_NTFN, 0);
	uprintf("server: still running after the revoke (%ld %ld)\n", m.err, w.err);
	for (;;)
		u_yield();
}
