/*
 * The performance monitors (PMU) as components see them: read-only.
 *
 * The kernel programs the PMU once at boot: event counter 0 counts
 * instructions retired (KABI_PMU_INSN_EVENT) and the cycle counter cycles,
 * both at EL0 and EL1, and both run from then on. EL0 may read them
 * (PMUSERENR_EL0.ER and .CR) but not write any PMU register (EN = 0): a
 * write to a counter, PMCR_EL0, the enable or type registers traps and
 * becomes an UNDEFINED fault message (F1). So no component can stop, zero or
 * preset the counters another component is measuring with, and nothing one
 * writes there can be read by another.
 *
 * One PMU register stays writable at EL0 with ER set: PMSELR_EL0, the
 * counter selector for PMXEVCNTR_EL0. It is per-thread state here, switched
 * like the FP registers (lazily, only when another thread runs), so a value
 * one thread leaves in it is never seen by another; a new thread starts
 * with 0. The counters themselves are shared and count everything, kernel
 * and other components included: that is what the IPC benchmark measures,
 * and timing is not treated as secret (docs/kernel.md, "Isolation").
 * Concurrency: per core (the core's struct arch_cpu), interrupts masked.
 */
#include <kernel/arch.h>
#include <uapi/kabi.h>

#include <stdint.h>

#define PMCR_E (1ul << 0)          /* enable the counters */
#define PMCR_P (1ul << 1)          /* reset the event counters */
#define PMCR_C (1ul << 2)          /* reset the cycle counter */
#define PMCNTEN_CYCLES (1ul << 31) /* the cycle counter in PMCNTENSET */
#define PMUSERENR_CR (1ul << 2)    /* EL0 may read the cycle counter */
#define PMUSERENR_ER (1ul << 3)    /* EL0 may read event counters (and use PMSELR) */

void arch_pmu_init(void)
{
	uint64_t dfr0;
	__asm__ volatile("mrs %0, id_aa64dfr0_el1" : "=r"(dfr0));
	unsigned ver = (dfr0 >> 8) & 0xf; /* PMUVer: 0 none, 0xf IMPLEMENTATION DEFINED */
	struct arch_cpu *c = arch_cpu_self();
	c->pmu_owner = &c->pmu_nobody;
	if (ver == 0 || ver == 0xf)
		return;
	c->pmu_present = true;
	_Static_assert(KABI_PMU_INSN_COUNTER == 0, "the code below programs event counter 0");
	__asm__ volatile("msr pmevtyper0_el0, %0" ::"r"((uint64_t)KABI_PMU_INSN_EVENT));
	__asm__ volatile("msr pmccfiltr_el0, xzr");
	__asm__ volatile("msr pmcntenset_el0, %0" ::"r"(PMCNTEN_CYCLES | (1ul << KABI_PMU_INSN_COUNTER)));
	__asm__ volatile("msr pmcr_el0, %0" ::"r"(PMCR_E | PMCR_P | PMCR_C));
	__asm__ volatile("msr pmselr_el0, xzr");
	__asm__ volatile("msr pmuserenr_el0, %0; isb" ::"r"(PMUSERENR_ER | PMUSERENR_CR) : "memory");
}

void arch_pmu_forget(struct arch_cpu *c, struct arch_pmu *p)
{
	if (c->pmu_owner == p)
		c->pmu_owner = &c->pmu_nobody; /* the next thread's value overwrites the register */
}

void arch_pmu_flush(struct arch_pmu *p)
{
	struct arch_cpu *c = arch_cpu_self();
	if (c->pmu_owner == p) {
		uint64_t v;
		__asm__ volatile("mrs %0, pmselr_el0" : "=r"(v));
		p->selr = v;
		c->pmu_owner = &c->pmu_nobody;
	}
}

#ifdef KERNEL_TRACE
uint64_t arch_pmu_insns(void)
{
	static uint64_t high;
	static uint32_t last;
	uint64_t v;

	if (!arch_cpu_self()->pmu_present)
		return 0;
	__asm__ volatile("mrs %0, pmevcntr0_el0" : "=r"(v));
	/* A 32-bit counter: the trace reads it far more often than it wraps. */
	if ((uint32_t)v < last)
		high += 1ull << 32;
	last = (uint32_t)v;
	return high | last;
}
#endif
