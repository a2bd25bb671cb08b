/*
 * Thread life cycle inside libipc: blocking and waking (the only places that
 * call the scheduler hooks), the "who runs next" hint, cancellation (X3, X4),
 * destruction (S6) and priority changes (Q1). Callers are serialised by the
 * embedder; hooks are called synchronously and must not re-enter libipc.
 */
#include <ipc/fastpath.h>

#include "internal.h"

void ipc_cspace_init(struct ipc_cspace *cs, struct ipc_cap *slots, uint32_t nslots)
{
	memset(slots, 0, sizeof(*slots) * nslots);
	cs->slots = slots;
	cs->nslots = nslots;
}

void ipc_thread_init(struct ipc_thread *t, struct ipc_cspace *cs, struct ipc_buffer *buf, uint8_t prio)
{
	IPC_ASSERT(buf != NULL, "every thread needs a message buffer");
	memset(t, 0, sizeof(*t));
	t->cspace = cs;
	t->buf = buf;
	t->prio = prio;
	t->state = IPC_TS_RUNNABLE;
}

void ipc_wake(struct ipc_ctx *c, struct ipc_thread *t, int status)
{
	IPC_ASSERT(t->state != IPC_TS_RUNNABLE && t->state != IPC_TS_DEAD, "only blocked threads wake");
	if (status < 0)
		IPC_TRACE_EV(status == IPC_E_TIMED_OUT ? IPC_TR_TIMEOUT : IPC_TR_ABORT, t, NULL,
		             t->blocked_on, 0, 0, 0, 0, status);
	ipc_fast_wake(t); /* one definition of a wake-up, shared with the fast path */
	t->status = status;
	if (status < 0)
		ipc_fail_info(t);
	if (c->best == NULL || t->prio > c->best->prio)
		c->best = t;
	ipc_hook_thread_runnable(t);
}

void ipc_block(struct ipc_thread *t, uint32_t state, void *on, uint64_t deadline)
{
	/* ipc_fast_block() stores no none deadline: t's must be none already
	 * (runnable, or a Call's sender keeping its own, reply.c). */
	IPC_ASSERT(deadline != IPC_DEADLINE_NONE || t->deadline == IPC_DEADLINE_NONE,
	           "a thread blocks without a deadline while it still holds one");
	ipc_fast_block(t, state, on, deadline); /* shared with the fast path */
	if (state == IPC_TS_BLOCKED_RECV)
		IPC_TRACE_EV(IPC_TR_RECV, t, NULL, on, 0, 0, 0, 0, IPC_BLOCKED);
	else if (state == IPC_TS_BLOCKED_NTFN)
		IPC_TRACE_EV(IPC_TR_WAIT, t, NULL, on, 0, 0, 0, 0, IPC_BLOCKED);
	else if (state == IPC_TS_BLOCKED_SEND)
		IPC_TRACE_EV(IPC_TR_QUEUE, t, NULL, on, t->send.label, t->send_badge, t->send.length,
		             t->send.ncaps, IPC_BLOCKED);
	ipc_hook_thread_blocked(t);
}

struct ipc_ret ipc_finish(const struct ipc_ctx *c, int err)
{
	struct ipc_ret r = {err, NULL};
	const struct ipc_thread *cur = c->cur;

	if (c->best == NULL)
		return r;
	/* A runnable caller keeps the CPU unless it woke someone more urgent;
	 * a blocked caller hands it straight to the thread it woke. */
	if (cur == NULL || cur->state != IPC_TS_RUNNABLE || c->best->prio > cur->prio)
		r.next = c->best;
	return r;
}

void ipc_fail_info(struct ipc_thread *t)
{
	/* Nothing was received: no earlier message may pass for this one's. */
	ipc_info_clear(&t->info);
}

struct ipc_ret ipc_fail(int err)
{
	struct ipc_ret r = {err, NULL};
	return r;
}

void ipc_detach(struct ipc_thread *t)
{
	switch (t->state) {
	case IPC_TS_BLOCKED_SEND:
	case IPC_TS_BLOCKED_RECV:
		ipc_ep_remove(t->blocked_on, t);
		break;
	case IPC_TS_BLOCKED_NTFN:
		ipc_queue_remove(&((struct ipc_ntfn *)t->blocked_on)->waiters, t);
		break;
	case IPC_TS_BLOCKED_REPLY:
		ipc_reply_caller_gone(t->blocked_on);
		break;
	default:
		IPC_ASSERT(false, "detach of a thread that is not blocked");
	}
}

