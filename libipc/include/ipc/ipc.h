/*
 * libipc public interface: endpoints, notifications, reply objects,
 * capability spaces and message transfer, after the seL4 model
 * (see docs/semantics.md, the contract whose rule ids the comments below
 * cite as "SEMANTICS X1", and docs/libipc.md).
 *
 * Concurrency contract: libipc takes no locks and keeps no global state. Every
 * object lives in storage the embedder owns. The embedder serialises all calls
 * into libipc (a uniprocessor kernel with interrupts masked, one big lock on
 * SMP, or a single-threaded test harness). No function blocks or spins: an
 * operation that "blocks" records the thread on a queue, calls
 * ipc_hook_thread_blocked() and returns IPC_BLOCKED; the embedder stops running
 * that thread until ipc_hook_thread_runnable() names it again, and then reads
 * the final status from ipc_thread_status() and the receive details from
 * ipc_thread_recv_info().
 *
 * Error discipline (seL4 decode/invoke): every operation validates everything
 * first and changes state only afterwards, in a part that cannot fail. A
 * returned error therefore means that every object is byte-identical to what
 * it was before the call.
 */
#ifndef IPC_IPC_H
#define IPC_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ipc/config.h>
#include <ipc/status.h> /* enum ipc_status, ipc_strerror() */

#if defined(__GNUC__)
#define IPC_MUST_CHECK __attribute__((warn_unused_result))
#define IPC_NORETURN __attribute__((noreturn))
#else
#define IPC_MUST_CHECK
#define IPC_NORETURN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------- */
/* Limits                                                                    */
/* ------------------------------------------------------------------------- */

/* Extra caps per message (SEMANTICS M2, C6). */
#define IPC_MSG_MAX_CAPS 3u
/* Message words that an ARM64 kernel passes in registers (SEMANTICS M1). */
#define IPC_MSG_REG_WORDS 4u
/* "No slot": for optional slot arguments (reply object, receive slots). */
#define IPC_SLOT_NONE UINT32_MAX
/* "No deadline" for blocking operations (SEMANTICS X4). */
#define IPC_DEADLINE_NONE 0u

/* Status codes: enum ipc_status and ipc_strerror(), in <ipc/status.h>. */

/* ------------------------------------------------------------------------- */
/* Objects and capabilities                                                  */
/* ------------------------------------------------------------------------- */

enum ipc_obj_type {
	IPC_OBJ_NONE = 0,
	IPC_OBJ_ENDPOINT = 1,
	IPC_OBJ_NTFN = 2,
	IPC_OBJ_REPLY = 3,
	/*
	 * Types from IPC_OBJ_EMBEDDER up belong to the embedder (frames, threads,
	 * address spaces, ...). libipc copies, mints (rights only), moves,
	 * deletes and revokes caps to them and transfers them in messages, but
	 * never looks inside the object.
	 */
	IPC_OBJ_EMBEDDER = 16,
};

/* Rights bits of a cap (SEMANTICS "Terms", R1). */
enum ipc_rights {
	IPC_R = 1u << 0,  /* receive: Recv, NBRecv, Wait, Poll */
	IPC_W = 1u << 1,  /* send: Send, NBSend, Call, Signal */
	IPC_G = 1u << 2,  /* grant: transfer caps, create reply links */
	IPC_GR = 1u << 3, /* grant-reply: create reply links only */
	IPC_RIGHTS_ALL = IPC_R | IPC_W | IPC_G | IPC_GR,
};

/*
 * Header embedded first in every object a cap can name. `refs` counts the
 * caps naming the object; when the last one is deleted the object is
 * destroyed (X1) and ipc_hook_object_unreferenced() tells the embedder it may
 * reuse the storage.
 */
struct ipc_object {
	uint32_t type; /* enum ipc_obj_type */
	uint32_t refs; /* caps naming this object */
};

/*
 * A capability slot. Empty when obj == NULL. Derived caps (copy, mint, and
 * copies made by transfer) are linked into a derivation tree so that revoke
 * can find them: parent/first child/siblings. Deleting a cap that has
 * children hands them to its parent, so rights still only shrink along every
 * path to the root (C1) and revoking an ancestor still reaches them (C2).
 * Fields are private to libipc; read them through ipc_cap_* accessors.
 */
struct ipc_cap {
	struct ipc_object *obj;
	uint64_t badge;
	uint32_t rights;
	uint32_t pad_;
	struct ipc_cap *parent;
	struct ipc_cap *child; /* first child */
	struct ipc_cap *next;  /* sibling list, doubly linked */
	struct ipc_cap *prev;
};

/* A flat capability space: an embedder-owned array of slots. */
struct ipc_cspace {
	struct ipc_cap *slots;
	uint32_t nslots;
};

/* ------------------------------------------------------------------------- */
/* Threads and queues                                                        */
/* ------------------------------------------------------------------------- */

/* Thread priorities are 0..IPC_PRIO_LEVELS - 1 (uint8_t). */
#define IPC_PRIO_LEVELS 256
#define IPC_PRIO_WORDS (IPC_PRIO_LEVELS / 64)

