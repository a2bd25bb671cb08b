/*
 * "ipc" test client: Calls the server with 0, 4 and the maximum number of
 * words and checks each reply, Sends the same three sizes, then Calls with
 * a cap minted with a badge (C4) and receives on that endpoint the server's
 * message, which must carry the new badge (B1).
 */
#include "comp.h"
#include "ipc_test.h"

static const uint32_t lens[3] = {0, 4, IPC_MSG_MAX_WORDS};

int main(uintptr_t arg)
{
	(void)arg;
	uint64_t w[IPC_MSG_MAX_WORDS];
	for (unsigned r = 0; r < 3; r++) {
		for (uint32_t i = 0; i < lens[r]; i++)
			w[i] = pattern(r, i);
		struct u_msg m = u_call(SLOT_EP, (struct u_out){0x100 + r, w, lens[r], 0}, 0);
		bool ok = m.err == 0 && m.kind == IPC_EV_REPLY && m.badge == 0 && m.label == 0x500 + r &&
		          m.len == lens[r];
		for (uint32_t i = 0; ok && i < lens[r]; i++)
			ok = u_ipcbuf()->words[i] == pattern(r + 10, i) &&
			     (i >= 4 || m.w[i] == pattern(r + 10, i));
		comp_ok(ok, "S4 client Call with %u words got its reply (err %ld)", lens[r], m.err);
	}
	for (unsigned r = 0; r < 3; r++) {
		for (uint32_t i = 0; i < lens[r]; i++)
			w[i] = pattern(r + 20, i);
		long e = u_send(SLOT_EP, (struct u_out){0x200 + r, w, lens[r], 0}, 0);
		comp_ok(e == 0, "S1 client Send with %u words delivered (err %ld)", lens[r], e);
	}

	u_ipcbuf()->caps[0] =
	    (struct ipc_xfer){.slot = SLOT_BACK, .mode = IPC_XFER_MINT, .rights = IPC_W, .badge = XFER_BADGE};
	struct u_msg m = u_call(SLOT_EP, (struct u_out){0x300, w, 1, 1}, 0);
	comp_ok(m.err == 0, "C3 Call carrying a cap (err %ld)", m.err);
	m = u_recv(SLOT_BACK, U_NONE, 0);
	comp_ok(m.err == 0 && m.kind == IPC_EV_SEND && m.label == BACK_LABEL && m.badge == XFER_BADGE &&
	            m.len == 1 && m.w[0] == 0xabc,
	        "B1 message through the transferred cap carries its minted badge %lx",
	        (unsigned long)m.badge);
	comp_done();
	return 0;
}
