/*
 * Endpoints (SEMANTICS S1-S9, B1, R1, X1, X2): synchronous rendezvous between
 * a sender and a receiver, Call with reply objects, and NBSendRecv.
 *
 * An endpoint queues senders or receivers, never both; `state` says which.
 * Every entry point first validates all of its arguments (no side effects),
 * then commits. The one documented exception to "an error means nothing
 * changed" is IPC_E_NO_REPLY, which reports a Call that *was* delivered to a
 * receiver without a reply object (S5). Callers are serialised by the
 * embedder.
 */
#include "internal.h"

void ipc_ep_init(struct ipc_endpoint *ep)
{
	memset(ep, 0, sizeof(*ep));
	ep->obj.type = IPC_OBJ_ENDPOINT;
}

void ipc_ep_remove(struct ipc_endpoint *ep, struct ipc_thread *t)
{
	ipc_queue_remove(&ep->queue, t);
	if (t->state == IPC_TS_BLOCKED_RECV && t->recv_reply != NULL) {
		ipc_reply_disarm(t->recv_reply);
		t->recv_reply = NULL;
	}
	if (ipc_queue_empty(&ep->queue))
		ep->state = IPC_EP_IDLE;
}

static void ep_enqueue(struct ipc_endpoint *ep, struct ipc_thread *t, uint32_t ep_state)
{
	IPC_ASSERT(ep->state == IPC_EP_IDLE || ep->state == ep_state, "an endpoint queues one direction");
	ep->state = ep_state;
	ipc_queue_insert(&ep->queue, t);
}

static struct ipc_thread *ep_dequeue(struct ipc_endpoint *ep)
{
	struct ipc_thread *t = ipc_queue_pop(&ep->queue);

	if (ipc_queue_empty(&ep->queue))
		ep->state = IPC_EP_IDLE;
	return t;
}

/* ------------------------------------------------------------------------- */
/* Sending                                                                   */
/* ------------------------------------------------------------------------- */

enum send_flags {
	SEND_BLOCK = 1u << 0, /* block if no receiver (Send, Call) */
	SEND_CALL = 1u << 1,  /* wait for a reply (Call, fault) */
	SEND_FAULT = 1u << 2, /* message is cur->fault (F1) */
};

/* Everything a send needs, decided by send_check() before any change. */
struct send_plan {
	struct ipc_endpoint *ep;
	uint64_t badge;
	bool grant;
};

static int send_check(const struct ipc_thread *cur, uint32_t slot, struct ipc_msginfo mi, uint32_t flags,
                      struct send_plan *p)
{
	struct ipc_cap *c;
	int err;

	if (cur->state != IPC_TS_RUNNABLE)
		return IPC_E_THREAD_STATE;
	err = ipc_msginfo_check(mi);
	if (err == IPC_OK)
		err = ipc_lookup(cur->cspace, slot, IPC_OBJ_ENDPOINT, IPC_W, &c);
	if (err != IPC_OK)
		return err;
	/* S8: a reply link needs G or GR. */
	if ((flags & SEND_CALL) != 0 && (c->rights & (IPC_G | IPC_GR)) == 0)
		return IPC_E_NO_RIGHTS;
	p->ep = (struct ipc_endpoint *)c->obj;
	p->badge = c->badge;
	p->grant = (c->rights & IPC_G) != 0;
	/* C3: without G no cap moves, so the descriptors do not matter. */
	if (p->grant && (flags & SEND_FAULT) == 0)
		return ipc_xfer_check(cur, mi);
	return IPC_OK;
}

/* Deliver cur's message `mi` to the receiver at the head of the queue. */
static int send_deliver(struct ipc_ctx *ctx, struct ipc_thread *cur, struct ipc_msginfo mi,
                        const struct send_plan *p, uint32_t flags)
{
	struct ipc_thread *r = ep_dequeue(p->ep);
	struct ipc_reply *reply = r->recv_reply;
	uint32_t kind = (flags & SEND_FAULT) != 0  ? IPC_EV_FAULT
	                : (flags & SEND_CALL) != 0 ? IPC_EV_CALL
	                                           : IPC_EV_SEND;

	r->recv_reply = NULL;
	if (reply != NULL)
		ipc_reply_disarm(reply);
	if (kind == IPC_EV_CALL && reply == NULL)
		kind = IPC_EV_SEND; /* S5: no reply link will exist */
	ipc_transfer(cur, mi, r, p->ep, kind, p->badge, p->grant);
	ipc_wake(ctx, r, IPC_OK);

	if ((flags & SEND_CALL) == 0)
		return IPC_OK;
	if (reply == NULL)
		return IPC_E_NO_REPLY; /* S5: delivered, but no reply possible */
	cur->can_grant = p->grant;
	ipc_reply_link(reply, r, cur);
	return IPC_BLOCKED;
}