/*
 * Doubly linked, priority-ordered wait queue (Q1). The last thread of each
 * run of equal priorities (a "band") is also linked to the last threads of
 * the neighbouring bands, and while two or more bands wait every band is
 * indexed by its priority in fixed storage: a two-level bitmap (bit p of
 * band_bits[p / 64] while a band of priority p waits; bit w of band_words
 * while band_bits[w] != 0) and the band's last thread (band_tail[p],
 * meaningless while bit p is clear). With one band or none (a server
 * waiting alone, the common case) the index is all clear: that band is the
 * whole queue, so its last thread is `tail`, and the fast path's queue
 * operations touch only head, tail and top. An insertion finds its place in
 * a few word operations, as seL4's ready queues do: no operation's cost
 * grows with the number of waiters or of their priorities. The index costs
 * 2 KiB per queue.
 */
struct ipc_queue {
	struct ipc_thread *head;
	struct ipc_thread *tail;
	struct ipc_thread *top; /* last thread of the highest-priority band */
	uint64_t band_words;
	uint64_t band_bits[IPC_PRIO_WORDS];
	struct ipc_thread *band_tail[IPC_PRIO_LEVELS];
};

enum ipc_thread_state {
	IPC_TS_RUNNABLE = 0,  /* not blocked in IPC (running, ready, or stopped by the embedder) */
	IPC_TS_BLOCKED_SEND,  /* queued on an endpoint to send (Send or the send phase of Call) */
	IPC_TS_BLOCKED_RECV,  /* queued on an endpoint to receive */
	IPC_TS_BLOCKED_REPLY, /* Call delivered; waiting on a reply object */
	IPC_TS_BLOCKED_NTFN,  /* queued on a notification (Wait) */
	IPC_TS_DEAD,          /* ipc_thread_destroy()ed; no further operations */
};

/* What a receive delivered (SEMANTICS M3). */
enum ipc_event_kind {
	IPC_EV_NONE = 0,
	IPC_EV_SEND = 1,   /* endpoint message from Send/NBSend; no reply link */
	IPC_EV_CALL = 2,   /* endpoint message from Call; reply link made in the reply object */
	IPC_EV_NOTIFY = 3, /* signal of the bound notification (badge = notification word) */
	IPC_EV_FAULT = 4,  /* fault message (F1); reply link made if a reply object was given */
	IPC_EV_REPLY = 5,  /* the answer to our Call (badge 0, S4) */
};

/* Per transferred cap, what the receiver got (SEMANTICS C5, C7). */
enum ipc_cap_outcome {
	IPC_CAP_NONE = 0,      /* no cap at this position */
	IPC_CAP_DELIVERED = 1, /* a new cap in slot cap_slot[i] */
	IPC_CAP_UNWRAPPED = 2, /* cap to this same endpoint: badge in cap_badge[i] */
	IPC_CAP_DROPPED = 3,   /* not transferred (no G right, no/occupied slot, gone) */
};

/* How a sender transfers each extra cap (SEMANTICS C4). */
enum ipc_xfer_mode {
	IPC_XFER_COPY = 0, /* receiver gets a copy, sender keeps its cap */
	IPC_XFER_MOVE = 1, /* receiver gets the cap, sender's slot is emptied */
	IPC_XFER_MINT = 2, /* receiver gets a copy with rights & mask and badge */
};

struct ipc_xfer {
	uint32_t slot;   /* sender's slot */
	uint32_t mode;   /* enum ipc_xfer_mode */
	uint32_t rights; /* MINT: rights mask */
	uint32_t pad_;
	uint64_t badge; /* MINT: badge (0 = keep) */
};

/*
 * The per-thread message buffer (seL4's IPC buffer). The sender's words and
 * cap descriptors are read from it at transfer time; the receiver's words are
 * written into it and its receive slots read from it. It may live in memory
 * the thread can write, so libipc re-validates everything it reads from it.
 */
struct ipc_buffer {
	uint64_t words[IPC_MSG_MAX_WORDS];
	struct ipc_xfer caps[IPC_MSG_MAX_CAPS]; /* sender: caps to transfer */
	uint32_t recv_slots[IPC_MSG_MAX_CAPS];  /* receiver: empty slots, or IPC_SLOT_NONE */
	uint32_t pad_;
};

/* Message descriptor given to every sending operation (SEMANTICS M1). */
struct ipc_msginfo {
	uint64_t label;  /* opaque to libipc, carried in full */
	uint32_t length; /* words in buffer->words, <= IPC_MSG_MAX_WORDS */
	uint32_t ncaps;  /* caps described in buffer->caps, <= IPC_MSG_MAX_CAPS */
};

/*
 * What the receiver learned from its last receive (SEMANTICS M3, C7). An
 * operation that ends in an error after blocking, or a Call or fault that
 * ends at once with NO_REPLY, clears it (all zero, kind IPC_EV_NONE): an
 * earlier message never passes for the answer to a wait that got none.
 */
struct ipc_recv_info {
	uint32_t kind;   /* enum ipc_event_kind */
	uint32_t length; /* words actually transferred */
	uint64_t label;
	uint64_t badge;                        /* B1: badge of the invoked cap; NOTIFY: the word */
	uint32_t ncaps;                        /* caps the sender described */
	uint8_t cap_outcome[IPC_MSG_MAX_CAPS]; /* enum ipc_cap_outcome */
	uint8_t pad_;
	uint32_t cap_slot[IPC_MSG_MAX_CAPS]; /* DELIVERED: receiver's slot */
	uint32_t pad2_;
	uint64_t cap_badge[IPC_MSG_MAX_CAPS]; /* UNWRAPPED: the cap's badge */
};

