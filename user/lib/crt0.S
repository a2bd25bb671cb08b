/*
 * User program entry. The kernel (root task) or the root task (components)
 * starts a thread with pc = _start, sp = its stack top, x0 = an argument
 * and TPIDR_EL0 = its IPC buffer. We call u_start(x0), which calls
 * main(x0), and end the thread when it returns.
 *
 * Register table:
 *   x0   start argument (root task: address of the boot image)
 *   sp   stack top, 16-byte aligned
 *   x29/x30 zeroed so debuggers see the end of the frame chain
 */
#include <uapi/syscall.h>

	.section .text.start, "ax"
	.global _start
_start:
	mov	x29, #0
	mov	x30, #0
	bl	u_start			// ulib.c: prepares the IPC buffer, calls main
	mov	x8, #SYS_THREAD_EXIT	// x8: KABI_REG_SYSNO on ARM64
	svc	#0
1:	b	1b
