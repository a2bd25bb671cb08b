/*
 * libipc fast-path primitives: the IPC decisions of a Call / ReplyRecv fast
 * path (seL4's fastpath_call / fastpath_reply_recv), and of Send and Signal
 * to a waiting thread, inline, with no hooks,
 * so that every kernel that embeds libipc can build the same fast path
 * (docs/libipc.md, "Building a fast path").
 *
 * Each operation comes as a pair:
 *   ipc_fast_*_check()  decides, changing nothing, whether the common case
 *                       applies; false means "take the slow path" (the
 *                       ordinary ipc_call() / ipc_reply_recv()), never an
 *                       error: the slow path reports errors.
 *   ipc_fast_*_commit() then leaves every libipc object byte-identical to
 *                       what the slow operation would leave, but calls no
 *                       hook. The embedder does what its hooks would have
 *                       done (the order is given at each commit) and runs
 *                       the woken thread: the checks guarantee that the slow
 *                       operation's `next` hint is exactly that thread.
 *
 * Covered: no extra caps (a Call may carry them: ipc_fast_call_caps_check()
 * and ipc_fast_caps_commit(), out of line), at most `max_words` words (the embedder's choice,
 * at most IPC_MSG_MAX_WORDS; words are copied buffer to buffer as the slow
 * path does), no deadline for the thread that blocks. Call: a receiver
 * waits on the endpoint with a reply object. ReplyRecv: the reply object
 * holds a live caller that is not in a fault Call, the receive finds no
 * sender, no pending bound signal and nobody else receiving. Send: a
 * receiver waits on the endpoint (the sender stays runnable). Signal: a
 * thread waits on the notification (N2). Everything else
 * (caps, long messages, NO_REPLY, gone callers, queued senders, deadlines)
 * is declined and left to the slow path, which has identical semantics.
 *
 * Concurrency: as every libipc call, serialised by the embedder (the fast
 * path runs inside the same critical section as the slow path: a
 * uniprocessor kernel with interrupts masked, or the big lock on SMP). The
 * primitives only read and write libipc objects; they publish nothing to
 * other CPUs themselves.
 */
#ifndef IPC_FASTPATH_H
#define IPC_FASTPATH_H

#include <ipc/ipc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every primitive here is meant to be inlined into the embedder's fast
 * path, however many call sites it has there. */
#if defined(__GNUC__) || defined(__clang__)
#define IPC_FAST_INLINE static inline __attribute__((always_inline))
#else
#define IPC_FAST_INLINE static inline
#endif

/* The case a fast path is built for (a receiver that waits alone): laid
 * out as the straight line, the others out of it. */
#if defined(__GNUC__) || defined(__clang__)
#define IPC_FAST_LIKELY(c) __builtin_expect(!!(c), 1)
#else
#define IPC_FAST_LIKELY(c) (c)
#endif

/* What ipc_fast_call_check() decided; read by ipc_fast_call_commit(). */
struct ipc_fast_call {
	struct ipc_endpoint *ep;
	struct ipc_thread *receiver; /* head of ep's receive queue: the thread to run */
	struct ipc_reply *reply;     /* the receiver's reply object */
	uint64_t badge;              /* badge of the invoked cap (B1) */
	bool grant;                  /* the invoked cap has G */
};

/* What ipc_fast_reply_recv_check() decided. */
struct ipc_fast_reply_recv {
	struct ipc_endpoint *ep;   /* where cur then waits */
	struct ipc_reply *reply;   /* answered, then re-armed */
	struct ipc_thread *caller; /* woken with the reply: the thread to run */
};

/* A cap of `type` in `slot` with all of `rights`, else NULL (no error kinds:
 * a miss only means "slow path"). Slots are taken 64 bits wide, as an
 * embedder's registers hold them: any slot past the cspace (every one of
 * 2^32 or more) misses, with no separate range check. */
IPC_FAST_INLINE struct ipc_cap *ipc_fast_lookup(const struct ipc_cspace *cs, uint64_t slot, uint32_t type,
                                                uint32_t rights)
{
	struct ipc_cap *c;

	if (slot >= cs->nslots)
		return NULL;
	c = &cs->slots[slot];
	if (c->obj == NULL || c->obj->type != type || (c->rights & rights) != rights)
		return NULL;
	return c;
}