/* Fault details (SEMANTICS F1). Kinds are the embedder's; libipc copies them. */
enum ipc_fault_kind {
	IPC_FAULT_DATA_ABORT = 1,
	IPC_FAULT_INSN_ABORT = 2,
	IPC_FAULT_UNDEFINED = 3,
	IPC_FAULT_BAD_SYSCALL = 4,
	IPC_FAULT_CAP = 5,
};
#define IPC_FAULT_WORDS 4u /* address, syndrome, pc, extra */
struct ipc_fault {
	uint64_t kind;
	uint64_t words[IPC_FAULT_WORDS];
};
/* The fault handler's reply label that resumes the faulting thread. */
#define IPC_FAULT_RESUME 0u

/*
 * The IPC half of a thread. Embed it in the kernel's TCB. All fields are
 * private; read them through the accessors at the end of this header
 * (ipc_thread_state(), ipc_thread_status(), ipc_thread_recv_info(),
 * ipc_thread_prio(), ipc_thread_deadline()).
 */
struct ipc_thread {
	/* The order puts what one wake-up or block writes side by side, so it
	 * takes a few wide stores (ipc_fast_wake(), ipc_fast_block()). */
	struct ipc_thread *qnext, *qprev; /* endpoint / notification queue */
	struct ipc_thread *bnext, *bprev; /* band tails only: next lower / higher band's tail */
	void *blocked_on;                 /* ipc_endpoint, ipc_ntfn or ipc_reply */
	struct ipc_reply *recv_reply;     /* BLOCKED_RECV: reply object to link */
	uint32_t state;                   /* enum ipc_thread_state */
	int32_t status;                   /* final status of the last blocking op */
	uint64_t deadline;
	uint8_t is_call;   /* BLOCKED_SEND: Call (wants a reply link) */
	uint8_t is_fault;  /* BLOCKED_SEND: fault message in `fault` */
	uint8_t can_grant; /* BLOCKED_SEND: invoked cap had G */
	uint8_t prio;      /* higher value = higher priority */
	uint32_t pad_;     /* 0 */
	struct ipc_cspace *cspace;
	struct ipc_buffer *buf;
	struct ipc_msginfo send;   /* BLOCKED_SEND: the message */
	uint64_t send_badge;       /* BLOCKED_SEND: badge of the invoked cap */
	struct ipc_reply *replies; /* reply objects holding a caller for us */
	struct ipc_ntfn *bound;    /* bound notification (N4) */
	struct ipc_recv_info info; /* result of the last receive */
	struct ipc_fault fault;    /* pending fault message (F1) */
};

/* An endpoint: a queue of senders or of receivers, never both. */
enum ipc_ep_state { IPC_EP_IDLE = 0, IPC_EP_SEND, IPC_EP_RECV };
struct ipc_endpoint {
	struct ipc_object obj;
	uint32_t state; /* enum ipc_ep_state */
	uint32_t pad_;
	struct ipc_queue queue;
};

/* A notification: a word of OR-ed badges plus a queue of waiters. */
struct ipc_ntfn {
	struct ipc_object obj;
	uint32_t pending; /* N3: a signal arrived (distinct from word == 0) */
	uint32_t pad_;
	uint64_t word;
	struct ipc_queue waiters;
	struct ipc_thread *bound;
};

/*
 * A reply object (seL4 MCS). While a server waits in Recv with it, `server`
 * is that thread and `armed` is set. When a Call is delivered the caller is
 * linked as `caller` and `server` is the receiving thread, the only one that
 * may reply. If the caller goes away the object remembers it (`caller_gone`)
 * so that the reply becomes a silent no-op (S6).
 */
struct ipc_reply {
	struct ipc_object obj;
	uint8_t armed;       /* a receiver is blocked with this object */
	uint8_t caller_gone; /* linked caller was cancelled; reply is a no-op */
	uint8_t pad_[6];
	struct ipc_thread *server;
	struct ipc_thread *caller;
	struct ipc_reply *snext, *sprev; /* server->replies list */
};

/*
 * Result of an operation that can change who runs (Hubris's NextTask).
 * `err` is IPC_OK, IPC_BLOCKED or an error. `next` is the thread libipc
 * suggests to run now, or NULL:
 *   - caller still runnable: a woken thread of strictly higher priority than
 *     the caller, else NULL (keep running the caller);
 *   - caller blocked: the highest-priority thread this operation woke (a
 *     direct hand-off, e.g. Call -> server), else NULL (pick from the run
 *     queue);
 *   - operations without a caller (destroy, cancel, cap ops): the highest-
 *     priority woken thread, else NULL.
 * It is a hint: every woken thread has also been passed to
 * ipc_hook_thread_runnable(), and a strict priority scheduler may prefer its
 * own run queue.
 */
struct ipc_ret {
	int err;
	struct ipc_thread *next;
};

/* ------------------------------------------------------------------------- */
/* Hooks: the embedder defines these (link-time; a missing one is a link    */
/* error).                                                                   */
/* ------------------------------------------------------------------------- */

