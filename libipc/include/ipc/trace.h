/*
 * libipc's IPC trace: one event format for every embedder (the host
 * harness, the ARM64 kernel, your kernel) and for tools/trace.py.
 *
 * Tracing is a compile-time choice. Build libipc with IPC_TRACE defined and
 * every operation reports what it did through ipc_hook_trace(), which the
 * embedder then supplies; without IPC_TRACE the trace points expand to
 * nothing, so a normal build is the same object code and does not reference
 * the hook (the freestanding symbol check shows both).
 *
 * libipc fills an event on its stack and passes it to the hook, which must
 * copy what it keeps. libipc does not know thread ids, names or the time:
 * `src`, `dst` and `obj` hold the addresses of the ipc_thread / object
 * (0 = none), and `time` is 0. The embedder rewrites those into its own ids
 * and its clock before it stores the event (the kernel: thread and object
 * numbers and retired instructions). Kinds from IPC_TR_EMBEDDER up are the
 * embedder's own records in the same 64-byte format (context switches,
 * names); libipc never emits them.
 */
#ifndef IPC_TRACE_H
#define IPC_TRACE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum ipc_trace_kind {
	/* A message moved from src to dst through endpoint obj (0 for a
	 * reply). SEND, CALL, FAULT and REPLY have the values of the matching
	 * enum ipc_event_kind. */
	IPC_TR_SEND = 1,   /* Send/NBSend, or a Call delivered without a reply object (S5) */
	IPC_TR_CALL = 2,   /* Call: dst now holds the reply link */
	IPC_TR_SIGNAL = 3, /* src signals notification obj with badge; dst = the thread it woke, or 0 */
	IPC_TR_FAULT = 4,  /* fault message to the handler (F1); label = fault kind */
	IPC_TR_REPLY = 5,  /* Reply / the reply half of ReplyRecv; dst 0: the caller had gone (S6) */
	/* src starts to wait: status IPC_BLOCKED. */
	IPC_TR_RECV = 6,  /* for a message on endpoint obj */
	IPC_TR_QUEUE = 7, /* to send on endpoint obj (nobody receives yet): label, badge, length, ncaps */
	IPC_TR_WAIT = 8,  /* on notification obj: status BLOCKED; or OK, the word taken at once in badge */
	/* One extra cap of a message from src to dst: label = its position,
	 * status = enum ipc_cap_outcome, badge = the badge of the receiver's
	 * new cap (DELIVERED) or the unwrapped badge (UNWRAPPED). */
	IPC_TR_CAP = 9,
	IPC_TR_TIMEOUT = 10, /* X4: src's deadline passed while it waited on obj; status TIMED_OUT */
	IPC_TR_ABORT = 11,   /* src's wait on obj ended with error `status` (X1-X3, S5, S6) */
	IPC_TR_DESTROY = 12, /* object obj destroyed (label = its type), or thread src dies (obj 0) */

	/* Embedder records: libipc never emits these. This project's kernel
	 * and host harness use the next three (docs/kernel.md "IPC trace"). */
	IPC_TR_EMBEDDER = 32,
	IPC_TR_SWITCH = 32,      /* the CPU went from thread src to thread dst */
	IPC_TR_NAME_THREAD = 33, /* thread src belongs to component dst; its name */
	IPC_TR_NAME_COMP = 34,   /* component src; its name */
};

struct ipc_trace_event {
	uint64_t time;   /* embedder's clock; 0 from libipc */
	uint64_t src;    /* the acting / sending thread */
	uint64_t dst;    /* the receiving / woken thread */
	uint64_t obj;    /* endpoint, notification or reply object */
	uint64_t label;  /* message label */
	uint64_t badge;  /* badge the receiver sees (B1), signal badge, notification word */
	uint32_t kind;   /* enum ipc_trace_kind */
	int32_t status;  /* enum ipc_status, or as the kind says */
	uint32_t length; /* message words */
	uint32_t ncaps;  /* extra caps the sender described */
};

/* How an embedder writes an object's id into `obj` (the kernel, the test
 * and fuzz harnesses; tools/trace.py reads it back): its type (enum
 * ipc_object_type) above IPC_TRACE_OBJ_TYPE_SHIFT, below it a number from 1
 * (0 when the embedder ran out of numbers). */
#define IPC_TRACE_OBJ_TYPE_SHIFT 12u
#define IPC_TRACE_OBJ_ID(type, n) ((uint64_t)(type) << IPC_TRACE_OBJ_TYPE_SHIFT | (uint64_t)(n))

/* The name records keep a NUL-padded name in obj, label and badge (24 bytes). */
#define IPC_TRACE_NAME_MAX 24u

/*
 * A trace file (what the kernel writes at halt, what the harness's
 * h_trace_write() writes): this 64-byte header, then `count` events, all
 * little-endian. `clock` says what `time` counts.
 */
#define IPC_TRACE_MAGIC "IPCTRACE"
#define IPC_TRACE_VERSION 1u
/* count for a writer that may die mid-run (a fuzz replay): events follow to
 * the end of the file. */
#define IPC_TRACE_COUNT_TO_END UINT64_MAX
enum ipc_trace_clock {
	IPC_TRACE_CLOCK_SEQ = 0,   /* event number (host harness) */
	IPC_TRACE_CLOCK_INSNS = 1, /* instructions retired (PMU, QEMU -icount) */
};
struct ipc_trace_header {
	char magic[8];       /* IPC_TRACE_MAGIC, no NUL */
	uint32_t version;    /* IPC_TRACE_VERSION */
	uint32_t event_size; /* sizeof(struct ipc_trace_event) */
	uint64_t count;      /* events that follow, or IPC_TRACE_COUNT_TO_END */
	uint64_t dropped;    /* events lost because the buffer was full */
	uint32_t clock;      /* enum ipc_trace_clock */
	uint32_t pad_[7];
};

/* Supplied by the embedder when libipc is built with IPC_TRACE. Called with
 * the embedder's serialisation held; must not call back into libipc. */
void ipc_hook_trace(const struct ipc_trace_event *ev);

#ifdef __cplusplus
}
#endif

#endif /* IPC_TRACE_H */
