/*
 * Reference model of libipc (see model.h). Written from docs/semantics.md and the
 * documentation in ipc.h, not from libipc's sources: every operation is
 * "check everything, in the documented order, then change things", with
 * plain loops over small arrays. Where ipc.h leaves the order of two error
 * checks open, the model picks the obvious one and the fuzzer reports any
 * difference for a human to judge. Single-threaded.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#define NONE (-1)
#define BUF(w, i) (&(w)->buf[i][(w)->t[i].bufsel])

static struct m_cap *cap_at(struct m_world *w, int addr)
{
	return &w->cap[addr / M_NS][addr % M_NS];
}
static int addr_of(int t, uint32_t s)
{
	return t * M_NS + (int)s;
}
static bool blocked(int state)
{
	return state != IPC_TS_RUNNABLE && state != IPC_TS_DEAD;
}

void m_log_clear(struct m_world *w)
{
	w->nwoken = w->nblocked = w->nunref = w->nrecv = 0;
}

void m_init(struct m_world *w, const int prio[M_NT])
{
	memset(w, 0, sizeof(*w));
	for (int i = 0; i < M_NT; i++) {
		struct m_thread *t = &w->t[i];
		t->state = IPC_TS_RUNNABLE;
		t->prio = prio[i];
		t->on = t->recv_reply = t->bound = NONE;
		for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++)
			w->buf[i][0].recv_slots[k] = w->buf[i][1].recv_slots[k] = IPC_SLOT_NONE;
		for (int s = 0; s < M_NS; s++) {
			w->cap[i][s].obj = NONE;
			w->cap[i][s].parent = NONE;
		}
	}
	for (int o = 0; o < M_NO; o++) {
		w->o[o].type = o <= M_EP1  ? IPC_OBJ_ENDPOINT
		               : o <= M_N1 ? IPC_OBJ_NTFN
		               : o <= M_R1 ? IPC_OBJ_REPLY
		                           : IPC_OBJ_EMBEDDER;
		w->o[o].bound = w->o[o].server = w->o[o].caller = NONE;
	}
}

void m_revive(struct m_world *w, int i, int prio)
{
	struct m_thread *t = &w->t[i];

	memset(t, 0, sizeof(*t));
	t->state = IPC_TS_RUNNABLE;
	t->prio = prio;
	t->on = t->recv_reply = t->bound = NONE;
}

/* ------------------------------------------------------------------------- */
/* Queues, waking, blocking, the "who runs next" hint                        */
/* ------------------------------------------------------------------------- */

static bool queued_on(const struct m_thread *t, int obj)
{
	return t->on == obj && (t->state == IPC_TS_BLOCKED_SEND || t->state == IPC_TS_BLOCKED_RECV ||
	                        t->state == IPC_TS_BLOCKED_NTFN);
}

int m_queue(const struct m_world *w, int obj, int out[M_NT])
{
	int n = 0;

	for (int i = 0; i < M_NT; i++)
		if (queued_on(&w->t[i], obj))
			out[n++] = i;
	/* Insertion sort by (prio desc, seq asc): rule Q1 as written. */
	for (int a = 1; a < n; a++)
		for (int b = a; b > 0; b--) {
			const struct m_thread *x = &w->t[out[b - 1]], *y = &w->t[out[b]];
			if (x->prio > y->prio || (x->prio == y->prio && x->seq < y->seq))
				break;
			int tmp = out[b - 1];
			out[b - 1] = out[b];
			out[b] = tmp;
		}
	return n;
}

int m_ep_state(const struct m_world *w, int ep)
{
	int q[M_NT];
	int n = m_queue(w, ep, q);

	if (n == 0)
		return IPC_EP_IDLE;
	for (int i = 1; i < n; i++)
		if (w->t[q[i]].state != w->t[q[0]].state)
			abort(); /* model bug: both directions queued */
	return w->t[q[0]].state == IPC_TS_BLOCKED_SEND ? IPC_EP_SEND : IPC_EP_RECV;
}

static int queue_head(const struct m_world *w, int obj)
{
	int q[M_NT];
	return m_queue(w, obj, q) > 0 ? q[0] : NONE;
}

static void wake(struct m_world *w, int i, int status)
{
	struct m_thread *t = &w->t[i];

	if (!blocked(t->state))
		abort(); /* model bug */
	t->state = IPC_TS_RUNNABLE;
	t->on = NONE;
	t->recv_reply = NONE;
	t->is_call = t->is_fault = false;
	t->deadline = IPC_DEADLINE_NONE;
	t->status = status;
	if (status < 0) /* ipc.h: an error leaves no receive info */
		memset(&t->info, 0, sizeof(t->info));
	w->woken[w->nwoken] = i;
	w->woken_status[w->nwoken++] = status;
}

static void block(struct m_world *w, int i, int state, int on, uint64_t deadline)
{
	struct m_thread *t = &w->t[i];

	t->state = state;
	t->on = on;
	t->deadline = deadline;
	t->status = IPC_BLOCKED;
	t->seq = ++w->seq;
	w->blocked[w->nblocked++] = i;
}

/* ipc.h, struct ipc_ret: the highest-priority woken thread (the first of
 * equals), if the caller is blocked or gone, or if it beats the caller. */
static struct m_ret finish(const struct m_world *w, int cur, int err)
{
	struct m_ret r = {err, NONE};
	int best = NONE;

	for (int k = 0; k < w->nwoken; k++)
		if (best == NONE || w->t[w->woken[k]].prio > w->t[best].prio)
			best = w->woken[k];
	if (best == NONE)
		return r;
	if (cur == NONE || w->t[cur].state != IPC_TS_RUNNABLE || w->t[best].prio > w->t[cur].prio)
		r.next = best;
	return r;
}