/*
 * When the hooks fire (docs/libipc.md, "Hook order", has the same as a
 * table). A hook runs inside the libipc call, at the state change it reports,
 * so hooks come in the order of the changes; each names one thread or object.
 *   blocked(t):   t has started a wait: its state, IPC_BLOCKED status and
 *                 ipc_thread_deadline() are set. Once per wait.
 *   runnable(t):  t's wait has ended: it is RUNNABLE, its deadline
 *                 IPC_DEADLINE_NONE, its status and receive info final. Once
 *                 per wait; never for a thread that did not block, nor for a
 *                 thread being destroyed.
 *   unreferenced(obj): after the runnable hooks of the object's waiters.
 * If the calling thread blocks, its blocked hook is the operation's last.
 * Per operation (cur = the calling thread; "as Recv" = the Recv line):
 *   Send, Call, fault: a receiver waits: runnable(receiver), then, for a Call
 *     or fault that links the receiver's reply object, blocked(cur) (state
 *     BLOCKED_REPLY): the server's runnable hook comes first. Nobody waits:
 *     blocked(cur) (BLOCKED_SEND). NBSend, and a Call or fault that ends at
 *     once with NO_REPLY: no hook for cur.
 *   Recv, NBRecv: if the reply object still holds a caller (S6), runnable(
 *     that caller) first. Then: a pending bound signal: nothing more; a queued
 *     sender: runnable(sender) for a Send, runnable(caller) for a Call or
 *     fault if no reply object was given (status NO_REPLY), and NO hook at
 *     all for a Call or fault linked to the reply object: the caller goes from
 *     BLOCKED_SEND to BLOCKED_REPLY silently and keeps its deadline, so a
 *     timer armed in its blocked hook stays armed; nothing queued:
 *     blocked(cur) (Recv only).
 *   Wait (or Recv on a notification): nothing, or blocked(cur).
 *   Reply: runnable(caller); no hook if the caller has gone.
 *   ReplyRecv: runnable(caller) of the reply (none if gone), then as Recv.
 *   NBSendRecv: runnable(receiver) if the send found one, then as Recv.
 *   Signal: runnable(the waiter, or the bound thread waiting in Recv), or no
 *     hook. ipc_ntfn_bind: runnable(t) if it hands t a pending signal.
 *   ipc_thread_cancel(t): runnable(t).
 *   ipc_thread_destroy(t), ipc_thread_destroy_some(t): none for t;
 *     runnable(c) for each caller c waiting for t's reply (PEER_GONE), the
 *     most recently taken call first.
 *   ipc_ep_destroy, ipc_ntfn_destroy, cancel-badged-sends: runnable for each
 *     woken thread, in queue order (Q1). ipc_reply_destroy: runnable(caller)
 *     if one is linked (an armed receiver keeps waiting: no hook).
 *   ipc_cap_delete: no hook unless it deletes the last cap; then the hooks
 *     of the object's destroy above, then unreferenced(obj).
 *   ipc_cap_revoke, ipc_cap_revoke_some never destroy (the revoked cap
 *     still names the object): no hook. Nor do Poll, Peek, unbind, set_prio, set_buffer, install,
 *     copy, mint, move, or any operation that fails.
 *
 * When storage may be reused (docs/libipc.md, "Storage"):
 *   - an object, from the moment ipc_hook_object_unreferenced() names it
 *     (inside the hook or later): its waiters have woken, a bound thread is
 *     unbound, reply links are undone, and libipc neither reads nor writes
 *     it again. Re-initialise it (ipc_*_init) before installing new caps.
 *     ipc_ep_destroy(), ipc_ntfn_destroy() and ipc_reply_destroy() only
 *     empty an object: while a cap names it, its storage is in use. An object
 *     that never had a cap is free whenever no thread is bound to it.
 *   - a thread (struct ipc_thread), as soon as ipc_thread_destroy() returns
 *     (or ipc_thread_destroy_some() sets *done):
 *     no queue, reply object or notification points at it any more. Its
 *     message buffer is free then too (as is one replaced by
 *     ipc_thread_set_buffer()). Its CSpace is not: the caps in it are live
 *     references, linked with others in the derivation tree; delete them
 *     before reusing the slot array. Re-initialise with ipc_thread_init().
 * Hooks must not call back into libipc.
 */

/* `t` has just blocked (left the runnable state). Called before the
 * operation returns IPC_BLOCKED for the caller. */
void ipc_hook_thread_blocked(struct ipc_thread *t);
/* Blocked thread `t` is runnable again; its status and receive info are
 * final. Called once per wake-up. */
void ipc_hook_thread_runnable(struct ipc_thread *t);
/* The last cap to `obj` was deleted and the object has been destroyed; the
 * embedder may reuse its storage at once, in this hook or later: libipc
 * keeps no pointer to it and does not touch it after calling this hook. */
void ipc_hook_object_unreferenced(struct ipc_object *obj);
/* An internal invariant broke: a libipc bug or memory corruption. */
IPC_NORETURN void ipc_hook_assert_failed(const char *file, int line, const char *expr);

/* ------------------------------------------------------------------------- */
/* Checking state                                                            */
/* ------------------------------------------------------------------------- */

