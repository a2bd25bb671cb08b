/*
 * Demo (a), a client of the badge server: registers with a Call on its
 * unbadged REGISTER cap (W + G, so the reply may carry a cap), receives its
 * badged session cap into the SESSION slot the description reserved, then
 * makes its requests on that cap and checks each answer carries its own
 * badge. arg = client number. Concurrency: one thread.
 */
#include "../lib/comp.h"
#include "demo.h"

int main(uintptr_t me)
{
	struct ipc_buffer *b = u_ipcbuf();
	b->recv_slots[0] = SLOT_SESSION;
	b->recv_slots[1] = b->recv_slots[2] = IPC_SLOT_NONE;
	struct u_msg m = u_call(SLOT_REGISTER, (struct u_out){DEMO_LABEL_REGISTER, 0, 0, 0}, 0);
	const struct ipc_recv_info *ri = u_recv_info();
	bool got = m.err == 0 && m.kind == IPC_EV_REPLY && m.ncaps == 1 && ri->ncaps == 1 &&
	           ri->cap_outcome[0] == IPC_CAP_DELIVERED && ri->cap_slot[0] == SLOT_SESSION;
	uint64_t badge = m.w[0];
	comp_ok(got, "C3/C4 client %lu received a cap minted with badge 0x%lx in slot SESSION (%u)",
	        (unsigned long)me, (unsigned long)badge, SLOT_SESSION);
	bool ok = got;
	for (unsigned r = 0; got && r < DEMO_REQUESTS; r++) {
		uint64_t w = me * 10 + r;
		m = u_call(SLOT_SESSION, (struct u_out){DEMO_LABEL_REQUEST, &w, 1, 0}, 0);
		ok &= m.err == 0 && m.kind == IPC_EV_REPLY && m.len == 2 && m.w[0] == badge && m.w[1] == w;
	}
	comp_ok(ok, "B3 client %lu: %u answers, each for badge 0x%lx", (unsigned long)me, DEMO_REQUESTS,
	        (unsigned long)badge);
	comp_done();
	return 0;
}