static struct m_ret fail(int err)
{
	struct m_ret r = {err, NONE};
	return r;
}

/* ------------------------------------------------------------------------- */
/* Caps                                                                      */
/* ------------------------------------------------------------------------- */

static int slot_full(struct m_world *w, int t, uint32_t s, struct m_cap **out)
{
	if (s >= M_NS)
		return IPC_E_BAD_SLOT;
	if (w->cap[t][s].obj == NONE)
		return IPC_E_EMPTY_SLOT;
	*out = &w->cap[t][s];
	return IPC_OK;
}

static int lookup(struct m_world *w, int t, uint32_t s, int type, uint32_t rights, struct m_cap **out)
{
	struct m_cap *c;
	int err = slot_full(w, t, s, &c);

	if (err != IPC_OK)
		return err;
	if (w->o[c->obj].type != type)
		return IPC_E_WRONG_TYPE;
	if ((c->rights & rights) != rights)
		return IPC_E_NO_RIGHTS;
	*out = c;
	return IPC_OK;
}

int m_refs(const struct m_world *w, int obj)
{
	int n = 0;
	for (int t = 0; t < M_NT; t++)
		for (int s = 0; s < M_NS; s++)
			n += w->cap[t][s].obj == obj;
	return n;
}

int m_install(struct m_world *w, int t, uint32_t s, int obj, uint32_t rights, uint64_t badge)
{
	if (obj == M_NULL_OBJ || (rights & ~(uint32_t)IPC_RIGHTS_ALL) != 0)
		return IPC_E_BAD_ARG;
	if (s >= M_NS)
		return IPC_E_BAD_SLOT;
	if (w->cap[t][s].obj != NONE)
		return IPC_E_SLOT_FULL;
	struct m_cap c = {obj, rights, badge, NONE, ++w->next_cap_id};
	w->cap[t][s] = c;
	return IPC_OK;
}

static void derive(struct m_world *w, int src, int dst, uint32_t rights, uint64_t badge)
{
	struct m_cap *s = cap_at(w, src);
	struct m_cap c = {s->obj, rights, badge, src, ++w->next_cap_id};

	*cap_at(w, dst) = c;
}

static void relocate(struct m_world *w, int src, int dst)
{
	*cap_at(w, dst) = *cap_at(w, src);
	for (int a = 0; a < M_NCAPS; a++)
		if (cap_at(w, a)->obj != NONE && cap_at(w, a)->parent == src)
			cap_at(w, a)->parent = dst;
	cap_at(w, src)->obj = NONE;
	cap_at(w, src)->parent = NONE;
	cap_at(w, src)->rights = 0;
	cap_at(w, src)->badge = 0;
}

/* B2, ipc_cap_mint's documented errors. */
static int mint_check(const struct m_world *w, const struct m_cap *c, uint32_t mask, uint64_t badge)
{
	int type = w->o[c->obj].type;

	if ((mask & ~(uint32_t)IPC_RIGHTS_ALL) != 0)
		return IPC_E_BAD_ARG;
	if (badge == 0)
		return IPC_OK;
	if (type != IPC_OBJ_ENDPOINT && type != IPC_OBJ_NTFN)
		return IPC_E_WRONG_TYPE;
	if (c->badge != 0)
		return IPC_E_ALREADY_BADGED;
	return IPC_OK;
}

static int pair_check(struct m_world *w, int st, uint32_t ss, int dt, uint32_t ds, struct m_cap **s)
{
	int err = slot_full(w, st, ss, s);

	if (err != IPC_OK)
		return err;
	if (st == dt && ss == ds)
		return IPC_E_SAME_SLOT;
	if (ds >= M_NS)
		return IPC_E_BAD_SLOT;
	if (w->cap[dt][ds].obj != NONE)
		return IPC_E_SLOT_FULL;
	return IPC_OK;
}

int m_copy(struct m_world *w, int st, uint32_t ss, int dt, uint32_t ds)
{
	struct m_cap *s;
	int err = pair_check(w, st, ss, dt, ds, &s);

	if (err != IPC_OK)
		return err;
	derive(w, addr_of(st, ss), addr_of(dt, ds), s->rights, s->badge);
	return IPC_OK;
}

int m_mint(struct m_world *w, int st, uint32_t ss, int dt, uint32_t ds, uint32_t mask, uint64_t badge)
{
	struct m_cap *s;
	int err = pair_check(w, st, ss, dt, ds, &s);

	if (err == IPC_OK)
		err = mint_check(w, s, mask, badge);
	if (err != IPC_OK)
		return err;
	derive(w, addr_of(st, ss), addr_of(dt, ds), s->rights & mask, badge != 0 ? badge : s->badge);
	return IPC_OK;
}

int m_move(struct m_world *w, int st, uint32_t ss, int dt, uint32_t ds)
{
	struct m_cap *s;
	int err = pair_check(w, st, ss, dt, ds, &s);

	if (err != IPC_OK)
		return err;
	relocate(w, addr_of(st, ss), addr_of(dt, ds));
	return IPC_OK;
}

static void destroy_obj(struct m_world *w, int obj);

/* Delete one cap: children go to its parent; the last cap destroys the object. */
static void remove_cap(struct m_world *w, int a)
{
	struct m_cap *c = cap_at(w, a);
	int obj = c->obj;

	for (int k = 0; k < M_NCAPS; k++)
		if (cap_at(w, k)->obj != NONE && cap_at(w, k)->parent == a)
			cap_at(w, k)->parent = c->parent;
	c->obj = NONE;
	c->parent = NONE;
	c->rights = 0;
	c->badge = 0;
	if (m_refs(w, obj) == 0) {
		destroy_obj(w, obj);
		w->unref[w->nunref++] = obj;
	}
}

