/*
 * "isolation" test, the trap threads' fault handler: each of the
 * T_ATTACKS attacks (trap.c) must arrive once, as an UNDEFINED fault with
 * an unknown-instruction or trapped-system-register syndrome; each thread
 * is left stopped. Then the PMU still counts and the kernel's timer still
 * ends a timed wait: none of the attacks changed them.
 */
#include <common/arm.h>
#include "comp.h"
#include "isolation_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	unsigned good = 0;
	uint32_t seen = 0;
	for (unsigned n = 0; n < T_ATTACKS; n++) {
		struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 5000000);
		if (m.err) {
			uprintf("judge: %u faults, then %ld\n", n, m.err);
			break;
		}
		uint64_t ec = ARM_ESR_EC(u_ipcbuf()->words[KABI_FAULT_WORD_SYNDROME]);
		if (m.kind == IPC_EV_FAULT && m.label == IPC_FAULT_UNDEFINED &&
		    (ec == ARM_EC_UNKNOWN || ec == ARM_EC_SYSREG) && m.badge >= 1 && m.badge <= T_ATTACKS &&
		    !(seen & (1u << m.badge)))
			good++;
		else
			uprintf("judge: unexpected fault: kind %u label %lu ec %lx badge %lu\n", m.kind,
			        (unsigned long)m.label, (unsigned long)ec, (unsigned long)m.badge);
		seen |= 1u << m.badge;
		(void)u_reply(SLOT_REPLY, (struct u_out){1, 0, 0, 0}); /* leave it stopped */
	}
	comp_ok(good == T_ATTACKS,
	        "judge: PMU, timer, DAIF, PSCI and semihosting writes from EL0 each became an UNDEFINED "
	        "fault message (%u of %u)",
	        good, T_ATTACKS);

	uint64_t c0, e0, c1, e1;
	__asm__ volatile("mrs %0, pmccntr_el0" : "=r"(c0));
	e0 = u_insns();
	for (volatile unsigned i = 0; i < 10000; i++)
		;
	__asm__ volatile("mrs %0, pmccntr_el0" : "=r"(c1));
	e1 = u_insns();
	uint64_t t0 = u_now_us();
	struct u_msg w = u_recv(SLOT_EP, SLOT_REPLY, 2000);
	uint64_t t1 = u_now_us();
	comp_ok(c1 > c0 && e1 > e0 + 10000 && w.err == IPC_E_TIMED_OUT && t1 - t0 >= 2000,
	        "judge: afterwards the cycle counter and counter 0 run (+%lu, +%lu) and a 2 ms wait times "
	        "out (%ld after %lu us)",
	        (unsigned long)(c1 - c0), (unsigned long)(e1 - e0), w.err, (unsigned long)(t1 - t0));
	comp_done();
	return 0;
}