/* Zero a receive info's cap fields, field by field: compilers merge these
 * into a few wide stores, where a memset is often a call to the embedder's
 * memset. */
IPC_FAST_INLINE void ipc_fast_info_clear_caps(struct ipc_recv_info *info)
{
	info->ncaps = 0;
	for (unsigned i = 0; i < IPC_MSG_MAX_CAPS; i++) {
		info->cap_outcome[i] = 0;
		info->cap_slot[i] = 0;
		info->cap_badge[i] = 0;
	}
	info->pad_ = 0;
	info->pad2_ = 0;
}

/* Zero a whole receive info (libipc's slow path clears them with it too). */
IPC_FAST_INLINE void ipc_fast_info_clear(struct ipc_recv_info *info)
{
	info->kind = 0;
	info->length = 0;
	info->label = 0;
	info->badge = 0;
	ipc_fast_info_clear_caps(info);
}

/* Zero a receive info and fill in a message without caps (what ipc_transfer
 * leaves for one, M3). */
IPC_FAST_INLINE void ipc_fast_info(struct ipc_recv_info *info, uint32_t kind, struct ipc_msginfo mi,
                                   uint64_t badge)
{
	/* In address order, every field once: the stores pair. */
	info->kind = kind;
	info->length = mi.length;
	info->label = mi.label;
	info->badge = badge;
	ipc_fast_info_clear_caps(info);
}

/*
 * The words of a committed message: copy words [0, n) from `from`'s buffer
 * to `to`'s, as the slow operation does. ipc_fast_*_commit() leave this to
 * the embedder, which must produce exactly these bytes in `to`'s buffer
 * before `to` runs (with this function, or from the registers it already
 * holds the first words in).
 */
IPC_FAST_INLINE void ipc_fast_copy_words(struct ipc_thread *to, const struct ipc_thread *from, uint32_t n)
{
	uint64_t *dst = to->buf->words;
	const uint64_t *src = from->buf->words;

	for (uint32_t i = 0; i < n; i++)
		dst[i] = src[i];
}

/*
 * t waits alone in the empty queue q: one band, so the index stays clear
 * (struct ipc_queue). t's own four links are NULL already, as every
 * thread's in no queue (ipc_thread_check()). Also queue.c's insert.
 */
IPC_FAST_INLINE void ipc_fast_queue_alone(struct ipc_queue *q, struct ipc_thread *t)
{
	q->head = t;
	q->tail = t;
	q->top = t;
}

/* A blocked thread's wake-up with status OK; ipc_wake (thread.c) makes the
 * same change through it, then sets its status. */
IPC_FAST_INLINE void ipc_fast_wake(struct ipc_thread *t)
{
	/* In address order, so that the stores pair. */
	t->blocked_on = NULL;
	t->recv_reply = NULL;
	t->state = IPC_TS_RUNNABLE;
	t->status = IPC_OK;
	t->deadline = IPC_DEADLINE_NONE;
	t->is_call = 0;
	t->is_fault = 0;
}

/* A thread blocks (state, what on, its deadline, status BLOCKED); ipc_block
 * (thread.c) makes the same change through it. */
IPC_FAST_INLINE void ipc_fast_block(struct ipc_thread *t, uint32_t state, void *on, uint64_t deadline)
{
	t->blocked_on = on;
	t->state = state;
	t->status = IPC_BLOCKED;
	/* A runnable thread's deadline is none already (ipc_thread_check()):
	 * with a constant none, as on a fast path, no store at all. */
	if (deadline != IPC_DEADLINE_NONE)
		t->deadline = deadline;
}

/* The queue's band index (struct ipc_queue): a band of priority `prio`
 * now waits (the caller sets its band_tail entry). */
IPC_FAST_INLINE void ipc_queue_band_set(struct ipc_queue *q, uint8_t prio)
{
	q->band_bits[prio / 64] |= 1ull << (prio % 64);
	q->band_words |= 1ull << (prio / 64);
}

/* The band of priority `prio` emptied (its band_tail entry is left as it
 * was: it means nothing while the bit is clear). If one band is left, the
 * index is cleared: it is kept only for two or more (struct ipc_queue). */
