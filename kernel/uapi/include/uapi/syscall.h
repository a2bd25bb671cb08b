/*
 * System-call numbers and the registers each call reads and writes. ABI
 * slot n is one register (ARM64: xn, kernel/arch/aarch64/include/arch/
 * sysabi.h); the call number is in slot KABI_REG_SYSNO. The kernel decodes
 * through these names, the user stubs (user/include/user/sys.h) and the
 * assembly (crt0.S) use them, and docs/kernel.md tabulates them. The ABI is
 * append-only: a number, once given, keeps its meaning.
 */
#ifndef UAPI_SYSCALL_H
#define UAPI_SYSCALL_H

#include <uapi/const.h>

/* ---- Registers ---------------------------------------------------------- */

#define KABI_REG_SYSNO 8 /* the call number */
#define KABI_NREGS 8     /* argument / result slots 0..7 */

/*
 * IPC calls (Send .. Poll). In:
 *   KABI_ARG_SLOT     endpoint, notification or reply object
 *   KABI_ARG_MSGINFO  label << 16 | ncaps << 11 | length (KABI_MSGINFO)
 *   KABI_ARG_WORD0..  message words 0..3 (the rest in the IPC buffer)
 *   KABI_ARG_SLOT2    reply object (Recv, ReplyRecv); receive slot |
 *                     reply slot << 32 (NBSendRecv)
 *   KABI_ARG_TIMEOUT  microseconds for a blocking call, 0 = none
 * Out (every call writes KABI_RET_STATUS; a receive that succeeds writes
 * them all, one that blocked and then failed sets the rest to 0, one that
 * fails at once leaves the rest as they were):
 *   KABI_RET_STATUS   0 or a negative status (libipc's enum ipc_status,
 *                     or a KABI_E_* below)
 *   KABI_RET_MSGINFO  the received message's label, ncaps, length
 *   KABI_RET_WORD0..  received words 0..3 (0 past the length)
 *   KABI_RET_BADGE    badge (notification word for Wait/Poll, notify events)
 *   KABI_RET_KIND     event kind (libipc's enum ipc_event_kind)
 */
#define KABI_ARG_SLOT 0
#define KABI_ARG_MSGINFO 1
#define KABI_ARG_WORD0 2
#define KABI_ARG_SLOT2 6
#define KABI_ARG_TIMEOUT 7
#define KABI_RET_STATUS 0
#define KABI_RET_MSGINFO 1
#define KABI_RET_WORD0 2
#define KABI_RET_BADGE 6
#define KABI_RET_KIND 7
#define KABI_REG_WORDS 4 /* message words carried in registers */

/* The message-info word. */
#define KABI_MI_LEN_MASK KABI_UL(0x7ff)
#define KABI_MI_CAPS_SHIFT 11
#define KABI_MI_CAPS_MASK KABI_UL(0x7)
#define KABI_MI_LABEL_SHIFT 16
#define KABI_NBSEND_RECV_REPLY_SHIFT 32 /* KABI_ARG_SLOT2 of NBSendRecv */

/*
 * Kernel status codes, in the range libipc leaves to embedders (-128 and
 * below, IPC_E_EMBEDDER_BASE); everything else is a libipc IPC_E_* value.
 */
#define KABI_E_NO_MEMORY (-128)   /* the untyped budget or the pool is exhausted */
#define KABI_E_NO_ASID (-129)     /* every address-space id is in use */
#define KABI_E_BAD_ADDRESS (-130) /* a user address not mapped (or not with the rights needed) */
#define KABI_E_BUSY (-131)        /* the console buffer is full: nothing printed, try again */
#define KABI_E_NO_CPU (-132)      /* no such core, or it did not come online */
#define KABI_E_MIN KABI_E_NO_CPU  /* the lowest kernel status */

/* ---- Calls, and the slots of those that are not IPC ---------------------- */

