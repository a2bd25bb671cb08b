/*
 * Demo (a), the server of SEMANTICS B3 across address spaces. A Call with
 * badge 0 on the service endpoint is a registration: the server mints a cap
 * to the same endpoint with a fresh badge (W + GR, from its MINT slot) and
 * transfers it in the reply. Every later request arrives on such a badged
 * cap, and the badge alone tells the server which client sent it. The loop
 * answers with ReplyRecv (S7); arg = number of clients. A client numbers
 * its requests client * 10 + r; the badges are handed out in the order the
 * registrations arrive, which on several cores need not be the clients'
 * order, so the server checks that each badge's requests come from one
 * client, in order, and no two badges from the same client. Concurrency:
 * one thread; clients run in their own spaces.
 */
#include "../lib/comp.h"
#include "demo.h"

int main(uintptr_t nclients)
{
	unsigned registered = 0, served[8] = {0}, owner[8] = {0},
	         total = (unsigned)nclients * (1 + DEMO_REQUESTS);
	bool badges_ok = true;
	uprintf("server: serving %lu clients on one endpoint\n", (unsigned long)nclients);
	struct u_msg m = u_recv(SLOT_SERVICE, SLOT_REPLY, 0);
	for (unsigned k = 0; k < total; k++) {
		uint64_t out[2] = {0, 0};
		struct u_out o = {0, out, 2, 0};
		if (m.err || m.kind != IPC_EV_CALL) {
			badges_ok = false;
		} else if (m.badge == 0 && m.label == DEMO_LABEL_REGISTER && registered < nclients) {
			uint64_t badge = DEMO_BADGE_BASE + registered++;
			u_ipcbuf()->caps[0] = (struct ipc_xfer){.slot = SLOT_MINT,
			                                        .mode = IPC_XFER_MINT,
			                                        .rights = IPC_W | IPC_GR,
			                                        .badge = badge};
			o.ncaps = 1;
			out[0] = badge;
			uprintf("server: registration from an unbadged cap: minted a cap with badge 0x%lx\n",
			        (unsigned long)badge);
		} else {
			unsigned c = (unsigned)(m.badge - DEMO_BADGE_BASE);
			if (m.label != DEMO_LABEL_REQUEST || c >= registered || c >= 8 ||
			    m.w[0] % 10 != served[c] || (served[c] && m.w[0] / 10 != owner[c])) {
				badges_ok = false;
			} else {
				owner[c] = (unsigned)(m.w[0] / 10); /* the client behind badge c */
				served[c]++;
				uprintf("server: request %lu on badge 0x%lx -> client %u\n",
				        (unsigned long)m.w[0], (unsigned long)m.badge, owner[c]);
			}
			out[0] = m.badge;
			out[1] = m.w[0];
		}
		if (k + 1 == total) {
			long e = u_reply(SLOT_REPLY, o);
			badges_ok &= e == 0;
			break;
		}
		m = u_reply_recv(SLOT_SERVICE, SLOT_REPLY, o, 0);
	}
	bool all = registered == nclients;
	for (unsigned c = 0; c < nclients && c < 8; c++) {
		all &= served[c] == DEMO_REQUESTS;
		for (unsigned d = 0; d < c; d++)
			badges_ok &= owner[d] != owner[c]; /* one badge per client */
	}
	comp_ok(badges_ok, "B3 server told every request apart by its badge");
	comp_ok(all, "S7 ReplyRecv served %u registrations and %u requests per client", registered,
	        DEMO_REQUESTS);
	comp_done();
	return 0;
}
