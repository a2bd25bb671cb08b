/*
 * Private declarations shared by libipc's translation units: assertions,
 * the wake-up context that computes the "who runs next" hint, queue and
 * cap-lookup helpers, and the message transfer engine. Nothing here is part
 * of the ABI. Same concurrency contract as ipc.h: callers are serialised by
 * the embedder.
 */
#ifndef IPC_INTERNAL_H
#define IPC_INTERNAL_H

#include <ipc/fastpath.h>
#include <ipc/ipc.h>

/* The only library functions libipc uses; the embedder links them. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

#define IPC_ASSERT(expr, why)                                                                                \
	do {                                                                                                 \
		if (!(expr))                                                                                 \
			ipc_hook_assert_failed(__FILE__, __LINE__, #expr ": " why);                          \
	} while (0)

/*
 * Trace points (<ipc/trace.h>): with IPC_TRACE defined each one fills an
 * event and calls ipc_hook_trace(); without it they expand to nothing, their
 * arguments are not even evaluated, and libipc's object code is as before.
 */
#ifdef IPC_TRACE
#include <ipc/trace.h>
void ipc_trace(uint32_t kind, const struct ipc_thread *src, const struct ipc_thread *dst, const void *obj,
               uint64_t label, uint64_t badge, uint32_t length, uint32_t ncaps, int32_t status);
#define IPC_TRACE_EV(...) ipc_trace(__VA_ARGS__)
#else
#define IPC_TRACE_EV(...) ((void)0)
#endif

/*
 * Every operation collects the threads it wakes in a context so that it can
 * answer "who runs next" (ipc_ret.next) when it returns. `cur` is the calling
 * thread, or NULL for operations the embedder performs on nobody's behalf.
 */
struct ipc_ctx {
	struct ipc_thread *cur;
	struct ipc_thread *best;
};

static inline struct ipc_ctx ipc_ctx_make(struct ipc_thread *cur)
{
	struct ipc_ctx c = {cur, NULL};
	return c;
}

/* thread.c */
void ipc_wake(struct ipc_ctx *c, struct ipc_thread *t, int status);
void ipc_block(struct ipc_thread *t, uint32_t state, void *on, uint64_t deadline);
struct ipc_ret ipc_finish(const struct ipc_ctx *c, int err);
struct ipc_ret ipc_fail(int err);
/* An operation of `t` ended in an error after changing state (a wake-up with
 * an error, or NO_REPLY at once): clear its receive info (kind NONE). */
void ipc_fail_info(struct ipc_thread *t);
/* Remove a blocked thread from whatever it waits on, without waking it. */
void ipc_detach(struct ipc_thread *t);

/* queue.c */
void ipc_queue_insert(struct ipc_queue *q, struct ipc_thread *t);
void ipc_queue_remove(struct ipc_queue *q, struct ipc_thread *t);
struct ipc_thread *ipc_queue_pop(struct ipc_queue *q);
static inline bool ipc_queue_empty(const struct ipc_queue *q)
{
	return q->head == NULL;
}

/* Zero a receive info (inline stores, not a 72-byte memset call). */
static inline void ipc_info_clear(struct ipc_recv_info *info)
{
	ipc_fast_info_clear(info);
}

/* cap.c */
/* The cap in `slot`, or NULL for a slot out of range (or no CSpace). */
static inline struct ipc_cap *ipc_slot(const struct ipc_cspace *cs, uint32_t slot)
{
	if (cs == NULL || slot >= cs->nslots)
		return NULL;
	return &cs->slots[slot];
}
/* Look up a cap of `type` holding all of `rights`; errors as documented. */
int ipc_lookup(const struct ipc_cspace *cs, uint32_t slot, uint32_t type, uint32_t rights,
               struct ipc_cap **out);
/* Derive `dst` (an empty slot) from `src`: child in the derivation tree
 * (inline: a cap transfer's commit, also on the fast path, runs it). */
static inline void ipc_cap_derive(struct ipc_cap *src, struct ipc_cap *dst, uint32_t rights, uint64_t badge)
{
	IPC_ASSERT(dst->obj == NULL, "derive into an empty slot only");
	IPC_ASSERT((rights & ~src->rights) == 0, "C1: a derived cap never gains rights");
	dst->obj = src->obj;
	dst->rights = rights;
	dst->badge = badge;
	dst->child = NULL;
	/* New first child of src. */
	dst->parent = src;
	dst->prev = NULL;
	dst->next = src->child;
	if (src->child != NULL)
		src->child->prev = dst;
	src->child = dst;
	src->obj->refs++;
}
void ipc_cap_relocate(struct ipc_cap *src, struct ipc_cap *dst);
/* Check that `src` may be minted with (mask, badge); 0 or an error. */
int ipc_mint_check(const struct ipc_cap *src, uint32_t mask, uint64_t badge);

/* transfer.c */
/* Validate the cap descriptors of a message the sender is about to send. */
int ipc_xfer_check(const struct ipc_thread *sender, struct ipc_msginfo mi);
/* Move the message `mi` from `s` to `r` (kind: enum ipc_event_kind): a
 * queued sender's s->send, or the message of a send or reply made now
 * (which is not stored in s->send). `ep` is the endpoint it travels
 * through (for unwrapping) or NULL for a reply. */
void ipc_transfer(struct ipc_thread *s, struct ipc_msginfo mi, struct ipc_thread *r,
                  const struct ipc_endpoint *ep, uint32_t kind, uint64_t badge, bool grant);
int ipc_msginfo_check(struct ipc_msginfo mi);

/* endpoint.c */
void ipc_ep_remove(struct ipc_endpoint *ep, struct ipc_thread *t);

/* reply.c */
void ipc_reply_link(struct ipc_reply *r, struct ipc_thread *server, struct ipc_thread *caller);
void ipc_reply_arm(struct ipc_reply *r, struct ipc_thread *server);
void ipc_reply_disarm(struct ipc_reply *r);
/* Drop a linked caller (waking it with `status`) and the server link. */
void ipc_reply_clear(struct ipc_ctx *c, struct ipc_reply *r, int status);
/* The caller linked to `r` went away (X3): replies become no-ops (S6). */
void ipc_reply_caller_gone(struct ipc_reply *r);
/* Validate a reply by `cur` through `r` with `mi`; 0 or an error. */
int ipc_reply_check(const struct ipc_thread *cur, const struct ipc_reply *r, struct ipc_msginfo mi);
/* ipc_reply_check() after the msginfo check (for a caller that made it). */
int ipc_reply_check_peer(const struct ipc_thread *cur, const struct ipc_reply *r, struct ipc_msginfo mi);
/* Commit a reply with `mi`, validated by ipc_reply_check(). */
void ipc_reply_commit(struct ipc_ctx *c, struct ipc_thread *cur, struct ipc_reply *r, struct ipc_msginfo mi);

/* ntfn.c */
/* Deliver the pending word of `n` to `t` as a NOTIFY event and clear it. */
void ipc_ntfn_take(struct ipc_ntfn *n, struct ipc_thread *t, uint32_t kind);

/* Object destruction, by type (cap.c calls it on the last cap). */
void ipc_object_destroy(struct ipc_ctx *c, struct ipc_object *o);
void ipc_ep_destroy_in(struct ipc_ctx *c, struct ipc_endpoint *ep);
void ipc_ntfn_destroy_in(struct ipc_ctx *c, struct ipc_ntfn *n);
void ipc_reply_destroy_in(struct ipc_ctx *c, struct ipc_reply *r);

#endif /* IPC_INTERNAL_H */