struct ipc_ret ipc_thread_cancel(struct ipc_thread *t, int err)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	if (err >= 0)
		return ipc_fail(IPC_E_BAD_ARG);
	if (t->state == IPC_TS_RUNNABLE || t->state == IPC_TS_DEAD)
		return ipc_fail(IPC_E_THREAD_STATE);
	ipc_detach(t);
	ipc_wake(&c, t, err);
	return ipc_finish(&c, IPC_OK);
}

/*
 * X6: the first step takes the thread out of IPC (its wait cancelled
 * silently, its notification unbound) and makes it DEAD; every step then
 * answers at most `max` of the callers waiting for its replies with
 * PEER_GONE (S6), the most recently taken call first. A DEAD thread with no
 * reply left is done: a further call does nothing.
 */
static void thread_destroy_step(struct ipc_ctx *c, struct ipc_thread *t, uint32_t max)
{
	if (t->state != IPC_TS_DEAD) {
		if (t->state != IPC_TS_RUNNABLE) {
			/* A dying thread leaves its queue or reply link silently:
			 * nobody will run it again, so it is not reported runnable. */
			ipc_detach(t);
			t->blocked_on = NULL;
			t->recv_reply = NULL;
		}
		ipc_ntfn_unbind(t);
		t->state = IPC_TS_DEAD;
		t->status = IPC_E_THREAD_STATE;
	} else if (t->replies == NULL) {
		return; /* destroyed before */
	}
	/* S6: everyone waiting for an answer from this thread gets PEER_GONE. */
	for (; max > 0 && t->replies != NULL; max--)
		ipc_reply_clear(c, t->replies, IPC_E_PEER_GONE);
	if (t->replies == NULL)
		IPC_TRACE_EV(IPC_TR_DESTROY, t, NULL, NULL, 0, 0, 0, 0, IPC_OK);
}

struct ipc_ret ipc_thread_destroy_some(struct ipc_thread *t, uint32_t max, bool *done)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	if (max == 0 || done == NULL)
		return ipc_fail(IPC_E_BAD_ARG);
	thread_destroy_step(&c, t, max);
	*done = t->replies == NULL;
	return ipc_finish(&c, IPC_OK);
}

struct ipc_ret ipc_thread_destroy(struct ipc_thread *t)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	thread_destroy_step(&c, t, UINT32_MAX);
	return ipc_finish(&c, IPC_OK);
}

int ipc_thread_set_buffer(struct ipc_thread *t, struct ipc_buffer *buf)
{
	if (buf == NULL)
		return IPC_E_BAD_ARG;
	if (t->state != IPC_TS_RUNNABLE)
		return IPC_E_THREAD_STATE; /* a blocked sender's message lives there */
	t->buf = buf;
	return IPC_OK;
}

void ipc_thread_set_prio(struct ipc_thread *t, uint8_t prio)
{
	struct ipc_queue *q = NULL;

	if (t->state == IPC_TS_BLOCKED_SEND || t->state == IPC_TS_BLOCKED_RECV)
		q = &((struct ipc_endpoint *)t->blocked_on)->queue;
	else if (t->state == IPC_TS_BLOCKED_NTFN)
		q = &((struct ipc_ntfn *)t->blocked_on)->waiters;

	if (q == NULL) {
		t->prio = prio;
		return;
	}
	/* Q1: re-insert so the queue stays ordered (FIFO position among the
	 * new equals is at their end, as for a fresh arrival). */
	ipc_queue_remove(q, t);
	t->prio = prio;
	ipc_queue_insert(q, t);
}

#ifdef IPC_TRACE
/* Every trace point ends here (internal.h). */
void ipc_trace(uint32_t kind, const struct ipc_thread *src, const struct ipc_thread *dst, const void *obj,
               uint64_t label, uint64_t badge, uint32_t length, uint32_t ncaps, int32_t status)
{
	struct ipc_trace_event ev = {
	    .src = (uintptr_t)src,
	    .dst = (uintptr_t)dst,
	    .obj = (uintptr_t)obj,
	    .label = label,
	    .badge = badge,
	    .kind = kind,
	    .status = status,
	    .length = length,
	    .ncaps = ncaps,
	};
	ipc_hook_trace(&ev);
}
#endif
