/* Slots, badges and values shared by the "isolation" boot test's programs
 * (root.c says what each one attacks). */
#ifndef ISOLATION_TEST_H
#define ISOLATION_TEST_H

#include <stdint.h>

/* TAP lines: root ISO_ROOT_PLAN, regs A 7 and B 6, judge 2, trap 0 (it
 * prints only when an attack took effect, which is a failure), budget
 * ISO_BUDGET_PLAN. */
#define ISO_ROOT_PLAN 2
#define ISO_BUDGET_PLAN 9
#define ISO_PLAN (ISO_ROOT_PLAN + 7 + 6 + 2 + ISO_BUDGET_PLAN)

/* ---- regs: two instances (arg 0 = client "A", 1 = server "B") ---- */
#define R_SLOT_EP 2    /* A: W|G|GR cap with badge R_BADGE; B: R cap */
#define R_SLOT_REPLY 3 /* B: reply object */
#define R_SLOT_NTFN 4  /* A: W cap to the root's notification ("about to suspend") */
#define R_BADGE 0x5a
#define R_SELR_A 17u     /* what A keeps in its PMSELR */
#define R_SELR_B 10u     /* what B keeps in its PMSELR */
#define R_SELR_ROOT 3u   /* what the root keeps in its PMSELR */
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

/* ---- trap: one thread per attack, each with its own fault cap ---- */
#define T_ATTACKS 16
#define T_SLOT_FAULT0 2 /* thread i faults to slot T_SLOT_FAULT0 + i, badge i + 1 */
#define J_SLOT_EP 2     /* judge: the fault endpoint (R) */
#define J_SLOT_REPLY 3  /* judge: reply object */
#define T_MAGIC 0x5eed1234u

/* ---- budget ---- */
#define B_SLOT_SPACE 2          /* its own space, all rights */
#define B_SLOT_UNT_R 3          /* the untyped, R only */
#define B_SLOT_UNT_W 4          /* the untyped, W (what it may spend) */
#define B_SLOT_OTHER_R 5        /* another component's space, R only */
#define B_SLOT_FREE 8           /* first free slot */
#define B_SPARE_PAGES 6u        /* budget left when it starts */
#define B_OBST_VA 0x1d0000000ul /* 4 pages; only the last is mapped (by the root) */
#define B_SRC_VA 0x1d0100000ul  /* 4 pages; all but the third mapped RW (by the root) */
#define B_DST_VA 0x3000000000ul /* a 1 GiB region with no tables yet */

#endif