/*
 * Read-only consistency checks, for tests and for an embedder's own audit
 * (the kernel runs them over every object at halt). Each returns NULL while
 * every invariant libipc keeps about its argument holds, else a constant
 * string naming the first one that is broken. They change nothing, call no
 * hook and never block; cost O(waiters) (a thread: O(length of the queue it
 * waits on)). Only for storage that holds a live object, thread or slot.
 *   ipc_object_check: an endpoint, notification or reply object: its queue
 *     in priority order (Q1), linked both ways, its band index exact, every
 *     waiter blocked on it in the state the object's state implies; an
 *     endpoint idle exactly when empty; no waiters beside a pending signal;
 *     bindings mutual (N4); a reply object idle, armed for the receiver that
 *     waits with it, or owed by its server to a caller that waits on it.
 *     Embedder types are not looked into (NULL).
 *   ipc_thread_check: a blocked thread is on its object's queue (or its
 *     reply object's caller), a runnable or dead one names nothing it waits
 *     on; a runnable one is in no fault Call and has no deadline; one in
 *     no queue has no queue links; its binding is mutual; the replies it
 *     owes all name it.
 *   ipc_cap_check: an empty slot is out of the derivation tree; a full one
 *     names an object that counts caps, has rights within IPC_RIGHTS_ALL and
 *     within its parent's (C1), naming the same object, and its tree links
 *     lead back to it.
 */
const char *ipc_object_check(const struct ipc_object *o);
const char *ipc_thread_check(const struct ipc_thread *t);
const char *ipc_cap_check(const struct ipc_cap *c);

/* ------------------------------------------------------------------------- */
/* Set-up (embedder only)                                                    */
/* ------------------------------------------------------------------------- */

void ipc_cspace_init(struct ipc_cspace *cs, struct ipc_cap *slots, uint32_t nslots);
void ipc_thread_init(struct ipc_thread *t, struct ipc_cspace *cs, struct ipc_buffer *buf, uint8_t prio);
void ipc_ep_init(struct ipc_endpoint *ep);
void ipc_ntfn_init(struct ipc_ntfn *n);
void ipc_reply_init(struct ipc_reply *r);
/* Initialise the header of an embedder-typed object (type >= IPC_OBJ_EMBEDDER). */
void ipc_object_init(struct ipc_object *o, uint32_t type);

/*
 * Install an original (root) cap to `obj` in an empty slot.
 * Errors: BAD_SLOT, SLOT_FULL, BAD_ARG (obj NULL, type NONE, rights outside
 * IPC_RIGHTS_ALL).
 */
IPC_MUST_CHECK int ipc_cap_install(struct ipc_cspace *cs, uint32_t slot, struct ipc_object *obj,
                                   uint32_t rights, uint64_t badge);

/* ------------------------------------------------------------------------- */
/* Capability operations (SEMANTICS C1, C2, B2)                              */
/* ------------------------------------------------------------------------- */

/*
 * Copy the cap in (src_cs, src) into the empty slot (dst_cs, dst) as its
 * child, with the same rights and badge. Reply caps may be copied within
 * CSpaces but never transferred in messages (C8).
 * Errors: BAD_SLOT, EMPTY_SLOT, SLOT_FULL, SAME_SLOT.
 */
IPC_MUST_CHECK int ipc_cap_copy(struct ipc_cspace *src_cs, uint32_t src, struct ipc_cspace *dst_cs,
                                uint32_t dst);
/*
 * Mint: like copy, with rights = source rights & `rights_mask`, and badge
 * `badge` if non-zero (B2: only on an unbadged endpoint or notification cap).
 * A badge of 0 keeps the source's badge.
 * Errors: as copy, plus ALREADY_BADGED (badge on a badged cap), WRONG_TYPE
 * (badge on a cap that is neither endpoint nor notification), BAD_ARG (mask
 * outside IPC_RIGHTS_ALL).
 */
IPC_MUST_CHECK int ipc_cap_mint(struct ipc_cspace *src_cs, uint32_t src, struct ipc_cspace *dst_cs,
                                uint32_t dst, uint32_t rights_mask, uint64_t badge);
/* Move a cap to an empty slot, keeping its place in the derivation tree.
 * Errors: BAD_SLOT, EMPTY_SLOT, SLOT_FULL, SAME_SLOT. */
IPC_MUST_CHECK int ipc_cap_move(struct ipc_cspace *src_cs, uint32_t src, struct ipc_cspace *dst_cs,
                                uint32_t dst);
/*
 * Delete a cap. Its children move up to its parent. If it was the last cap
 * to its object the object is destroyed (X1: waiters wake with OBJECT_GONE;
 * S6 for reply objects) and ipc_hook_object_unreferenced() is called.
 * Errors: BAD_SLOT, EMPTY_SLOT.
 */
IPC_MUST_CHECK struct ipc_ret ipc_cap_delete(struct ipc_cspace *cs, uint32_t slot);
/* Revoke: delete every cap derived from this one (C2); the cap itself stays.
 * Errors: BAD_SLOT, EMPTY_SLOT. */
