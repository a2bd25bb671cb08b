/*
 * The saved user state of one thread on ARM64, embedded in every TCB. Core
 * code only embeds it and passes pointers around; it reads and writes fields
 * through the accessors in <kernel/arch.h>. The layout is shared with
 * vectors.S (ARCH_REGS_* offsets below) and must change in both places.
 * Concurrency: touched only by the kernel, with interrupts masked.
 */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#define ARCH_REGS_SP 248
#define ARCH_REGS_PC 256
#define ARCH_REGS_SPSR 264
#define ARCH_REGS_TPIDR 272
#define ARCH_REGS_SIZE 288
/* struct arch_fpu: where fpu.S keeps FPCR and FPSR, after q0..q31. */
#define ARCH_FPU_FPCR 512
#define ARCH_FPU_SIZE 528
/* struct arch_cpu (<arch/lazy.h>): where the way out to EL0 keeps the
 * thread's x0 and x1 while they serve the kernel lock's release. */
#define ARCH_CPU_EXIT_X0 0

#ifndef __ASSEMBLER__
#include <stdint.h>

struct arch_regs {
	uint64_t x[31]; /* x0..x30 */
	uint64_t sp;    /* SP_EL0 */
	uint64_t pc;    /* ELR_EL1: where eret resumes */
	uint64_t spsr;  /* SPSR_EL1: PSTATE to restore (EL0t, DAIF) */
	uint64_t tpidr; /* TPIDR_EL0: user thread pointer */
	uint64_t pad;
} __attribute__((aligned(16)));

_Static_assert(__builtin_offsetof(struct arch_regs, sp) == ARCH_REGS_SP &&
                   __builtin_offsetof(struct arch_regs, pc) == ARCH_REGS_PC &&
                   __builtin_offsetof(struct arch_regs, spsr) == ARCH_REGS_SPSR &&
                   __builtin_offsetof(struct arch_regs, tpidr) == ARCH_REGS_TPIDR &&
                   sizeof(struct arch_regs) == ARCH_REGS_SIZE,
               "vectors.S offsets");

/*
 * A thread's FP/SIMD state: q0..q31, FPCR, FPSR. Switched lazily: only the
 * thread that last used the FPU has its state in the registers (see
 * fpu.c); the others' live here. Layout shared with fpu.S.
 */
struct arch_fpu {
	uint64_t q[64]; /* q0..q31, low word first */
	uint64_t fpcr;
	uint64_t fpsr;
} __attribute__((aligned(16)));

_Static_assert(__builtin_offsetof(struct arch_fpu, fpcr) == ARCH_FPU_FPCR &&
                   __builtin_offsetof(struct arch_fpu, fpsr) == ARCH_FPU_FPCR + 8 &&
                   sizeof(struct arch_fpu) == ARCH_FPU_SIZE,
               "fpu.S offsets");

/* A thread's own PMU state: PMSELR_EL0, the one PMU register EL0 may write
 * (pmu.c). Switched lazily, like the FPU. */
struct arch_pmu {
	uint64_t selr;
};

/* ASIDs: 8 bits on some ARMv8.0 cores, 16 on A53 and A72 (ID_AA64MMFR0_EL1
 * says which; mmu.c); 0 is the kernel's. */
#define ARCH_ASID_MAX_8BIT 255u
#define ARCH_ASID_MAX 65535u /* the most any supported core has */

/* One address space as the MMU sees it. */
struct arch_vspace {
	uint64_t *l1; /* level-1 table (kernel-virtual == physical) */
	unsigned asid;
	uint64_t ttbr; /* TTBR0_EL1 for it: l1 | asid << 48, kept with both */
};
#endif

#endif