IPC_FAST_INLINE void ipc_queue_band_clear(struct ipc_queue *q, uint8_t prio)
{
	uint64_t *w = &q->band_bits[prio / 64];

	*w &= ~(1ull << (prio % 64));
	if (*w == 0)
		q->band_words &= ~(1ull << (prio / 64));
	uint64_t words = q->band_words;
	if ((words & (words - 1)) == 0) { /* at most one word holds bands */
		uint64_t *left = &q->band_bits[words != 0 ? __builtin_ctzll(words) : 0];
		if ((*left & (*left - 1)) == 0) { /* and it holds at most one */
			*left = 0;
			q->band_words = 0;
		}
	}
}

/* The last thread of the lowest band whose priority is at least `prio`,
 * NULL if none: where a newcomer of priority `prio` goes after (Q1). */
IPC_FAST_INLINE struct ipc_thread *ipc_queue_band_at_or_above(const struct ipc_queue *q, uint8_t prio)
{
	unsigned w = prio / 64;
	uint64_t m = q->band_bits[w] & (~0ull << (prio % 64));

	if (m == 0) {
		uint64_t above = q->band_words & (~1ull << w); /* the words past w */
		if (above == 0)
			return NULL;
		w = (unsigned)__builtin_ctzll(above);
		m = q->band_bits[w];
	}
	return q->band_tail[w * 64 + (unsigned)__builtin_ctzll(m)];
}

/* cur may send mi on a fast path: cur runnable, no caps, at most max_words
 * (and IPC_MSG_MAX_WORDS) words. One test of two fields OR-ed together and
 * one length compare. */
IPC_FAST_INLINE bool ipc_fast_msg_ok(const struct ipc_thread *cur, struct ipc_msginfo mi, uint32_t max_words)
{
	uint32_t lim = max_words < IPC_MSG_MAX_WORDS ? max_words : IPC_MSG_MAX_WORDS;

	if (mi.length > lim)
		return false;
	return ((cur->state ^ IPC_TS_RUNNABLE) | mi.ncaps) == 0;
}

/* Pop the head of a wait queue (queue.c's ipc_queue_pop, for the head);
 * *emptied says whether the queue is empty now (a commit then makes the
 * endpoint idle without a second look at the queue). */
IPC_FAST_INLINE struct ipc_thread *ipc_fast_queue_pop_head(struct ipc_queue *q, bool *emptied)
{
	struct ipc_thread *t = q->head, *n = t->qnext;

	*emptied = n == NULL;
	if (IPC_FAST_LIKELY(n == NULL)) {
		/* t waited alone (it has no band links), one band, so the
		 * index is clear already: the queue empties. */
		q->head = NULL;
		q->tail = NULL;
		q->top = NULL;
		return t;
	}
	if (n->prio != t->prio) {
		/* t alone in the highest band: the next band, n's, becomes the
		 * top. The head's band is the top band, so t->bprev is NULL. */
		q->top = t->bnext;
		t->bnext->bprev = NULL;
		t->bnext = NULL;
		ipc_queue_band_clear(q, t->prio);
	}
	q->head = n;
	n->qprev = NULL;
	t->qnext = NULL;
	return t;
}

IPC_FAST_INLINE struct ipc_thread *ipc_fast_queue_pop(struct ipc_queue *q)
{
	bool emptied;

	return ipc_fast_queue_pop_head(q, &emptied);
}

/*
 * Call fast path check: true if ipc_call(cur, slot, mi, deadline) would
 * deliver at once to a receiver waiting with a reply object and block cur
 * for the reply, with mi.ncaps == 0 and mi.length <= max_words. Changes
 * nothing.
 */
IPC_FAST_INLINE bool ipc_fast_call_check(const struct ipc_thread *cur, uint64_t slot, struct ipc_msginfo mi,
                                         uint32_t max_words, struct ipc_fast_call *fc)
{
	const struct ipc_cap *c;
	struct ipc_endpoint *ep;
	struct ipc_thread *r;

	if (!ipc_fast_msg_ok(cur, mi, max_words))
		return false;
	c = ipc_fast_lookup(cur->cspace, slot, IPC_OBJ_ENDPOINT, IPC_W);
	if (c == NULL || (c->rights & (IPC_G | IPC_GR)) == 0) /* S8 */
		return false;
	ep = (struct ipc_endpoint *)(void *)c->obj;
	if (ep->state != IPC_EP_RECV)
		return false;
	r = ep->queue.head;
	if (r->recv_reply == NULL) /* S5: NO_REPLY is the slow path's */
		return false;
	fc->ep = ep;
	fc->receiver = r;
	fc->reply = r->recv_reply;
	fc->badge = c->badge;
	fc->grant = (c->rights & IPC_G) != 0;
	return true;
}

