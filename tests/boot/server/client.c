/* "server" test client: three Calls checked against the badge the loader
 * minted for us; client 0 then tries the non-blocking and slot calls. */
#include "comp.h"

static void extras(void)
{
	long e = u_nbsend(SLOT_SPARE, (struct u_out){1, 0, 0, 0});
	comp_ok(e == IPC_E_NO_RECEIVER, "S2 NBSend with no receiver says NO_RECEIVER (%ld)", e);
	e = u_nbrecv(SLOT_SPARE, U_NONE).err;
	comp_ok(e == IPC_E_NOTHING, "S3 NBRecv with no sender says NOTHING (%ld)", e);
	e = u_poll(SLOT_NTFN).err;
	comp_ok(e == IPC_E_NOTHING, "N3 Poll on a quiet notification says NOTHING (%ld)", e);
	/* NBSendRecv: the send finds nobody (dropped), the receive phase
	 * waits on the notification, which we signalled beforehand. */
	(void)u_signal(SLOT_NTFN);
	struct u_msg m = u_nbsend_recv(SLOT_SPARE, (struct u_out){1, 0, 0, 0}, SLOT_NTFN, U_NONE, 0);
	comp_ok(m.err == 0 && m.kind == IPC_EV_NOTIFY, "S9 NBSendWait: send dropped, wait returns (%ld)",
	        m.err);
	long c1 = u_cap_copy(SLOT_SPARE, SLOT_COPY);
	long c2 = u_cap_move(SLOT_COPY, SLOT_MOVED);
	long c3 = u_nbsend(SLOT_COPY, (struct u_out){0, 0, 0, 0});
	long c4 = u_nbsend(SLOT_MOVED, (struct u_out){0, 0, 0, 0});
	comp_ok(!c1 && !c2 && c3 == IPC_E_EMPTY_SLOT && c4 == IPC_E_NO_RECEIVER,
	        "C1 copy then move: the old slot is empty, the new one works (%ld %ld %ld %ld)", c1, c2, c3,
	        c4);
	long d1 = u_cap_delete(SLOT_MOVED);
	long d2 = u_cap_delete(SLOT_MOVED);
	comp_ok(!d1 && d2 == IPC_E_EMPTY_SLOT, "C2 delete, then delete again: EMPTY_SLOT (%ld)", d2);
	long r1 = u_cap_mint(SLOT_SPARE, SLOT_MINTED, IPC_W, 9);
	long r2 = u_cap_revoke(SLOT_SPARE);
	long r3 = u_nbsend(SLOT_MINTED, (struct u_out){0, 0, 0, 0});
	comp_ok(!r1 && !r2 && r3 == IPC_E_EMPTY_SLOT, "C2 revoke removes the minted child (%ld)", r3);

	/* Benchmarks read the PMU counters at EL0 (docs/benchmarking.md); the
	 * reads must not trap, and the kernel keeps the cycle counter running. */
	uint64_t ev, k0, k1;
	ev = u_insns();
	__asm__ volatile("isb; mrs %0, pmccntr_el0" : "=r"(k0)::"memory");
	for (volatile unsigned i = 0; i < 1000; i++)
		;
	__asm__ volatile("isb; mrs %0, pmccntr_el0" : "=r"(k1)::"memory");
	comp_ok(k1 > k0, "EL0 may read the PMU counters (event 0 %lx, cycles %lx -> %lx)", (unsigned long)ev,
	        (unsigned long)k0, (unsigned long)k1);
}

int main(uintptr_t me)
{
	bool ok = true;
	for (unsigned r = 0; r < 3; r++) {
		uint64_t w = me * 10 + r;
		struct u_msg m = u_call(SLOT_EP, (struct u_out){0, &w, 1, 0}, 0);
		ok &=
		    m.err == 0 && m.kind == IPC_EV_REPLY && m.len == 2 && m.w[0] == 0x100 + me && m.w[1] == w;
	}
	comp_ok(ok, "B3 client %lu got its own three replies", (unsigned long)me);
	if (me == 0)
		extras();
	comp_done();
	return 0;
}
