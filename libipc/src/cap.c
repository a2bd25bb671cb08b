/*
 * Capability slots and the derivation tree (SEMANTICS C1, C2, B2).
 *
 * A cap is {object, rights, badge}. Caps made by copy, mint or transfer are
 * children of the cap they came from; revoke deletes a cap's whole subtree.
 * Deleting a cap that has children splices them into its parent's child list
 * (or makes them roots), which keeps both properties we rely on: rights never
 * grow along a parent chain, and every cap derived from X stays in X's subtree.
 * The tree is walked iteratively, so its depth costs no stack. Callers are
 * serialised by the embedder.
 */
#include "internal.h"

static int slot_full(const struct ipc_cspace *cs, uint32_t slot, struct ipc_cap **out)
{
	struct ipc_cap *c = ipc_slot(cs, slot);

	if (c == NULL)
		return IPC_E_BAD_SLOT;
	if (c->obj == NULL)
		return IPC_E_EMPTY_SLOT;
	*out = c;
	return IPC_OK;
}

static int slot_empty(const struct ipc_cspace *cs, uint32_t slot, struct ipc_cap **out)
{
	struct ipc_cap *c = ipc_slot(cs, slot);

	if (c == NULL)
		return IPC_E_BAD_SLOT;
	if (c->obj != NULL)
		return IPC_E_SLOT_FULL;
	*out = c;
	return IPC_OK;
}

int ipc_lookup(const struct ipc_cspace *cs, uint32_t slot, uint32_t type, uint32_t rights,
               struct ipc_cap **out)
{
	struct ipc_cap *c;
	int err = slot_full(cs, slot, &c);

	if (err != IPC_OK)
		return err;
	if (c->obj->type != type)
		return IPC_E_WRONG_TYPE;
	if ((c->rights & rights) != rights)
		return IPC_E_NO_RIGHTS;
	*out = c;
	return IPC_OK;
}

int ipc_cap_install(struct ipc_cspace *cs, uint32_t slot, struct ipc_object *obj, uint32_t rights,
                    uint64_t badge)
{
	struct ipc_cap *c;
	int err;

	if (obj == NULL || obj->type == IPC_OBJ_NONE || (rights & ~(uint32_t)IPC_RIGHTS_ALL) != 0)
		return IPC_E_BAD_ARG;
	err = slot_empty(cs, slot, &c);
	if (err != IPC_OK)
		return err;
	memset(c, 0, sizeof(*c));
	c->obj = obj;
	c->rights = rights;
	c->badge = badge;
	obj->refs++;
	return IPC_OK;
}

void ipc_cap_relocate(struct ipc_cap *src, struct ipc_cap *dst)
{
	struct ipc_cap *k;

	IPC_ASSERT(dst->obj == NULL && src != dst, "relocate into another, empty slot");
	*dst = *src;
	if (dst->prev != NULL)
		dst->prev->next = dst;
	else if (dst->parent != NULL)
		dst->parent->child = dst;
	if (dst->next != NULL)
		dst->next->prev = dst;
	for (k = dst->child; k != NULL; k = k->next)
		k->parent = dst;
	memset(src, 0, sizeof(*src));
}

int ipc_mint_check(const struct ipc_cap *src, uint32_t mask, uint64_t badge)
{
	uint32_t type = src->obj->type;

	if ((mask & ~(uint32_t)IPC_RIGHTS_ALL) != 0)
		return IPC_E_BAD_ARG;
	if (badge == 0)
		return IPC_OK;
	if (type != IPC_OBJ_ENDPOINT && type != IPC_OBJ_NTFN)
		return IPC_E_WRONG_TYPE;
	if (src->badge != 0)
		return IPC_E_ALREADY_BADGED;
	return IPC_OK;
}

/* Common checks of copy/mint/move: full source, empty distinct target. */
static int pair_check(struct ipc_cspace *src_cs, uint32_t src, struct ipc_cspace *dst_cs, uint32_t dst,
                      struct ipc_cap **s, struct ipc_cap **d)
{
	int err = slot_full(src_cs, src, s);

	if (err != IPC_OK)
		return err;
	if (ipc_slot(dst_cs, dst) == *s)
		return IPC_E_SAME_SLOT;
	return slot_empty(dst_cs, dst, d);
}