/*
 * Commit a Call that ipc_fast_call_check() accepted (nothing may have run in
 * between). Afterwards, as after ipc_call(): fc->receiver is RUNNABLE with
 * status OK and a CALL event in its receive info, its reply object links
 * cur; cur is BLOCKED_REPLY with `deadline`. The words are the embedder's
 * to copy (ipc_fast_copy_words(fc->receiver, cur, mi.length)).
 * The slow operation's hooks, for the embedder to do the equivalent of:
 * runnable(fc->receiver), then blocked(cur); its hint: run fc->receiver.
 */
IPC_FAST_INLINE void ipc_fast_call_commit(struct ipc_thread *cur, const struct ipc_fast_call *fc,
                                          struct ipc_msginfo mi, uint64_t deadline)
{
	bool emptied;
	struct ipc_thread *r = ipc_fast_queue_pop_head(&fc->ep->queue, &emptied);
	struct ipc_reply *reply = fc->reply;

	/* cur->send is not written (a message delivered at once never is,
	 * ipc_transfer()); cur->is_fault is 0 already (a runnable thread's
	 * always is: ipc_thread_check()). */
	if (emptied)
		fc->ep->state = IPC_EP_IDLE;
	/* The receiver's reply object: disarmed, then linked to cur. */
	reply->armed = 0;
	reply->caller = cur;
	reply->server = r;
	reply->sprev = NULL;
	reply->snext = r->replies;
	if (r->replies != NULL)
		r->replies->sprev = reply;
	r->replies = reply;
	/* The message (M1, M3, B1) and the receiver's wake-up. */
	ipc_fast_info(&r->info, IPC_EV_CALL, mi, fc->badge);
	ipc_fast_wake(r);
	/* cur waits for the reply (its deadline covers it, X4). */
	cur->can_grant = fc->grant;
	ipc_fast_block(cur, IPC_TS_BLOCKED_REPLY, reply, deadline);
}

/*
 * A Call's extra caps on the fast path (out of line, transfer.c; no hooks):
 * ipc_fast_caps_check() says whether the slow Call would accept the
 * sender's mi.ncaps descriptors (`grant`: the invoked cap has G; without
 * it the descriptors do not matter, C3) and changes nothing;
 * ipc_fast_caps_commit() then, after ipc_fast_call_commit(), moves them to
 * the receiver as the slow Call does (C3-C8) and records their outcomes and
 * count in its receive info.
 */
bool ipc_fast_caps_check(const struct ipc_thread *sender, struct ipc_msginfo mi, bool grant);
void ipc_fast_caps_commit(struct ipc_thread *sender, struct ipc_thread *receiver,
                          const struct ipc_endpoint *ep, struct ipc_msginfo mi, bool grant);

/*
 * Call fast path check for a message with extra caps (1..IPC_MSG_MAX_CAPS):
 * ipc_fast_call_check() for its words, then the caps as the slow Call
 * checks them. Commit with ipc_fast_call_commit(), then
 * ipc_fast_caps_commit(cur, fc->receiver, fc->ep, mi, fc->grant). Changes
 * nothing.
 */
IPC_FAST_INLINE bool ipc_fast_call_caps_check(const struct ipc_thread *cur, uint64_t slot,
                                              struct ipc_msginfo mi, uint32_t max_words,
                                              struct ipc_fast_call *fc)
{
	struct ipc_msginfo words = {.label = mi.label, .length = mi.length, .ncaps = 0};

	return mi.ncaps <= IPC_MSG_MAX_CAPS && ipc_fast_call_check(cur, slot, words, max_words, fc) &&
	       ipc_fast_caps_check(cur, mi, fc->grant);
}

/*
 * ReplyRecv fast path check: true if ipc_reply_recv(cur, slot, reply_slot,
 * mi, deadline) would answer a live caller linked to the reply object (not
 * a fault) and then block cur on the endpoint in `slot`, as its only
 * receiver (the endpoint idle, no pending signal on cur's bound
 * notification), with mi.ncaps == 0 and mi.length <= max_words. Changes
 * nothing.
 */
