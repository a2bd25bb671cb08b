/*
 * The page pool and kernel objects: creating objects from an untyped
 * budget (retype), typed cap lookups, and what happens when libipc reports
 * that the last cap to an object is gone. Every object, page table and
 * mapped frame is one pool page charged to exactly one untyped; the pool's
 * page table (`pages`) records which, and page_free() gives the page back to
 * it. Endpoint, notification, reply and untyped pages go back when their
 * last cap is deleted; a thread's at the next objects_reap() (its libipc
 * half must be destroyed first, which a hook may not do, and the scheduler
 * forgets it there); a space's once no cap names it and no thread runs in
 * it. docs/kernel.md "Memory" has the whole model.
 *
 * Concurrency: interrupts masked, one CPU. ipc_hook_object_unreferenced()
 * runs inside a libipc operation: it may free storage at once (libipc's
 * contract) but must not call back into libipc, so destroying a thread's
 * libipc half and a space's CSpace waits for objects_reap(), after the
 * libipc call has returned.
 */
#include <kernel/object.h>
#include <kernel/platform.h>

#define RAM_PAGES (PLATFORM_RAM_SIZE / KABI_PAGE_SIZE)

/* Per RAM page: who paid for it and, for a frame, how many mappings and
 * IPC buffers use it. */
struct page_info {
	struct untyped *owner;
	uint32_t refs;
	bool used;
};

static struct page_info pages[RAM_PAGES];
static uintptr_t pool_start, pool_next, pool_end;
static void *pool_freelist;
static uint64_t pool_nfree;
static unsigned next_space_id, next_thread_id;
static struct space *spaces; /* every live space (untyped_revoke) */

void pool_init(uintptr_t start, uintptr_t end)
{
	pool_start = pool_next = ROUND_UP(start, KABI_PAGE_SIZE);
	pool_end = end & ~(KABI_PAGE_SIZE - 1);
	kassert(pool_start >= PLATFORM_RAM_BASE && pool_end <= PLATFORM_RAM_BASE + PLATFORM_RAM_SIZE);
}

uint64_t pool_free_pages(void)
{
	return (pool_end - pool_next) / KABI_PAGE_SIZE + pool_nfree;
}

static struct page_info *info(uintptr_t pa)
{
	if (pa < pool_start || pa >= pool_next)
		return NULL; /* not a pool page (the kernel image, the boot image) */
	return &pages[(pa - PLATFORM_RAM_BASE) / KABI_PAGE_SIZE];
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
	*info((uintptr_t)p) = (struct page_info){u, 0, true};
	return p;
}

static bool untyped_settles(struct untyped *u);

/*
 * Back to the pool and to the untyped it was charged to. That may settle the
 * untyped (untyped_settles), whose own page then goes back to its parent,
 * which may settle in turn: a loop up the tree, one page per level, so the
 * kernel stack does not grow with the nesting of untypeds.
 */
void page_free(void *p)
{
	while (p) {
		struct page_info *pi = info((uintptr_t)p);
		kassert(pi && pi->used);
		struct untyped *u = pi->owner;
		*pi = (struct page_info){0};
		*(void **)p = pool_freelist;
		pool_freelist = p;
		pool_nfree++;
		p = NULL;
		if (u) {
			u->pages_left++;
			if (untyped_settles(u))
				p = u; /* its own page, charged to its parent */
		}
	}
}

void frame_ref(uintptr_t pa)
{
	struct page_info *pi = info(pa & ~(KABI_PAGE_SIZE - 1));
	if (pi)
		pi->refs++;
}

void frame_unref(uintptr_t pa)
{
	struct page_info *pi = info(pa & ~(KABI_PAGE_SIZE - 1));
	if (pi) {
		kassert(pi->used && pi->refs);
		if (--pi->refs == 0)
			page_free((void *)(pa & ~(KABI_PAGE_SIZE - 1)));
	}
}

/*
 * A child untyped whose caps are all gone and whose every page has come
 * back returns its budget to its parent; true if it did, and its own page
 * is then for the caller to free (page_free(), which loops up the tree).
 */
static bool untyped_settles(struct untyped *u)
{
	if (!u->capless || !u->parent || u->pages_left != u->budget)
		return false;
	u->parent->pages_left += u->budget;
	u->capless = false; /* settled once */
	return true;
}

