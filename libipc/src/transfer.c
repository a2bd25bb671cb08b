/*
 * Message transfer (SEMANTICS M1-M3, B1, C3-C8): copying words from the
 * sender's buffer to the receiver's, and moving the extra caps. Split, like
 * every operation, into a check (before anything changes) and a commit that
 * cannot fail. Buffers may be writable by user code, so the commit re-reads
 * and re-checks every descriptor and receive slot instead of trusting the
 * earlier check: a cap that has become unusable since is dropped (C7).
 * Callers are serialised by the embedder.
 */
#include "internal.h"

int ipc_msginfo_check(struct ipc_msginfo mi)
{
	if (mi.length > IPC_MSG_MAX_WORDS)
		return IPC_E_MSG_TOO_LONG;
	if (mi.ncaps > IPC_MSG_MAX_CAPS)
		return IPC_E_TOO_MANY_CAPS;
	return IPC_OK;
}

/* One cap descriptor: 0 if it can be transferred as described. */
static int xfer_one_check(const struct ipc_cspace *cs, const struct ipc_xfer *x, struct ipc_cap **out)
{
	struct ipc_cap *c = ipc_slot(cs, x->slot);

	if (c == NULL)
		return IPC_E_BAD_SLOT;
	if (c->obj == NULL)
		return IPC_E_EMPTY_SLOT;
	if (c->obj->type == IPC_OBJ_REPLY)
		return IPC_E_NOT_TRANSFERABLE; /* C8 */
	if (x->mode > IPC_XFER_MINT)
		return IPC_E_BAD_ARG;
	if (x->mode == IPC_XFER_MINT) {
		int err = ipc_mint_check(c, x->rights, x->badge);
		if (err != IPC_OK)
			return err;
	}
	*out = c;
	return IPC_OK;
}

int ipc_xfer_check(const struct ipc_thread *sender, struct ipc_msginfo mi)
{
	for (uint32_t i = 0; i < mi.ncaps; i++) {
		struct ipc_cap *c;
		int err = xfer_one_check(sender->cspace, &sender->buf->caps[i], &c);
		if (err != IPC_OK)
			return err;
	}
	return IPC_OK;
}

/* Rights and badge a descriptor gives the receiver. */
static void xfer_result(const struct ipc_cap *c, const struct ipc_xfer *x, uint32_t *rights, uint64_t *badge)
{
	*rights = c->rights;
	*badge = c->badge;
	if (x->mode == IPC_XFER_MINT) {
		*rights &= x->rights;
		if (x->badge != 0)
			*badge = x->badge;
	}
}

#ifdef IPC_TRACE
/* One IPC_TR_CAP event per extra cap, with what the receiver got. */
static void trace_caps(const struct ipc_thread *s, const struct ipc_thread *r, uint32_t ncaps)
{
	const struct ipc_recv_info *info = &r->info;

	for (uint32_t i = 0; i < ncaps; i++) {
		uint64_t badge = info->cap_badge[i];
		if (info->cap_outcome[i] == IPC_CAP_DELIVERED)
			badge = ipc_slot(r->cspace, info->cap_slot[i])->badge;
		ipc_trace(IPC_TR_CAP, s, r, NULL, i, badge, 0, 0, info->cap_outcome[i]);
	}
}
#define IPC_TRACE_CAPS(s, r, n) trace_caps(s, r, n)
#else
#define IPC_TRACE_CAPS(s, r, n) ((void)0)
#endif

static void xfer_caps(struct ipc_thread *s, struct ipc_thread *r, const struct ipc_endpoint *ep,
                      uint32_t ncaps, bool grant)
{
	struct ipc_recv_info *info = &r->info;
	uint32_t next_slot = 0;

	for (uint32_t i = 0; i < ncaps; i++) {
		/* Snapshot the descriptor: user code may share this buffer. */
		struct ipc_xfer x = s->buf->caps[i];
		struct ipc_cap *c, *dst;
		uint32_t rights, rslot;
		uint64_t badge;

		info->cap_outcome[i] = IPC_CAP_DROPPED;
		if (!grant || xfer_one_check(s->cspace, &x, &c) != IPC_OK)
			continue; /* C3: no G, no caps; C7: gone since the check */
		xfer_result(c, &x, &rights, &badge);
		if (ep != NULL && c->obj == &ep->obj) {
			/* C5: a cap to the endpoint we travel through. */
			info->cap_outcome[i] = IPC_CAP_UNWRAPPED;
			info->cap_badge[i] = badge;
			continue;
		}
		if (next_slot >= IPC_MSG_MAX_CAPS)
			continue;
		rslot = r->buf->recv_slots[next_slot++];
		dst = ipc_slot(r->cspace, rslot);
		if (dst == NULL || dst->obj != NULL)
			continue; /* C6: a missing or occupied slot drops this cap only */
		if (x.mode == IPC_XFER_MOVE)
			ipc_cap_relocate(c, dst);
		else
			ipc_cap_derive(c, dst, rights, badge);
		info->cap_outcome[i] = IPC_CAP_DELIVERED;
		info->cap_slot[i] = rslot;
	}
}

void ipc_transfer(struct ipc_thread *s, struct ipc_msginfo mi, struct ipc_thread *r,
                  const struct ipc_endpoint *ep, uint32_t kind, uint64_t badge, bool grant)
{
	struct ipc_recv_info *info = &r->info;

	IPC_TRACE_EV(kind, s, r, ep, mi.label, badge, mi.length, mi.ncaps, IPC_OK);
	ipc_info_clear(info);
	info->kind = kind;
	info->label = mi.label;
	info->badge = badge;
	if (s->is_fault) {
		/* F1: the fault words come from the thread, not its buffer. */
		memmove(r->buf->words, s->fault.words, sizeof(s->fault.words));
		info->length = IPC_FAULT_WORDS;
		return;
	}
	if (r->is_fault && kind == IPC_EV_REPLY) {
		/* The answer to a fault carries only its label (resume or not);
		 * the faulting thread's own buffer is left alone. */
		return;
	}
	/* Calls only for words and caps there are (most messages have none). */
	if (mi.length != 0)
		memmove(r->buf->words, s->buf->words, (size_t)mi.length * sizeof(uint64_t));
	info->length = mi.length;
	info->ncaps = mi.ncaps;
	if (mi.ncaps != 0)
		xfer_caps(s, r, ep, mi.ncaps, grant);
	IPC_TRACE_CAPS(s, r, mi.ncaps);
}

/* The fast path's share of a Call with caps (<ipc/fastpath.h>): the same
 * check and the same move as ipc_call's, without the rest of
 * ipc_transfer(), which ipc_fast_call_commit() has done. */
bool ipc_fast_caps_check(const struct ipc_thread *sender, struct ipc_msginfo mi, bool grant)
{
	if (!grant)
		return true; /* C3: no cap moves, the descriptors do not matter */
	for (uint32_t i = 0; i < mi.ncaps; i++) {
		struct ipc_cap *c;
		if (xfer_one_check(sender->cspace, &sender->buf->caps[i], &c) != IPC_OK)
			return false;
	}
	return true;
}

void ipc_fast_caps_commit(struct ipc_thread *sender, struct ipc_thread *receiver,
                          const struct ipc_endpoint *ep, struct ipc_msginfo mi, bool grant)
{
	receiver->info.ncaps = mi.ncaps;
	xfer_caps(sender, receiver, ep, mi.ncaps, grant);
}
