/*
 * Lazy FP/SIMD switching. CPACR_EL1.FPEN stays at "trap EL0, not EL1", so
 * a thread's first FP instruction after someone else used the FPU traps
 * (EC 0x07); only then are the previous owner's registers saved into its
 * TCB and the new thread's loaded. Threads that never use FP never pay,
 * and no thread ever sees another's FP registers: the trap is taken before
 * the first access, and a released owner's registers are overwritten by the
 * next load. Concurrency: per core, interrupts masked; the core's
 * `struct arch_cpu` (<arch/lazy.h>) names in `fpu_owner` the struct arch_fpu
 * whose contents are live in this core's registers.
 * arch_fpu_enter(), run on every switch, is inline in <arch/lazy.h>.
 */
#include <kernel/arch.h>

void arch_fpu_save(struct arch_fpu *f);
void arch_fpu_load(const struct arch_fpu *f);

/* This core: no owner yet (the struct starts zeroed); pmu.c's half is set
 * up by arch_pmu_init(). */
void arch_fpu_init(void)
{
	arch_cpu_self()->fpu_el0_enabled = true; /* force the write */
	arch_fpu_set_el0_access(arch_cpu_self(), false);
}

void arch_fpu_claim(struct arch_fpu *f)
{
	struct arch_cpu *c = arch_cpu_self();
	if (c->fpu_owner != f) {
		if (c->fpu_owner)
			arch_fpu_save(c->fpu_owner);
		arch_fpu_load(f);
		c->fpu_owner = f;
	}
	arch_fpu_set_el0_access(arch_cpu_self(), true);
}

void arch_fpu_forget(struct arch_cpu *c, struct arch_fpu *f)
{
	if (c->fpu_owner == f)
		c->fpu_owner = NULL; /* its registers are garbage now; the next load replaces them */
}

void arch_fpu_flush(struct arch_fpu *f)
{
	struct arch_cpu *c = arch_cpu_self();
	if (c->fpu_owner == f) {
		arch_fpu_save(f); /* this core's registers: the only ones read */
		c->fpu_owner = NULL;
	}
}
