/*
 * The syscall ABI's register slots on ARM64, inline (kernel/arch.h): ABI
 * slot n is register xn, the call number (ARCH_SYSNO) is x8. Slots beyond
 * x8 read as 0 and ignore writes. Concurrency: touched only by the kernel,
 * with interrupts masked.
 */
#ifndef ARCH_SYSABI_H
#define ARCH_SYSABI_H

#include <arch/context.h>

static inline uint64_t arch_sys_get(const struct arch_regs *r, unsigned slot)
{
	return slot <= 8 ? r->x[slot] : 0;
}

static inline void arch_sys_set(struct arch_regs *r, unsigned slot, uint64_t v)
{
	if (slot <= 8)
		r->x[slot] = v;
}

#endif
