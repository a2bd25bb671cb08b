/*
 * Per-core kernel state (docs/kernel.md, "Cores"): each core's `struct cpu`
 * sits at the top of its own kernel stack (struct cpu_block), and the
 * architecture keeps its address in a register (on ARM64 TPIDR_EL1), so
 * this_cpu() is one register read and every field an offset from it. The
 * exception entry uses the same address as the core's kernel stack top.
 * The architecture's own per-core state (struct arch_cpu: FP/SIMD and PMU
 * owners, <arch/lazy.h>) is the first member, so both reach their half from
 * the same pointer. Everything else the kernel keeps is global, serialised
 * by the kernel lock. The first part is assembly-safe (start.S).
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <board.h> /* PLATFORM_MAX_CPUS */

/* The most cores this kernel build runs on: the board's, or 1 for the
 * uniprocessor build (-DKERNEL_MAX_CPUS=1, kernel/meson.build), which
 * compiles the kernel lock and the other cores' start out (docs/kernel.md,
 * "The uniprocessor build"). */
#ifndef KERNEL_MAX_CPUS
#define KERNEL_MAX_CPUS PLATFORM_MAX_CPUS
#endif
#if KERNEL_MAX_CPUS < 1 || KERNEL_MAX_CPUS > PLATFORM_MAX_CPUS
#error "KERNEL_MAX_CPUS: 1 .. PLATFORM_MAX_CPUS"
#endif
#define KERNEL_SMP (KERNEL_MAX_CPUS > 1)

/* Each core's kernel stack: the kernel never blocks inside itself, so one
 * per core is all it needs. */
#define KERNEL_STACK_SIZE 16384

#ifndef __ASSEMBLER__
#include <kernel/arch.h>
#include <stddef.h>

struct tcb;

/* The run queue's priorities (libipc's 0..IPC_PRIO_LEVELS - 1, asserted in
 * sched.c) and the bitmap's 64-bit words. */
#define SCHED_PRIOS 256
#define SCHED_RQ_WORDS (SCHED_PRIOS / 64)

struct cpu {
	struct arch_cpu arch;               /* first: the arch's view of the same pointer */
	struct tcb *cur;                    /* thread whose registers the next kernel exit loads */
	const struct space *active_space;   /* the space TTBR0 holds, or NULL */
	unsigned rq_words;                  /* bit w set while rq_bitmap[w] is not 0 */
	unsigned index;                     /* 0 is the boot core */
	uint64_t rq_bitmap[SCHED_RQ_WORDS]; /* bit p set while a thread of priority p is queued */
	struct tcb *hinted;                 /* libipc's "who runs next", until choose() */
	struct tcb *woken;                  /* made ready last, not yet linked (sched.c) */
	uint64_t alarm;                     /* deadline the timer is armed for, 0 = none */
	struct tcb *timeouts;               /* its threads' deadline heap (sched.c), root earliest */
	bool rearm;                         /* kicked to arm its alarm for a deadline another core added */
	uint64_t home;                      /* TCB_HOME(index): tcb.unusual of its threads, no flag set */
	struct tcb *moves;                  /* threads to move off this core (sched_move()) */
	bool online;                        /* checked in (main.c); never cleared */
	bool ticking;                       /* its periodic tick runs: off while it idles (sched.c) */
	struct tcb *rq_head[SCHED_PRIOS], *rq_tail[SCHED_PRIOS];
};
_Static_assert(offsetof(struct cpu, arch) == 0, "arch_cpu_self() is this_cpu()");

/* A core's stack, its struct cpu just above it (16-byte aligned). */
struct cpu_block {
	unsigned char stack[KERNEL_STACK_SIZE];
	struct cpu cpu;
} __attribute__((aligned(16)));
_Static_assert(offsetof(struct cpu_block, cpu) == KERNEL_STACK_SIZE, "start.S: stack top == &cpu");

extern struct cpu_block cpu_blocks[KERNEL_MAX_CPUS];

static inline __attribute__((always_inline)) struct cpu *this_cpu(void)
{
	return (struct cpu *)arch_cpu_self();
}
#endif

#endif
