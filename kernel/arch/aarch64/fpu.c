/*
 * Lazy FP/SIMD switching. CPACR_EL1.FPEN stays at "trap EL0, not EL1", so
 * a thread's first FP instruction after someone else used the FPU traps
 * (EC 0x07); only then are the previous owner's registers saved into its
 * TCB and the new thread's loaded. Threads that never use FP never pay,
 * and no thread ever sees another's FP registers: the trap is taken before
 * the first access, and a released owner's registers are overwritten by the
 * next load. Concurrency: one CPU, interrupts masked; `owner` is the one
 * piece of state, naming the struct arch_fpu whose contents are live.
 */
#include <kernel/arch.h>

#define CPACR_FPEN_EL1_ONLY (1ul << 20) /* EL0 FP/SIMD accesses trap */
#define CPACR_FPEN_ALL (3ul << 20)      /* no traps */

void arch_fpu_save(struct arch_fpu *f);
void arch_fpu_load(const struct arch_fpu *f);

static struct arch_fpu *owner; /* whose state is in the registers, or NULL */
static bool el0_enabled;

static void set_el0_access(bool on)
{
	if (on == el0_enabled)
		return;
	el0_enabled = on;
	uint64_t v = on ? CPACR_FPEN_ALL : CPACR_FPEN_EL1_ONLY;
	__asm__ volatile("msr cpacr_el1, %0; isb" ::"r"(v) : "memory");
}

void arch_fpu_init(void)
{
	el0_enabled = true; /* force the write */
	set_el0_access(false);
}

void arch_fpu_claim(struct arch_fpu *f)
{
	if (owner != f) {
		if (owner)
			arch_fpu_save(owner);
		arch_fpu_load(f);
		owner = f;
	}
	set_el0_access(true);
}

void arch_fpu_enter(const struct arch_fpu *f)
{
	set_el0_access(owner == f);
}

void arch_fpu_release(struct arch_fpu *f)
{
	if (owner == f)
		owner = NULL; /* its registers are garbage now; the next load replaces them */
}
