/*
 * Exception vectors, kernel entry from EL0 and the exit back to EL0.
 *
 * The kernel follows seL4's one-stack model: while a thread runs at EL0,
 * SP_EL1 points just past that thread's struct arch_regs (inside its TCB), so
 * an exception from EL0 pushes the user registers straight into the TCB;
 * only then do we move to the single kernel stack and call C. C never returns
 * here: it picks a thread and calls arch_return_to_user(), which restores
 * that thread's registers and leaves SP_EL1 pointing past them for the next
 * entry. Each core has its own kernel stack, whose top is the core's struct
 * cpu (<kernel/cpu.h>), the address TPIDR_EL1 holds. The kernel runs with interrupts masked; only the idle loop opens
 * them (arch_idle), so an EL1 IRQ arrives only there.
 *
 * Register table (entry from EL0):
 *   sp    on entry: &current->regs + ARCH_REGS_SIZE (the registers are
 *         stored below it, at offsets from U); then this core's stack top
 *         (TPIDR_EL1)
 *   x0    argument to the C handler: &current->regs (with the fast path
 *         none: its entry points get the user's x0..x7 in place and find
 *         the registers themselves)
 *   x9-x13 scratch once the user values are saved
 */
#include <arch/context.h>
#include <common/arm.h>
#include <kernel/cpu.h> /* KERNEL_SMP */
#include <uapi/syscall.h>

/*
 * The kernel lock (docs/kernel.md, "The kernel lock"): one ticket lock that
 * every kernel entry from EL0 takes right after the user registers are saved
 * (they go into the running thread's TCB, which belongs to this core while
 * its thread runs) and that every return to EL0 gives back immediately
 * before its eret; the idle loop gives it back around wfi (arch.c). So the
 * kernel, libipc and every object stay serialised as on one core. ARMv8.0
 * only (no LSE atomics: Cortex-A53): kernel_lock is one 32-bit word, the
 * ticket now being served in its low half-word, the next ticket to hand
 * out in its high one. The pair that orders one holder after the next:
 *
 * take (lock_take): the ldaxr that reads the word, or the ldaxrh that
 * later sees now-serving equal our ticket, is a load-acquire; the value it
 * reads is the one the previous holder's stlrh wrote (lock_give), so every
 * load and store of ours after it (all kernel work of this entry) is
 * ordered after every load and store the previous holder did before that
 * stlrh: what it wrote we see, and what it read we cannot have changed.
 *
 * Clobbers \a, \t, \n, \s (the W forms: \t.. named by their w names).
 * The uniprocessor build (KERNEL_SMP 0) has no lock: take and give are
 * empty, and the way out keeps x0 and x1 in registers (below).
 */
.macro lock_take a, xt, t, n, s
#if KERNEL_SMP
	adrp	\a, kernel_lock
	add	\a, \a, :lo12:kernel_lock
1:	ldaxr	\t, [\a]			// acquire: serving | next << 16
	add	\n, \t, #(1 << 16)		// take ticket `next`
	stxr	\s, \n, [\a]
	cbnz	\s, 1b
	eor	\n, \t, \t, ror #16		// 0 iff serving == our ticket
	cbz	\n, 3f			// uncontended: ours already
	/* Wait for our turn. The exclusive load (ldaxrh, not a plain ldar)
	 * arms this core's exclusive monitor on the lock's granule, so the
	 * holder's stlrh clears it, which is a wake-up event for wfe: no sev
	 * is needed in lock_give. sevl makes the first wfe fall through. */
	sevl
2:	wfe
	ldaxrh	\s, [\a]			// acquire: now-serving
	eor	\n, \s, \t, lsr #16
	cbnz	\n, 2b
3:
#endif
.endm

/*
 * give (lock_give): only the holder writes now-serving, so a plain load of
 * it is exact; the stlrh of serving + 1 is a store-release: every load and
 * store of this holder before it (all its kernel work, including the last
 * reads of the thread's saved registers on the way out) is ordered before
 * it, so the next holder, whose load-acquire reads this value (lock_take),
 * sees all of it. Clobbers \a and \v (a W register).
 */
