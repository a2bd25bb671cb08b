/*
 * Read-only consistency checks of libipc's objects, threads and caps
 * (<ipc/ipc.h>, "Checking state"): each returns NULL while every invariant
 * libipc keeps about its argument holds, else a constant string naming the
 * first one broken. They change nothing, call no hook and keep no state, so
 * an embedder may call them at any point between operations (the kernel at
 * halt, the lock-step fuzzer after every operation). Callers are serialised
 * by the embedder, as for every libipc call. Lists are walked checking both
 * links of every step, so a corrupted list is reported, not walked forever.
 */
#include "internal.h"

static bool blocked(uint32_t state)
{
	return state == IPC_TS_BLOCKED_SEND || state == IPC_TS_BLOCKED_RECV ||
	       state == IPC_TS_BLOCKED_REPLY || state == IPC_TS_BLOCKED_NTFN;
}

/* Q1 and the band index (queue.c): priority order, FIFO links both ways,
 * every member waiting on `on` in a state `want` allows; the index exactly
 * the bands while two or more wait, else all clear. */
static const char *queue_check(const struct ipc_queue *q, const void *on, uint32_t want1, uint32_t want2)
{
	const struct ipc_thread *prev = NULL, *up = NULL;
	uint64_t bits[IPC_PRIO_WORDS] = {0}, words = 0;
	unsigned bands = 0;
	bool tails_indexed = true; /* every band's band_tail entry names its last thread */

	for (const struct ipc_thread *t = q->head; t != NULL; prev = t, t = t->qnext) {
		if (t->qprev != prev)
			return "queue: a thread's back link is not its predecessor";
		if (t->blocked_on != on)
			return "queue: a thread on it waits on another object";
		if (t->state != want1 && t->state != want2)
			return "queue: a thread on it is in the wrong state";
		if (prev != NULL && prev->prio < t->prio)
			return "queue: not in priority order (Q1)";
		if (t->qnext != NULL && t->qnext->prio == t->prio) {
			if (t->bnext != NULL || t->bprev != NULL)
				return "queue: band links on a thread inside a band";
			continue;
		}
		if (t->bprev != up || (up != NULL ? up->bnext != t : q->top != t))
			return "queue: band tails not linked in priority order";
		bits[t->prio / 64] |= 1ull << (t->prio % 64);
		words |= 1ull << (t->prio / 64);
		tails_indexed &= q->band_tail[t->prio] == t;
		bands++;
		up = t;
	}
	if (q->tail != prev)
		return "queue: tail is not the last thread";
	if (up != NULL ? up->bnext != NULL : q->top != NULL)
		return "queue: lowest band linked to a lower one";
	if (bands < 2) { /* one band is the whole queue: no index */
		words = 0;
		for (unsigned w = 0; w < IPC_PRIO_WORDS; w++)
			bits[w] = 0;
	}
	if (bands >= 2 && !tails_indexed)
		return "queue: a band's index entry is not its last thread";
	if (q->band_words != words)
		return "queue: band bitmap words do not match the bands";
	for (unsigned w = 0; w < IPC_PRIO_WORDS; w++)
		if (q->band_bits[w] != bits[w])
			return "queue: band bitmap does not match the bands";
	return NULL;
}

static bool queued_on(const struct ipc_queue *q, const struct ipc_thread *t)
{
	for (const struct ipc_thread *k = q->head; k != NULL; k = k->qnext)
		if (k == t)
			return true;
	return false;
}

static const char *ep_check(const struct ipc_endpoint *ep)
{
	if (ep->state > IPC_EP_RECV)
		return "endpoint: bad state";
	if ((ep->state == IPC_EP_IDLE) != (ep->queue.head == NULL))
		return "endpoint: idle but not empty, or waited on but empty";
	uint32_t want = ep->state == IPC_EP_SEND ? IPC_TS_BLOCKED_SEND : IPC_TS_BLOCKED_RECV;
	const char *e = queue_check(&ep->queue, ep, want, want);
	if (e != NULL)
		return e;
	for (const struct ipc_thread *t = ep->queue.head; t != NULL; t = t->qnext)
		if (t->recv_reply != NULL && (!t->recv_reply->armed || t->recv_reply->server != t))
			return "endpoint: a receiver's reply object is not armed for it";
	return NULL;
}

static const char *ntfn_check(const struct ipc_ntfn *n)
{
	if (n->waiters.head != NULL && n->pending)
		return "notification: waiters and a pending signal at once";
	if (n->bound != NULL && n->bound->bound != n)
		return "notification: binding not mutual (N4)";
	return queue_check(&n->waiters, n, IPC_TS_BLOCKED_NTFN, IPC_TS_BLOCKED_NTFN);
}

static bool on_reply_list(const struct ipc_thread *server, const struct ipc_reply *r)
{
	const struct ipc_reply *prev = NULL;
	for (const struct ipc_reply *k = server->replies; k != NULL; prev = k, k = k->snext) {
		if (k->sprev != prev)
			return false; /* broken list: reported as not on it */
		if (k == r)
			return true;
	}
	return false;
}

/* Idle, armed (a receiver waits with it), or linked (holds a caller for
 * its server, or remembers one gone, S6). */
