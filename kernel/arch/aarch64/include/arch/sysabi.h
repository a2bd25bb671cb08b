/*
 * The syscall ABI's register slots on ARM64, inline (kernel/arch.h): ABI
 * slot n is register xn, so slots 0..KABI_NREGS-1 are x0..x7 and the call
 * number (KABI_REG_SYSNO) is x8. Slots beyond x8 read as 0 and ignore
 * writes. Concurrency: touched only by the kernel, with interrupts masked.
 */
#ifndef ARCH_SYSABI_H
#define ARCH_SYSABI_H

#include <arch/context.h>
#include <uapi/syscall.h>

_Static_assert(KABI_REG_SYSNO == 8 && KABI_NREGS == 8, "ARM64: x0..x7 carry the slots, x8 the number");

static inline uint64_t arch_sys_get(const struct arch_regs *r, unsigned slot)
{
	return slot <= KABI_REG_SYSNO ? r->x[slot] : 0;
}

static inline void arch_sys_set(struct arch_regs *r, unsigned slot, uint64_t v)
{
	if (slot <= KABI_REG_SYSNO)
		r->x[slot] = v;
}

/* The slots 0..KABI_NREGS-1 as an array (the fast path's view of a saved
 * copy, indexed as arch_sys_get() is). */
static inline const uint64_t *arch_sys_args(const struct arch_regs *r)
{
	return r->x;
}

#endif