static struct ipc_ret send_common(struct ipc_thread *cur, uint32_t slot, struct ipc_msginfo mi,
                                  uint32_t flags, uint64_t deadline)
{
	struct ipc_ctx ctx = ipc_ctx_make(cur);
	struct send_plan p;
	int err = send_check(cur, slot, mi, flags, &p);

	if (err != IPC_OK)
		return ipc_fail(err);
	if (p.ep->state != IPC_EP_RECV && (flags & SEND_BLOCK) == 0)
		return ipc_fail(IPC_E_NO_RECEIVER); /* S2 */

	/* cur->send is written only where cur queues (below): a message
	 * delivered at once goes straight to ipc_transfer(). */
	cur->is_fault = (flags & SEND_FAULT) != 0;
	cur->deadline = deadline; /* a Call's deadline covers the reply wait */
	if (p.ep->state == IPC_EP_RECV) {
		err = send_deliver(&ctx, cur, mi, &p, flags);
		if (err != IPC_BLOCKED) {
			cur->is_fault = 0;
			cur->deadline = IPC_DEADLINE_NONE;
		}
		if (err == IPC_E_NO_REPLY) {
			/* S5: the Call (or fault) is over, as if it had blocked
			 * and woken with NO_REPLY: status and info say so. */
			cur->status = IPC_E_NO_REPLY;
			ipc_fail_info(cur);
			IPC_TRACE_EV(IPC_TR_ABORT, cur, NULL, p.ep, 0, 0, 0, 0, IPC_E_NO_REPLY);
		}
		return ipc_finish(&ctx, err);
	}

	/* S1: nobody waiting; queue up (Q1) and block. */
	cur->send = mi;
	cur->send_badge = p.badge;
	cur->can_grant = p.grant;
	cur->is_call = (flags & SEND_CALL) != 0;
	ep_enqueue(p.ep, cur, IPC_EP_SEND);
	ipc_block(cur, IPC_TS_BLOCKED_SEND, p.ep, deadline);
	return ipc_finish(&ctx, IPC_BLOCKED);
}

struct ipc_ret ipc_send(struct ipc_thread *cur, uint32_t slot, struct ipc_msginfo mi, uint64_t deadline)
{
	return send_common(cur, slot, mi, SEND_BLOCK, deadline);
}

struct ipc_ret ipc_nbsend(struct ipc_thread *cur, uint32_t slot, struct ipc_msginfo mi)
{
	return send_common(cur, slot, mi, 0, IPC_DEADLINE_NONE);
}

struct ipc_ret ipc_call(struct ipc_thread *cur, uint32_t slot, struct ipc_msginfo mi, uint64_t deadline)
{
	return send_common(cur, slot, mi, SEND_BLOCK | SEND_CALL, deadline);
}

struct ipc_ret ipc_thread_fault(struct ipc_thread *t, uint32_t handler_slot, const struct ipc_fault *f)
{
	struct ipc_msginfo mi = {f->kind, IPC_FAULT_WORDS, 0};
	struct ipc_cap *c;

	if (t->state != IPC_TS_RUNNABLE)
		return ipc_fail(IPC_E_THREAD_STATE);
	if (ipc_lookup(t->cspace, handler_slot, IPC_OBJ_ENDPOINT, IPC_W, &c) != IPC_OK ||
	    (c->rights & (IPC_G | IPC_GR)) == 0)
		return ipc_fail(IPC_E_NO_HANDLER);
	t->fault = *f;
	return send_common(t, handler_slot, mi, SEND_BLOCK | SEND_CALL | SEND_FAULT, IPC_DEADLINE_NONE);
}

/* ------------------------------------------------------------------------- */
/* Receiving                                                                 */
/* ------------------------------------------------------------------------- */

struct recv_plan {
	struct ipc_endpoint *ep; /* NULL: the slot names a notification */
	struct ipc_ntfn *ntfn;
	struct ipc_reply *reply;
};