IPC_FAST_INLINE bool ipc_fast_reply_recv_check(const struct ipc_thread *cur, uint64_t slot,
                                               uint64_t reply_slot, struct ipc_msginfo mi, uint32_t max_words,
                                               struct ipc_fast_reply_recv *f)
{
	const struct ipc_cap *rc, *ec;
	struct ipc_reply *reply;
	struct ipc_endpoint *ep;

	if (!ipc_fast_msg_ok(cur, mi, max_words))
		return false;
	rc = ipc_fast_lookup(cur->cspace, reply_slot, IPC_OBJ_REPLY, 0);
	if (rc == NULL)
		return false;
	reply = (struct ipc_reply *)(void *)rc->obj;
	/* S4: a live caller that cur took; a gone one (S6) is the slow path's.
	 * An object that holds a caller is never armed (ipc_object_check()),
	 * so `armed` needs no test. */
	if (reply->caller == NULL || reply->server != cur)
		return false;
	ec = ipc_fast_lookup(cur->cspace, slot, IPC_OBJ_ENDPOINT, IPC_R);
	if (ec == NULL)
		return false;
	ep = (struct ipc_endpoint *)(void *)ec->obj;
	if (ep->state != IPC_EP_IDLE) /* a sender to take, or other receivers */
		return false;
	if (cur->bound != NULL && cur->bound->pending) /* N4: the signal wins */
		return false;
	if (reply->caller->is_fault) /* a fault's answer: the slow path's */
		return false;
	f->ep = ep;
	f->reply = reply;
	f->caller = reply->caller;
	return true;
}

/*
 * Commit a ReplyRecv that ipc_fast_reply_recv_check() accepted. Afterwards,
 * as after ipc_reply_recv(): f->caller is RUNNABLE with status OK and a
 * REPLY event (badge 0, S4) (the words: ipc_fast_copy_words(f->caller, cur,
 * mi.length), the embedder's to do); the reply object is
 * armed by cur; cur is BLOCKED_RECV on f->ep, its only waiter, with
 * `deadline`. The slow operation's hooks: runnable(f->caller), then
 * blocked(cur); its hint: run f->caller.
 */
IPC_FAST_INLINE void ipc_fast_reply_recv_commit(struct ipc_thread *cur, const struct ipc_fast_reply_recv *f,
                                                struct ipc_msginfo mi, uint64_t deadline)
{
	struct ipc_reply *reply = f->reply;
	struct ipc_thread *caller = f->caller;
	struct ipc_queue *q = &f->ep->queue;

	/* The reply (S4): the caller's wake-up and the message (cur->send
	 * is not written, as in ipc_fast_call_commit()). */
	ipc_fast_wake(caller);
	ipc_fast_info(&caller->info, IPC_EV_REPLY, mi, 0);
	/* The reply object leaves cur's list of owed replies (its links
	 * read once: the stores through them cannot change them)... */
	struct ipc_reply *sprev = reply->sprev, *snext = reply->snext;
	if (sprev != NULL)
		sprev->snext = snext;
	else
		cur->replies = snext;
	if (snext != NULL)
		snext->sprev = sprev;
	/* ...and is armed again for the receive, in which cur waits alone.
	 * Its server is cur already (the check) and caller_gone is 0, as in
	 * every object that holds a caller (ipc_object_check()); the stores
	 * go in address order, so that they pair. */
	reply->armed = 1;
	reply->caller = NULL;
	reply->snext = NULL;
	reply->sprev = NULL;
	f->ep->state = IPC_EP_RECV;
	ipc_fast_queue_alone(q, cur);
	cur->recv_reply = reply;
	ipc_fast_block(cur, IPC_TS_BLOCKED_RECV, f->ep, deadline);
}

/* What ipc_fast_send_check() decided. */
struct ipc_fast_send {
	struct ipc_endpoint *ep;
	struct ipc_thread *receiver; /* head of ep's receive queue: woken */
	uint64_t badge;              /* badge of the invoked cap (B1) */
};

/*
 * Send fast path check: true if ipc_send(cur, slot, mi, deadline) would
 * deliver at once to the receiver at the head of the endpoint's queue (cur
 * stays runnable: the deadline plays no part), with mi.ncaps == 0 and
 * mi.length <= max_words. Changes nothing.
 */
