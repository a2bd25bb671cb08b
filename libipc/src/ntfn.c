/*
 * Notifications (SEMANTICS N1-N4, X1): a word of OR-ed badges with a
 * "pending" flag, a priority-ordered queue of waiters, and an optional bound
 * thread that receives signals while it waits in Recv on an endpoint.
 * Signal never blocks. Callers are serialised by the embedder.
 */
#include "internal.h"

void ipc_ntfn_init(struct ipc_ntfn *n)
{
	memset(n, 0, sizeof(*n));
	n->obj.type = IPC_OBJ_NTFN;
}

void ipc_ntfn_take(struct ipc_ntfn *n, struct ipc_thread *t, uint32_t kind)
{
	IPC_TRACE_EV(IPC_TR_WAIT, t, NULL, n, 0, n->word, 0, 0, IPC_OK);
	ipc_info_clear(&t->info);
	t->info.kind = kind;
	t->info.badge = n->word;
	n->word = 0;
	n->pending = 0;
}

/* Deliver a signal with `badge` straight to a thread that is waking up. */
static void deliver(struct ipc_ctx *c, struct ipc_thread *t, uint64_t badge)
{
	ipc_info_clear(&t->info);
	t->info.kind = IPC_EV_NOTIFY;
	t->info.badge = badge;
	ipc_wake(c, t, IPC_OK);
}

/*
 * N4: end bound thread `t`'s endpoint Recv with a NOTIFY event carrying
 * `badge`. N1: any word still pending goes with it, OR-ed, so the thread
 * sees one coalesced event and the notification is left clear.
 */
static void interrupt_recv(struct ipc_ctx *c, struct ipc_ntfn *n, struct ipc_thread *t, uint64_t badge)
{
	uint64_t word = n->word | badge;

	n->word = 0;
	n->pending = 0;
	ipc_ep_remove(t->blocked_on, t);
	deliver(c, t, word);
}

struct ipc_ret ipc_signal(struct ipc_thread *cur, uint32_t slot)
{
	struct ipc_ctx c = ipc_ctx_make(cur);
	struct ipc_cap *cap;
	struct ipc_ntfn *n;
	struct ipc_thread *t;
	int err;

	if (cur->state != IPC_TS_RUNNABLE)
		return ipc_fail(IPC_E_THREAD_STATE);
	err = ipc_lookup(cur->cspace, slot, IPC_OBJ_NTFN, IPC_W, &cap);
	if (err != IPC_OK)
		return ipc_fail(err);
	n = (struct ipc_ntfn *)cap->obj;

	if ((t = ipc_queue_pop(&n->waiters)) != NULL) {
		/* N2: wake exactly one, the first by Q1, with this badge. */
		deliver(&c, t, cap->badge);
	} else if ((t = n->bound) != NULL && t->state == IPC_TS_BLOCKED_RECV) {
		/* N4: interrupt the bound thread's endpoint Recv (never a Call). */
		interrupt_recv(&c, n, t, cap->badge);
	} else {
		n->word |= cap->badge; /* N1: coalesce */
		n->pending = 1;
		t = NULL; /* nobody woke */
	}
	IPC_TRACE_EV(IPC_TR_SIGNAL, cur, t, n, 0, cap->badge, 0, 0, IPC_OK);
	return ipc_finish(&c, IPC_OK);
}

struct ipc_ret ipc_poll(struct ipc_thread *cur, uint32_t slot)
{
	struct ipc_ctx c = ipc_ctx_make(cur);
	struct ipc_cap *cap;
	struct ipc_ntfn *n;
	int err;

