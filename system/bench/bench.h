/*
 * The instruction-count IPC benchmark's shared pieces (docs/benchmarking.md): the
 * PMU instructions-retired counter (event 0x08, exact under QEMU -icount
 * shift=0) read at EL0 immediately before and after the `svc` of a system
 * call, the layout of the results region the description maps into every
 * bench component, and the message labels. One side's read before its svc
 * and the other side's read after its own svc returns bracket exactly the
 * kernel's path from exception entry to eret plus the reads themselves,
 * whose cost is measured and subtracted. Concurrency: the results region is
 * written by one component per field and read by the client after the run.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <user/sys.h>

#define BENCH_SAMPLES 16u
#define BENCH_WARMUP 4u
#define BENCH_ROUNDS (BENCH_SAMPLES + BENCH_WARMUP)
/* Call with 0, 4, 10 words, 0 words + 1 cap; Send 0 words; Call with 0
 * words to the server moved to another core (only where that core is
 * online: the SMP kernel on -smp 2 or more) */
#define BENCH_SETS 6u
#define BENCH_SET_SEND 4u
#define BENCH_SET_CROSS 5u
#define BENCH_OTHER_CORE 1u /* where the cross-core set's server runs */
#define BENCH_LABEL_CALL 1u
#define BENCH_LABEL_SEND 2u /* a Send: the server only receives it */
#define BENCH_LABEL_STOP 0xdeadu

struct bench_results {
	uint32_t srv_after[BENCH_SETS * BENCH_ROUNDS + 1];  /* server: after Recv/ReplyRecv returned */
	uint32_t srv_before[BENCH_SETS * BENCH_ROUNDS + 1]; /* server: before its ReplyRecv */
	uint32_t wait_after[BENCH_ROUNDS];                  /* waiter: after Wait returned */
};

static inline uint32_t bench_read(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, pmevcntr0_el0" : "=r"(v)::"memory");
	return (uint32_t)v;
}

/* The kernel runs counter 0 on instructions retired (0x08) at EL0 and EL1
 * from boot; EL0 may only read it (kabi.h), so there is nothing to set up. */
_Static_assert(KABI_PMU_INSN_COUNTER == 0 && KABI_PMU_INSN_EVENT == 0x08,
               "bench_read() reads pmevcntr0_el0, which must count instructions");

/* A system call with the counter read right before and right after svc. */
struct bench_sys {
	struct u_regs r;
	uint32_t before, after;
};

static inline struct bench_sys bench_syscall(uint64_t no, struct u_regs a)
{
	U_SVC_BIND(no, a);
	uint64_t before, after;
	__asm__ volatile("mrs %[b], pmevcntr0_el0\n\tsvc #0\n\tmrs %[a], pmevcntr0_el0"
	                 : U_SVC_OUT, [b] "=&r"(before), [a] "=r"(after)
	                 : "r"(x8)
	                 : "memory");
	return (struct bench_sys){U_SVC_RESULT, (uint32_t)before, (uint32_t)after};
}

#endif