IPC_FAST_INLINE bool ipc_fast_send_check(const struct ipc_thread *cur, uint64_t slot, struct ipc_msginfo mi,
                                         uint32_t max_words, struct ipc_fast_send *fs)
{
	const struct ipc_cap *c;
	struct ipc_endpoint *ep;

	if (!ipc_fast_msg_ok(cur, mi, max_words))
		return false;
	c = ipc_fast_lookup(cur->cspace, slot, IPC_OBJ_ENDPOINT, IPC_W);
	if (c == NULL)
		return false;
	ep = (struct ipc_endpoint *)(void *)c->obj;
	if (ep->state != IPC_EP_RECV)
		return false;
	fs->ep = ep;
	fs->receiver = ep->queue.head;
	fs->badge = c->badge;
	return true;
}

/*
 * Commit a Send that ipc_fast_send_check() accepted. Afterwards, as after
 * ipc_send(): fs->receiver is RUNNABLE with status OK and a SEND event in its
 * receive info, the reply object it waited with (if any) disarmed (S5); cur
 * is RUNNABLE. The words are the embedder's to copy, as for a Call. The
 * slow operation's hook: runnable(fs->receiver); its hint: run fs->receiver
 * if its priority is above cur's, else none.
 */
IPC_FAST_INLINE void ipc_fast_send_commit(struct ipc_thread *cur, const struct ipc_fast_send *fs,
                                          struct ipc_msginfo mi)
{
	bool emptied;
	struct ipc_thread *r = ipc_fast_queue_pop_head(&fs->ep->queue, &emptied);
	struct ipc_reply *reply = r->recv_reply;

	/* Nothing of cur's changes: no send field is written (as in
	 * ipc_fast_call_commit()), and it is runnable, so is_fault is 0 and
	 * its deadline none already (ipc_thread_check()). */
	(void)cur;
	if (emptied)
		fs->ep->state = IPC_EP_IDLE;
	if (reply != NULL) { /* S5: a Send links no caller */
		reply->armed = 0;
		reply->server = NULL;
	}
	ipc_fast_info(&r->info, IPC_EV_SEND, mi, fs->badge);
	ipc_fast_wake(r);
}

/* What ipc_fast_signal_check() decided. */
struct ipc_fast_signal {
	struct ipc_ntfn *ntfn;
	struct ipc_thread *waiter; /* the first waiter (Q1): woken */
	uint64_t badge;            /* the invoked cap's badge: the waiter's word */
};

/*
 * Signal fast path check: true if ipc_signal(cur, slot) would wake a thread
 * waiting on the notification (N2). Changes nothing.
 */
IPC_FAST_INLINE bool ipc_fast_signal_check(const struct ipc_thread *cur, uint64_t slot,
                                           struct ipc_fast_signal *fs)
{
	const struct ipc_cap *c;
	struct ipc_ntfn *n;

	if (cur->state != IPC_TS_RUNNABLE)
		return false;
	c = ipc_fast_lookup(cur->cspace, slot, IPC_OBJ_NTFN, IPC_W);
	if (c == NULL)
		return false;
	n = (struct ipc_ntfn *)(void *)c->obj;
	if (n->waiters.head == NULL)
		return false;
	fs->ntfn = n;
	fs->waiter = n->waiters.head;
	fs->badge = c->badge;
	return true;
}

/*
 * Commit a Signal that ipc_fast_signal_check() accepted. Afterwards, as
 * after ipc_signal(): fs->waiter is RUNNABLE with status OK and a NOTIFY
 * event carrying the badge (the notification's word stays clear); cur is
 * RUNNABLE. The slow operation's hook: runnable(fs->waiter); its hint: run
 * fs->waiter if its priority is above cur's, else none.
 */
IPC_FAST_INLINE void ipc_fast_signal_commit(const struct ipc_fast_signal *fs)
{
	struct ipc_thread *w = ipc_fast_queue_pop(&fs->ntfn->waiters);
	struct ipc_msginfo none = {0, 0, 0};

	ipc_fast_info(&w->info, IPC_EV_NOTIFY, none, fs->badge);
	ipc_fast_wake(w);
}

#ifdef __cplusplus
}
#endif

#endif /* IPC_FASTPATH_H */
