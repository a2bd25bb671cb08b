/* "transcript" test: answer every message, print what arrived (transcript.sys). */
#include "comp.h"
#include "transcript.h"

static unsigned sum(const struct u_msg *m)
{
	unsigned s = 0;
	for (uint32_t i = 0; i < m->len; i++)
		s = s * 31 + (unsigned)u_ipcbuf()->words[i];
	return s;
}

int main(uintptr_t seed)
{
	uint64_t st = seed;
	struct ipc_buffer *b = u_ipcbuf();
	bool ok = true;
	unsigned stops = 0, k = 0;

	b->recv_slots[0] = SLOT_SPARE;
	b->recv_slots[1] = b->recv_slots[2] = IPC_SLOT_NONE;
	struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
	for (;; k++) {
		/* Only a message with caps rewrites the receive info page. */
		uint8_t outcome = m.ncaps ? u_recv_info()->cap_outcome[0] : 0;
		uprintf("T srv %u: err %ld label %lx len %u sum %x badge %lx kind %u ncaps %u cap %u\n", k,
		        m.err, (unsigned long)m.label, m.len, sum(&m), (unsigned long)m.badge, m.kind,
		        m.ncaps, outcome);
		ok &= m.err == 0;
		if (outcome == IPC_CAP_DELIVERED)
			uprintf("T srv %u: delete %ld\n", k, u_cap_delete(SLOT_SPARE));
		if (m.label == TR_LABEL_STOP && ++stops == TR_CLIENTS)
			break;
		uint64_t w[6];
		uint32_t len = (uint32_t)(tr_rnd(&st) % 7);
		for (uint32_t i = 0; i < len; i++)
			w[i] = m.label * 3 + i + (m.len ? b->words[0] : 0);
		if (m.kind == IPC_EV_CALL && tr_rnd(&st) % 8 == 0) {
			uprintf("T srv %u: abandon the caller\n", k); /* S6: it gets PEER_GONE */
			m = u_recv(SLOT_EP, SLOT_REPLY, 0);
		} else {
			m = u_reply_recv(SLOT_EP, SLOT_REPLY, (struct u_out){m.label + 1, w, len, 0}, 0);
		}
	}
	comp_ok(ok, "transcript server: %u messages", k);
	comp_done();
	return 0;
}