static const char *reply_check(const struct ipc_reply *r)
{
	bool linked = r->caller != NULL || r->caller_gone;

	if (r->armed) {
		if (linked)
			return "reply object: armed and holding a caller";
		if (r->server == NULL || r->server->state != IPC_TS_BLOCKED_RECV ||
		    r->server->recv_reply != r)
			return "reply object: armed for a thread that does not wait with it";
		return NULL;
	}
	if (!linked)
		return r->server == NULL ? NULL : "reply object: idle but names a server";
	if (r->caller != NULL && r->caller_gone)
		return "reply object: caller both linked and gone";
	if (r->caller != NULL && (r->caller->state != IPC_TS_BLOCKED_REPLY || r->caller->blocked_on != r))
		return "reply object: its caller does not wait on it";
	if (r->server == NULL || !on_reply_list(r->server, r))
		return "reply object: not on its server's list of replies owed";
	return NULL;
}

const char *ipc_object_check(const struct ipc_object *o)
{
	switch (o->type) {
	case IPC_OBJ_ENDPOINT:
		return ep_check((const struct ipc_endpoint *)o);
	case IPC_OBJ_NTFN:
		return ntfn_check((const struct ipc_ntfn *)o);
	case IPC_OBJ_REPLY:
		return reply_check((const struct ipc_reply *)o);
	default:
		return o->type >= IPC_OBJ_EMBEDDER ? NULL : "object: bad type";
	}
}

/* A blocked thread is where its state says, exactly once: on the queue of
 * the object it waits on, or linked as the caller of its reply object. */
static const char *wait_check(const struct ipc_thread *t)
{
	const struct ipc_object *on = t->blocked_on;
	if (on == NULL)
		return "thread: blocked on nothing";
	switch (t->state) {
	case IPC_TS_BLOCKED_SEND:
	case IPC_TS_BLOCKED_RECV:
		if (on->type != IPC_OBJ_ENDPOINT || !queued_on(&((const struct ipc_endpoint *)on)->queue, t))
			return "thread: not on the queue of the endpoint it waits on";
		return NULL;
	case IPC_TS_BLOCKED_NTFN:
		if (on->type != IPC_OBJ_NTFN || !queued_on(&((const struct ipc_ntfn *)on)->waiters, t))
			return "thread: not on the queue of the notification it waits on";
		return NULL;
	default:
		if (on->type != IPC_OBJ_REPLY || ((const struct ipc_reply *)on)->caller != t)
			return "thread: not the caller of the reply object it waits on";
		return NULL;
	}
}

const char *ipc_thread_check(const struct ipc_thread *t)
{
	if (t->state > IPC_TS_DEAD)
		return "thread: bad state";
	if (!blocked(t->state) && (t->blocked_on != NULL || t->recv_reply != NULL))
		return "thread: not blocked, yet names what it waits on";
	if (blocked(t->state)) {
		const char *e = wait_check(t);
		if (e != NULL)
			return e;
	}
	if (t->recv_reply != NULL && t->state != IPC_TS_BLOCKED_RECV)
		return "thread: a reply object armed outside Recv";
	/* The fast commits rely on these: they leave the fields alone. */
	if (t->state == IPC_TS_RUNNABLE && (t->is_fault || t->deadline != IPC_DEADLINE_NONE))
		return "thread: runnable, yet marked in a fault or with a deadline";
	bool queued = t->state == IPC_TS_BLOCKED_SEND || t->state == IPC_TS_BLOCKED_RECV ||
	              t->state == IPC_TS_BLOCKED_NTFN;
	if (!queued && (t->qnext != NULL || t->qprev != NULL || t->bnext != NULL || t->bprev != NULL))
		return "thread: in no queue, yet linked";
	if (t->bound != NULL && (t->state == IPC_TS_DEAD || t->bound->bound != t))
		return "thread: binding not mutual (N4)";
	const struct ipc_reply *prev = NULL;
	for (const struct ipc_reply *r = t->replies; r != NULL; prev = r, r = r->snext)
		if (r->sprev != prev || r->server != t || r->armed || (r->caller == NULL && !r->caller_gone))
			return "thread: its list of replies owed holds one not owed by it";
	return NULL;
}

const char *ipc_cap_check(const struct ipc_cap *c)
{
	if (c->obj == NULL)
		return c->parent == NULL && c->child == NULL && c->next == NULL && c->prev == NULL
		           ? NULL
		           : "cap: an empty slot still in the derivation tree";
	if (c->obj->refs == 0)
		return "cap: names an object that counts no cap";
	if ((c->rights & ~(uint32_t)IPC_RIGHTS_ALL) != 0)
		return "cap: rights outside IPC_RIGHTS_ALL";
	const struct ipc_cap *prev = NULL;
	for (const struct ipc_cap *k = c->child; k != NULL; prev = k, k = k->next)
		if (k->prev != prev || k->parent != c)
			return "cap: a child's links do not lead back to it";
	const struct ipc_cap *p = c->parent;
	if (p == NULL)
		return c->prev == NULL && c->next == NULL ? NULL : "cap: a root cap with siblings";
	if (p->obj != c->obj)
		return "cap: its parent names another object";
	if ((c->rights & ~p->rights) != 0)
		return "cap: rights beyond its parent's (C1)";
	if (c->prev != NULL ? c->prev->next != c : p->child != c)
		return "cap: not on its parent's list of children";
	return NULL;
}
