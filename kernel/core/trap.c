/*
 * Kernel entries from the architecture's trap code: system calls, faults of
 * the running thread, and interrupts. Each does its work and returns; the
 * arch code then calls kernel_exit() to pick the thread that runs next.
 * Concurrency: interrupts masked, on this core; trap_irq() can also run from
 * the idle loop, where the core's `cur` is NULL.
 */
#include <kernel/object.h>
#include <kernel/platform.h>

/*
 * Was the thread that trapped stopped (suspended, ended, killed) by another
 * core while it ran here? That core kicked this one; the thread's state is
 * no longer RUNNING, and its call, fault or FP trap is dropped: it does
 * nothing more, and kernel_exit() chooses another thread. (On one core a
 * running thread's state is only ever changed by itself, inside the kernel.)
 */
static bool stopped_elsewhere(void)
{
	return this_cpu()->cur->state != TCB_RUNNING;
}

void trap_syscall(void)
{
	if (!stopped_elsewhere())
		syscall_dispatch(this_cpu()->cur);
}

void trap_fault(unsigned kind, uintptr_t addr, uint64_t syndrome, uintptr_t pc)
{
	if (!stopped_elsewhere())
		fault_raise(this_cpu()->cur, kind, addr, syndrome, pc);
}

void trap_irq(void)
{
	unsigned what = platform_irq(this_cpu()->index);
	if (what & PLATFORM_IRQ_TIMER)
		sched_timer(what & PLATFORM_IRQ_TICK);
	if (what & PLATFORM_IRQ_KICK)
		sched_kicked();
	if (what & PLATFORM_IRQ_CONSOLE)
		console_drain();
}

void trap_fpu(void)
{
	if (!stopped_elsewhere())
		arch_fpu_claim(&this_cpu()->cur->fpu);
}
