/* "server" test: a ReplyRecv loop that answers each request with its
 * badge and first word, until it has served 3 requests per client. */
#include "comp.h"

#define ROUNDS 3

int main(uintptr_t nclients)
{
	unsigned served[8] = {0};
	bool badges_ok = true;
	struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
	for (unsigned k = 0; k < nclients * ROUNDS; k++) {
		unsigned c = (unsigned)(m.badge - 0x100);
		if (m.err || m.kind != IPC_EV_CALL || c >= nclients || m.w[0] != c * 10 + served[c])
			badges_ok = false;
		if (c < 8)
			served[c]++;
		uint64_t out[2] = {m.badge, m.w[0]};
		if (k + 1 == nclients * ROUNDS) {
			(void)u_reply(SLOT_REPLY, (struct u_out){0, out, 2, 0});
			break;
		}
		m = u_reply_recv(SLOT_EP, SLOT_REPLY, (struct u_out){0, out, 2, 0}, 0);
	}
	comp_ok(badges_ok, "B3 server saw every request with its client's badge");
	comp_ok(served[0] == ROUNDS && served[1] == ROUNDS && served[2] == ROUNDS,
	        "S7 ReplyRecv served %u/%u/%u requests", served[0], served[1], served[2]);
	comp_done();
	return 0;
}
