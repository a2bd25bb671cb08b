/* "ntfn" test signaller: drives the waiter (ntfn.sys, waiter.c for the order). */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	long e1 = u_signal(SLOT_N1); /* waiter blocked in Wait: wakes */
	long e2 = u_signal(SLOT_N1); /* waiter in Recv(sync): pending */
	long e3 = u_signal(SLOT_N4); /* ORed in */
	long e4 = u_send(SLOT_SYNC, (struct u_out){0, 0, 0, 0}, 0);
	long e5 = u_signal(SLOT_BOUND); /* waiter in Recv(ep), bound */
	comp_ok(!e1 && !e2 && !e3 && !e4 && !e5, "Signal from another address space succeeds");
	long e6 = u_wait(SLOT_N1, 0).err;
	comp_ok(e6 == IPC_E_NO_RIGHTS, "R1 Wait through a send-only cap is refused (%ld)", e6);
	comp_done();
	return 0;
}