.macro lock_give a, v
#if KERNEL_SMP
	adrp	\a, kernel_lock
	add	\a, \a, :lo12:kernel_lock
	ldrh	\v, [\a]
	add	\v, \v, #1
	stlrh	\v, [\a]			// release: now-serving + 1
#endif
.endm

/* x0-x19, the part of struct arch_regs that every entry saves and every
 * exit loads (the caller-saved set plus x19, to keep pairs). */
.macro save_x0_x19 b=0, args=1
	.if \args
	stp	x0, x1, [sp, #(\b + 16 * 0)]
	stp	x2, x3, [sp, #(\b + 16 * 1)]
	stp	x4, x5, [sp, #(\b + 16 * 2)]
	stp	x6, x7, [sp, #(\b + 16 * 3)]
	.endif
	stp	x8, x9, [sp, #(\b + 16 * 4)]
	stp	x10, x11, [sp, #(\b + 16 * 5)]
	stp	x12, x13, [sp, #(\b + 16 * 6)]
	stp	x14, x15, [sp, #(\b + 16 * 7)]
	stp	x16, x17, [sp, #(\b + 16 * 8)]
	stp	x18, x19, [sp, #(\b + 16 * 9)]
.endm

.macro load_x8_x19 b=0
	ldp	x8, x9, [sp, #(\b + 16 * 4)]
	ldp	x10, x11, [sp, #(\b + 16 * 5)]
	ldp	x12, x13, [sp, #(\b + 16 * 6)]
	ldp	x14, x15, [sp, #(\b + 16 * 7)]
	ldp	x16, x17, [sp, #(\b + 16 * 8)]
	ldp	x18, x19, [sp, #(\b + 16 * 9)]
.endm

.macro load_x0_x19 b=0
	ldp	x0, x1, [sp, #(\b + 16 * 0)]
	ldp	x2, x3, [sp, #(\b + 16 * 1)]
	ldp	x4, x5, [sp, #(\b + 16 * 2)]
	ldp	x6, x7, [sp, #(\b + 16 * 3)]
	load_x8_x19 \b
.endm

/* The thread's registers as addressed from SP_EL1 while it points just
 * past them (entry from EL0, the way back): no sp arithmetic around the
 * stores and loads. */
U = -ARCH_REGS_SIZE

/* \args=0 leaves x0..x7 unsaved, and \regs=none gets no register
 * pointer (the fast path's way in, el0_sync). */
.macro save_user regs=x0, args=1
	save_x0_x19 U, \args
	stp	x20, x21, [sp, #(U + 16 * 10)]
	stp	x22, x23, [sp, #(U + 16 * 11)]
	stp	x24, x25, [sp, #(U + 16 * 12)]
	stp	x26, x27, [sp, #(U + 16 * 13)]
	stp	x28, x29, [sp, #(U + 16 * 14)]
	mrs	x10, sp_el0
	stp	x30, x10, [sp, #(U + 16 * 15)]
	mrs	x11, elr_el1
	mrs	x12, spsr_el1
	stp	x11, x12, [sp, #(U + ARCH_REGS_PC)]
	mrs	x13, tpidr_el0
	str	x13, [sp, #(U + ARCH_REGS_TPIDR)]
	.ifnc \regs, none
	sub	\regs, sp, #ARCH_REGS_SIZE	// the saved registers, for the C handler
	.endif
	mrs	x9, tpidr_el1		// this core's struct cpu, its stack top
	mov	sp, x9
	/* \regs and the rest of the user's x0..x8 (the fast path takes x0..x7
	 * as its arguments, below) live on; x9..x13 are free. */
	lock_take x9, x10, w10, w11, w12
.endm

/* Kernel-mode entries save the caller-saved set on the kernel stack. */
.macro save_kernel
	sub	sp, sp, #ARCH_REGS_SIZE
	save_x0_x19
	stp	x29, x30, [sp, #16 * 14]
	mrs	x11, elr_el1
	mrs	x12, spsr_el1
	stp	x11, x12, [sp, #ARCH_REGS_PC]
	mov	x0, sp
.endm

.macro restore_kernel
	ldp	x11, x12, [sp, #ARCH_REGS_PC]
	msr	elr_el1, x11
	msr	spsr_el1, x12
	load_x0_x19
	ldp	x29, x30, [sp, #16 * 14]
	add	sp, sp, #ARCH_REGS_SIZE
.endm

/* The fast-path dispatch (el0_sync_head) tests the call number in x8:
 * the ABI's slot for it. */
.if KABI_REG_SYSNO != 8
.error "vectors.S: the fast-path dispatch reads x8 as the ABI's slot"
.endif
#ifdef KERNEL_FASTPATH
.macro el0_sync_head
	save_user none, 0
	/* The IPC fast path (fastpath.c): an svc with x8 (still the user's
	 * call number) SYS_CALL, SYS_REPLY_RECV, SYS_SEND or SYS_SIGNAL goes
	 * straight to it, with the user's x0..x7 in place as its arguments,
	 * not yet saved: a Call or ReplyRecv it takes never needs them again
	 * (the thread's next result overwrites them), and the entry points
	 * save them where they decline or keep the caller running (Send,
	 * Signal). Every other entry goes to fastpath_slow(), which saves them
	 * too. None of them returns: a decline goes on to arch_el0_sync(), the
	 * slow path, from C. */
	mrs	x9, esr_el1
	lsr	x9, x9, #ARM_ESR_EC_SHIFT
	/* Call and ReplyRecv first: they are what the fast path is for. The
	 * entry points themselves decline a timeout or caps where the slow
	 * path must handle them (fastpath.c). Each ccmp compares the call
	 * number only for an svc (bits above the EC are RES0); for anything
	 * else it sets NZCV to 0, "not equal". */
	cmp	x9, #ARM_EC_SVC64
	ccmp	x8, #SYS_CALL, #0, eq
	b.eq	fastpath_call
	cmp	x9, #ARM_EC_SVC64
	ccmp	x8, #SYS_REPLY_RECV, #0, eq
	b.eq	fastpath_reply_recv
.endm
#endif

.macro ventry target
	.balign	128
	b	\target
.endm

	.text
	.balign	2048
	.global	arch_vectors
arch_vectors:
	ventry	el1_bad		// current EL, SP0: never used
	ventry	el1_bad
	ventry	el1_bad
	ventry	el1_bad
	ventry	el1_sync	// current EL, SPx: kernel bug or idle IRQ
	ventry	el1_irq
	ventry	el1_bad
	ventry	el1_bad
#if defined(KERNEL_FASTPATH) && !KERNEL_SMP
	/* Uniprocessor: the fast path's entry, up to the Call and ReplyRecv
	 * dispatch, fits the vector slot itself (no branch to get there);
	 * with the kernel lock it does not (el0_sync). */
	.balign	128
el0_sync_vector:			// lower EL, AArch64: syscalls, faults
	el0_sync_head
	b	el0_sync_tail
	.org	el0_sync_vector + 128	// an error if the slot overflowed
#else
	ventry	el0_sync	// lower EL, AArch64: syscalls, faults
#endif
	ventry	el0_irq
	ventry	el0_bad
	ventry	el0_bad
	ventry	el0_bad		// lower EL, AArch32: not supported
	ventry	el0_bad
	ventry	el0_bad
	ventry	el0_bad

#ifdef KERNEL_FASTPATH
#if KERNEL_SMP
el0_sync:
	el0_sync_head
#endif
el0_sync_tail:
	cmp	x9, #ARM_EC_SVC64
	b.ne	fastpath_slow
	cmp	x8, #SYS_SEND
	b.eq	fastpath_send
	cmp	x8, #SYS_SIGNAL
	b.eq	fastpath_signal
	b	fastpath_slow
#else
el0_sync:
	save_user
	bl	arch_el0_sync
	b	.
#endif

el0_irq:
	save_user
	bl	arch_el0_irq
	b	.

el0_bad:
	save_user
	bl	arch_el0_bad
	b	.

el1_sync:
	save_kernel
	bl	arch_el1_sync	// panics
	b	.

el1_bad:
	save_kernel
	bl	arch_el1_sync
	b	.

el1_irq:
	save_kernel
	bl	arch_el1_irq
	restore_kernel
	eret

/* The two ways back to EL0 below share these: sp = just past the
 * thread's saved registers (U); x10..x13 are scratch until they are loaded, x0 and x1 are
 * kept in the core's struct arch_cpu by then. */
.macro load_user_special
	ldp	x30, x10, [sp, #(U + 16 * 15)]
	msr	sp_el0, x10
	ldp	x11, x12, [sp, #(U + ARCH_REGS_PC)]
	msr	elr_el1, x11
	msr	spsr_el1, x12
	ldr	x13, [sp, #(U + ARCH_REGS_TPIDR)]
	msr	tpidr_el0, x13
.endm

/* The last of the thread's registers, then the lock goes back (lock_give's
 * stlrh orders every load from the TCB above, and all of this entry's
 * kernel work, before it: no other core can free or rewrite the TCB while
 * we still read it), then x0 and x1, kept in this core's struct arch_cpu
 * (not the TCB) to be the lock's scratch (keep_x0_x1), and eret. Without
 * the lock (uniprocessor) x0 and x1 stay in registers throughout; \from_regs
 * says whether they still have to come from the thread's saved registers
 * (sp + U), as in arch_return_to_user, or already hold the thread's values. */
.macro keep_x0_x1 scratch
#if KERNEL_SMP
	mrs	\scratch, tpidr_el1
	stp	x0, x1, [\scratch, #ARCH_CPU_EXIT_X0]
#endif
.endm

.macro load_x20_x29_give_eret from_regs
	ldp	x20, x21, [sp, #(U + 16 * 10)]
	ldp	x22, x23, [sp, #(U + 16 * 11)]
	ldp	x24, x25, [sp, #(U + 16 * 12)]
	ldp	x26, x27, [sp, #(U + 16 * 13)]
	ldp	x28, x29, [sp, #(U + 16 * 14)]
#if KERNEL_SMP
	lock_give x0, w1
	mrs	x0, tpidr_el1
	ldp	x0, x1, [x0, #ARCH_CPU_EXIT_X0]
#else
	.if \from_regs
	ldp	x0, x1, [sp, #(U + 16 * 0)]
	.endif
#endif
	eret
.endm

/*
 * noreturn void arch_return_to_user(struct arch_regs *r)
 * Load r into the CPU and eret to EL0. SP_EL1 ends just past r, which is
 * where the next exception from EL0 will save this thread's registers.
 */
	.global	arch_return_to_user
arch_return_to_user:
	add	sp, x0, #ARCH_REGS_SIZE
#if KERNEL_SMP
	ldp	x0, x1, [sp, #(U + 16 * 0)]
	keep_x0_x1 x9
#endif
	load_user_special
	ldp	x2, x3, [sp, #(U + 16 * 1)]
	ldp	x4, x5, [sp, #(U + 16 * 2)]
	ldp	x6, x7, [sp, #(U + 16 * 3)]
	load_x8_x19 U
	load_x20_x29_give_eret 1

/*
 * noreturn arch_return_to_user_x9: the same with x9 = r and x0..x7 already
 * holding the thread's values (<arch/lazy.h>, arch_return_to_user_result()):
 * everything else from r.
 */
	.global	arch_return_to_user_x9
arch_return_to_user_x9:
	add	sp, x9, #ARCH_REGS_SIZE
	keep_x0_x1 x10
	load_user_special
	load_x8_x19 U
	load_x20_x29_give_eret 0

/*
 * noreturn arch_el0_sync_x9: arch_el0_sync() with the register pointer in
 * x9 (<arch/lazy.h>, arch_el0_sync_branch(): the fast path's declines).
 */
	.global	arch_el0_sync_x9
arch_el0_sync_x9:
	mov	x0, x9
	b	arch_el0_sync

/*
 * void arch_lock_take(void), void arch_lock_give(void): the same lock for
 * C (kmain, the idle loop); both clobber x0..x3 only (and do nothing in the
 * uniprocessor build).
 */
	.global	arch_lock_take
arch_lock_take:
	lock_take x0, x1, w1, w2, w3
	ret

	.global	arch_lock_give
arch_lock_give:
	lock_give x0, w1
	ret

#if KERNEL_SMP
	.bss
	.balign	64			/* a cache line of its own */
	.global	kernel_lock
kernel_lock:
	.word	0			/* serving 0, next 0: free */
	.balign	64
#endif
