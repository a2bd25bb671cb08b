/*
 * "pmu" test: the measuring component. It reads the counters and keeps a
 * value in its PMSELR, lets the meddlers run (by lowering its priority),
 * and checks that nothing they did reached it.
 */
#include "comp.h"
#include "pmu_test.h"

static uint64_t rd_cycles(void)
{
	uint64_t v;
	__asm__ volatile("isb; mrs %0, pmccntr_el0" : "=r"(v)::"memory");
	return v;
}

int main(uintptr_t arg)
{
	(void)arg;
	__asm__ volatile("msr pmselr_el0, %0; isb" ::"r"((uint64_t)PMU_SELR_SNOOP));
	uint64_t i0 = u_insns(), c0 = rd_cycles();
	u_thread_set_prio(KABI_SELF, 100); /* the meddlers (120) run now */
	uint64_t i1 = u_insns(), c1 = rd_cycles(), sel;
	__asm__ volatile("mrs %0, pmselr_el0" : "=r"(sel));
	comp_ok(i1 > i0 && i1 - i0 < (1ul << 31) && (uint32_t)i1 != PMU_MAGIC,
	        "instructions counter ran on through the others' attempts (%lx -> %lx)", (unsigned long)i0,
	        (unsigned long)i1);
	comp_ok(c1 > c0 && (uint32_t)c1 != PMU_MAGIC, "cycle counter ran on (%lx -> %lx)", (unsigned long)c0,
	        (unsigned long)c1);
	comp_ok(sel == PMU_SELR_SNOOP,
	        "PMSELR is per thread: still %u after another component wrote %u (%lu)", PMU_SELR_SNOOP,
	        PMU_SELR_MEDDLER, (unsigned long)sel);
	uint64_t dummy = 0;
	struct u_msg m = u_call(SLOT_EP, (struct u_out){0, &dummy, 1, 0}, 5000000);
	if (m.err)
		comp_ok(false, "snoop: call to the judge (%ld)", m.err);
	comp_done();
	return 0;
}
