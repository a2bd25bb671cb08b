/*
 * libipc's status codes: the IPC core's and the SharedRing's, in one enum
 * and one string table (ipc_strerror). Included by <ipc/ipc.h> and
 * <ipc/ring.h>; freestanding, no state.
 */
#ifndef IPC_STATUS_H
#define IPC_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One status space for the whole library: 0 is success, IPC_BLOCKED means
 * "in progress, the caller is now blocked", negative values are errors. Every
 * error is distinct so a caller can tell exactly what was wrong; the string of
 * each is returned by ipc_strerror(). The values are ABI (the kernel returns
 * them to user space) and are never renumbered.
 */
enum ipc_status {
	IPC_OK = 0,
	IPC_BLOCKED = 1, /* caller blocked; final status comes later */

	IPC_E_MSG_TOO_LONG = -1,      /* M2: length > IPC_MSG_MAX_WORDS */
	IPC_E_TOO_MANY_CAPS = -2,     /* M2: more than 3 extra caps / recv slots */
	IPC_E_BAD_SLOT = -3,          /* slot index outside the CSpace */
	IPC_E_EMPTY_SLOT = -4,        /* slot holds no cap */
	IPC_E_SLOT_FULL = -5,         /* destination slot is occupied */
	IPC_E_WRONG_TYPE = -6,        /* R1: cap names the wrong kind of object */
	IPC_E_NO_RIGHTS = -7,         /* R1, S8, C1: cap lacks a needed right */
	IPC_E_ALREADY_BADGED = -8,    /* B2: badge set on an already badged cap */
	IPC_E_NO_RECEIVER = -9,       /* S2: NBSend found nobody; not delivered */
	IPC_E_NOTHING = -10,          /* S3, N3: nothing pending */
	IPC_E_NO_REPLY = -11,         /* S5: delivered, but receiver had no reply object */
	IPC_E_PEER_GONE = -12,        /* S6: the server/reply object went away */
	IPC_E_OBJECT_GONE = -13,      /* X1: object destroyed while waiting */
	IPC_E_CANCELLED = -14,        /* X2, X3: wait cancelled by the kernel */
	IPC_E_TIMED_OUT = -15,        /* X4: deadline passed */
	IPC_E_NO_CALLER = -16,        /* S4: reply object holds no caller */
	IPC_E_NOT_RECEIVER = -17,     /* S4: only the thread that took the call replies */
	IPC_E_REPLY_BUSY = -18,       /* reply object armed by, or holding a caller of, another receiver */
	IPC_E_BOUND = -19,            /* N4: notification bound to another thread */
	IPC_E_ALREADY_BOUND = -20,    /* N4: thread or notification already bound */
	IPC_E_NOT_TRANSFERABLE = -21, /* C8: reply caps cannot travel in messages */
	IPC_E_BAD_ARG = -22,          /* an argument outside its documented range */
	IPC_E_THREAD_STATE = -23,     /* thread is not in a state for this operation */
	IPC_E_NO_HANDLER = -24,       /* F1: no usable fault handler endpoint */
	IPC_E_SAME_SLOT = -25,        /* copy/mint/move onto its own source slot */

	/* The SharedRing (ipc/ring.h); IPC_RING_OK is IPC_OK. */
	IPC_RING_OK = IPC_OK,
	IPC_RING_E_EMPTY = -64,        /* nothing to pop (not a fault) */
	IPC_RING_E_FULL = -65,         /* no free slot (not a fault) */
	IPC_RING_E_CORRUPT = -66,      /* peer index out of range: hostile or broken peer */
	IPC_RING_E_BAD_MAGIC = -67,    /* region is not a SharedRing */
	IPC_RING_E_BAD_VERSION = -68,  /* layout version this code does not speak */
	IPC_RING_E_BAD_GEOMETRY = -69, /* capacity not a power of two, slot size 0, ... */
	IPC_RING_E_TOO_SMALL = -70,    /* region smaller than header + slots */
	IPC_RING_E_ALIGN = -71,        /* region not aligned to IPC_RING_ALIGN */
	IPC_RING_E_INVAL = -72,        /* bad argument (NULL, commit more than reserved...) */
	IPC_RING_E_NO_WAKER = -73,     /* blocking call without a wait callback */

	/*
	 * Ranges: -1..-63 the core, -64..-127 the SharedRing, -128 and below
	 * free for embedders (a kernel's "out of memory", ...); libipc never
	 * returns those.
	 */
	IPC_E_EMBEDDER_BASE = -128,
};

/* Human-readable name of a status value; never NULL. */
const char *ipc_strerror(int status);

#ifdef __cplusplus
}
#endif

#endif
