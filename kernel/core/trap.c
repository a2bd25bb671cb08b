/*
 * Kernel entries from the architecture's trap code: system calls, faults of
 * the running thread, and interrupts. Each does its work and returns; the
 * arch code then calls kernel_exit() to pick the thread that runs next.
 * Concurrency: interrupts masked, on this core; trap_irq() can also run from
 * the idle loop, where the core's `cur` is NULL.
 */
#include <kernel/object.h>
#include <kernel/platform.h>

void trap_syscall(void)
{
	syscall_dispatch(this_cpu()->cur);
}

void trap_fault(unsigned kind, uintptr_t addr, uint64_t syndrome, uintptr_t pc)
{
	fault_raise(this_cpu()->cur, kind, addr, syndrome, pc);
}

void trap_irq(void)
{
	unsigned what = platform_irq();
	if (what & PLATFORM_IRQ_TIMER)
		sched_timer(what & PLATFORM_IRQ_TICK);
	if (what & PLATFORM_IRQ_CONSOLE)
		console_drain();
}

void trap_fpu(void)
{
	arch_fpu_claim(&this_cpu()->cur->fpu);
}
