/*
 * System-register values the boot assembly (start.S) and the C code
 * (mmu.c) both write, defined once. Assembly-safe: numbers only.
 */
#ifndef ARCH_SYSREGS_H
#define ARCH_SYSREGS_H

/* SCTLR_EL1: the bits that are RES1 on ARMv8.0 (the MMU-off value start.S
 * writes before dropping to EL1), and the ones mmu.c turns on. */
#define SCTLR_EL1_RES1 0x30d00800
#define SCTLR_EL1_M (1 << 0)    /* MMU on */
#define SCTLR_EL1_C (1 << 2)    /* data cache */
#define SCTLR_EL1_SA (1 << 3)   /* EL1 stack alignment check */
#define SCTLR_EL1_SA0 (1 << 4)  /* EL0 stack alignment check */
#define SCTLR_EL1_I (1 << 12)   /* instruction cache */
#define SCTLR_EL1_WXN (1 << 19) /* writable implies execute-never */

#endif