struct m_ret m_delete(struct m_world *w, int t, uint32_t s)
{
	struct m_cap *c;
	int err = slot_full(w, t, s, &c);

	if (err != IPC_OK)
		return fail(err);
	remove_cap(w, addr_of(t, s));
	return finish(w, NONE, IPC_OK);
}

static bool descends_from(struct m_world *w, int a, int root)
{
	for (int p = cap_at(w, a)->parent, hops = 0; p != NONE && hops <= M_NCAPS;
	     p = cap_at(w, p)->parent, hops++)
		if (p == root)
			return true;
	return false;
}

struct m_ret m_revoke(struct m_world *w, int t, uint32_t s)
{
	struct m_cap *c;
	int err = slot_full(w, t, s, &c);
	int root = addr_of(t, s);
	bool again = true;

	if (err != IPC_OK)
		return fail(err);
	while (again) {
		again = false;
		for (int a = 0; a < M_NCAPS; a++)
			if (cap_at(w, a)->obj != NONE && descends_from(w, a, root)) {
				remove_cap(w, a);
				again = true;
			}
	}
	return finish(w, NONE, IPC_OK);
}

/* ------------------------------------------------------------------------- */
/* Reply objects                                                             */
/* ------------------------------------------------------------------------- */

static void disarm(struct m_world *w, int r)
{
	w->o[r].armed = false;
	w->o[r].server = NONE;
}

/* Drop the linked caller (waking it with `status`) and the server link. */
static void reply_clear(struct m_world *w, int r, int status)
{
	struct m_obj *o = &w->o[r];
	int caller = o->caller;

	if (!o->armed)
		o->server = NONE;
	o->caller = NONE;
	o->caller_gone = false;
	if (caller != NONE)
		wake(w, caller, status);
}

static void reply_link(struct m_world *w, int r, int server, int caller, uint64_t deadline)
{
	struct m_obj *o = &w->o[r];

	o->caller = caller;
	o->server = server;
	o->link_seq = ++w->seq;
	if (w->t[caller].state == IPC_TS_RUNNABLE) {
		block(w, caller, IPC_TS_BLOCKED_REPLY, r, deadline);
	} else {
		w->t[caller].state = IPC_TS_BLOCKED_REPLY;
		w->t[caller].on = r;
	}
}

/* ------------------------------------------------------------------------- */
/* Message transfer                                                          */
/* ------------------------------------------------------------------------- */

/* One cap descriptor of sender `s`: may it be transferred as described? */
static int xfer_check_one(struct m_world *w, int s, const struct m_xfer *x, struct m_cap **out)
{
	struct m_cap *c;
	int err = slot_full(w, s, x->slot, &c);

	if (err != IPC_OK)
		return err;
	if (w->o[c->obj].type == IPC_OBJ_REPLY)
		return IPC_E_NOT_TRANSFERABLE; /* C8 */
	if (x->mode > IPC_XFER_MINT)
		return IPC_E_BAD_ARG;
	if (x->mode == IPC_XFER_MINT) {
		err = mint_check(w, c, x->rights, x->badge);
		if (err != IPC_OK)
			return err;
	}
	*out = c;
	return IPC_OK;
}

static int xfer_check(struct m_world *w, int s, uint32_t ncaps)
{
	for (uint32_t i = 0; i < ncaps; i++) {
		struct m_cap *c;
		int err = xfer_check_one(w, s, &BUF(w, s)->caps[i], &c);
		if (err != IPC_OK)
			return err;
	}
	return IPC_OK;
}

static int msg_check(uint32_t len, uint32_t ncaps)
{
	if (len > IPC_MSG_MAX_WORDS)
		return IPC_E_MSG_TOO_LONG;
	if (ncaps > IPC_MSG_MAX_CAPS)
		return IPC_E_TOO_MANY_CAPS;
	return IPC_OK;
}

/* Sender s's current message (t[s].label/length/ncaps) to receiver r. */
static void transfer(struct m_world *w, int s, int r, int ep, int kind, uint64_t badge, bool grant)
{
	struct m_thread *st = &w->t[s], *rt = &w->t[r];
	struct m_info *info = &rt->info;
	uint32_t next = 0;

	memset(info, 0, sizeof(*info));
	info->kind = (uint32_t)kind;
	info->label = st->label;
	info->badge = badge;
	w->recv[w->nrecv++] = r;
	if (st->is_fault) { /* F1 */
		for (unsigned k = 0; k < IPC_FAULT_WORDS; k++)
			BUF(w, r)->words[k] = st->fault_words[k];
		info->length = IPC_FAULT_WORDS;
		return;
	}
	if (rt->is_fault && kind == IPC_EV_REPLY)
		return; /* a fault's answer is its label only */
	for (uint32_t k = 0; k < st->length; k++)
		BUF(w, r)->words[k] = BUF(w, s)->words[k];
	info->length = st->length;
	info->ncaps = st->ncaps;
	for (uint32_t i = 0; i < st->ncaps; i++) {
		struct m_xfer x = BUF(w, s)->caps[i];
		struct m_cap *c;
		uint32_t rights, rs;
		uint64_t cbadge;

		info->outcome[i] = IPC_CAP_DROPPED;
		if (!grant || xfer_check_one(w, s, &x, &c) != IPC_OK)
			continue; /* C3, C7 */
		rights = c->rights;
		cbadge = c->badge;
		if (x.mode == IPC_XFER_MINT) {
			rights &= x.rights;
			if (x.badge != 0)
				cbadge = x.badge;
		}
		if (ep != NONE && c->obj == ep) { /* C5 */
			info->outcome[i] = IPC_CAP_UNWRAPPED;
			info->cbadge[i] = cbadge;
			continue;
		}
		rs = BUF(w, r)->recv_slots[next++];
		if (rs >= M_NS || w->cap[r][rs].obj != NONE)
			continue; /* C6 */
		if (x.mode == IPC_XFER_MOVE)
			relocate(w, addr_of(s, x.slot), addr_of(r, rs));
		else
			derive(w, addr_of(s, x.slot), addr_of(r, rs), rights, cbadge);
		info->outcome[i] = IPC_CAP_DELIVERED;
		info->slot[i] = rs;
	}
}

