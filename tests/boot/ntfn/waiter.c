/* "ntfn" test waiter: blocks on the notification, polls, then takes a
 * bound notification's signal while blocked in Recv on an endpoint. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct u_msg m = u_wait(SLOT_N, 0);
	comp_ok(m.err == 0 && m.badge == BADGE_SIGNALLER_N1,
	        "N2 Wait in one space woken by a Signal from another, badge %lx", (unsigned long)m.badge);
	m = u_poll(SLOT_N);
	comp_ok(m.err == IPC_E_NOTHING, "N3 Poll with nothing pending says NOTHING (%ld)", m.err);

	/* The signaller signals badges 1 and 4, then Sends on sync. */
	m = u_recv(SLOT_SYNC, U_NONE, 0);
	m = u_poll(SLOT_N);
	comp_ok(m.err == 0 && m.badge == (BADGE_SIGNALLER_N1 | BADGE_SIGNALLER_N4),
	        "N1 two signals coalesce into one word (%lx)", (unsigned long)m.badge);

	long e = u_ntfn_bind(SLOT_BOUND, KABI_SELF);
	m = u_recv(SLOT_EP, U_NONE, 0);
	comp_ok(e == 0 && m.err == 0 && m.kind == IPC_EV_NOTIFY && m.badge == BADGE_SIGNALLER_BOUND,
	        "N4/M3 bound notification wakes Recv on an endpoint, kind NOTIFY (kind %u)", m.kind);
	comp_done();
	return 0;
}
