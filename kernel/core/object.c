/*
 * The page pool and kernel objects: creating objects from an untyped
 * budget (retype), typed cap lookups, and what happens when libipc reports
 * that the last cap to an object is gone. Every object is one pool page,
 * charged to its untyped. Endpoint, notification and reply pages go back to
 * the pool (and the budget) when their last cap is deleted; thread and space
 * pages are not reused (a dead TCB can still be named by the scheduler's
 * `cur` until the next exit), a deliberate leak documented in docs/kernel.md.
 *
 * Concurrency: interrupts masked, one CPU. ipc_hook_object_unreferenced()
 * runs inside a libipc operation: it may free storage at once (libipc's
 * contract) but must not call back into libipc, so destroying a thread's
 * libipc half waits for objects_reap(), after the libipc call has returned.
 */
#include <kernel/object.h>

static uintptr_t pool_next, pool_end;
static void *pool_freelist;
static uint64_t pool_nfree;
static unsigned next_asid = 1;
static unsigned next_space_id, next_thread_id;

void pool_init(uintptr_t start, uintptr_t end)
{
	pool_next = ROUND_UP(start, KABI_PAGE_SIZE);
	pool_end = end & ~(KABI_PAGE_SIZE - 1);
}

uint64_t pool_free_pages(void)
{
	return (pool_end - pool_next) / KABI_PAGE_SIZE + pool_nfree;
}

void *page_alloc(struct untyped *u)
{
	if (u && u->pages_left == 0)
		return NULL;
	void *p;
	if (pool_freelist) {
		p = pool_freelist;
		pool_freelist = *(void **)p;
		pool_nfree--;
	} else if (pool_next < pool_end) {
		p = (void *)pool_next;
		pool_next += KABI_PAGE_SIZE;
	} else {
		return NULL;
	}
	if (u)
		u->pages_left--;
	memset(p, 0, KABI_PAGE_SIZE);
	return p;
}

void page_free(struct untyped *u, void *p)
{
	*(void **)p = pool_freelist;
	pool_freelist = p;
	pool_nfree++;
	if (u)
		u->pages_left++;
}

static void *charge_alloc(void *u)
{
	return page_alloc(u);
}

struct arch_page_source page_source(struct untyped *u)
{
	return (struct arch_page_source){charge_alloc, u};
}

struct space *space_create(struct untyped *u, int *err)
{
	_Static_assert(sizeof(struct space) <= KABI_PAGE_SIZE, "space fits a page");
	if (next_asid > arch_asid_limit()) {
		*err = KABI_E_NO_ASID; /* never reused, see mmu.c */
		return NULL;
	}
	struct space *s = page_alloc(u);
	if (!s) {
		*err = KABI_E_NO_MEMORY;
		return NULL;
	}
	struct arch_page_source ps = page_source(u);
	if (arch_vspace_init(&s->vs, next_asid, &ps) != 0) {
		page_free(u, s);
		*err = KABI_E_NO_MEMORY;
		return NULL;
	}
	next_asid++;
	ipc_object_init(&s->obj, KOBJ_SPACE);
	ipc_cspace_init(&s->cs, s->slots, KABI_SPACE_SLOTS);
	s->src = u;
	s->id = next_space_id++;
	return s;
}

struct tcb *thread_create(struct untyped *u)
{
	_Static_assert(sizeof(struct tcb) <= KABI_PAGE_SIZE, "tcb fits a page");
	struct tcb *t = page_alloc(u);
	if (!t)
		return NULL;
	ipc_object_init(&t->obj, KOBJ_THREAD);
	t->src = u;
	t->state = TCB_INACTIVE;
	t->fault_slot = IPC_SLOT_NONE;
	t->id = next_thread_id++;
	/* Until its creator names it (SYS_THREAD_SET_NAME): "t<id>". */
	char digits[12];
	unsigned n = 0, v = t->id;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < sizeof digits);
	t->name[0] = 't';
	for (unsigned i = 0; i < n && i + 1 < KABI_NAME_MAX; i++)
		t->name[i + 1] = digits[n - 1 - i];
	return t;
}

bool thread_name_ok(const char *s, size_t len)
{
	if (len == 0 || len > KABI_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return false;
	}
	return true;
}

int object_retype(struct untyped *u, unsigned type, struct ipc_cspace *cs, uint32_t dst)
{
	if (dst >= cs->nslots)
		return IPC_E_BAD_SLOT;
	if (ipc_cap_type(cs, dst) != IPC_OBJ_NONE)
		return IPC_E_SLOT_FULL;
	if (u->pages_left == 0)
		return KABI_E_NO_MEMORY;

	struct ipc_object *o;
	void *page;
	int err = IPC_E_BAD_ARG;
	switch (type) {
	case KOBJ_ENDPOINT: {
		struct k_endpoint *e = page = page_alloc(u);
		if (!e)
			return KABI_E_NO_MEMORY;
		ipc_ep_init(&e->ep);
		e->src = u;
		o = &e->ep.obj;
		break;
	}
	case KOBJ_NTFN: {
		struct k_ntfn *n = page = page_alloc(u);
		if (!n)
			return KABI_E_NO_MEMORY;
		ipc_ntfn_init(&n->n);
		n->src = u;
		o = &n->n.obj;
		break;
	}
	case KOBJ_REPLY: {
		struct k_reply *r = page = page_alloc(u);
		if (!r)
			return KABI_E_NO_MEMORY;
		ipc_reply_init(&r->r);
		r->src = u;
		o = &r->r.obj;
		break;
	}
	case KOBJ_SPACE: {
		struct space *s = page = space_create(u, &err);
		if (!s)
			return err;
		o = &s->obj;
		break;
	}
	case KOBJ_THREAD: {
		struct tcb *t = page = thread_create(u);
		if (!t)
			return KABI_E_NO_MEMORY;
		o = &t->obj;
		break;
	}
	default:
		return IPC_E_BAD_ARG;
	}
	/* Cannot fail: slot checked empty and in range above. */
	err = ipc_cap_install(cs, dst, o, IPC_RIGHTS_ALL, 0);
	kassert(err == 0);
	(void)page;
	return 0;
}