/* ------------------------------------------------------------------------- */
/* Sending                                                                   */
/* ------------------------------------------------------------------------- */

#define F_BLOCK 1
#define F_CALL 2
#define F_FAULT 4

struct send_plan {
	int ep;
	uint64_t badge;
	bool grant;
};

static int send_check(struct m_world *w, int cur, uint32_t slot, uint32_t len, uint32_t ncaps, int flags,
                      struct send_plan *p)
{
	struct m_cap *c;
	int err;

	if (w->t[cur].state != IPC_TS_RUNNABLE)
		return IPC_E_THREAD_STATE;
	err = msg_check(len, ncaps);
	if (err == IPC_OK)
		err = lookup(w, cur, slot, IPC_OBJ_ENDPOINT, IPC_W, &c);
	if (err != IPC_OK)
		return err;
	if ((flags & F_CALL) && (c->rights & (IPC_G | IPC_GR)) == 0)
		return IPC_E_NO_RIGHTS; /* S8 */
	p->ep = c->obj;
	p->badge = c->badge;
	p->grant = (c->rights & IPC_G) != 0;
	if (p->grant && !(flags & F_FAULT))
		return xfer_check(w, cur, ncaps);
	return IPC_OK;
}

/* Deliver to the receiver at the head of p->ep; the caller's status. */
static int send_deliver(struct m_world *w, int cur, const struct send_plan *p, int flags, uint64_t deadline)
{
	int r = queue_head(w, p->ep);
	int reply = w->t[r].recv_reply;
	int kind = (flags & F_FAULT) ? IPC_EV_FAULT : (flags & F_CALL) ? IPC_EV_CALL : IPC_EV_SEND;

	w->t[r].recv_reply = NONE;
	if (reply != NONE)
		disarm(w, reply);
	if (kind == IPC_EV_CALL && reply == NONE)
		kind = IPC_EV_SEND; /* S5 */
	transfer(w, cur, r, p->ep, kind, p->badge, p->grant);
	wake(w, r, IPC_OK);
	if (!(flags & F_CALL))
		return IPC_OK;
	if (reply == NONE)
		return IPC_E_NO_REPLY; /* S5 */
	w->t[cur].can_grant = p->grant;
	reply_link(w, reply, r, cur, deadline);
	return IPC_BLOCKED;
}

static void set_msg(struct m_world *w, int cur, uint64_t label, uint32_t len, uint32_t ncaps)
{
	w->t[cur].label = label;
	w->t[cur].length = len;
	w->t[cur].ncaps = ncaps;
}

static struct m_ret send_common(struct m_world *w, int cur, uint32_t slot, uint64_t label, uint32_t len,
                                uint32_t ncaps, int flags, uint64_t deadline)
{
	struct send_plan p;
	struct m_thread *t = &w->t[cur];
	int err = send_check(w, cur, slot, len, ncaps, flags, &p);

	if (err != IPC_OK)
		return fail(err);
	if (m_ep_state(w, p.ep) != IPC_EP_RECV && !(flags & F_BLOCK))
		return fail(IPC_E_NO_RECEIVER); /* S2 */
	set_msg(w, cur, label, len, ncaps);
	t->is_fault = (flags & F_FAULT) != 0;
	if (m_ep_state(w, p.ep) == IPC_EP_RECV) {
		err = send_deliver(w, cur, &p, flags, deadline);
		if (err != IPC_BLOCKED)
			t->is_fault = false;
		if (err == IPC_E_NO_REPLY) { /* ipc.h: as a wake-up with NO_REPLY */
			t->status = IPC_E_NO_REPLY;
			memset(&t->info, 0, sizeof(t->info));
		}
		return finish(w, cur, err);
	}
	t->send_badge = p.badge;
	t->can_grant = p.grant;
	t->is_call = (flags & F_CALL) != 0;
	block(w, cur, IPC_TS_BLOCKED_SEND, p.ep, deadline);
	return finish(w, cur, IPC_BLOCKED);
}

struct m_ret m_send(struct m_world *w, int cur, uint32_t slot, uint64_t label, uint32_t len, uint32_t ncaps,
                    uint64_t deadline)
{
	m_log_clear(w);
	return send_common(w, cur, slot, label, len, ncaps, F_BLOCK, deadline);
}

struct m_ret m_nbsend(struct m_world *w, int cur, uint32_t slot, uint64_t label, uint32_t len, uint32_t ncaps)
{
	m_log_clear(w);
	return send_common(w, cur, slot, label, len, ncaps, 0, IPC_DEADLINE_NONE);
}