/* IPC (libipc operations), registers as above. */
#define SYS_SEND 0        /* slot, msginfo, words, timeout */
#define SYS_NBSEND 1      /* slot, msginfo, words */
#define SYS_CALL 2        /* slot, msginfo, words, timeout */
#define SYS_RECV 3        /* slot (endpoint or notification), slot2 reply, timeout */
#define SYS_NBRECV 4      /* slot, slot2 reply */
#define SYS_REPLY 5       /* slot (reply object), msginfo, words */
#define SYS_REPLY_RECV 6  /* slot, msginfo, words, slot2 reply, timeout */
#define SYS_NBSEND_RECV 7 /* slot (send), msginfo, words, slot2 recv | reply << 32, timeout */
#define SYS_SIGNAL 8      /* slot (notification) */
#define SYS_WAIT 9        /* slot (notification), timeout */
#define SYS_POLL 10       /* slot (notification) */
#define SYS_YIELD 11

/* Capability slots, in the caller's CSpace. */
#define SYS_CAP_COPY 12                /* CAP_SRC, CAP_DST */
#define SYS_CAP_MINT 13                /* CAP_SRC, CAP_DST, MINT_RIGHTS, MINT_BADGE */
#define SYS_CAP_MOVE 14                /* CAP_SRC, CAP_DST */
#define SYS_CAP_DELETE 15              /* CAP_SRC */
#define SYS_CAP_REVOKE 16              /* CAP_SRC */
#define SYS_CAP_CANCEL_BADGED_SENDS 17 /* CAP_SRC: a badged endpoint cap */
#define SYS_NTFN_BIND 18               /* BIND_NTFN, BIND_THREAD (KABI_SELF: the caller) */
#define SYS_NTFN_UNBIND 19             /* THREAD (KABI_SELF: the caller) */
#define KABI_CAP_SRC 0
#define KABI_CAP_DST 1
#define KABI_MINT_RIGHTS 2 /* libipc's IPC_R | IPC_W | IPC_G | IPC_GR */
#define KABI_MINT_BADGE 3
#define KABI_BIND_NTFN 0
#define KABI_BIND_THREAD 1

/* Building a system (caps to an untyped budget, a space, a thread). */
#define SYS_RETYPE 20 /* RETYPE_UNTYPED, RETYPE_TYPE (KOBJ_*), RETYPE_DST, RETYPE_PAGES */
#define KABI_RETYPE_UNTYPED 0
#define KABI_RETYPE_TYPE 1
#define KABI_RETYPE_DST 2
#define KABI_RETYPE_PAGES 3      /* KOBJ_UNTYPED only: the child's budget, 1 page or more */
#define KABI_RETYPE_TYPE_MAX 255 /* a larger type argument is BAD_ARG */
#define SYS_SPACE_MAP 21         /* fresh zeroed frames */
#define KABI_MAP_SPACE 0
#define KABI_MAP_VA 1
#define KABI_MAP_PAGES 2 /* at most KABI_MAP_MAX_PAGES */
#define KABI_MAP_PERMS 3 /* KPERM_* */
#define KABI_MAP_UNTYPED 4
#define KABI_MAP_MAX_PAGES KABI_U(4096) /* pages one SpaceMap / SpaceShare may map */
#define SYS_SPACE_SHARE 22              /* map the frames behind another space's pages */
#define KABI_SHARE_DST 0
#define KABI_SHARE_DST_VA 1
#define KABI_SHARE_SRC 2
#define KABI_SHARE_SRC_VA 3
#define KABI_SHARE_PAGES 4
#define KABI_SHARE_PERMS 5   /* KPERM_*, no more than the source's */
#define KABI_SHARE_UNTYPED 6 /* pays for the page tables */
#define SYS_SPACE_WRITE 23   /* loading programs */
#define KABI_WRITE_SPACE 0
#define KABI_WRITE_DST_VA 1
#define KABI_WRITE_SRC 2 /* pointer in the caller's space */
#define KABI_WRITE_LEN 3
#define KABI_WRITE_MAX KABI_UL(0x1000000) /* bytes one SpaceWrite may copy */
#define SYS_CAP_INSTALL 24                /* mint a cap of the caller's into a space's CSpace */
#define KABI_INSTALL_SPACE 0
#define KABI_INSTALL_DST 1 /* slot in that space */
#define KABI_INSTALL_SRC 2 /* the caller's slot */
#define KABI_INSTALL_RIGHTS 3
#define KABI_INSTALL_BADGE 4 /* 0 = keep */
#define SYS_THREAD_CONFIGURE 25
#define KABI_CONF_THREAD 0
#define KABI_CONF_SPACE 1
#define KABI_CONF_IPCBUF 2 /* va, page-aligned, mapped RW in that space */
#define KABI_CONF_PRIO 3   /* at most the caller's */
#define KABI_CONF_FAULT 4  /* fault endpoint slot in that space, or KABI_SLOT_NONE */
#define SYS_THREAD_START 26
#define KABI_START_THREAD 0
#define KABI_START_PC 1
#define KABI_START_SP 2
#define KABI_START_ARG 3         /* slot 0 of the new thread */
#define SYS_THREAD_SET_IPCBUF 27 /* THREAD (KABI_SELF), IPCBUF_VA */
#define KABI_IPCBUF_VA 1
#define SYS_THREAD_EXIT 28