int ipc_cap_copy(struct ipc_cspace *src_cs, uint32_t src, struct ipc_cspace *dst_cs, uint32_t dst)
{
	struct ipc_cap *s, *d;
	int err = pair_check(src_cs, src, dst_cs, dst, &s, &d);

	if (err != IPC_OK)
		return err;
	ipc_cap_derive(s, d, s->rights, s->badge);
	return IPC_OK;
}

int ipc_cap_mint(struct ipc_cspace *src_cs, uint32_t src, struct ipc_cspace *dst_cs, uint32_t dst,
                 uint32_t rights_mask, uint64_t badge)
{
	struct ipc_cap *s, *d;
	int err = pair_check(src_cs, src, dst_cs, dst, &s, &d);

	if (err == IPC_OK)
		err = ipc_mint_check(s, rights_mask, badge);
	if (err != IPC_OK)
		return err;
	ipc_cap_derive(s, d, s->rights & rights_mask, badge != 0 ? badge : s->badge);
	return IPC_OK;
}

int ipc_cap_move(struct ipc_cspace *src_cs, uint32_t src, struct ipc_cspace *dst_cs, uint32_t dst)
{
	struct ipc_cap *s, *d;
	int err = pair_check(src_cs, src, dst_cs, dst, &s, &d);

	if (err != IPC_OK)
		return err;
	ipc_cap_relocate(s, d);
	return IPC_OK;
}

/* Unlink `c` from the tree, hand its children to its parent, empty the slot,
 * and destroy the object if `c` was its last cap. */
static void cap_remove(struct ipc_ctx *ctx, struct ipc_cap *c)
{
	struct ipc_object *o = c->obj;
	struct ipc_cap *k = c->child, *last = NULL;

	for (; k != NULL; k = k->next) {
		k->parent = c->parent;
		last = k;
		if (c->parent == NULL)
			k->prev = NULL; /* roots keep no sibling list */
	}
	if (c->parent != NULL && c->child != NULL) {
		/* Splice the children where c was: prev <-> child...last <-> next. */
		c->child->prev = c->prev;
		last->next = c->next;
		if (c->next != NULL)
			c->next->prev = last;
		if (c->prev != NULL)
			c->prev->next = c->child;
		else
			c->parent->child = c->child;
	} else {
		if (c->parent == NULL) {
			/* Orphaned children become unlinked roots. */
			for (k = c->child; k != NULL;) {
				struct ipc_cap *n = k->next;
				k->next = NULL;
				k = n;
			}
		}
		if (c->prev != NULL)
			c->prev->next = c->next;
		else if (c->parent != NULL)
			c->parent->child = c->next;
		if (c->next != NULL)
			c->next->prev = c->prev;
	}
	memset(c, 0, sizeof(*c));

	IPC_ASSERT(o->refs > 0, "every cap holds a reference");
	if (--o->refs == 0) {
		ipc_object_destroy(ctx, o);
		ipc_hook_object_unreferenced(o);
	}
}

struct ipc_ret ipc_cap_delete(struct ipc_cspace *cs, uint32_t slot)
{
	struct ipc_ctx ctx = ipc_ctx_make(NULL);
	struct ipc_cap *c;
	int err = slot_full(cs, slot, &c);

	if (err != IPC_OK)
		return ipc_fail(err);
	cap_remove(&ctx, c);
	return ipc_finish(&ctx, IPC_OK);
}

/*
 * C9: at most `max` units of c's revoke, each O(1): c's first child is
 * deleted if it has no children (a leaf: nothing to splice, and never the
 * last cap to its object, which c names too), else that child's first
 * child is moved up to be c's first child (rights only shrink along the
 * chain, so C1 still holds; it stays in c's subtree). Each cap moves up at
 * most once (only grandchildren of c move, and they become children) and
 * is deleted once, so a subtree of n caps takes at most 2n units in all,
 * however deep it is, and no unit needs a walk or a stack. True when c has
 * no child left.
 */
