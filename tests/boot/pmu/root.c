/*
 * Boot test "pmu": no component can disturb or read what another leaves in
 * the PMU (docs/kernel.md, "Isolation"). The kernel runs the counters; EL0
 * may read them, and may write only its own counter selector (PMSELR_EL0,
 * switched per thread).
 *
 * "snoop" starts a measurement (counter 0, the cycle counter, its PMSELR)
 * and lowers its priority, so six "meddle" components (one program, its
 * argument picks the attack) run in the middle of it: 0 presets counter 0,
 * 1 the cycle counter, 2 clears PMCR_EL0 (stops everything), 3 disables the
 * counters, 4 retypes counter 0; each write must trap and reach the fault
 * handler ("judge") as an UNDEFINED fault, and the judge leaves the meddler
 * stopped. Meddler 5 writes its own PMSELR, which it may. snoop then finds
 * its counters still running and its PMSELR as it left it. Runs under
 * -icount so counter 0 (instructions) counts.
 */
#include "../common/btest.h"
#include "pmu_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, PMU_PLAN);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	uint32_t reply = root_new(KOBJ_REPLY);
	struct component judge, snoop, meddle[PMU_MEDDLERS];
	root_spawn("judge", 150, U_NONE, &judge);
	root_spawn("snoop", 130, U_NONE, &snoop);
	root_give(&judge, P_SLOT_EP, ep, IPC_R, 0);
	root_give(&judge, P_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);
	root_give(&snoop, P_SLOT_EP, ep, IPC_W | IPC_G, P_BADGE_DONE);
	for (unsigned i = 0; i < PMU_MEDDLERS; i++) {
		root_spawn("meddle", 120, P_SLOT_EP, &meddle[i]);
		root_give(&meddle[i], P_SLOT_EP, ep, IPC_W | IPC_G, i + 1);
	}
	spawn_start(&judge, 0);
	spawn_start(&snoop, 0);
	for (unsigned i = 0; i < PMU_MEDDLERS; i++)
		spawn_start(&meddle[i], i);
	root_finish(3, 20000); /* judge, snoop, meddler 5; 0..4 stay stopped */
}
