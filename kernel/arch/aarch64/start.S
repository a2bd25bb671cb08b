/*
 * Kernel entries: the boot core's from QEMU's ELF loader, the other cores'
 * from PSCI CPU_ON, and the EL2 -> EL1 drop both share.
 *
 * QEMU `virt` jumps to _start with the MMU and caches off, at EL1 (or at EL2
 * with -M virt,virtualization=on). That code runs exactly once, on the boot
 * core, before anything else; it sets up only what C needs: EL1, a stack, a
 * zeroed BSS and the exception vectors. Everything else is kmain()'s job.
 * kmain() later starts each other core at _start_secondary (PSCI CPU_ON,
 * arch_cpu_start()), which does the same for that core, without the BSS,
 * and calls kmain_secondary().
 *
 * Register table:
 *   x0    on entry: physical address of the device tree blob (from QEMU);
 *         at _start_secondary, PSCI's context argument: the core's struct
 *         cpu (<kernel/cpu.h>), which is also its stack top
 *   x19   the device tree address / the struct cpu, kept across the EL drop
 *   x20   the exception level we were entered at (1 or 2), saved after BSS
 *   x9-x11 scratch
 *   sp    the core's kernel stack, whose top is its struct cpu (the boot
 *         core's is cpu_blocks[0]); TPIDR_EL1 holds the same address from
 *         here on (this_cpu(), and the stack top vectors.S switches to)
 */
#include <arch/sysregs.h>
#include <kernel/cpu.h>

/* In EL2: make EL1 AArch64, give it the counters, then drop to it, at
 * \target. In EL1: nothing. x9 scratch; the EL is left in x20. */
.macro drop_to_el1 target
	mrs	x9, CurrentEL
	lsr	x9, x9, #2
	mov	x20, x9			// boot EL, for arch_halt's PSCI conduit
	cmp	x9, #2
	b.ne	\target
	mov	x9, #(1 << 31)		// HCR_EL2.RW: EL1 is AArch64
	msr	hcr_el2, x9
	mov	x9, #3			// CNTHCTL_EL2.EL1PCTEN | EL1PCEN
	msr	cnthctl_el2, x9
	msr	cntvoff_el2, xzr	// virtual counter == physical counter
	mov	x9, #0x33ff		// CPTR_EL2: trap nothing
	msr	cptr_el2, x9
	msr	hstr_el2, xzr
	ldr	x9, =SCTLR_EL1_RES1		// MMU off
	msr	sctlr_el1, x9
	mov	x9, #0x3c5		// SPSR: EL1h, D A I F masked
	msr	spsr_el2, x9
	adr	x9, \target
	msr	elr_el2, x9
	eret
.endm

	.section .text.boot, "ax"
	.global _start
_start:
	mov	x19, x0
	msr	daifset, #0xf		// no interrupts until the GIC is set up
	drop_to_el1 at_el1

at_el1:
	/* Zero BSS before any C runs (and before the stack in it is used):
	 * C assumes statics start at zero. */
	ldr	x9, =__bss_start
	ldr	x10, =__bss_end
1:	cmp	x9, x10
	b.hs	2f
	str	xzr, [x9], #8
	b	1b
2:	ldr	x9, =cpu_blocks + KERNEL_STACK_SIZE	// &cpu_blocks[0].cpu
	mov	sp, x9
	msr	tpidr_el1, x9
	ldr	x9, =arch_boot_el
	str	x20, [x9]
	ldr	x9, =arch_vectors
	msr	vbar_el1, x9
	isb
	mov	x0, x19
	bl	kmain
3:	wfi
	b	3b

/*
 * Another core, started by PSCI CPU_ON with x0 = its struct cpu, MMU and
 * caches off, interrupts masked. It enters at the EL the boot core called
 * PSCI from or above; the drop is the same, its EL needs no record (the
 * boot core's arch_boot_el picks the conduit).
 */
	.global _start_secondary
_start_secondary:
	mov	x19, x0
	msr	daifset, #0xf
	drop_to_el1 secondary_at_el1

secondary_at_el1:
	mov	sp, x19
	msr	tpidr_el1, x19
	ldr	x9, =arch_vectors
	msr	vbar_el1, x9
	isb
	bl	kmain_secondary
4:	wfi
	b	4b