static bool revoke_units(struct ipc_ctx *ctx, struct ipc_cap *c, uint32_t max)
{
	for (; max > 0 && c->child != NULL; max--) {
		struct ipc_cap *n = c->child, *x = n->child;

		if (x == NULL) {
			cap_remove(ctx, n);
			continue;
		}
		n->child = x->next;
		if (x->next != NULL)
			x->next->prev = NULL;
		x->parent = c;
		x->prev = NULL;
		x->next = n;
		n->prev = x;
		c->child = x;
	}
	return c->child == NULL;
}

struct ipc_ret ipc_cap_revoke_some(struct ipc_cspace *cs, uint32_t slot, uint32_t max, bool *done)
{
	struct ipc_ctx ctx = ipc_ctx_make(NULL);
	struct ipc_cap *c;
	int err;

	if (max == 0 || done == NULL)
		return ipc_fail(IPC_E_BAD_ARG);
	err = slot_full(cs, slot, &c);
	if (err != IPC_OK)
		return ipc_fail(err);
	*done = revoke_units(&ctx, c, max);
	return ipc_finish(&ctx, IPC_OK);
}

struct ipc_ret ipc_cap_revoke(struct ipc_cspace *cs, uint32_t slot)
{
	struct ipc_ctx ctx = ipc_ctx_make(NULL);
	struct ipc_cap *c;
	int err = slot_full(cs, slot, &c);

	if (err != IPC_OK)
		return ipc_fail(err);
	/* C2 is C9 without a bound: linear in the subtree, no recursion. */
	while (!revoke_units(&ctx, c, UINT32_MAX))
		;
	return ipc_finish(&ctx, IPC_OK);
}

struct ipc_ret ipc_cap_cancel_badged_sends(struct ipc_cspace *cs, uint32_t slot)
{
	struct ipc_cap *c;
	/* X2: all rights, as seL4 asks (hasCancelSendRights): a badge alone,
	 * or a cap diminished to give out, does not let its holder end the
	 * waits of the clients that hold that badge. */
	int err = ipc_lookup(cs, slot, IPC_OBJ_ENDPOINT, IPC_RIGHTS_ALL, &c);

	if (err != IPC_OK)
		return ipc_fail(err);
	return ipc_ep_cancel_badged_sends((struct ipc_endpoint *)c->obj, c->badge);
}

void ipc_object_init(struct ipc_object *o, uint32_t type)
{
	o->type = type;
	o->refs = 0;
}

void ipc_object_destroy(struct ipc_ctx *c, struct ipc_object *o)
{
	switch (o->type) {
	case IPC_OBJ_ENDPOINT:
		ipc_ep_destroy_in(c, (struct ipc_endpoint *)o);
		break;
	case IPC_OBJ_NTFN:
		ipc_ntfn_destroy_in(c, (struct ipc_ntfn *)o);
		break;
	case IPC_OBJ_REPLY:
		ipc_reply_destroy_in(c, (struct ipc_reply *)o);
		break;
	default:
		break; /* embedder objects: the hook tells the embedder */
	}
}

uint32_t ipc_cap_type(const struct ipc_cspace *cs, uint32_t slot)
{
	const struct ipc_cap *c = ipc_slot(cs, slot);
	return c != NULL && c->obj != NULL ? c->obj->type : IPC_OBJ_NONE;
}

uint32_t ipc_cap_rights(const struct ipc_cspace *cs, uint32_t slot)
{
	const struct ipc_cap *c = ipc_slot(cs, slot);
	return c != NULL && c->obj != NULL ? c->rights : 0;
}

uint64_t ipc_cap_badge(const struct ipc_cspace *cs, uint32_t slot)
{
	const struct ipc_cap *c = ipc_slot(cs, slot);
	return c != NULL && c->obj != NULL ? c->badge : 0;
}

struct ipc_object *ipc_cap_object(const struct ipc_cspace *cs, uint32_t slot)
{
	const struct ipc_cap *c = ipc_slot(cs, slot);
	return c != NULL ? c->obj : NULL;
}

int ipc_cap_is_last(const struct ipc_cspace *cs, uint32_t slot, bool *last)
{
	struct ipc_cap *c;
	int err = slot_full(cs, slot, &c);

	if (err != IPC_OK)
		return err;
	/* C2: `refs` counts the caps naming the object; cap_remove() destroys
	 * it when the count reaches 0. */
	*last = c->obj->refs == 1;
	return IPC_OK;
}