struct m_ret m_call(struct m_world *w, int cur, uint32_t slot, uint64_t label, uint32_t len, uint32_t ncaps,
                    uint64_t deadline)
{
	m_log_clear(w);
	return send_common(w, cur, slot, label, len, ncaps, F_BLOCK | F_CALL, deadline);
}

struct m_ret m_fault(struct m_world *w, int t, uint32_t handler_slot, uint64_t kind,
                     const uint64_t words[IPC_FAULT_WORDS])
{
	struct m_cap *c;

	m_log_clear(w);
	if (w->t[t].state != IPC_TS_RUNNABLE)
		return fail(IPC_E_THREAD_STATE);
	if (lookup(w, t, handler_slot, IPC_OBJ_ENDPOINT, IPC_W, &c) != IPC_OK ||
	    (c->rights & (IPC_G | IPC_GR)) == 0)
		return fail(IPC_E_NO_HANDLER);
	w->t[t].fault_kind = kind;
	memcpy(w->t[t].fault_words, words, sizeof(w->t[t].fault_words));
	return send_common(w, t, handler_slot, kind, IPC_FAULT_WORDS, 0, F_BLOCK | F_CALL | F_FAULT,
	                   IPC_DEADLINE_NONE);
}

/* ------------------------------------------------------------------------- */
/* Receiving                                                                 */
/* ------------------------------------------------------------------------- */

struct recv_plan {
	int ep, ntfn, reply;
};

static int recv_check(struct m_world *w, int cur, uint32_t slot, uint32_t reply_slot, struct recv_plan *p)
{
	struct m_cap *c, *rc;
	int err;

	if (w->t[cur].state != IPC_TS_RUNNABLE)
		return IPC_E_THREAD_STATE;
	p->ep = p->ntfn = p->reply = NONE;
	err = slot_full(w, cur, slot, &c);
	if (err != IPC_OK)
		return err;
	if (w->o[c->obj].type == IPC_OBJ_NTFN) {
		if (!(c->rights & IPC_R))
			return IPC_E_NO_RIGHTS;
		if (w->o[c->obj].bound != NONE && w->o[c->obj].bound != cur)
			return IPC_E_BOUND; /* N4 */
		p->ntfn = c->obj;
		return IPC_OK; /* a Wait: the reply slot plays no part */
	}
	if (w->o[c->obj].type != IPC_OBJ_ENDPOINT)
		return IPC_E_WRONG_TYPE;
	if (!(c->rights & IPC_R))
		return IPC_E_NO_RIGHTS;
	p->ep = c->obj;
	if (reply_slot == IPC_SLOT_NONE)
		return IPC_OK;
	err = lookup(w, cur, reply_slot, IPC_OBJ_REPLY, 0, &rc);
	if (err != IPC_OK)
		return err;
	if (w->o[rc->obj].armed)
		return IPC_E_REPLY_BUSY;
	/* Linked (or caller gone): only the server that took the call re-arms. */
	if ((w->o[rc->obj].caller != NONE || w->o[rc->obj].caller_gone) && w->o[rc->obj].server != cur)
		return IPC_E_REPLY_BUSY;
	p->reply = rc->obj;
	return IPC_OK;
}

static bool recv_ready(const struct m_world *w, int cur, const struct recv_plan *p)
{
	int b = w->t[cur].bound;

	if (p->ntfn != NONE)
		return w->o[p->ntfn].pending;
	if (b != NONE && w->o[b].pending)
		return true;
	return m_ep_state(w, p->ep) == IPC_EP_SEND;
}

static void ntfn_take(struct m_world *w, int n, int t)
{
	memset(&w->t[t].info, 0, sizeof(w->t[t].info));
	w->t[t].info.kind = IPC_EV_NOTIFY;
	w->t[t].info.badge = w->o[n].word;
	w->o[n].word = 0;
	w->o[n].pending = false;
	w->recv[w->nrecv++] = t;
}

static int recv_commit(struct m_world *w, int cur, const struct recv_plan *p, bool may_block,
                       uint64_t deadline)
{
	int b = w->t[cur].bound;

	if (p->ntfn != NONE) {
		if (w->o[p->ntfn].pending) {
			ntfn_take(w, p->ntfn, cur);
			return IPC_OK;
		}
		if (!may_block)
			return IPC_E_NOTHING;
		block(w, cur, IPC_TS_BLOCKED_NTFN, p->ntfn, deadline);
		return IPC_BLOCKED;
	}
	if (p->reply != NONE && (w->o[p->reply].caller != NONE || w->o[p->reply].caller_gone))
		reply_clear(w, p->reply, IPC_E_PEER_GONE); /* S6: re-armed */
	if (b != NONE && w->o[b].pending) {
		ntfn_take(w, b, cur); /* N4: a pending signal wins */
		return IPC_OK;
	}
	if (m_ep_state(w, p->ep) == IPC_EP_SEND) {
		int s = queue_head(w, p->ep);
		struct m_thread *st = &w->t[s];
		int kind = st->is_fault ? IPC_EV_FAULT : st->is_call ? IPC_EV_CALL : IPC_EV_SEND;

		if (kind == IPC_EV_CALL && p->reply == NONE)
			kind = IPC_EV_SEND;
		transfer(w, s, cur, p->ep, kind, st->send_badge, st->can_grant);
		if (!st->is_call)
			wake(w, s, IPC_OK);
		else if (p->reply == NONE)
			wake(w, s, IPC_E_NO_REPLY);
		else
			reply_link(w, p->reply, cur, s, st->deadline);
		return IPC_OK;
	}
	if (!may_block)
		return IPC_E_NOTHING;
	w->t[cur].recv_reply = p->reply;
	if (p->reply != NONE) {
		w->o[p->reply].armed = true;
		w->o[p->reply].server = cur;
	}
	block(w, cur, IPC_TS_BLOCKED_RECV, p->ep, deadline);
	return IPC_BLOCKED;
}

