/*
 * "pmu" test: one attack on the PMU per instance (arg 0..4: a write that
 * must trap; 5: its own PMSELR, which it may write and read back).
 */
#include "comp.h"
#include "pmu_test.h"

int main(uintptr_t arg)
{
	switch (arg) {
	case 0:
		__asm__ volatile("msr pmevcntr0_el0, %0; isb" ::"r"((uint64_t)PMU_MAGIC));
		break;
	case 1:
		__asm__ volatile("msr pmccntr_el0, %0; isb" ::"r"((uint64_t)PMU_MAGIC));
		break;
	case 2:
		__asm__ volatile("msr pmcr_el0, xzr; isb");
		break;
	case 3:
		__asm__ volatile("msr pmcntenclr_el0, %0; isb" ::"r"(~0ul));
		break;
	case 4:
		__asm__ volatile("msr pmevtyper0_el0, %0; isb" ::"r"(0x11ul)); /* count cycles instead */
		break;
	default: {
		uint64_t v;
		__asm__ volatile("msr pmselr_el0, %0; isb; mrs %0, pmselr_el0"
		                 : "=r"(v)
		                 : "0"((uint64_t)PMU_SELR_MEDDLER));
		comp_ok(v == PMU_SELR_MEDDLER, "a component may write and read back its own PMSELR (%lu)",
		        (unsigned long)v);
		comp_done();
		return 0;
	}
	}
	comp_ok(false, "PMU write %lu from EL0 took effect instead of trapping", (unsigned long)arg);
	return 0;
}