IPC_MUST_CHECK struct ipc_ret ipc_cap_revoke(struct ipc_cspace *cs, uint32_t slot);
/*
 * C9: the same revoke in bounded steps, for an embedder that must not spend
 * time linear in the derived caps in one call. Does at most `max` units,
 * each O(1): the cap's first child is deleted if it has no children, else
 * that child's first child is moved up to be the cap's direct child (still
 * derived from it, rights unchanged). Sets *done to whether no derived cap
 * is left. A subtree of n caps takes at most 2n units. Calls until *done
 * delete exactly the caps one ipc_cap_revoke() deletes and leave every
 * object as it leaves them (byte for byte). In between, caps not yet
 * deleted work as before; one moved up no longer descends from the cap it
 * was derived from, so revoking that one in between does not reach it (the
 * step under way will). No hook, like ipc_cap_revoke().
 * Errors: BAD_ARG if max is 0 or done is NULL, then BAD_SLOT, EMPTY_SLOT
 * (nothing changes).
 */
IPC_MUST_CHECK struct ipc_ret ipc_cap_revoke_some(struct ipc_cspace *cs, uint32_t slot, uint32_t max,
                                                  bool *done);
/* X2: cancel the queued sends made with this cap's badge on its endpoint
 * (not fault messages, which stay for the handler). Needs all rights
 * (IPC_RIGHTS_ALL), as seL4 does. Badge 0 is a no-op.
 * Errors: BAD_SLOT, EMPTY_SLOT, WRONG_TYPE, NO_RIGHTS. */
IPC_MUST_CHECK struct ipc_ret ipc_cap_cancel_badged_sends(struct ipc_cspace *cs, uint32_t slot);

/* Read-only views of a slot; an empty or invalid slot reads as type NONE. */
uint32_t ipc_cap_type(const struct ipc_cspace *cs, uint32_t slot);
uint32_t ipc_cap_rights(const struct ipc_cspace *cs, uint32_t slot);
uint64_t ipc_cap_badge(const struct ipc_cspace *cs, uint32_t slot);
struct ipc_object *ipc_cap_object(const struct ipc_cspace *cs, uint32_t slot);
/*
 * C2: would deleting this cap destroy its object? Sets *last to true if the
 * cap is the only one naming its object (ipc_cap_delete() would destroy the
 * object and call ipc_hook_object_unreferenced()), false if other caps name
 * it too. A pure query: changes nothing.
 * Errors: BAD_SLOT, EMPTY_SLOT (*last is then left as it was).
 */
IPC_MUST_CHECK int ipc_cap_is_last(const struct ipc_cspace *cs, uint32_t slot, bool *last);

/* ------------------------------------------------------------------------- */
/* Endpoint operations (SEMANTICS S1-S9, B1, C3-C8, R1)                      */
/*                                                                           */
/* `cur` is the calling thread; it must be IPC_TS_RUNNABLE (else             */
/* THREAD_STATE). Slots name caps in cur's CSpace. Common errors of every    */
/* sending operation: MSG_TOO_LONG, TOO_MANY_CAPS, BAD_SLOT, EMPTY_SLOT,     */
/* WRONG_TYPE, NO_RIGHTS, and for each described cap (when the endpoint cap  */
/* has G) BAD_SLOT/EMPTY_SLOT/NOT_TRANSFERABLE/ALREADY_BADGED/BAD_ARG.       */
/* Receiving operations: BAD_SLOT, EMPTY_SLOT, WRONG_TYPE, NO_RIGHTS,        */
/* REPLY_BUSY, TOO_MANY_CAPS (never: unused receive slots are IPC_SLOT_NONE).*/
/* ------------------------------------------------------------------------- */

/* S1: send `mi` (words and caps from cur's buffer); blocks until received.
 * Final status after blocking: OK, OBJECT_GONE, CANCELLED, TIMED_OUT. */
IPC_MUST_CHECK struct ipc_ret ipc_send(struct ipc_thread *cur, uint32_t slot, struct ipc_msginfo mi,
                                       uint64_t deadline);
/* S2: never blocks; NO_RECEIVER if nobody was waiting (nothing delivered). */
IPC_MUST_CHECK struct ipc_ret ipc_nbsend(struct ipc_thread *cur, uint32_t slot, struct ipc_msginfo mi);
/*
 * S4, S5, S8: send then wait for the reply; needs W and G or GR. The reply
 * lands in cur's buffer and info (kind REPLY, badge 0). The server may
 * transfer caps in the reply only if the cap cur invoked had G (as seL4). Errors besides the
 * common ones: NO_REPLY (delivered to a receiver without a reply object; the
 * one error after which state has changed: cur never blocked, and its status
 * is NO_REPLY and its receive info cleared, as after waking with NO_REPLY).
 * Final status after blocking: OK, NO_REPLY, PEER_GONE, OBJECT_GONE,
 * CANCELLED, TIMED_OUT.
 */
IPC_MUST_CHECK struct ipc_ret ipc_call(struct ipc_thread *cur, uint32_t slot, struct ipc_msginfo mi,
                                       uint64_t deadline);
/*
 * Receive on an endpoint (or Wait, if `slot` names a notification). Needs R.
 * `reply_slot` names a reply object cap or IPC_SLOT_NONE (S5). If the object
 * still holds an unanswered caller, that caller wakes with PEER_GONE (S6).
 * A pending signal on cur's bound notification wins over queued senders (N4).
 */
IPC_MUST_CHECK struct ipc_ret ipc_recv(struct ipc_thread *cur, uint32_t slot, uint32_t reply_slot,
                                       uint64_t deadline);