static void *charge_alloc(void *u)
{
	return page_alloc(u);
}

struct arch_page_source page_source(struct untyped *u)
{
	return (struct arch_page_source){charge_alloc, u, page_free, frame_unref};
}

/* ---- ASIDs: reserved at space creation, assigned at first run ---- */

static uint64_t asid_used[65536 / 64]; /* bit per ASID, 0 is the kernel's */
static unsigned asids_reserved, asid_last_freed;

unsigned asids_free(void)
{
	return arch_asid_limit() - asids_reserved;
}

static void asid_release(unsigned a)
{
	asid_used[a / 64] &= ~(1ull << (a % 64));
	asid_last_freed = a;
}

/*
 * The last freed ASID first (its TLB entries were invalidated when it was
 * freed; reusing it at once is what the `asid` boot test checks), else the
 * lowest free one. Always succeeds: every space reserved one when created.
 */
void space_activate_asid(struct space *s)
{
	unsigned a = asid_last_freed;
	if (a == 0 || (asid_used[a / 64] >> (a % 64)) & 1) {
		for (a = 1; a <= arch_asid_limit(); a++)
			if (!((asid_used[a / 64] >> (a % 64)) & 1))
				break;
	}
	kassert(a != 0 && a <= arch_asid_limit());
	asid_used[a / 64] |= 1ull << (a % 64);
	asid_last_freed = 0;
	arch_vspace_set_asid(&s->vs, a);
}

