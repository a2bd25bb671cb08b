/*
 * Reply objects (SEMANTICS S4-S7, seL4 MCS style). A receiver hands a reply
 * object to Recv ("arms" it); a Call delivered to that receiver links the
 * caller to the object; a reply through the object wakes the caller and
 * unlinks it. The object also remembers a caller that went away so that the
 * server's reply becomes a silent no-op (S6, Hubris). Each thread keeps the
 * list of reply objects on which callers wait for it, so that its death can
 * wake them with PEER_GONE. Callers are serialised by the embedder.
 */
#include "internal.h"

void ipc_reply_init(struct ipc_reply *r)
{
	memset(r, 0, sizeof(*r));
	r->obj.type = IPC_OBJ_REPLY;
}

void ipc_reply_arm(struct ipc_reply *r, struct ipc_thread *server)
{
	IPC_ASSERT(!r->armed && r->caller == NULL && !r->caller_gone, "arm an idle reply object");
	r->armed = 1;
	r->server = server;
}

void ipc_reply_disarm(struct ipc_reply *r)
{
	r->armed = 0;
	r->server = NULL;
}

static void server_list_add(struct ipc_reply *r, struct ipc_thread *server)
{
	r->server = server;
	r->sprev = NULL;
	r->snext = server->replies;
	if (server->replies != NULL)
		server->replies->sprev = r;
	server->replies = r;
}

static void server_list_remove(struct ipc_reply *r)
{
	if (r->sprev != NULL)
		r->sprev->snext = r->snext;
	else
		r->server->replies = r->snext;
	if (r->snext != NULL)
		r->snext->sprev = r->sprev;
	r->snext = NULL;
	r->sprev = NULL;
	r->server = NULL;
}

void ipc_reply_link(struct ipc_reply *r, struct ipc_thread *server, struct ipc_thread *caller)
{
	bool blocking_now = caller->state == IPC_TS_RUNNABLE;

	IPC_ASSERT(r->caller == NULL && !r->caller_gone && !r->armed, "link into an idle reply object");
	r->caller = caller;
	server_list_add(r, server);
	if (blocking_now) {
		/* Call met a waiting receiver: the caller blocks here, keeping
		 * the deadline it gave for the whole Call (X4). */
		ipc_block(caller, IPC_TS_BLOCKED_REPLY, r, caller->deadline);
	} else {
		/* The caller was queued as a sender; it stays blocked. */
		caller->state = IPC_TS_BLOCKED_REPLY;
		caller->blocked_on = r;
	}
}

void ipc_reply_clear(struct ipc_ctx *c, struct ipc_reply *r, int status)
{
	struct ipc_thread *caller = r->caller;

	if (r->server != NULL && !r->armed)
		server_list_remove(r);
	r->caller = NULL;
	r->caller_gone = 0;
	if (caller != NULL)
		ipc_wake(c, caller, status);
}

void ipc_reply_caller_gone(struct ipc_reply *r)
{
	r->caller = NULL;
	r->caller_gone = 1;
}

int ipc_reply_check(const struct ipc_thread *cur, const struct ipc_reply *r, struct ipc_msginfo mi)
{
	int err = ipc_msginfo_check(mi);

	return err != IPC_OK ? err : ipc_reply_check_peer(cur, r, mi);
}

int ipc_reply_check_peer(const struct ipc_thread *cur, const struct ipc_reply *r, struct ipc_msginfo mi)
{
	if (r->caller == NULL && !r->caller_gone)
		return IPC_E_NO_CALLER; /* S4: never called, or already answered */
	if (r->server != cur)
		return IPC_E_NOT_RECEIVER; /* S4 */
	/* Caps travel in a reply only if the caller's cap had G (as seL4). */
	if (r->caller != NULL && r->caller->can_grant)
		return ipc_xfer_check(cur, mi);
	return IPC_OK;
}

void ipc_reply_commit(struct ipc_ctx *c, struct ipc_thread *cur, struct ipc_reply *r, struct ipc_msginfo mi)
{
	struct ipc_thread *caller = r->caller;

	if (caller != NULL)
		ipc_transfer(cur, mi, caller, NULL, IPC_EV_REPLY, 0, caller->can_grant);
	else
		IPC_TRACE_EV(IPC_TR_REPLY, cur, NULL, r, mi.label, 0, mi.length, mi.ncaps, IPC_OK);
	ipc_reply_clear(c, r, IPC_OK); /* S6: a gone caller makes this a no-op */
}

struct ipc_ret ipc_reply(struct ipc_thread *cur, uint32_t reply_slot, struct ipc_msginfo mi)
{
	struct ipc_ctx ctx = ipc_ctx_make(cur);
	struct ipc_cap *c;
	int err;

	if (cur->state != IPC_TS_RUNNABLE)
		return ipc_fail(IPC_E_THREAD_STATE);
	err = ipc_lookup(cur->cspace, reply_slot, IPC_OBJ_REPLY, 0, &c);
	if (err == IPC_OK)
		err = ipc_reply_check(cur, (struct ipc_reply *)c->obj, mi);
	if (err != IPC_OK)
		return ipc_fail(err);
	ipc_reply_commit(&ctx, cur, (struct ipc_reply *)c->obj, mi);
	return ipc_finish(&ctx, IPC_OK);
}

void ipc_reply_destroy_in(struct ipc_ctx *c, struct ipc_reply *r)
{
	IPC_TRACE_EV(IPC_TR_DESTROY, NULL, NULL, r, IPC_OBJ_REPLY, 0, 0, 0, IPC_OK);
	if (r->armed) {
		/* The receiver keeps waiting, now without a reply object. */
		r->server->recv_reply = NULL;
		ipc_reply_disarm(r);
		return;
	}
	ipc_reply_clear(c, r, IPC_E_PEER_GONE); /* S6 */
}

struct ipc_ret ipc_reply_destroy(struct ipc_reply *r)
{
	struct ipc_ctx c = ipc_ctx_make(NULL);

	ipc_reply_destroy_in(&c, r);
	return ipc_finish(&c, IPC_OK);
}
