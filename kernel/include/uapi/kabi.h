/*
 * The kernel's system-call ABI, shared by the kernel and user space (the
 * user library includes this file; it must stay freestanding and free of
 * kernel types). See docs/kernel.md for the register convention. Status
 * values returned in the first result register are libipc's enum
 * ipc_status (0 = done, negative = error); kernel-only errors reuse them.
 */
#ifndef UAPI_KABI_H
#define UAPI_KABI_H

/*
 * Register convention (ARM64: slot n is register xn, the call number x8):
 *
 *   in:  x0 slot (cap/endpoint/notification/reply or first argument)
 *        x1 msginfo   (label << 16 | ncaps << 11 | length)
 *        x2..x5 message words 0..3 (the rest in the IPC buffer page)
 *        x6 second slot (reply object for Recv/ReplyRecv; receive slot
 *           | reply slot << 32 for NBSendRecv)
 *        x7 timeout in microseconds for blocking calls (0 = none)
 *   out: x0 status (0 or a negative IPC_E_* value)
 *        x1 msginfo of the received message (label, ncaps, length)
 *        x2..x5 received words 0..3
 *        x6 badge (notification word for Wait/Poll and notify events)
 *        x7 event kind (enum ipc_event_kind)
 *
 * Calls that are not IPC take plain arguments in x0..x5 and return status
 * in x0 and an optional value in x1.
 */
#define KABI_MI_LEN_BITS 11
#define KABI_MI_LEN_MASK 0x7ffu
#define KABI_MI_CAPS_SHIFT 11
#define KABI_MI_CAPS_MASK 0x7u
#define KABI_MI_LABEL_SHIFT 16
#define KABI_MSGINFO(label, ncaps, len)                                                                      \
	(((unsigned long)(label) << KABI_MI_LABEL_SHIFT) |                                                   \
	 (((unsigned long)(ncaps)&KABI_MI_CAPS_MASK) << KABI_MI_CAPS_SHIFT) |                                \
	 ((unsigned long)(len)&KABI_MI_LEN_MASK))
#define KABI_MI_LABEL(mi) ((unsigned long)(mi) >> KABI_MI_LABEL_SHIFT)
#define KABI_MI_NCAPS(mi) (((unsigned long)(mi) >> KABI_MI_CAPS_SHIFT) & KABI_MI_CAPS_MASK)
#define KABI_MI_LEN(mi) ((unsigned long)(mi)&KABI_MI_LEN_MASK)

/*
 * Kernel status codes, in the range libipc leaves to embedders (-128 and
 * below, IPC_E_EMBEDDER_BASE); everything else is a libipc IPC_E_* value.
 */
#define KABI_E_NO_MEMORY (-128) /* the untyped budget or the pool is exhausted */
#define KABI_E_NO_ASID (-129)   /* every address-space id is in use */
#define KABI_E_BAD_ADDRESS                                                                                   \
	(-130)             /* a user address not mapped (or not with the                                     \
	                      rights needed) in the caller's space */
#define KABI_E_BUSY (-131) /* the console buffer is full: nothing printed, try again */

enum kabi_sys {
	/* IPC (libipc operations) */
	SYS_SEND = 0,        /* x0 ep, x1 mi, x2-5 words, x7 timeout */
	SYS_NBSEND = 1,      /* x0 ep, x1 mi, x2-5 words */
	SYS_CALL = 2,        /* x0 ep, x1 mi, x2-5 words, x7 timeout */
	SYS_RECV = 3,        /* x0 ep/ntfn, x6 reply slot, x7 timeout */
	SYS_NBRECV = 4,      /* x0 ep/ntfn, x6 reply slot */
	SYS_REPLY = 5,       /* x0 reply slot, x1 mi, x2-5 words */
	SYS_REPLY_RECV = 6,  /* x0 ep, x1 mi, x2-5 words, x6 reply slot, x7 timeout */
	SYS_NBSEND_RECV = 7, /* x0 send ep, x1 mi, x2-5, x6 recv | reply << 32, x7 */
	SYS_SIGNAL = 8,      /* x0 ntfn */
	SYS_WAIT = 9,        /* x0 ntfn, x7 timeout */
	SYS_POLL = 10,       /* x0 ntfn */
	SYS_YIELD = 11,
	/* capability slots, in the caller's CSpace */
	SYS_CAP_COPY = 12,                /* x0 src, x1 dst */
	SYS_CAP_MINT = 13,                /* x0 src, x1 dst, x2 rights mask, x3 badge */
	SYS_CAP_MOVE = 14,                /* x0 src, x1 dst */
	SYS_CAP_DELETE = 15,              /* x0 slot */
	SYS_CAP_REVOKE = 16,              /* x0 slot */
	SYS_CAP_CANCEL_BADGED_SENDS = 17, /* x0 slot (badged endpoint cap) */
	SYS_NTFN_BIND = 18,               /* x0 ntfn slot, x1 thread slot (KABI_SELF: caller) */
	SYS_NTFN_UNBIND = 19,             /* x0 thread slot (KABI_SELF: caller) */
	/* building a system (needs caps to an untyped budget / space / thread) */
	SYS_RETYPE = 20,            /* x0 untyped, x1 KOBJ_* type, x2 dst slot */
	SYS_SPACE_MAP = 21,         /* x0 space, x1 va, x2 pages, x3 KPERM_*, x4 untyped */
	SYS_SPACE_SHARE = 22,       /* x0 dst space, x1 dst va, x2 src space, x3 src va,
	                               x4 pages, x5 KPERM_* (no more than the source),
	                               x6 untyped that pays for page tables */
	SYS_SPACE_WRITE = 23,       /* x0 space, x1 dst va, x2 src ptr (caller), x3 len */
	SYS_CAP_INSTALL = 24,       /* x0 space, x1 dst slot there, x2 src slot here,
	                               x3 rights mask, x4 badge (0 = keep) */
	SYS_THREAD_CONFIGURE = 25,  /* x0 thread, x1 space, x2 ipc buffer va,
	                               x3 priority, x4 fault ep slot (in space) */
	SYS_THREAD_START = 26,      /* x0 thread, x1 pc, x2 sp, x3 arg */
	SYS_THREAD_SET_IPCBUF = 27, /* x0 thread (KABI_SELF: caller), x1 va */
	SYS_THREAD_EXIT = 28,
	/* debugging */
	SYS_DEBUG_PUTS = 29, /* x0 ptr, x1 len (at most KABI_PUTS_MAX) */
	SYS_DEBUG_HALT = 30, /* x0 exit status; needs the untyped cap in x1 */
	/* more thread control (numbered after the debug calls: ABI is append-only) */
	SYS_THREAD_SET_PRIO = 31, /* x0 thread (KABI_SELF), x1 priority <= caller's */
	SYS_THREAD_SUSPEND = 32,  /* x0 thread (KABI_SELF): a wait it is in ends CANCELLED */
	SYS_THREAD_RESUME = 33,   /* x0 thread: a suspended thread runs again */
	SYS_THREAD_SET_NAME = 34, /* x0 thread (W cap, not yet started), x1 ptr, x2 len */
	SYS_COUNT
};