static struct m_ret recv_common(struct m_world *w, int cur, uint32_t slot, uint32_t reply_slot,
                                bool may_block, uint64_t deadline)
{
	struct recv_plan p;
	int err = recv_check(w, cur, slot, reply_slot, &p);

	if (err != IPC_OK)
		return fail(err);
	if (!may_block && !recv_ready(w, cur, &p))
		return fail(IPC_E_NOTHING); /* S3 */
	return finish(w, cur, recv_commit(w, cur, &p, may_block, deadline));
}

struct m_ret m_recv(struct m_world *w, int cur, uint32_t slot, uint32_t reply_slot, uint64_t deadline)
{
	m_log_clear(w);
	return recv_common(w, cur, slot, reply_slot, true, deadline);
}

struct m_ret m_nbrecv(struct m_world *w, int cur, uint32_t slot, uint32_t reply_slot)
{
	m_log_clear(w);
	return recv_common(w, cur, slot, reply_slot, false, IPC_DEADLINE_NONE);
}

struct m_ret m_wait(struct m_world *w, int cur, uint32_t slot, uint64_t deadline)
{
	struct recv_plan p;
	struct m_cap *c;
	int err;

	m_log_clear(w);
	if (w->t[cur].state != IPC_TS_RUNNABLE)
		return fail(IPC_E_THREAD_STATE);
	err = lookup(w, cur, slot, IPC_OBJ_NTFN, IPC_R, &c);
	if (err == IPC_OK)
		err = recv_check(w, cur, slot, IPC_SLOT_NONE, &p);
	if (err != IPC_OK)
		return fail(err);
	return finish(w, cur, recv_commit(w, cur, &p, true, deadline));
}

/* ------------------------------------------------------------------------- */
/* Reply, ReplyRecv, NBSendRecv                                              */
/* ------------------------------------------------------------------------- */

static int reply_check(struct m_world *w, int cur, int r, uint32_t len, uint32_t ncaps)
{
	struct m_obj *o = &w->o[r];
	int err = msg_check(len, ncaps);

	if (err != IPC_OK)
		return err;
	if (o->caller == NONE && !o->caller_gone)
		return IPC_E_NO_CALLER;
	if (o->server != cur)
		return IPC_E_NOT_RECEIVER;
	if (o->caller != NONE && w->t[o->caller].can_grant)
		return xfer_check(w, cur, ncaps);
	return IPC_OK;
}

static void reply_commit(struct m_world *w, int cur, int r)
{
	int caller = w->o[r].caller;

	if (caller != NONE)
		transfer(w, cur, caller, NONE, IPC_EV_REPLY, 0, w->t[caller].can_grant);
	reply_clear(w, r, IPC_OK);
}

struct m_ret m_reply(struct m_world *w, int cur, uint32_t reply_slot, uint64_t label, uint32_t len,
                     uint32_t ncaps)
{
	struct m_cap *c;
	int err;

	m_log_clear(w);
	if (w->t[cur].state != IPC_TS_RUNNABLE)
		return fail(IPC_E_THREAD_STATE);
	err = lookup(w, cur, reply_slot, IPC_OBJ_REPLY, 0, &c);
	if (err == IPC_OK)
		err = reply_check(w, cur, c->obj, len, ncaps);
	if (err != IPC_OK)
		return fail(err);
	set_msg(w, cur, label, len, ncaps);
	reply_commit(w, cur, c->obj);
	return finish(w, cur, IPC_OK);
}

struct m_ret m_reply_recv(struct m_world *w, int cur, uint32_t slot, uint32_t reply_slot, uint64_t label,
                          uint32_t len, uint32_t ncaps, uint64_t deadline)
{
	struct recv_plan p;
	struct m_cap *rc;
	int err;

	m_log_clear(w);
	if (w->t[cur].state != IPC_TS_RUNNABLE)
		return fail(IPC_E_THREAD_STATE);
	err = lookup(w, cur, reply_slot, IPC_OBJ_REPLY, 0, &rc);
	if (err == IPC_OK)
		err = msg_check(len, ncaps);
	if (err == IPC_OK && (w->o[rc->obj].caller != NONE || w->o[rc->obj].caller_gone))
		err = reply_check(w, cur, rc->obj, len, ncaps); /* S4, also for a gone caller */
	if (err == IPC_OK)
		err = recv_check(w, cur, slot, reply_slot, &p);
	if (err == IPC_OK && p.ntfn != NONE)
		err = IPC_E_WRONG_TYPE; /* ReplyRecv receives on an endpoint */
	if (err != IPC_OK)
		return fail(err);
	if (w->o[p.reply].caller != NONE || w->o[p.reply].caller_gone) {
		set_msg(w, cur, label, len, ncaps);
		reply_commit(w, cur, p.reply);
	}
	return finish(w, cur, recv_commit(w, cur, &p, true, deadline));
}