	if (cur->state != IPC_TS_RUNNABLE)
		return ipc_fail(IPC_E_THREAD_STATE);
	err = ipc_lookup(cur->cspace, slot, IPC_OBJ_NTFN, IPC_R, &cap);
	if (err != IPC_OK)
		return ipc_fail(err);
	n = (struct ipc_ntfn *)cap->obj;
	if (n->bound != NULL && n->bound != cur)
		return ipc_fail(IPC_E_BOUND);
	if (!n->pending)
		return ipc_fail(IPC_E_NOTHING); /* N3: distinct from badge 0 */
	ipc_ntfn_take(n, cur, IPC_EV_NOTIFY);
	return ipc_finish(&c, IPC_OK);
}

int ipc_ntfn_peek(struct ipc_thread *cur, uint32_t slot, uint64_t *word)
{
	struct ipc_cap *cap;
	struct ipc_ntfn *n;
	int err = ipc_lookup(cur->cspace, slot, IPC_OBJ_NTFN, IPC_R, &cap);

	if (err != IPC_OK)
		return err;
	n = (struct ipc_ntfn *)cap->obj;
	if (!n->pending)
		return IPC_E_NOTHING;
	*word = n->word;
	return IPC_OK;
}

struct ipc_ret ipc_ntfn_bind(struct ipc_ntfn *n, struct ipc_thread *t)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	if (t->state == IPC_TS_DEAD)
		return ipc_fail(IPC_E_THREAD_STATE);
	if (n->bound != NULL || t->bound != NULL)
		return ipc_fail(IPC_E_ALREADY_BOUND);
	/* N4: only the bound thread may wait; refuse if others already do. */
	if (!ipc_queue_empty(&n->waiters))
		return ipc_fail(IPC_E_BOUND);
	n->bound = t;
	t->bound = n;
	/* N4: a pending signal wins over senders, also for a thread that was
	 * already waiting in Recv when it was bound: it takes the signal now
	 * rather than letting a later Send overtake it. */
	if (n->pending && t->state == IPC_TS_BLOCKED_RECV)
		interrupt_recv(&c, n, t, 0);
	return ipc_finish(&c, IPC_OK);
}

void ipc_ntfn_unbind(struct ipc_thread *t)
{
	if (t->bound == NULL)
		return;
	t->bound->bound = NULL;
	t->bound = NULL;
}

/* X1's wake-ups, at most `max` of them; true once no one waits, when the
 * notification is also unbound and cleared, as destroy leaves it. */
static bool ntfn_destroy_step(struct ipc_ctx *c, struct ipc_ntfn *n, uint32_t max)
{
	struct ipc_thread *t;

	for (; max > 0 && (t = ipc_queue_pop(&n->waiters)) != NULL; max--)
		ipc_wake(c, t, IPC_E_OBJECT_GONE); /* X1 */
	if (n->waiters.head != NULL)
		return false;
	if (n->bound != NULL)
		ipc_ntfn_unbind(n->bound);
	n->word = 0;
	n->pending = 0;
	return true;
}

void ipc_ntfn_destroy_in(struct ipc_ctx *c, struct ipc_ntfn *n)
{
	IPC_TRACE_EV(IPC_TR_DESTROY, NULL, NULL, n, IPC_OBJ_NTFN, 0, 0, 0, IPC_OK);
	while (!ntfn_destroy_step(c, n, UINT32_MAX))
		;
}

/* X5: as ipc_ep_destroy_some(); the last call also unbinds and clears. */
struct ipc_ret ipc_ntfn_destroy_some(struct ipc_ntfn *n, uint32_t max, bool *done)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	if (max == 0 || done == NULL)
		return ipc_fail(IPC_E_BAD_ARG);
	IPC_TRACE_EV(IPC_TR_DESTROY, NULL, NULL, n, IPC_OBJ_NTFN, 0, 0, 0, IPC_OK);
	*done = ntfn_destroy_step(&c, n, max);
	return ipc_finish(&c, IPC_OK);
}

struct ipc_ret ipc_ntfn_destroy(struct ipc_ntfn *n)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	ipc_ntfn_destroy_in(&c, n);
	return ipc_finish(&c, IPC_OK);
}
