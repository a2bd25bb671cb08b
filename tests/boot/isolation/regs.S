/*
 * Register helpers for the "isolation" boot test: load every general
 * register, NZCV and TPIDR_EL0 from a struct rframe (isolation_test.h), run
 * one svc (regs_svc) or a spin loop (regs_spin), and store them all back, so
 * the C side can check which registers a syscall, a context switch or a
 * peer's message changed. The caller's callee-saved registers, x29/x30 and
 * TPIDR_EL0 are saved on the stack around it.
 *
 * Register table: x0 struct rframe * in; during the svc every x0..x30
 * holds the frame's value; regs_spin uses x9..x13 (x9 last counter value,
 * x10/x13 scratch, x11 largest gap between two counter reads, x12
 * iterations left) and leaves the gap in out[11].
 */
#include "isolation_test.h"
#define IN RF_IN
#define IN_NZCV RF_IN_NZCV
#define IN_TPIDR RF_IN_TPIDR
#define OUT RF_OUT
#define OUT_NZCV RF_OUT_NZCV
#define OUT_TPIDR RF_OUT_TPIDR

.macro enter
	stp	x29, x30, [sp, #-112]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	mrs	x9, tpidr_el0
	stp	x0, x9, [sp, #96]
	ldr	x9, [x0, #IN_NZCV]
	msr	nzcv, x9
	ldr	x9, [x0, #IN_TPIDR]
	msr	tpidr_el0, x9
	ldp	x2, x3, [x0, #IN + 16]
	ldp	x4, x5, [x0, #IN + 32]
	ldp	x6, x7, [x0, #IN + 48]
	ldp	x8, x9, [x0, #IN + 64]
	ldp	x10, x11, [x0, #IN + 80]
	ldp	x12, x13, [x0, #IN + 96]
	ldp	x14, x15, [x0, #IN + 112]
	ldp	x16, x17, [x0, #IN + 128]
	ldp	x18, x19, [x0, #IN + 144]
	ldp	x20, x21, [x0, #IN + 160]
	ldp	x22, x23, [x0, #IN + 176]
	ldp	x24, x25, [x0, #IN + 192]
	ldp	x26, x27, [x0, #IN + 208]
	ldp	x28, x29, [x0, #IN + 224]
	ldr	x30, [x0, #IN + 240]
	ldp	x0, x1, [x0, #IN]
.endm

.macro leave
	stp	x0, x1, [sp, #-16]!
	mrs	x1, nzcv
	ldr	x0, [sp, #16 + 96]
	str	x1, [x0, #OUT_NZCV]
	mrs	x1, tpidr_el0
	str	x1, [x0, #OUT_TPIDR]
	stp	x2, x3, [x0, #OUT + 16]
	stp	x4, x5, [x0, #OUT + 32]
	stp	x6, x7, [x0, #OUT + 48]
	stp	x8, x9, [x0, #OUT + 64]
	stp	x10, x11, [x0, #OUT + 80]
	stp	x12, x13, [x0, #OUT + 96]
	stp	x14, x15, [x0, #OUT + 112]
	stp	x16, x17, [x0, #OUT + 128]
	stp	x18, x19, [x0, #OUT + 144]
	stp	x20, x21, [x0, #OUT + 160]
	stp	x22, x23, [x0, #OUT + 176]
	stp	x24, x25, [x0, #OUT + 192]
	stp	x26, x27, [x0, #OUT + 208]
	stp	x28, x29, [x0, #OUT + 224]
	str	x30, [x0, #OUT + 240]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #OUT]
	ldr	x9, [sp, #104]
	msr	tpidr_el0, x9
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #112
	ret
.endm

	.text
	.global	regs_svc
regs_svc:
	enter
	svc	#0
	leave

	.global	regs_spin
regs_spin:
	enter
	mrs	x9, cntvct_el0
	mov	x11, #0
1:	mrs	x10, cntvct_el0
	sub	x13, x10, x9
	mov	x9, x10
	cmp	x13, x11
	csel	x11, x13, x11, hi
	subs	x12, x12, #1
	b.ne	1b
	leave