struct space *space_create(struct untyped *u, int *err)
{
	_Static_assert(sizeof(struct space) <= KABI_PAGE_SIZE, "space fits a page");
	if (asids_reserved >= arch_asid_limit()) {
		*err = KABI_E_NO_ASID;
		return NULL;
	}
	struct space *s = page_alloc(u);
	if (!s) {
		*err = KABI_E_NO_MEMORY;
		return NULL;
	}
	struct arch_page_source ps = page_source(u);
	if (arch_vspace_init(&s->vs, &ps) != 0) {
		page_free(s);
		*err = KABI_E_NO_MEMORY;
		return NULL;
	}
	asids_reserved++;
	s->all_next = spaces;
	if (spaces)
		spaces->all_prev = s;
	spaces = s;
	ipc_object_init(&s->obj, KOBJ_SPACE);
	ipc_cspace_init(&s->cs, s->slots, KABI_SPACE_SLOTS);
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

void thread_set_ipcbuf(struct tcb *t, struct ipc_buffer *buf, uintptr_t va)
{
	frame_ref((uintptr_t)buf); /* unmapping the page leaves the frame to the thread */
	if (t->ipcbuf)
		frame_unref((uintptr_t)t->ipcbuf);
	t->ipcbuf = buf;
	t->ipcbuf_va = va;
}

void space_add_thread(struct space *s, struct tcb *t)
{
	s->threads++;
	t->sp_prev = NULL;
	t->sp_next = s->thread_list;
	if (s->thread_list)
		s->thread_list->sp_prev = t;
	s->thread_list = t;
}

static void space_end_later(struct space *s);

/* `t` no longer runs in its space (freed, or killed by a revoke). */
static void space_drop_thread(struct tcb *t)
{
	struct space *s = t->space;
	if (!s)
		return;
	if (t->sp_prev)
		t->sp_prev->sp_next = t->sp_next;
	else
		s->thread_list = t->sp_next;
	if (t->sp_next)
		t->sp_next->sp_prev = t->sp_prev;
	t->space = NULL;
	if (--s->threads == 0 && s->capless)
		space_end_later(s);
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

/* A child untyped of `pages` pages: its own page and its budget come out
 * of `u`'s. */
static struct untyped *untyped_create(struct untyped *u, uint64_t pages, int *err)
{
	if (u->pages_left < 1 || pages > u->pages_left - 1) {
		*err = KABI_E_NO_MEMORY;
		return NULL;
	}
	struct untyped *c = page_alloc(u);
	if (!c) {
		*err = KABI_E_NO_MEMORY;
		return NULL;
	}
	u->pages_left -= pages;
	ipc_object_init(&c->obj, KOBJ_UNTYPED);
	c->pages_left = c->budget = pages;
	c->parent = u;
	return c;
}

/* Is `type` something Retype makes, with a budget that makes sense? */
static bool retype_args_ok(unsigned type, uint64_t pages)
{
	switch (type) {
	case KOBJ_ENDPOINT:
	case KOBJ_NTFN:
	case KOBJ_REPLY:
	case KOBJ_SPACE:
	case KOBJ_THREAD:
		return true;
	case KOBJ_UNTYPED:
		return pages != 0; /* an untyped that can pay for nothing */
	default:
		return false;
	}
}

int object_retype(struct untyped *u, unsigned type, uint64_t pages, struct ipc_cspace *cs, uint32_t dst)
{
	/* The arguments first, then the budget: a malformed call is the same
	 * error however much memory is left (boot test memory, the hog). */
	if (!retype_args_ok(type, pages))
		return IPC_E_BAD_ARG;
	if (dst >= cs->nslots)
		return IPC_E_BAD_SLOT;
	if (ipc_cap_type(cs, dst) != IPC_OBJ_NONE)
		return IPC_E_SLOT_FULL;
	if (u->pages_left == 0)
		return KABI_E_NO_MEMORY;

	struct ipc_object *o = NULL;
	int err = KABI_E_NO_MEMORY;
	switch (type) {
	case KOBJ_ENDPOINT: {
		struct ipc_endpoint *e = page_alloc(u);
		if (e) {
			ipc_ep_init(e);
			o = &e->obj;
		}
		break;
	}
	case KOBJ_NTFN: {
		struct ipc_ntfn *n = page_alloc(u);
		if (n) {
			ipc_ntfn_init(n);
			o = &n->obj;
		}
		break;
	}
	case KOBJ_REPLY: {
		struct ipc_reply *r = page_alloc(u);
		if (r) {
			ipc_reply_init(r);
			o = &r->obj;
		}
		break;
	}
	case KOBJ_SPACE: {
		struct space *s = space_create(u, &err);
		o = s ? &s->obj : NULL;
		break;
	}
	case KOBJ_THREAD: {
		struct tcb *t = thread_create(u);
		o = t ? &t->obj : NULL;
		break;
	}
	case KOBJ_UNTYPED: {
		struct untyped *c = untyped_create(u, pages, &err);
		o = c ? &c->obj : NULL;
		break;
	}
	default:
		return IPC_E_BAD_ARG; /* not reached: retype_args_ok() */
	}
	if (!o)
		return err;
	/* Cannot fail: slot checked empty and in range above. */
	err = ipc_cap_install(cs, dst, o, IPC_RIGHTS_ALL, 0);
	kassert(err == 0);
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

static struct tcb *zombies;       /* threads to end in libipc, see thread_end_later() */
static struct space *dead_spaces; /* spaces to tear down, see space_end_later() */

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

static void space_end_later(struct space *s)
{
	if (s->on_zombie_list)
		return;
	s->on_zombie_list = true;
	s->zombie_next = dead_spaces;
	dead_spaces = s;
}

/*
 * libipc has destroyed `obj` (woken its waiters) and will not touch it
 * again, so endpoint, notification and reply pages go back at once, and an
 * untyped once everything charged to it has. A thread still has to be
 * destroyed in libipc, and a space's CSpace emptied, which a hook may not
 * do: they are queued for objects_reap().
 */
void ipc_hook_object_unreferenced(struct ipc_object *o)
{
	switch (o->type) {
	case IPC_OBJ_ENDPOINT:
	case IPC_OBJ_NTFN:
	case IPC_OBJ_REPLY:
		page_free(o); /* the header is first: o is the page */
		break;
	case KOBJ_THREAD:
		thread_end_later(container_of(o, struct tcb, obj), TCB_DEAD);
		break;
	case KOBJ_SPACE: {
		struct space *s = container_of(o, struct space, obj);
		s->capless = true;
		if (s->threads == 0)
			space_end_later(s);
		break;
	}
	case KOBJ_UNTYPED: {
		struct untyped *u = container_of(o, struct untyped, obj);
		u->capless = true;
		if (untyped_settles(u))
			page_free(u);
		break;
	}
	default:
		break;
	}
}

/* A thread whose last cap is gone: nothing names it any more (libipc has
 * destroyed it, the scheduler has stopped it), so its page goes back. */
static void thread_free(struct tcb *t)
{
	if (t->ipcbuf)
		frame_unref((uintptr_t)t->ipcbuf);
	t->ipcbuf = NULL;
	space_drop_thread(t);
	if (cur == t)
		cur = NULL; /* kernel_exit() picks another; nothing saves into t */
	console_forget(t);
	t->obj.type = IPC_OBJ_NONE; /* a freed page never reads as a thread (tools/gdb) */
	page_free(t);
}

/*
 * Delete every cap in the space's CSpace (which may end more threads and
 * spaces: the reap loop takes them too), unmap and free every frame and
 * page table, invalidate and free its ASID, free its page.
 */
static void space_free(struct space *s)
{
	for (uint32_t i = 0; i < s->cs.nslots; i++)
		if (ipc_cap_type(&s->cs, i) != IPC_OBJ_NONE)
			sched_hint(ipc_cap_delete(&s->cs, i));
	sched_forget_vspace(&s->vs);
	unsigned asid = arch_vspace_asid(&s->vs);
	struct arch_page_source ps = page_source(NULL);
	arch_vspace_destroy(&s->vs, &ps);
	if (asid)
		asid_release(asid);
	asids_reserved--;
	if (s->all_prev)
		s->all_prev->all_next = s->all_next;
	else
		spaces = s->all_next;
	if (s->all_next)
		s->all_next->all_prev = s->all_prev;
	s->obj.type = IPC_OBJ_NONE;
	page_free(s);
}

static void __attribute__((noinline)) reap(void)
{
	while (zombies || dead_spaces) {
		if (zombies) {
			struct tcb *t = zombies;
			zombies = t->zombie_next;
			t->on_zombie_list = false;
			if (t->configured && ipc_thread_state(&t->ipc) != IPC_TS_DEAD)
				sched_hint(ipc_thread_destroy(&t->ipc));
			sched_stop(t, t->zombie_state);
			if (t->zombie_state == TCB_DEAD && t->obj.refs == 0)
				thread_free(t);
			continue;
		}
		struct space *s = dead_spaces;
		dead_spaces = s->zombie_next;
		space_free(s);
	}
}

/* Every kernel exit looks: mostly nothing to do, without reap()'s frame. */
void objects_reap(void)
{
	if (zombies || dead_spaces)
		reap();
}

/* ---- revoking an untyped ---- */

/* Was the pool page at `pa` charged to `u` or one of its descendants? */
static bool charged_to(uintptr_t pa, const struct untyped *u)
{
	struct page_info *pi = info(pa & ~(KABI_PAGE_SIZE - 1));
	for (const struct untyped *o = pi ? pi->owner : NULL; o; o = o->parent)
		if (o == u)
			return true;
	return false;
}

static bool charged_ctx(uintptr_t pa, void *u)
{
	return charged_to(pa, u);
}

/* A revoke kills a thread whose space or IPC buffer goes: it never runs
 * again (its callers get PEER_GONE), leaves its space, and is left DEAD for
 * the caps that still name it, whoever paid for it. */
static void thread_kill(struct tcb *t)
{
	if (t->configured && ipc_thread_state(&t->ipc) != IPC_TS_DEAD)
		sched_hint(ipc_thread_destroy(&t->ipc));
	sched_stop(t, TCB_DEAD);
	if (t->ipcbuf)
		frame_unref((uintptr_t)t->ipcbuf);
	t->ipcbuf = NULL;
	space_drop_thread(t);
	t->configured = false;
}

void untyped_revoke(struct untyped *u)
{
	for (struct space *s = spaces; s; s = s->all_next) {
		bool doomed = charged_to((uintptr_t)s, u);
		for (struct tcb *t = s->thread_list, *next; t; t = next) {
			next = t->sp_next;
			if (doomed || charged_to((uintptr_t)t->ipcbuf, u))
				thread_kill(t);
		}
		for (uint32_t i = 0; i < s->cs.nslots; i++) {
			struct ipc_object *o = ipc_cap_object(&s->cs, i);
			if (o && charged_to((uintptr_t)o, u))
				sched_hint(ipc_cap_delete(&s->cs, i));
		}
		if (!doomed) {
			struct arch_page_source ps = page_source(NULL);
			arch_vspace_unmap_charged(&s->vs, charged_ctx, u, &ps);
		}
	}
}

_Noreturn void ipc_hook_assert_failed(const char *file, int line, const char *expr)
{
	panic("libipc assertion failed: %s (%s:%d)", expr, file, line);
}
