/*
 * What the kernel's system calls name: object types for Retype, page
 * permissions, the "no slot" and "the caller" slot values, the caps the
 * kernel gives the root task, and the kinds in a fault message. Cap rights
 * are libipc's (enum ipc_rights in <ipc/ipc.h>: IPC_R, IPC_W, IPC_G,
 * IPC_GR); the kernel uses them on its own objects too (docs/kernel.md).
 */
#ifndef UAPI_OBJECT_H
#define UAPI_OBJECT_H

#include <uapi/const.h>

/* Object types for SYS_RETYPE. 1..3 are libipc's IPC_OBJ_* (endpoint,
 * notification, reply object), 16 and up its IPC_OBJ_EMBEDDER range: the
 * kernel asserts both (object.h). */
#define KOBJ_ENDPOINT 1
#define KOBJ_NTFN 2
#define KOBJ_REPLY 3
#define KOBJ_SPACE 16 /* address space + CSpace of KABI_SPACE_SLOTS slots */
#define KOBJ_THREAD 17
#define KOBJ_UNTYPED 18 /* a budget of pages: split from another (KABI_RETYPE_PAGES) */

/* Page permissions for SYS_SPACE_MAP / SYS_SPACE_SHARE. R is required and
 * W with X is refused (W^X); a value with bits outside KPERM_ALL is BAD_ARG. */
#define KPERM_R KABI_U(1)
#define KPERM_W KABI_U(2)
#define KPERM_X KABI_U(4)
#define KPERM_ALL KABI_U(7)

/* Slots. KABI_SLOT_NONE is libipc's IPC_SLOT_NONE ("no slot": no reply
 * object, no fault handler); as a thread argument it means the caller. */
#define KABI_SLOT_NONE KABI_U(0xffffffff)
#define KABI_SELF KABI_SLOT_NONE
#define KABI_SPACE_SLOTS KABI_U(64) /* CSpace size of every space */

/* Root task start-up: the caps the kernel installs before the root runs. */
#define ROOT_SLOT_THREAD 1  /* the root thread itself */
#define ROOT_SLOT_SPACE 2   /* the root's own space */
#define ROOT_SLOT_UNTYPED 3 /* the whole memory budget */
#define ROOT_SLOT_FIRST_FREE 4

/*
 * Fault messages (SEMANTICS F1): a faulting thread Calls its handler with
 * label = libipc's enum ipc_fault_kind and these words. KABI_FAULT_WORD_KIND
 * holds the kernel's finer kind, one of KABI_FAULT_*: the first four are
 * the libipc label of the same number (asserted in fault.c); an alignment
 * fault is labelled IPC_FAULT_DATA_ABORT, anything else IPC_FAULT_UNDEFINED.
 */
#define KABI_FAULT_WORD_ADDR 0
#define KABI_FAULT_WORD_SYNDROME 1
#define KABI_FAULT_WORD_PC 2
#define KABI_FAULT_WORD_KIND 3
#define KABI_FAULT_DATA_ABORT 1
#define KABI_FAULT_INSN_ABORT 2
#define KABI_FAULT_UNDEFINED 3
#define KABI_FAULT_UNKNOWN_SYSCALL 4
#define KABI_FAULT_ALIGNMENT 5
#define KABI_FAULT_OTHER 6
/* KABI_FAULT_WORD_SYNDROME is ESR_EL1 as the CPU wrote it (its exception
 * class: ARM_ESR_EC() of <common/arm.h>). */

/* The PMU as the kernel sets it up at boot (kernel/arch/aarch64/pmu.c):
 * event counter KABI_PMU_INSN_COUNTER counts KABI_PMU_INSN_EVENT
 * (instructions retired) and the cycle counter runs, at EL0 and EL1. EL0
 * may read them (PMEVCNTR<n>_EL0, PMCCNTR_EL0) but not write any PMU
 * register except its own PMSELR_EL0: a write is an UNDEFINED fault. */
#define KABI_PMU_INSN_EVENT KABI_U(0x08)
#define KABI_PMU_INSN_COUNTER KABI_U(0)

/* Bounded kernel work (docs/kernel.md): what one kernel entry does at most
 * of a teardown whose size user code chooses. The kernel's own names for
 * them are KERNEL_CHUNK_* (<kernel/object.h>); boot test kwork checks the
 * longest interrupts-masked stretch against them. */
#define KABI_CHUNK_WAITERS KABI_U(16) /* threads woken: cancel-all (X5), a thread's callers (X6) */
#define KABI_CHUNK_CAPS KABI_U(32)    /* units of a revoke of derived caps (C9) */
#define KABI_CHUNK_PAGES KABI_U(64)   /* pages of a SpaceMap, SpaceShare or SpaceUnmap */

#endif