/* S3: like recv but returns NOTHING instead of blocking. */
IPC_MUST_CHECK struct ipc_ret ipc_nbrecv(struct ipc_thread *cur, uint32_t slot, uint32_t reply_slot);
/*
 * S4, S6: answer the caller linked to the reply object in `reply_slot` with
 * `mi` (badge 0). Errors: NO_CALLER (nothing linked: never called, or already
 * replied), NOT_RECEIVER (another thread took the call). A caller that has
 * gone away makes the reply a silent no-op returning OK.
 */
IPC_MUST_CHECK struct ipc_ret ipc_reply(struct ipc_thread *cur, uint32_t reply_slot, struct ipc_msginfo mi);
/*
 * S7: reply through `reply_slot` (if it holds a caller) and receive on `slot`
 * with the same reply object, atomically. Everything is validated before the
 * reply is sent. Errors: those of ipc_reply() whenever the object holds a
 * caller, live or gone (NOT_RECEIVER for any thread but the one that took the
 * call, S4), those of ipc_recv(), and WRONG_TYPE if `slot` names a
 * notification. An idle reply object just receives. The receive uses the
 * endpoint validated before the reply: a cap moved out of `slot` by the
 * reply's own cap transfer does not stop it (as in seL4).
 */
IPC_MUST_CHECK struct ipc_ret ipc_reply_recv(struct ipc_thread *cur, uint32_t slot, uint32_t reply_slot,
                                             struct ipc_msginfo mi, uint64_t deadline);
/*
 * S9: NBSend on `send_slot` (its NO_RECEIVER is not an error here: the send
 * phase never blocks and a missed send is dropped silently, as in MCS), then
 * Recv on `recv_slot` (endpoint: NBSendRecv; notification: NBSendWait).
 */
IPC_MUST_CHECK struct ipc_ret ipc_nbsend_recv(struct ipc_thread *cur, uint32_t send_slot,
                                              struct ipc_msginfo mi, uint32_t recv_slot, uint32_t reply_slot,
                                              uint64_t deadline);

/* ------------------------------------------------------------------------- */
/* Notification operations (SEMANTICS N1-N4)                                 */
/* ------------------------------------------------------------------------- */

/* N1, N2, N4: signal with the cap's badge. Needs W. Never blocks. */
IPC_MUST_CHECK struct ipc_ret ipc_signal(struct ipc_thread *cur, uint32_t slot);
/* N1: wait for a signal; badge (the OR of badges) in info.badge. Needs R.
 * BOUND if the notification is bound to another thread. */
IPC_MUST_CHECK struct ipc_ret ipc_wait(struct ipc_thread *cur, uint32_t slot, uint64_t deadline);
/* N3: return the word and clear it, or NOTHING. Needs R. Never blocks.
 * BOUND if the notification is bound to another thread (N4). */
IPC_MUST_CHECK struct ipc_ret ipc_poll(struct ipc_thread *cur, uint32_t slot);
/* N3: read without clearing: OK with *word, or NOTHING. Needs R only: a
 * pure query, open to any holder whatever the binding (unlike Wait/Poll). */
IPC_MUST_CHECK int ipc_ntfn_peek(struct ipc_thread *cur, uint32_t slot, uint64_t *word);
/*
 * N4: bind `n` to `t` (one each). If a signal is pending and `t` already
 * waits in Recv on an endpoint, `t` takes it at once (woken with a NOTIFY
 * event), so no later Send can overtake it. Errors: ALREADY_BOUND if either
 * is bound, BOUND if other threads wait on `n`, THREAD_STATE if `t` is dead.
 */
IPC_MUST_CHECK struct ipc_ret ipc_ntfn_bind(struct ipc_ntfn *n, struct ipc_thread *t);
/* Undo a binding; no-op if `t` has none. */
void ipc_ntfn_unbind(struct ipc_thread *t);

/* ------------------------------------------------------------------------- */
/* Threads, destruction, cancellation (SEMANTICS X1-X4, Q1, F1)              */
/* ------------------------------------------------------------------------- */

/* X1: wake every waiter with OBJECT_GONE and leave the object idle. */
struct ipc_ret ipc_ep_destroy(struct ipc_endpoint *ep);
struct ipc_ret ipc_ntfn_destroy(struct ipc_ntfn *n);
/*
 * X5: the same destruction in bounded steps, for an embedder that must not
 * spend unbounded time in one call (a kernel with interrupts masked). Wakes
 * at most `max` of the queued threads, from the head (Q1 order), with
 * OBJECT_GONE, and sets *done to whether none is left; the call that finds
 * the queue empty also does the rest of ipc_*_destroy() (endpoint idle;
 * notification unbound and cleared). Calls until *done wake exactly the
 * threads one ipc_*_destroy() would, in the same order. Only the embedder
 * can keep new waiters out in between (it holds the object's last cap
 * where no thread can use it); libipc does not refuse them. The hooks are
 * those of ipc_*_destroy() (runnable for each woken thread, in order).
 * Errors: BAD_ARG if max is 0 or done is NULL (nothing changes).
 * Never blocks.
 */