/*
 * The source of a receive: a notification or an endpoint cap with R. One
 * look at the slot gives the errors of "look it up as a notification, and
 * if it is of another type, as an endpoint": BAD_SLOT, EMPTY_SLOT, then
 * WRONG_TYPE for anything else, then NO_RIGHTS.
 */
static int recv_check_src(const struct ipc_thread *cur, uint32_t slot, struct recv_plan *p)
{
	const struct ipc_cap *c = ipc_slot(cur->cspace, slot);

	if (cur->state != IPC_TS_RUNNABLE)
		return IPC_E_THREAD_STATE;
	p->ep = NULL;
	p->ntfn = NULL;
	p->reply = NULL;
	if (c == NULL)
		return IPC_E_BAD_SLOT;
	if (c->obj == NULL)
		return IPC_E_EMPTY_SLOT;
	if (c->obj->type != IPC_OBJ_NTFN && c->obj->type != IPC_OBJ_ENDPOINT)
		return IPC_E_WRONG_TYPE;
	if ((c->rights & IPC_R) == 0)
		return IPC_E_NO_RIGHTS;
	if (c->obj->type == IPC_OBJ_ENDPOINT) {
		p->ep = (struct ipc_endpoint *)c->obj;
		return IPC_OK;
	}
	p->ntfn = (struct ipc_ntfn *)c->obj;
	if (p->ntfn->bound != NULL && p->ntfn->bound != cur)
		return IPC_E_BOUND; /* N4 */
	return IPC_OK;
}

/* The reply object an endpoint receive arms. */
static int recv_check_reply(const struct ipc_thread *cur, struct ipc_reply *reply, struct recv_plan *p)
{
	p->reply = reply;
	if (reply->armed)
		return IPC_E_REPLY_BUSY; /* another receiver waits with it */
	/* S4, S6: a link (or a gone caller) belongs to the server that took
	 * the call; only it may abandon it by re-arming the object. */
	if ((reply->caller != NULL || reply->caller_gone) && reply->server != cur)
		return IPC_E_REPLY_BUSY;
	return IPC_OK;
}

static int recv_check(const struct ipc_thread *cur, uint32_t slot, uint32_t reply_slot, struct recv_plan *p)
{
	struct ipc_cap *c;
	int err = recv_check_src(cur, slot, p);

	if (err != IPC_OK || p->ep == NULL || reply_slot == IPC_SLOT_NONE)
		return err;
	err = ipc_lookup(cur->cspace, reply_slot, IPC_OBJ_REPLY, 0, &c);
	if (err != IPC_OK)
		return err;
	return recv_check_reply(cur, (struct ipc_reply *)c->obj, p);
}

/* Is there something to receive right now? */
static bool recv_ready(const struct ipc_thread *cur, const struct recv_plan *p)
{
	if (p->ntfn != NULL)
		return p->ntfn->pending != 0;
	if (cur->bound != NULL && cur->bound->pending)
		return true;
	return p->ep->state == IPC_EP_SEND;
}

/* Take the message of the sender at the head of the queue (S1, S5). */
static void recv_take(struct ipc_ctx *ctx, struct ipc_thread *cur, const struct recv_plan *p)
{
	struct ipc_thread *s = ep_dequeue(p->ep);
	uint32_t kind = s->is_fault ? IPC_EV_FAULT : s->is_call ? IPC_EV_CALL : IPC_EV_SEND;

	if (kind == IPC_EV_CALL && p->reply == NULL)
		kind = IPC_EV_SEND; /* S5: no reply link will exist */
	ipc_transfer(s, s->send, cur, p->ep, kind, s->send_badge, s->can_grant);
	if (!s->is_call) {
		ipc_wake(ctx, s, IPC_OK);
	} else if (p->reply == NULL) {
		ipc_wake(ctx, s, IPC_E_NO_REPLY);
	} else {
		/* The caller stays blocked, now on the reply object. */
		s->qnext = NULL;
		s->qprev = NULL;
		ipc_reply_link(p->reply, cur, s);
	}
}

