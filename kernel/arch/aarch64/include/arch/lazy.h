/*
 * The lazily switched per-thread CPU state that every switch to a thread
 * looks at: EL0 access to the FP/SIMD registers (fpu.c) and the PMU counter
 * selector PMSELR_EL0 (pmu.c). Inline, because the IPC fast path and
 * kernel_exit() run these checks on every switch and a call costs as much
 * as the check. Concurrency: one CPU, interrupts masked; the owners are
 * fpu.c's and pmu.c's state, written only there and here.
 */
#ifndef ARCH_LAZY_H
#define ARCH_LAZY_H

#include <arch/context.h>
#include <stdbool.h>
#include <stdint.h>

#define ARCH_CPACR_FPEN_EL1_ONLY (1ul << 20) /* EL0 FP/SIMD accesses trap */
#define ARCH_CPACR_FPEN_ALL (3ul << 20)      /* no traps */

extern struct arch_fpu *arch_fpu_owner; /* whose state is in the registers, or NULL */
extern bool arch_fpu_el0_enabled;       /* CPACR_EL1 lets EL0 use FP/SIMD */
extern bool arch_pmu_present;
extern struct arch_pmu *arch_pmu_owner; /* whose PMSELR the register holds */

static inline __attribute__((always_inline)) void arch_fpu_set_el0_access(bool on)
{
	if (on == arch_fpu_el0_enabled)
		return;
	arch_fpu_el0_enabled = on;
	uint64_t v = on ? ARCH_CPACR_FPEN_ALL : ARCH_CPACR_FPEN_EL1_ONLY;
	__asm__ volatile("msr cpacr_el1, %0; isb" ::"r"(v) : "memory");
}

/* About to run the thread with state `f`: allow FP only if it owns it. */
static inline __attribute__((always_inline)) void arch_fpu_enter(const struct arch_fpu *f)
{
	arch_fpu_set_el0_access(arch_fpu_owner == f);
}

/* About to run the thread with PMU state `p` (its counter selector). */
static inline __attribute__((always_inline)) void arch_pmu_enter(struct arch_pmu *p)
{
	if (p == arch_pmu_owner || !arch_pmu_present)
		return;
	if (arch_pmu_owner) {
		uint64_t v;
		__asm__ volatile("mrs %0, pmselr_el0" : "=r"(v));
		arch_pmu_owner->selr = v;
	}
	__asm__ volatile("msr pmselr_el0, %0" ::"r"(p->selr)); /* eret synchronises */
	arch_pmu_owner = p;
}

#endif