IPC_MUST_CHECK struct ipc_ret ipc_ep_destroy_some(struct ipc_endpoint *ep, uint32_t max, bool *done);
IPC_MUST_CHECK struct ipc_ret ipc_ntfn_destroy_some(struct ipc_ntfn *n, uint32_t max, bool *done);
/* S6: a linked caller wakes with PEER_GONE; an armed receiver is disarmed. */
struct ipc_ret ipc_reply_destroy(struct ipc_reply *r);
/* X2 on an endpoint directly (badge 0: no-op; fault messages stay). */
struct ipc_ret ipc_ep_cancel_badged_sends(struct ipc_endpoint *ep, uint64_t badge);

/*
 * X3, X4: end the wait of a blocked thread with status `err` (CANCELLED,
 * TIMED_OUT, ...). It leaves every queue and reply link; a caller linked to a
 * reply object leaves the object in "caller gone" state (S6).
 * Errors: THREAD_STATE if `t` is not blocked; BAD_ARG if err >= 0.
 */
IPC_MUST_CHECK struct ipc_ret ipc_thread_cancel(struct ipc_thread *t, int err);
/*
 * S6, X3: the thread dies: cancel its wait, unbind its notification, wake the
 * callers waiting on replies it owes with PEER_GONE. Its state becomes DEAD.
 * Once it returns, the storage of `t` and of its buffer may be reused (its
 * CSpace's caps stay live until deleted; see "When storage may be reused").
 */
struct ipc_ret ipc_thread_destroy(struct ipc_thread *t);
/*
 * X6: the same in bounded steps. The first call cancels t's wait silently,
 * unbinds its notification and makes it DEAD (status THREAD_STATE); each
 * call then wakes at most `max` of the callers waiting for its replies with
 * PEER_GONE, in ipc_thread_destroy()'s order, and sets *done to whether none
 * is left. Calls until *done wake exactly the threads one
 * ipc_thread_destroy() wakes, in the same order, and leave every object as
 * it leaves them. Between calls the callers still waiting stay blocked (and
 * can be cancelled, X3); t's storage may be reused only once *done. Hooks:
 * runnable for each woken caller, in order. On a thread already destroyed:
 * *done, nothing happens.
 * Errors: BAD_ARG if max is 0 or done is NULL (nothing changes).
 */
IPC_MUST_CHECK struct ipc_ret ipc_thread_destroy_some(struct ipc_thread *t, uint32_t max, bool *done);
/* Point `t` at another message buffer (e.g. a new IPC buffer page). Only
 * while `t` is in no IPC operation: THREAD_STATE otherwise, BAD_ARG for NULL. */
IPC_MUST_CHECK int ipc_thread_set_buffer(struct ipc_thread *t, struct ipc_buffer *buf);
/* Q1: change priority, re-sorting the queue `t` waits on. */
void ipc_thread_set_prio(struct ipc_thread *t, uint8_t prio);
/*
 * F1: make `t` Call its fault handler through the endpoint cap `handler_slot`
 * in its own CSpace, with label = f->kind and words = f->words. The words do
 * not touch t's buffer. The handler's reply label IPC_FAULT_RESUME means
 * resume; anything else, leave it stopped (the embedder reads it from
 * ipc_thread_recv_info(t)->label when t becomes runnable).
 * Errors: NO_HANDLER (slot empty, invalid, not an endpoint or without W and
 * G/GR): the embedder then stops the thread and reports the fault;
 * THREAD_STATE if `t` is not runnable; NO_REPLY (S5) if the handler waits
 * without a reply object: it got the fault message but cannot answer, `t`
 * never blocked and stays stopped, its status is NO_REPLY and its receive
 * info cleared (as for ipc_call()), so ipc_fault_resumes(t) is false.
 * Otherwise it returns IPC_BLOCKED: read the verdict when `t` wakes.
 */
IPC_MUST_CHECK struct ipc_ret ipc_thread_fault(struct ipc_thread *t, uint32_t handler_slot,
                                               const struct ipc_fault *f);

/* F1: after a faulting thread wakes, does the handler's answer resume it? */
bool ipc_fault_resumes(const struct ipc_thread *t);

/*
 * The final status of t's last wait, set before ipc_hook_thread_runnable(t)
 * (IPC_BLOCKED while t waits), and by a Call or fault that ends at once with
 * NO_REPLY. Operations that complete without blocking report only through
 * their return value. After an error the receive info is cleared (kind
 * IPC_EV_NONE); after OK it holds what the wait received.
 */
static inline int ipc_thread_status(const struct ipc_thread *t)
{
	return t->status;
}
static inline const struct ipc_recv_info *ipc_thread_recv_info(const struct ipc_thread *t)
{
	return &t->info;
}
static inline uint32_t ipc_thread_state(const struct ipc_thread *t)
{
	return t->state;
}
static inline uint8_t ipc_thread_prio(const struct ipc_thread *t)
{
	return t->prio;
}
/*
 * X4: the absolute deadline of t's current wait, as given to the operation
 * that blocked it, or IPC_DEADLINE_NONE (no deadline, or t is runnable). It
 * is set before ipc_hook_thread_blocked(t), so the embedder reads it there to
 * arm its timer; it stays the same, with no hook, while a Call moves from
 * waiting to send to waiting for the reply (the deadline covers both); it is
 * IPC_DEADLINE_NONE again before ipc_hook_thread_runnable(t).
 */
static inline uint64_t ipc_thread_deadline(const struct ipc_thread *t)
{
	return t->deadline;
}

#ifdef __cplusplus
}
#endif

#endif /* IPC_IPC_H */
