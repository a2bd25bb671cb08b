/*
 * "pmu" test: the meddlers' fault handler. Each PMU write must arrive as an
 * UNDEFINED fault with a trapped-system-register syndrome; it leaves the
 * meddler stopped. snoop's call (badge BADGE_SNOOP_EP) ends the count.
 */
#include <common/arm.h>
#include "comp.h"
#include "pmu_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	unsigned trapped = 0, seen = 0;
	for (;;) {
		struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 10000000);
		if (m.err) {
			uprintf("judge: recv %ld\n", m.err);
			break;
		}
		if (m.badge == BADGE_SNOOP_EP) {
			(void)u_reply(SLOT_REPLY, (struct u_out){0, 0, 0, 0});
			break;
		}
		const uint64_t *w = u_ipcbuf()->words;
		if (m.kind == IPC_EV_FAULT && m.label == IPC_FAULT_UNDEFINED &&
		    ARM_ESR_EC(w[KABI_FAULT_WORD_SYNDROME]) == ARM_EC_SYSREG && m.badge >= 1 &&
		    m.badge <= PMU_WRITES && !(seen & (1u << m.badge)))
			trapped++;
		seen |= 1u << m.badge;
		(void)u_reply(SLOT_REPLY, (struct u_out){1, 0, 0, 0}); /* leave it stopped */
	}
	comp_ok(trapped == PMU_WRITES,
	        "every PMU write from EL0 became an UNDEFINED fault message (%u of %u)", trapped, PMU_WRITES);
	comp_done();
	return 0;
}