/* Commit a receive validated by recv_check(). */
static int recv_commit(struct ipc_ctx *ctx, struct ipc_thread *cur, const struct recv_plan *p, bool block,
                       uint64_t deadline)
{
	if (p->ntfn != NULL) {
		if (p->ntfn->pending) {
			ipc_ntfn_take(p->ntfn, cur, IPC_EV_NOTIFY);
			return IPC_OK;
		}
		if (!block)
			return IPC_E_NOTHING;
		ipc_queue_insert(&p->ntfn->waiters, cur);
		ipc_block(cur, IPC_TS_BLOCKED_NTFN, p->ntfn, deadline);
		return IPC_BLOCKED;
	}
	/* S6: re-arming a reply object that still holds a caller. */
	if (p->reply != NULL && (p->reply->caller != NULL || p->reply->caller_gone))
		ipc_reply_clear(ctx, p->reply, IPC_E_PEER_GONE);
	if (cur->bound != NULL && cur->bound->pending) {
		/* N4: a pending signal wins over queued senders. */
		ipc_ntfn_take(cur->bound, cur, IPC_EV_NOTIFY);
		return IPC_OK;
	}
	if (p->ep->state == IPC_EP_SEND) {
		recv_take(ctx, cur, p);
		return IPC_OK;
	}
	if (!block)
		return IPC_E_NOTHING;
	cur->recv_reply = p->reply;
	if (p->reply != NULL)
		ipc_reply_arm(p->reply, cur);
	ep_enqueue(p->ep, cur, IPC_EP_RECV);
	ipc_block(cur, IPC_TS_BLOCKED_RECV, p->ep, deadline);
	return IPC_BLOCKED;
}

static struct ipc_ret recv_common(struct ipc_thread *cur, uint32_t slot, uint32_t reply_slot, bool block,
                                  uint64_t deadline)
{
	struct ipc_ctx ctx = ipc_ctx_make(cur);
	struct recv_plan p;
	int err = recv_check(cur, slot, reply_slot, &p);

	if (err != IPC_OK)
		return ipc_fail(err);
	/* S3: "nothing" must leave everything untouched, reply object included. */
	if (!block && !recv_ready(cur, &p))
		return ipc_fail(IPC_E_NOTHING);
	return ipc_finish(&ctx, recv_commit(&ctx, cur, &p, block, deadline));
}

struct ipc_ret ipc_recv(struct ipc_thread *cur, uint32_t slot, uint32_t reply_slot, uint64_t deadline)
{
	return recv_common(cur, slot, reply_slot, true, deadline);
}

struct ipc_ret ipc_nbrecv(struct ipc_thread *cur, uint32_t slot, uint32_t reply_slot)
{
	return recv_common(cur, slot, reply_slot, false, IPC_DEADLINE_NONE);
}

struct ipc_ret ipc_wait(struct ipc_thread *cur, uint32_t slot, uint64_t deadline)
{
	struct ipc_ctx ctx = ipc_ctx_make(cur);
	struct recv_plan p;
	struct ipc_cap *c;
	/* R1: Wait takes only notifications; report the type before rights
	 * (recv_check would report a missing R on an endpoint cap). */
	int err = cur->state != IPC_TS_RUNNABLE ? IPC_E_THREAD_STATE
	                                        : ipc_lookup(cur->cspace, slot, IPC_OBJ_NTFN, 0, &c);

	if (err == IPC_OK)
		err = recv_check(cur, slot, IPC_SLOT_NONE, &p);
	if (err != IPC_OK)
		return ipc_fail(err);
	return ipc_finish(&ctx, recv_commit(&ctx, cur, &p, true, deadline));
}

/* ------------------------------------------------------------------------- */
/* Combined operations                                                       */
/* ------------------------------------------------------------------------- */

struct ipc_ret ipc_reply_recv(struct ipc_thread *cur, uint32_t slot, uint32_t reply_slot,
                              struct ipc_msginfo mi, uint64_t deadline)
{
	struct ipc_ctx ctx = ipc_ctx_make(cur);
	struct recv_plan p;
	struct ipc_cap *rc;
	struct ipc_reply *reply = NULL;
	int err;

	/* S7: validate both halves, then reply and receive with no gap. Each
	 * slot is looked up once; the checks keep the order of ipc_reply()'s
	 * and then ipc_recv()'s. */
	err = cur->state != IPC_TS_RUNNABLE ? IPC_E_THREAD_STATE
	                                    : ipc_lookup(cur->cspace, reply_slot, IPC_OBJ_REPLY, 0, &rc);
	if (err == IPC_OK)
		reply = (struct ipc_reply *)rc->obj;
	if (err == IPC_OK)
		err = ipc_msginfo_check(mi);
	/* S4: the reply half, like ipc_reply(), is the receiver's alone, also
	 * when it is the silent no-op for a caller that has gone (S6). */
	if (err == IPC_OK && (reply->caller != NULL || reply->caller_gone))
		err = ipc_reply_check_peer(cur, reply, mi);
	if (err == IPC_OK)
		err = recv_check_src(cur, slot, &p);
	if (err == IPC_OK && p.ntfn != NULL)
		err = IPC_E_WRONG_TYPE; /* ReplyRecv receives on an endpoint */
	if (err == IPC_OK)
		err = recv_check_reply(cur, reply, &p);
	if (err != IPC_OK)
		return ipc_fail(err);