/* Object types for SYS_RETYPE. */
enum kabi_kobj {
	KOBJ_ENDPOINT = 1,
	KOBJ_NTFN = 2,
	KOBJ_REPLY = 3,
	KOBJ_SPACE = 16, /* address space + CSpace of KABI_SPACE_SLOTS slots */
	KOBJ_THREAD = 17,
	KOBJ_UNTYPED = 18, /* not creatable; the root task's budget */
};

/* Page permissions for SYS_SPACE_MAP / SYS_SPACE_SHARE (W^X enforced). */
#define KPERM_R 1u
#define KPERM_W 2u
#define KPERM_X 4u

#define KABI_SELF 0xffffffffu /* "the calling thread" in thread slots */
#define KABI_SPACE_SLOTS 64u  /* CSpace size of every space */
#define KABI_PUTS_MAX 256u
/* A thread's name, the "[name] " the kernel prefixes to each of its console
 * lines: 1..KABI_NAME_MAX bytes of [A-Za-z0-9_.-]. */
#define KABI_NAME_MAX 15u
#define KABI_PAGE_SIZE 4096u
#define KABI_MAP_MAX_PAGES 4096u /* pages one SpaceMap / SpaceShare may map */
/* Offset in the IPC buffer page where the kernel stores the last
 * struct ipc_recv_info after every receive. */
#define KABI_RECV_INFO_OFFSET 2048u

/* The PMU as the kernel sets it up at boot (kernel/arch/aarch64/pmu.c):
 * event counter KABI_PMU_INSN_COUNTER counts KABI_PMU_INSN_EVENT
 * (instructions retired) and the cycle counter runs, at EL0 and EL1. EL0
 * may read them (PMEVCNTR<n>_EL0, PMCCNTR_EL0) but not write any PMU
 * register except its own PMSELR_EL0: a write is an UNDEFINED fault. */
#define KABI_PMU_INSN_EVENT 0x08u
#define KABI_PMU_INSN_COUNTER 0u

/* Root task start-up: slots the kernel fills before the root runs. */
#define ROOT_SLOT_THREAD 1  /* the root thread itself */
#define ROOT_SLOT_SPACE 2   /* the root's own space */
#define ROOT_SLOT_UNTYPED 3 /* the whole memory budget */
#define ROOT_SLOT_FIRST_FREE 4

/* Root task virtual layout (each component picks its own). */
#define ROOT_BOOTIMG_VA 0x100000000ul /* boot image (read-only), root's x0 */
#define ROOT_IPCBUF_VA 0x0ff000000ul
#define ROOT_STACK_TOP 0x0fe000000ul
#define ROOT_STACK_PAGES 8u

/* Boot image: the user programs, embedded read-only in the kernel image. */
#define BOOTIMG_MAGIC 0x474d49544f4f42ul /* "BOOTIMG" */
struct bootimg_entry {
	char name[32];
	unsigned long offset; /* from the start of the image */
	unsigned long size;
};
struct bootimg_header {
	unsigned long magic;
	unsigned long count; /* entries; entry 0 is the root task */
	struct bootimg_entry entry[];
};

#endif
