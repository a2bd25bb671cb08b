/* Values shared by the "isolation" boot test's programs (isolation.sys
 * says what each one attacks and holds their slots and badges). */
#ifndef ISOLATION_TEST_H
#define ISOLATION_TEST_H

/* struct rframe's offsets, for regs.S (asserted below). */
#define RF_IN 0
#define RF_IN_NZCV 248
#define RF_IN_TPIDR 256
#define RF_OUT 272
#define RF_OUT_NZCV 520
#define RF_OUT_TPIDR 528

#ifndef __ASSEMBLER__
#include <stdint.h>

/* ---- regs: two instances (arg 0 = client "A", 1 = server "B") ---- */
#define R_SELR_A 17u     /* what A keeps in its PMSELR */
#define R_SELR_B 10u     /* what B keeps in its PMSELR */
#define R_SELR_CTL 3u    /* what ctl keeps in its PMSELR */
#define R_SPIN 10000000u /* spin iterations: longer than a timeslice */
#define R_LABEL_DONE 99u

/* One register image for regs_svc()/regs_spin() (regs.S): loaded before the
 * svc (or spin), stored after it. Offsets are used by regs.S. */
struct rframe {
	uint64_t in[31]; /* x0..x30 */
	uint64_t in_nzcv;
	uint64_t in_tpidr;
	uint64_t pad;
	uint64_t out[31];
	uint64_t out_nzcv;
	uint64_t out_tpidr;
	uint64_t pad2;
};
_Static_assert(__builtin_offsetof(struct rframe, in) == RF_IN &&
                   __builtin_offsetof(struct rframe, in_nzcv) == RF_IN_NZCV &&
                   __builtin_offsetof(struct rframe, in_tpidr) == RF_IN_TPIDR &&
                   __builtin_offsetof(struct rframe, out) == RF_OUT &&
                   __builtin_offsetof(struct rframe, out_nzcv) == RF_OUT_NZCV &&
                   __builtin_offsetof(struct rframe, out_tpidr) == RF_OUT_TPIDR,
               "regs.S offsets");
#endif

/* ---- trap: one thread per attack, each with its own fault cap ---- */
#define T_ATTACKS 16 /* trap's threads, each with its own fault cap FAULTi, badge i + 1 */
#define T_MAGIC 0x5eed1234u

/* ---- budget ---- */
#define B_SLOT_FREE (SYS_SLOT_LAST + 1) /* budget: its first free slot */
#define B_SPARE_PAGES 6u                /* budget left when it starts */
#define B_OBST_VA 0x1d0000000ul         /* 4 pages; only the last is mapped (by ctl) */
#define B_SRC_VA 0x1d0100000ul          /* 4 pages; all but the third mapped RW (by ctl) */
#define B_DST_VA 0x3000000000ul         /* a 1 GiB region with no tables yet */

#endif
