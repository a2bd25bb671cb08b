/*
 * The lazily switched per-thread CPU state that every switch to a thread
 * looks at: EL0 access to the FP/SIMD registers (fpu.c) and the PMU counter
 * selector PMSELR_EL0 (pmu.c). Inline, because the IPC fast path and
 * kernel_exit() run these checks on every switch and a call costs as much
 * as the check. The state is per core (struct arch_cpu, the first member of
 * the core's struct cpu, <kernel/cpu.h>), found through TPIDR_EL1, which
 * start.S sets before any C runs and nothing changes after. Concurrency:
 * each core touches only its own, with interrupts masked; the owners are
 * fpu.c's and pmu.c's state, written only there and here.
 */
#ifndef ARCH_LAZY_H
#define ARCH_LAZY_H

#include <arch/context.h>
#include <stdbool.h>
#include <stdint.h>

#define ARCH_CPACR_FPEN_EL1_ONLY (1ul << 20) /* EL0 FP/SIMD accesses trap */
#define ARCH_CPACR_FPEN_ALL (3ul << 20)      /* no traps */

/* The state every switch looks at, one per core. */
struct arch_cpu {
	uint64_t exit_x0_x1[2];     /* vectors.S, the way out: ARCH_CPU_EXIT_X0 */
	struct arch_fpu *fpu_owner; /* whose state is in the registers, or NULL (fpu.c) */
	struct arch_pmu *pmu_owner; /* whose PMSELR the register holds, or &pmu_nobody (pmu.c) */
	bool fpu_el0_enabled;       /* CPACR_EL1 lets EL0 use FP/SIMD */
	bool pmu_present;
	struct arch_pmu pmu_nobody; /* the owner when no thread's value is in the register */
};
_Static_assert(__builtin_offsetof(struct arch_cpu, exit_x0_x1) == ARCH_CPU_EXIT_X0, "vectors.S");

/* This core's state: TPIDR_EL1 is constant once start.S has set it, so the
 * read is not volatile and the compiler may reuse it within a function. */
static inline __attribute__((always_inline)) struct arch_cpu *arch_cpu_self(void)
{
	struct arch_cpu *c;
	__asm__("mrs %0, tpidr_el1" : "=r"(c));
	return c;
}

/* `c` is this core's (arch_cpu_self()): callers on a hot path have it at
 * hand, and passing it saves a register read each. */
static inline __attribute__((always_inline)) void arch_fpu_set_el0_access(struct arch_cpu *c, bool on)
{
	if (on == c->fpu_el0_enabled)
		return;
	c->fpu_el0_enabled = on;
	uint64_t v = on ? ARCH_CPACR_FPEN_ALL : ARCH_CPACR_FPEN_EL1_ONLY;
	__asm__ volatile("msr cpacr_el1, %0; isb" ::"r"(v) : "memory");
}

/* About to run the thread with state `f`: allow FP only if it owns it. */
static inline __attribute__((always_inline)) void arch_fpu_enter(struct arch_cpu *c, const struct arch_fpu *f)
{
	/* Mostly neither holds: access stays off, one test each. */
	if (c->fpu_el0_enabled || c->fpu_owner == f)
		arch_fpu_set_el0_access(c, c->fpu_owner == f);
}

/* About to run the thread with PMU state `to`, switching from `from`, whose
 * value the register holds (it is this core's pmu_owner): the register is
 * swapped without comparing (for the same thread it is saved and loaded
 * back unchanged). The fast path names `from` itself: the caller, which
 * ran at EL0 on this core since the last switch and so owns the register,
 * with no look at the owner. */
static inline __attribute__((always_inline)) void arch_pmu_switch(struct arch_cpu *l, struct arch_pmu *from,
                                                                  struct arch_pmu *to)
{
	uint64_t v;

	if (!l->pmu_present)
		return;
	__asm__ volatile("mrs %0, pmselr_el0" : "=r"(v));
	from->selr = v;
	__asm__ volatile("msr pmselr_el0, %0" ::"r"(to->selr)); /* eret synchronises */
	l->pmu_owner = to;
}

/* The same from whichever thread ran last (or nobody): the owner, which is
 * another thread's on nearly every switch. */
static inline __attribute__((always_inline)) void arch_pmu_enter(struct arch_cpu *l, struct arch_pmu *p)
{
	arch_pmu_switch(l, l->pmu_owner, p);
}

/* Switch TTBR0 to a user space about to run (not NULL: see
 * arch_vspace_activate()), from its precomputed TTBR0 value. The `isb`
 * stays, although every space maps the kernel with the same global entries
 * and the `eret` synchronises the context for EL0: a round that dropped it
 * saw the revoke boot test fail, but that test also failed once with it
 * under heavy host load (it waits 50 ms of wall-clock time for its threads
 * to block), so whether the `isb` matters is open. */
static inline __attribute__((always_inline)) void arch_vspace_enter(const struct arch_vspace *vs)
{
	__asm__ volatile("msr ttbr0_el1, %0; isb" ::"r"(vs->ttbr) : "memory");
}

/* The address-space id of `vs` (0: none yet). */
static inline unsigned arch_vspace_asid(const struct arch_vspace *vs)
{
	return vs->asid;
}

/*
 * Leave the C function this is in for `sym`, a function without arguments
 * that never returns, by a plain branch: no return address, so a caller
 * that never returns either need not keep its link register (the fast
 * path's entry points, which the vector branches to). The stack pointer
 * goes on as it is: every entry from EL0 starts the stack afresh.
 */
#define ARCH_BRANCH(sym)                                                                                     \
	do {                                                                                                 \
		__asm__ volatile("b " #sym ::: "memory");                                                    \
		__builtin_unreachable();                                                                     \
	} while (0)

/* The same into the slow path, arch_el0_sync(r), through vectors.S's
 * arch_el0_sync_x9, which takes r in x9: x0 may then hold a user value to
 * the end (the fast path's declines save x0..x7 just before). */
static inline __attribute__((always_inline)) _Noreturn void arch_el0_sync_branch(struct arch_regs *r)
{
	register struct arch_regs *x9 __asm__("x9") = r;
	__asm__ volatile("b arch_el0_sync_x9" ::"r"(x9) : "memory");
	__builtin_unreachable();
}

/*
 * arch_return_to_user() for a thread whose x0..x7 are the given values (a
 * system call's results) rather than its saved ones: they go from these
 * registers straight to EL0 (vectors.S, arch_return_to_user_x9), never
 * through r, whose x0..x7 are left stale. Nothing reads a running thread's
 * saved registers: its next kernel entry saves them all again.
 */
static inline __attribute__((always_inline)) _Noreturn void
arch_return_to_user_result(struct arch_regs *r, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                           uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7)
{
	register uint64_t x0 __asm__("x0") = a0, x1 __asm__("x1") = a1, x2 __asm__("x2") = a2,
	                     x3 __asm__("x3") = a3, x4 __asm__("x4") = a4, x5 __asm__("x5") = a5,
	                     x6 __asm__("x6") = a6, x7 __asm__("x7") = a7;
	register struct arch_regs *x9 __asm__("x9") = r;
	__asm__ volatile("b arch_return_to_user_x9"
	                 :
	                 : "r"(x0), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5), "r"(x6), "r"(x7), "r"(x9)
	                 : "memory");
	__builtin_unreachable();
}

#endif