struct m_ret m_nbsend_recv(struct m_world *w, int cur, uint32_t send_slot, uint64_t label, uint32_t len,
                           uint32_t ncaps, uint32_t recv_slot, uint32_t reply_slot, uint64_t deadline)
{
	struct send_plan sp;
	struct recv_plan rp;
	int err;

	m_log_clear(w);
	err = send_check(w, cur, send_slot, len, ncaps, 0, &sp);
	if (err == IPC_OK)
		err = recv_check(w, cur, recv_slot, reply_slot, &rp);
	if (err != IPC_OK)
		return fail(err);
	if (m_ep_state(w, sp.ep) == IPC_EP_RECV) { /* S9: else dropped */
		set_msg(w, cur, label, len, ncaps);
		w->t[cur].is_fault = false;
		(void)send_deliver(w, cur, &sp, 0, IPC_DEADLINE_NONE);
	}
	return finish(w, cur, recv_commit(w, cur, &rp, true, deadline));
}

/* ------------------------------------------------------------------------- */
/* Notifications                                                             */
/* ------------------------------------------------------------------------- */

static void deliver_signal(struct m_world *w, int t, uint64_t badge)
{
	memset(&w->t[t].info, 0, sizeof(w->t[t].info));
	w->t[t].info.kind = IPC_EV_NOTIFY;
	w->t[t].info.badge = badge;
	w->recv[w->nrecv++] = t;
	wake(w, t, IPC_OK);
}

/* Take thread t off the endpoint queue it waits on (no wake). */
static void leave_ep(struct m_world *w, int t)
{
	if (w->t[t].state == IPC_TS_BLOCKED_RECV && w->t[t].recv_reply != NONE) {
		disarm(w, w->t[t].recv_reply);
		w->t[t].recv_reply = NONE;
	}
}

struct m_ret m_signal(struct m_world *w, int cur, uint32_t slot)
{
	struct m_cap *c;
	int err, n, waiter, b;

	m_log_clear(w);
	if (w->t[cur].state != IPC_TS_RUNNABLE)
		return fail(IPC_E_THREAD_STATE);
	err = lookup(w, cur, slot, IPC_OBJ_NTFN, IPC_W, &c);
	if (err != IPC_OK)
		return fail(err);
	n = c->obj;
	waiter = queue_head(w, n);
	b = w->o[n].bound;
	if (waiter != NONE) {
		deliver_signal(w, waiter, c->badge); /* N2 */
	} else if (b != NONE && w->t[b].state == IPC_TS_BLOCKED_RECV) {
		/* N4: interrupt the bound thread's Recv; N1: with any word left
		 * pending (bound while blocked), OR-ed into one event. */
		uint64_t word = w->o[n].word | c->badge;

		w->o[n].word = 0;
		w->o[n].pending = false;
		leave_ep(w, b);
		deliver_signal(w, b, word);
	} else {
		w->o[n].word |= c->badge; /* N1 */
		w->o[n].pending = true;
	}
	return finish(w, cur, IPC_OK);
}

struct m_ret m_poll(struct m_world *w, int cur, uint32_t slot)
{
	struct m_cap *c;
	int err;

	m_log_clear(w);
	if (w->t[cur].state != IPC_TS_RUNNABLE)
		return fail(IPC_E_THREAD_STATE);
	err = lookup(w, cur, slot, IPC_OBJ_NTFN, IPC_R, &c);
	if (err != IPC_OK)
		return fail(err);
	if (w->o[c->obj].bound != NONE && w->o[c->obj].bound != cur)
		return fail(IPC_E_BOUND);
	if (!w->o[c->obj].pending)
		return fail(IPC_E_NOTHING); /* N3 */
	ntfn_take(w, c->obj, cur);
	return finish(w, cur, IPC_OK);
}

int m_peek(struct m_world *w, int cur, uint32_t slot, uint64_t *word)
{
	struct m_cap *c;
	int err;

	m_log_clear(w);
	/* ipc.h documents no thread-state or binding check for Peek. */
	err = lookup(w, cur, slot, IPC_OBJ_NTFN, IPC_R, &c);
	if (err != IPC_OK)
		return err;
	if (!w->o[c->obj].pending)
		return IPC_E_NOTHING;
	*word = w->o[c->obj].word;
	return IPC_OK;
}

struct m_ret m_bind(struct m_world *w, int n, int t)
{
	int q[M_NT];

	m_log_clear(w);
	if (w->t[t].state == IPC_TS_DEAD)
		return fail(IPC_E_THREAD_STATE);
	if (w->o[n].bound != NONE || w->t[t].bound != NONE)
		return fail(IPC_E_ALREADY_BOUND);
	if (m_queue(w, n, q) != 0)
		return fail(IPC_E_BOUND);
	w->o[n].bound = t;
	w->t[t].bound = n;
	/* N4: a thread bound while it waits in Recv takes a pending signal now. */
	if (w->o[n].pending && w->t[t].state == IPC_TS_BLOCKED_RECV) {
		uint64_t word = w->o[n].word;

		w->o[n].word = 0;
		w->o[n].pending = false;
		leave_ep(w, t);
		deliver_signal(w, t, word);
	}
	return finish(w, NONE, IPC_OK);
}

static void unbind(struct m_world *w, int t)
{
	if (w->t[t].bound == NONE)
		return;
	w->o[w->t[t].bound].bound = NONE;
	w->t[t].bound = NONE;
}

void m_unbind(struct m_world *w, int t)
{
	m_log_clear(w);
	unbind(w, t);
}

/* ------------------------------------------------------------------------- */
/* Destruction, cancellation, priorities                                     */
/* ------------------------------------------------------------------------- */

static void wake_all_queued(struct m_world *w, int obj, int status)
{
	int q[M_NT];
	int n = m_queue(w, obj, q);

	for (int k = 0; k < n; k++) {
		leave_ep(w, q[k]);
		wake(w, q[k], status);
	}
}

