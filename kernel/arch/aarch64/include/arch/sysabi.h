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

/* Store slots 0..KABI_NREGS-1 from `a`: the fast path saves a caller's
 * x0..x7, which the vector leaves to it, only where they are needed again
 * (fastpath.c). */
static inline void arch_sys_save_args(struct arch_regs *r, const uint64_t *a)
{
	/* One by one, not a loop: a caller's array of registers then stays
	 * in registers (a loop over it made GCC build it on the stack). */
	r->x[0] = a[0];
	r->x[1] = a[1];
	r->x[2] = a[2];
	r->x[3] = a[3];
	r->x[4] = a[4];
	r->x[5] = a[5];
	r->x[6] = a[6];
	r->x[7] = a[7];
}

/* The slots 0..KABI_NREGS-1 as an array (the fast path's view of a saved
 * copy, indexed as arch_sys_get() is). */
static inline const uint64_t *arch_sys_args(const struct arch_regs *r)
{
	return r->x;
}

#endif