	if (p.reply->caller != NULL || p.reply->caller_gone)
		ipc_reply_commit(&ctx, cur, p.reply, mi);
	return ipc_finish(&ctx, recv_commit(&ctx, cur, &p, true, deadline));
}

struct ipc_ret ipc_nbsend_recv(struct ipc_thread *cur, uint32_t send_slot, struct ipc_msginfo mi,
                               uint32_t recv_slot, uint32_t reply_slot, uint64_t deadline)
{
	struct ipc_ctx ctx = ipc_ctx_make(cur);
	struct send_plan sp;
	struct recv_plan rp;
	int err = send_check(cur, send_slot, mi, 0, &sp);

	if (err == IPC_OK)
		err = recv_check(cur, recv_slot, reply_slot, &rp);
	if (err != IPC_OK)
		return ipc_fail(err);
	/* S9: the send phase never blocks; with no receiver it is dropped. */
	if (sp.ep->state == IPC_EP_RECV) {
		cur->is_fault = 0;
		(void)send_deliver(&ctx, cur, mi, &sp, 0);
	}
	return ipc_finish(&ctx, recv_commit(&ctx, cur, &rp, true, deadline));
}

/* ------------------------------------------------------------------------- */
/* Destruction and cancellation (X1, X2)                                     */
/* ------------------------------------------------------------------------- */

/* X1's wake-ups, at most `max` of them, from the head; true once the queue
 * is empty, when the endpoint is left as destroy leaves it. */
static bool ep_destroy_step(struct ipc_ctx *c, struct ipc_endpoint *ep, uint32_t max)
{
	struct ipc_thread *t;

	for (; max > 0 && (t = ep->queue.head) != NULL; max--) {
		ipc_ep_remove(ep, t);
		ipc_wake(c, t, IPC_E_OBJECT_GONE);
	}
	if (ep->queue.head != NULL)
		return false;
	ep->state = IPC_EP_IDLE;
	return true;
}

void ipc_ep_destroy_in(struct ipc_ctx *c, struct ipc_endpoint *ep)
{
	IPC_TRACE_EV(IPC_TR_DESTROY, NULL, NULL, ep, IPC_OBJ_ENDPOINT, 0, 0, 0, IPC_OK);
	while (!ep_destroy_step(c, ep, UINT32_MAX))
		;
}

/*
 * X5: X1 spread over several calls. The waiters leave from the head, so
 * the wake-ups are the same as ipc_ep_destroy()'s and in the same order;
 * the last call (queue empty) leaves the endpoint as destroy leaves it.
 */
struct ipc_ret ipc_ep_destroy_some(struct ipc_endpoint *ep, uint32_t max, bool *done)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	if (max == 0 || done == NULL)
		return ipc_fail(IPC_E_BAD_ARG);
	IPC_TRACE_EV(IPC_TR_DESTROY, NULL, NULL, ep, IPC_OBJ_ENDPOINT, 0, 0, 0, IPC_OK);
	*done = ep_destroy_step(&c, ep, max);
	return ipc_finish(&c, IPC_OK);
}

struct ipc_ret ipc_ep_destroy(struct ipc_endpoint *ep)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	ipc_ep_destroy_in(&c, ep);
	return ipc_finish(&c, IPC_OK);
}

struct ipc_ret ipc_ep_cancel_badged_sends(struct ipc_endpoint *ep, uint64_t badge)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);
	struct ipc_thread *t, *next;

	if (badge == 0 || ep->state != IPC_EP_SEND)
		return ipc_finish(&c, IPC_OK);
	for (t = ep->queue.head; t != NULL; t = next) {
		next = t->qnext;
		/* A fault message is not a send the client chose to make: it
		 * stays for the handler (F1), whatever its badge. */
		if (t->send_badge == badge && !t->is_fault) {
			ipc_ep_remove(ep, t);
			ipc_wake(&c, t, IPC_E_CANCELLED);
		}
	}
	return ipc_finish(&c, IPC_OK);
}