static void destroy_obj(struct m_world *w, int obj)
{
	struct m_obj *o = &w->o[obj];

	switch (o->type) {
	case IPC_OBJ_ENDPOINT:
		wake_all_queued(w, obj, IPC_E_OBJECT_GONE); /* X1 */
		break;
	case IPC_OBJ_NTFN:
		wake_all_queued(w, obj, IPC_E_OBJECT_GONE); /* X1 */
		if (o->bound != NONE)
			w->t[o->bound].bound = NONE;
		o->bound = NONE;
		o->word = 0;
		o->pending = false;
		break;
	case IPC_OBJ_REPLY:
		if (o->armed) {
			w->t[o->server].recv_reply = NONE; /* keeps waiting */
			disarm(w, obj);
		} else {
			reply_clear(w, obj, IPC_E_PEER_GONE); /* S6 */
		}
		break;
	default:
		break;
	}
}

struct m_ret m_destroy_obj(struct m_world *w, int obj)
{
	m_log_clear(w);
	destroy_obj(w, obj);
	return finish(w, NONE, IPC_OK);
}

/* X5: the first `max` queued threads wake OBJECT_GONE; the step that
 * leaves none queued does the rest of X1 (destroy_obj on an empty queue). */
struct m_ret m_destroy_some(struct m_world *w, int obj, uint32_t max, bool *done)
{
	int q[M_NT];
	int n;

	m_log_clear(w);
	if (max == 0)
		return fail(IPC_E_BAD_ARG);
	n = m_queue(w, obj, q);
	for (int k = 0; k < n && (uint32_t)k < max; k++) {
		leave_ep(w, q[k]);
		wake(w, q[k], IPC_E_OBJECT_GONE);
	}
	*done = (uint32_t)n <= max;
	if (*done)
		destroy_obj(w, obj);
	return finish(w, NONE, IPC_OK);
}

struct m_ret m_ep_cancel_badged(struct m_world *w, int ep, uint64_t badge)
{
	int q[M_NT];
	int n;

	m_log_clear(w);
	if (badge == 0 || m_ep_state(w, ep) != IPC_EP_SEND)
		return finish(w, NONE, IPC_OK);
	n = m_queue(w, ep, q);
	for (int k = 0; k < n; k++)
		if (w->t[q[k]].send_badge == badge && !w->t[q[k]].is_fault)
			wake(w, q[k], IPC_E_CANCELLED); /* X2: fault messages stay */
	return finish(w, NONE, IPC_OK);
}

struct m_ret m_cap_cancel_badged(struct m_world *w, int t, uint32_t slot)
{
	struct m_cap *c;
	int err;

	m_log_clear(w);
	err = lookup(w, t, slot, IPC_OBJ_ENDPOINT, IPC_RIGHTS_ALL, &c); /* X2: all rights */
	if (err != IPC_OK)
		return fail(err);
	return m_ep_cancel_badged(w, c->obj, c->badge);
}

/* Leave whatever t waits on, without waking it (X3). */
static void detach(struct m_world *w, int t)
{
	struct m_thread *th = &w->t[t];

	if (th->state == IPC_TS_BLOCKED_REPLY) {
		w->o[th->on].caller = NONE;
		w->o[th->on].caller_gone = true; /* S6: the reply becomes a no-op */
	} else {
		leave_ep(w, t);
	}
}

struct m_ret m_cancel(struct m_world *w, int t, int err)
{
	m_log_clear(w);
	if (err >= 0)
		return fail(IPC_E_BAD_ARG);
	if (!blocked(w->t[t].state))
		return fail(IPC_E_THREAD_STATE);
	detach(w, t);
	wake(w, t, err);
	return finish(w, NONE, IPC_OK);
}

struct m_ret m_thread_destroy(struct m_world *w, int t)
{
	struct m_thread *th = &w->t[t];

	m_log_clear(w);
	if (th->state == IPC_TS_DEAD)
		return finish(w, NONE, IPC_OK);
	if (blocked(th->state)) {
		detach(w, t);
		th->on = NONE;
		th->recv_reply = NONE;
	}
	/* S6: callers waiting for t's answer, most recently linked first. */
	for (;;) {
		int r = NONE;
		for (int o = M_R0; o <= M_R1; o++)
			if (w->o[o].server == t && !w->o[o].armed &&
			    (r == NONE || w->o[o].link_seq > w->o[r].link_seq))
				r = o;
		if (r == NONE)
			break;
		reply_clear(w, r, IPC_E_PEER_GONE);
	}
	unbind(w, t);
	th->state = IPC_TS_DEAD;
	th->status = IPC_E_THREAD_STATE;
	return finish(w, NONE, IPC_OK);
}

void m_set_prio(struct m_world *w, int t, int prio)
{
	m_log_clear(w);
	if (queued_on(&w->t[t], w->t[t].on))
		w->t[t].seq = ++w->seq; /* Q1: re-sorted as a fresh arrival */
	w->t[t].prio = prio;
}

int m_set_buffer(struct m_world *w, int t, int sel)
{
	m_log_clear(w);
	if (sel < 0)
		return IPC_E_BAD_ARG;
	if (w->t[t].state != IPC_TS_RUNNABLE)
		return IPC_E_THREAD_STATE; /* a blocked sender's message lives there */
	w->t[t].bufsel = sel;
	return IPC_OK;
}

struct m_buf *m_buf_of(struct m_world *w, int t)
{
	return BUF(w, t);
}

bool m_fault_resumes(const struct m_world *w, int t)
{
	return w->t[t].status == IPC_OK && w->t[t].info.kind == IPC_EV_REPLY &&
	       w->t[t].info.label == IPC_FAULT_RESUME;
}