/*
 * The object behind slot `v` (a raw register value) of `cs` if it holds a
 * cap of `type` with at least `rights`; else NULL with *err set. A lookup
 * after a failed one returns NULL and keeps the first error, so a system
 * call can look up all its caps and test once.
 */
static struct ipc_object *cap_lookup(struct ipc_cspace *cs, uint64_t v, uint32_t type, uint32_t rights,
                                     int *err)
{
	if (*err)
		return NULL;
	uint32_t slot = v >= cs->nslots ? UINT32_MAX : (uint32_t)v;
	uint32_t have = ipc_cap_type(cs, slot);
	if (slot == UINT32_MAX)
		*err = IPC_E_BAD_SLOT;
	else if (have == IPC_OBJ_NONE)
		*err = IPC_E_EMPTY_SLOT;
	else if (have != type)
		*err = IPC_E_WRONG_TYPE;
	else if ((ipc_cap_rights(cs, slot) & rights) != rights)
		*err = IPC_E_NO_RIGHTS;
	else
		return ipc_cap_object(cs, slot);
	return NULL;
}

struct space *cap_space(struct ipc_cspace *cs, uint64_t slot, uint32_t rights, int *err)
{
	struct ipc_object *o = cap_lookup(cs, slot, KOBJ_SPACE, rights, err);
	return o ? container_of(o, struct space, obj) : NULL;
}

struct tcb *cap_thread(struct ipc_cspace *cs, uint64_t slot, uint32_t rights, int *err)
{
	struct ipc_object *o = cap_lookup(cs, slot, KOBJ_THREAD, rights, err);
	return o ? container_of(o, struct tcb, obj) : NULL;
}

struct untyped *cap_untyped(struct ipc_cspace *cs, uint64_t slot, uint32_t rights, int *err)
{
	struct ipc_object *o = cap_lookup(cs, slot, KOBJ_UNTYPED, rights, err);
	return o ? container_of(o, struct untyped, obj) : NULL;
}

struct ipc_ntfn *cap_ntfn(struct ipc_cspace *cs, uint64_t slot, uint32_t rights, int *err)
{
	struct ipc_object *o = cap_lookup(cs, slot, IPC_OBJ_NTFN, rights, err);
	return o ? container_of(o, struct ipc_ntfn, obj) : NULL;
}

/* ---- destruction ---- */

static struct tcb *zombies; /* threads to end in libipc, see thread_end_later() */

void thread_end_later(struct tcb *t, enum tcb_state final)
{
	/* DEAD (last cap gone) wins over STOPPED (fault) if both are asked. */
	if (t->on_zombie_list) {
		if (final == TCB_DEAD)
			t->zombie_state = final;
		return;
	}
	sched_stop(t, t->state == TCB_DEAD ? TCB_DEAD : TCB_STOPPED); /* never runs again */
	t->on_zombie_list = true;
	t->zombie_state = final;
	t->zombie_next = zombies;
	zombies = t;
}

/*
 * libipc has destroyed `obj` (woken its waiters) and will not touch it
 * again, so endpoint, notification and reply pages go back at once. A
 * thread still has to be destroyed in libipc, which a hook may not call
 * into: it is queued for objects_reap().
 */
void ipc_hook_object_unreferenced(struct ipc_object *o)
{
	switch (o->type) {
	case IPC_OBJ_ENDPOINT: {
		struct k_endpoint *e = container_of(o, struct k_endpoint, ep.obj);
		page_free(e->src, e);
		break;
	}
	case IPC_OBJ_NTFN: {
		struct k_ntfn *n = container_of(o, struct k_ntfn, n.obj);
		page_free(n->src, n);
		break;
	}
	case IPC_OBJ_REPLY: {
		struct k_reply *r = container_of(o, struct k_reply, r.obj);
		page_free(r->src, r);
		break;
	}
	case KOBJ_THREAD:
		thread_end_later(container_of(o, struct tcb, obj), TCB_DEAD);
		break;
	default: /* spaces and untyped: kept (see the file comment) */
		break;
	}
}

void objects_reap(void)
{
	/* Destroying a thread only wakes its peers; it deletes no caps, so
	 * the list cannot grow while we drain it. */
	while (zombies) {
		struct tcb *t = zombies;
		zombies = t->zombie_next;
		t->on_zombie_list = false;
		if (t->configured && ipc_thread_state(&t->ipc) != IPC_TS_DEAD)
			sched_hint(ipc_thread_destroy(&t->ipc));
		sched_stop(t, t->zombie_state);
	}
}

_Noreturn void ipc_hook_assert_failed(const char *file, int line, const char *expr)
{
	panic("libipc assertion failed: %s (%s:%d)", expr, file, line);
}
