/*
 * "ipc" test server: receives three Calls, three Sends and a Call carrying
 * a cap, checking length, words, badge and event kind of each, and answers
 * every Call with a reply of the same length. Then it sends on the cap it
 * was given, so the client can see that cap's badge.
 */
#include "comp.h"
#include "ipc_test.h"

static const uint32_t lens[3] = {0, 4, IPC_MSG_MAX_WORDS};

static bool words_ok(unsigned round, uint32_t len, const struct u_msg *m)
{
	const uint64_t *w = u_ipcbuf()->words;
	for (uint32_t i = 0; i < len; i++)
		if (w[i] != pattern(round, i) || (i < 4 && m->w[i] != pattern(round, i)))
			return false;
	return true;
}

int main(uintptr_t arg)
{
	(void)arg;
	uint64_t out[IPC_MSG_MAX_WORDS];
	for (unsigned r = 0; r < 3; r++) {
		struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
		comp_ok(m.err == 0 && m.kind == IPC_EV_CALL && m.badge == BADGE_CLIENT_EP &&
		            m.label == 0x100 + r && m.len == lens[r] && words_ok(r, lens[r], &m),
		        "S4/B1/M3 server got a Call with %u words across address spaces", lens[r]);
		for (uint32_t i = 0; i < lens[r]; i++)
			out[i] = pattern(r + 10, i);
		long e = u_reply(SLOT_REPLY, (struct u_out){0x500 + r, out, lens[r], 0});
		if (e)
			uprintf("server: reply failed %ld\n", e);
	}
	for (unsigned r = 0; r < 3; r++) {
		struct u_msg m = u_recv(SLOT_EP, U_NONE, 0);
		comp_ok(m.err == 0 && m.kind == IPC_EV_SEND && m.badge == BADGE_CLIENT_EP &&
		            m.len == lens[r] && words_ok(r + 20, lens[r], &m),
		        "S1 server got a Send with %u words across address spaces", lens[r]);
	}

	/* C4/C6/C7: name a receive slot, take the cap the client mints. */
	u_ipcbuf()->recv_slots[0] = SLOT_GOT;
	struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
	const struct ipc_recv_info *ri = u_recv_info();
	comp_ok(m.err == 0 && m.ncaps == 1 && ri->cap_outcome[0] == IPC_CAP_DELIVERED &&
	            ri->cap_slot[0] == SLOT_GOT,
	        "C4/C7 a minted cap crossed address spaces into the named receive slot");
	u_ipcbuf()->recv_slots[0] = IPC_SLOT_NONE;
	(void)u_reply(SLOT_REPLY, (struct u_out){0, 0, 0, 0});
	uint64_t w = 0xabc;
	long e = u_send(SLOT_GOT, (struct u_out){BACK_LABEL, &w, 1, 0}, 0);
	if (e)
		uprintf("server: send on the transferred cap failed %ld\n", e);
	comp_done();
	return 0;
}
