/*
 * Numbers the ARM architecture and its firmware interfaces fix, written once
 * for the kernel (C and assembly) and for the user programs that test the
 * kernel's handling of them. Assembly-safe: numbers only, no C suffixes.
 */
#ifndef COMMON_ARM_H
#define COMMON_ARM_H

/* ESR_ELx (Arm ARM D17.2.37): the exception class is bits 31:26. The fault
 * message's syndrome word (KABI_FAULT_WORD_SYNDROME) is ESR_EL1 as is. */
#define ARM_ESR_EC_SHIFT 26
#define ARM_ESR_EC_MASK 0x3f
#define ARM_ESR_EC(esr) (((esr) >> ARM_ESR_EC_SHIFT) & ARM_ESR_EC_MASK)
#define ARM_EC_UNKNOWN 0x00     /* an undefined instruction */
#define ARM_EC_FP 0x07          /* FP/SIMD access trapped (CPACR_EL1.FPEN) */
#define ARM_EC_SVC64 0x15       /* svc from AArch64 */
#define ARM_EC_SYSREG 0x18      /* a trapped MSR, MRS or system instruction */
#define ARM_EC_IABT_LOW 0x20    /* instruction abort from a lower EL */
#define ARM_EC_PC_ALIGN 0x22    /* pc alignment fault */
#define ARM_EC_DABT_LOW 0x24    /* data abort from a lower EL */
#define ARM_EC_SP_ALIGN 0x26    /* sp alignment fault */
#define ARM_ESR_DFSC_MASK 0x3f  /* a data abort's fault status code */
#define ARM_DFSC_ALIGNMENT 0x21 /* data fault status: alignment */

/* PSCI 1.1 (ARM DEN 0022) function ids, SMC64 where there is a choice. */
#define PSCI_SYSTEM_OFF 0x84000008
#define PSCI_CPU_ON 0xC4000003

/* Semihosting (ARM IHI 0057): `hlt #SEMIHOST_HLT` with the operation in x0. */
#define SEMIHOST_HLT 0xf000
#define SEMIHOST_SYS_OPEN 0x01
#define SEMIHOST_SYS_CLOSE 0x02
#define SEMIHOST_SYS_WRITE0 0x04
#define SEMIHOST_SYS_WRITE 0x05
#define SEMIHOST_SYS_EXIT 0x18
#define SEMIHOST_EXIT_APPLICATION 0x20026 /* ADP_Stopped_ApplicationExit */

/* A number above as an immediate in inline assembly: "hlt #" ARM_STR(SEMIHOST_HLT). */
#define ARM_STR_(x) #x
#define ARM_STR(x) ARM_STR_(x)

#endif