/* Debugging. */
#define SYS_DEBUG_PUTS 29 /* PUTS_PTR, PUTS_LEN (at most KABI_PUTS_MAX) */
#define KABI_PUTS_PTR 0
#define KABI_PUTS_LEN 1
#define KABI_PUTS_MAX KABI_U(256) /* bytes one DebugPuts prints */
#define SYS_DEBUG_HALT 30         /* HALT_STATUS, HALT_UNTYPED (root authority) */
#define KABI_HALT_STATUS 0
#define KABI_HALT_UNTYPED 1

/* More thread control (numbered after the debug calls: append-only). */
#define SYS_THREAD_SET_PRIO 31 /* THREAD (KABI_SELF), PRIO_PRIO <= the caller's */
#define KABI_PRIO_PRIO 1
#define SYS_THREAD_SUSPEND 32  /* THREAD (KABI_SELF): a wait it is in ends CANCELLED */
#define SYS_THREAD_RESUME 33   /* THREAD: a suspended thread runs again */
#define SYS_THREAD_SET_NAME 34 /* THREAD (W cap, not yet started), NAME_PTR, NAME_LEN */
#define KABI_NAME_PTR 1
#define KABI_NAME_LEN 2
/* A thread's name, the "[name] " the kernel prefixes to each of its console
 * lines: 1..KABI_NAME_MAX bytes of [A-Za-z0-9_.-]. */
#define KABI_NAME_MAX KABI_U(15)

/* Memory coming back. */
#define SYS_SPACE_UNMAP 35 /* UNMAP_SPACE (W), UNMAP_VA, UNMAP_PAGES: holes are skipped */
#define KABI_UNMAP_SPACE 0
#define KABI_UNMAP_VA 1
#define KABI_UNMAP_PAGES 2  /* at most KABI_MAP_MAX_PAGES */
#define SYS_UNTYPED_INFO 36 /* INFO_UNTYPED (R); out: the four below */
#define KABI_INFO_UNTYPED 0
#define KABI_INFO_PAGES_LEFT 1 /* pages the untyped can still pay for */
#define KABI_INFO_BUDGET 2     /* pages it was given (the root's: all it had at boot) */
#define KABI_INFO_POOL_FREE 3  /* free pages in the kernel's pool */
#define KABI_INFO_ASIDS_FREE 4 /* address spaces that can still be created */
/* Placement (docs/kernel.md, "Cores: placement"). */
#define SYS_THREAD_SET_CPU 37 /* THREAD (KABI_SELF), CPU_CPU: a core that is online */
#define KABI_CPU_CPU 1
#define SYS_COUNT 38 /* a number >= SYS_COUNT is a fault (F1), not an error */

/* The first slot of every thread-control call. */
#define KABI_THREAD 0

#endif
