/* "transcript" test: a seeded random mix of calls, one line each (transcript.sys). */
#include "comp.h"
#include "transcript.h"

static void show(const char *who, unsigned k, const char *op, const struct u_msg *m)
{
	uprintf("T %s %u %s: err %ld label %lx len %u w %lx %lx %lx %lx badge %lx kind %u\n", who, k, op,
	        m->err, (unsigned long)m->label, m->len, (unsigned long)m->w[0], (unsigned long)m->w[1],
	        (unsigned long)m->w[2], (unsigned long)m->w[3], (unsigned long)m->badge, m->kind);
}

int main(uintptr_t seed)
{
	uint64_t st = seed;
	const char *who = seed == 0x9e3779b97f4a7c15ul ? "c1" : "c2";
	struct ipc_buffer *b = u_ipcbuf();
	bool ok = true;

	for (unsigned k = 0; k < TR_OPS; k++) {
		uint64_t w[6];
		uint32_t len = (uint32_t)(tr_rnd(&st) % 7);
		uint64_t label = tr_rnd(&st) & 0xffffff;
		for (uint32_t i = 0; i < len; i++)
			w[i] = tr_rnd(&st);
		struct u_out o = {label, w, len, 0};
		struct u_msg m;
		long e, e2;
		switch (tr_rnd(&st) % 10) {
		case 4: /* a Call that transfers a cap: the slow path */
			b->caps[0] = (struct ipc_xfer){.slot = SLOT_GIFT, .mode = IPC_XFER_COPY};
			o.ncaps = 1;
			m = u_call(SLOT_EP, o, 0);
			show(who, k, "call+cap", &m);
			break;
		case 5: /* a deadline puts the caller on the timer list: slow path */
			m = u_call(SLOT_EP, o, TR_TIMEOUT_US);
			show(who, k, "call+deadline", &m);
			break;
		case 6:
			e = u_send(SLOT_EP, o, 0);
			uprintf("T %s %u send: err %ld\n", who, k, e);
			break;
		case 7:
			e = u_nbsend(SLOT_EP, o);
			uprintf("T %s %u nbsend: err %ld\n", who, k, e);
			break;
		case 8:
			e = u_cap_copy(SLOT_GIFT, SLOT_SPARE);
			e2 = u_cap_delete(SLOT_SPARE);
			uprintf("T %s %u copy+delete: err %ld %ld\n", who, k, e, e2);
			break;
		case 9:
			e = u_signal(SLOT_NTFN);
			uprintf("T %s %u signal: err %ld\n", who, k, e);
			break;
		default:
			m = u_call(SLOT_EP, o, 0);
			show(who, k, "call", &m);
			ok &= m.err == 0 || m.err == IPC_E_PEER_GONE;
			break;
		}
	}
	ok &= u_send(SLOT_EP, (struct u_out){TR_LABEL_STOP, 0, 0, 0}, 0) == 0;
	ok &= u_signal(SLOT_NTFN_STOP) == 0;
	comp_ok(ok, "transcript client %s: %u operations", who, TR_OPS);
	comp_done();
	return 0;
}
