/*
 * The page pool and kernel objects: creating objects from an untyped
 * budget (retype), typed cap lookups, and what happens when libipc reports
 * that the last cap to an object is gone. Every object, page table and
 * mapped frame is one pool page charged to exactly one untyped; the pool's
 * page table (`pages`) records which, and page_free() gives the page back to
 * it. Endpoint, notification, reply and untyped pages go back when their
 * last cap is deleted; a thread's in a later objects_reap_step() (its libipc
 * half must be destroyed first, which a hook may not do, and the scheduler
 * forgets it there); a space's once no cap names it and no thread runs in
 * it. docs/kernel.md "Memory" has the whole model.
 *
 * Concurrency: interrupts masked, one CPU. ipc_hook_object_unreferenced()
 * runs inside a libipc operation: it may free storage at once (libipc's
 * contract) but must not call back into libipc, so destroying a thread's
 * libipc half and a space's CSpace waits for objects_reap_step(), after the
 * libipc call has returned.
 */
#include <kernel/object.h>
#include <kernel/fastpath.h> /* syscall_receives() */
#include <kernel/platform.h>

#define RAM_PAGES (PLATFORM_RAM_SIZE / KABI_PAGE_SIZE)

/* Per RAM page: who paid for it and, for a frame, how many mappings and
 * IPC buffers use it. */
struct page_info {
	struct untyped *owner;
	uint32_t refs;
	bool used;
	uint8_t kind; /* the KOBJ_* type of the object in it (object_page), else 0 */
};

static struct page_info pages[RAM_PAGES];
static uintptr_t pool_start, pool_next, pool_end;
static void *pool_freelist;
static uint64_t pool_nfree;
static unsigned next_space_id, next_thread_id;
static struct space *spaces; /* every live space (untyped_revoke) */

uint64_t kernel_ref_epoch;

/* The revoke under way (at most one: a second CapRevoke of an untyped
 * waits for it), see untyped_revoke_begin(). */
enum rv_phase { RV_THREADS, RV_SLOTS, RV_MAPPINGS };
static struct {
	struct untyped *u; /* NULL: none */
	struct space *s;   /* the space this pass is in; NULL: the pass is over */
	enum rv_phase phase;
	struct tcb *t;  /* RV_THREADS: the next of s's threads to look at */
	uint32_t slot;  /* RV_SLOTS: the next slot */
	uintptr_t va;   /* RV_MAPPINGS: the next address */
	uint64_t epoch; /* kernel_ref_epoch when this pass began */
} rv;

static bool descends(const struct untyped *u, const struct untyped *from)
{
	for (; u; u = u->parent)
		if (u == from)
			return true;
	return false;
}

bool untyped_frozen(const struct untyped *u)
{
	return rv.u && descends(u, rv.u);
}

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
	if (u && (u->pages_left == 0 || untyped_frozen(u)))
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
	*info((uintptr_t)p) = (struct page_info){.owner = u, .used = true};
	return p;
}

/* A page for an object of KOBJ_* `kind`: the invariant check at halt
 * (kernel_check) finds every object through the pool's table by it. */
static void *object_page(struct untyped *u, unsigned kind)
{
	void *p = page_alloc(u);
	if (p)
		info((uintptr_t)p)->kind = (uint8_t)kind;
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

static uint64_t asid_used[(ARCH_ASID_MAX + 1) / 64]; /* bit per ASID, 0 is the kernel's */
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
	struct space *s = object_page(u, KOBJ_SPACE);
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
	struct tcb *t = object_page(u, KOBJ_THREAD);
	if (!t)
		return NULL;
	ipc_object_init(&t->obj, KOBJ_THREAD);
	t->state = TCB_INACTIVE;
	t->timeslice = TIMESLICE_TICKS;
	t->fault_slot = IPC_SLOT_NONE;
	t->cpu = (uint8_t)this_cpu()->index; /* its creator's core (docs/kernel.md, "placement") */
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
	kernel_ref_epoch++;
	frame_ref((uintptr_t)buf); /* unmapping the page leaves the frame to the thread */
	if (t->ipcbuf)
		frame_unref((uintptr_t)t->ipcbuf);
	t->ipcbuf = buf;
	t->ipcbuf_va = va;
}

void space_add_thread(struct space *s, struct tcb *t)
{
	kernel_ref_epoch++; /* a revoke pass may have looked at s already */
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
	if (rv.t == t)
		rv.t = t->sp_next; /* the revoke's place in the list stays valid */
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
	struct untyped *c = object_page(u, KOBJ_UNTYPED);
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
		struct ipc_endpoint *e = object_page(u, KOBJ_ENDPOINT);
		if (e) {
			ipc_ep_init(e);
			o = &e->obj;
		}
		break;
	}
	case KOBJ_NTFN: {
		struct ipc_ntfn *n = object_page(u, KOBJ_NTFN);
		if (n) {
			ipc_ntfn_init(n);
			o = &n->obj;
		}
		break;
	}
	case KOBJ_REPLY: {
		struct ipc_reply *r = object_page(u, KOBJ_REPLY);
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

/* ---- destruction, in bounded steps ---- */

static struct tcb *zombies;       /* threads to end in libipc, see thread_end_later() */
static struct space *dead_spaces; /* spaces to tear down, see space_end_later() */

/*
 * The last cap to an endpoint or notification that still had waiters when
 * it was deleted: the kernel keeps it here, in the object's own page behind
 * libipc's struct, where no thread can name it, while X5 wakes the waiters
 * KERNEL_CHUNK_WAITERS per step; then it is deleted like any last cap.
 */
struct obj_zombie {
	struct ipc_cspace cs;
	struct ipc_cap cap;
	struct ipc_object *obj;
	struct obj_zombie *next;
};
_Static_assert(sizeof(struct ipc_endpoint) + sizeof(struct obj_zombie) <= KABI_PAGE_SIZE &&
                   sizeof(struct ipc_ntfn) + sizeof(struct obj_zombie) <= KABI_PAGE_SIZE,
               "a draining object's last cap fits in its page");
static struct obj_zombie *draining, *draining_tail;

static struct obj_zombie *zombie_of(struct ipc_object *o)
{
	return (struct obj_zombie *)((char *)o + KABI_PAGE_SIZE - sizeof(struct obj_zombie));
}

static bool has_waiters(const struct ipc_object *o)
{
	if (o->type == IPC_OBJ_ENDPOINT)
		return ((const struct ipc_endpoint *)o)->queue.head != NULL;
	if (o->type == IPC_OBJ_NTFN)
		return ((const struct ipc_ntfn *)o)->waiters.head != NULL;
	return false;
}

struct ipc_ret object_cap_delete(struct ipc_cspace *cs, uint32_t slot)
{
	struct ipc_object *o = ipc_cap_object(cs, slot);
	bool last = false;
	if (o && has_waiters(o) && ipc_cap_is_last(cs, slot, &last) == IPC_OK && last) {
		struct obj_zombie *z = zombie_of(o);
		ipc_cspace_init(&z->cs, &z->cap, 1);
		int e = ipc_cap_move(cs, slot, &z->cs, 0);
		kassert(e == 0); /* a full slot to an empty one */
		z->obj = o;
		z->next = NULL;
		if (draining_tail)
			draining_tail->next = z;
		else
			draining = z;
		draining_tail = z;
		return (struct ipc_ret){IPC_OK, NULL};
	}
	return ipc_cap_delete(cs, slot);
}

/* Wake the next KERNEL_CHUNK_WAITERS of the first draining object; delete
 * its last cap once none is left (the unreferenced hook frees the page). */
static void drain_step(void)
{
	struct obj_zombie *z = draining;
	bool done = false;
	struct ipc_ret r =
	    z->obj->type == IPC_OBJ_ENDPOINT
	        ? ipc_ep_destroy_some((struct ipc_endpoint *)z->obj, KERNEL_CHUNK_WAITERS, &done)
	        : ipc_ntfn_destroy_some((struct ipc_ntfn *)z->obj, KERNEL_CHUNK_WAITERS, &done);
	kassert(r.err == IPC_OK);
	sched_hint(r);
	if (!done)
		return;
	draining = z->next;
	if (!draining)
		draining_tail = NULL;
	sched_hint(ipc_cap_delete(&z->cs, 0)); /* nobody queued: X1 has nothing left to wake */
}

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
 * do: they are queued for objects_reap_step().
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
	sched_forget_thread(t); /* no core's FP/PMU owner or move list names it */
	if (this_cpu()->cur == t)
		this_cpu()->cur = NULL; /* kernel_exit() picks another; nothing saves into t */
	console_forget(t);
	t->obj.type = IPC_OBJ_NONE; /* a freed page never reads as a thread (tools/gdb) */
	page_free(t);
}

/* Has `t` a libipc half to destroy, or one whose destroy is under way (a
 * killed thread, no longer configured, DEAD with callers left)? */
static bool ipc_half(struct tcb *t)
{
	return t->configured || ipc_thread_state(&t->ipc) == IPC_TS_DEAD;
}

/*
 * Up to KERNEL_CHUNK_THREADS queued threads ended in libipc, each by one
 * ipc_thread_destroy_some() of KERNEL_CHUNK_CALLERS callers (X6): a thread
 * with more callers stays first in the queue, and the next step goes on
 * with it. Those whose last cap is gone are freed.
 */
static void zombies_step(void)
{
	for (unsigned n = 0; n < KERNEL_CHUNK_THREADS && zombies; n++) {
		struct tcb *t = zombies;
		/* Still another core's `cur` (at EL0, or about to leave it: the
		 * stop kicked that core): its next kernel entry saves registers
		 * into this TCB, so it stays until that core has chosen another
		 * thread; this step ends, and a later one looks again. */
		if (sched_running_elsewhere(t))
			return;
		if (ipc_half(t)) {
			bool done = true;
			sched_hint(ipc_thread_destroy_some(&t->ipc, KERNEL_CHUNK_CALLERS, &done));
			if (!done)
				return;
		}
		zombies = t->zombie_next;
		t->on_zombie_list = false;
		sched_stop(t, t->zombie_state);
		if (t->zombie_state == TCB_DEAD && t->obj.refs == 0)
			thread_free(t);
	}
}

static void revoke_next_space(void);

/*
 * One step of tearing down the first dead space: KERNEL_CHUNK_SLOTS slots
 * of its CSpace (deleting a cap may end more threads and spaces, or start
 * draining an object: later steps), then, once its ASID is retired, its
 * page tables and frames KERNEL_CHUNK_ENTRIES table entries a step, then
 * its level-1 table and page. No thread runs in it and no cap names it, so
 * nothing but these steps touches it in between.
 */
static void space_step(struct space *s)
{
	if (!s->reap_tables) {
		uint32_t end = s->reap_slot + KERNEL_CHUNK_SLOTS;
		for (; s->reap_slot < s->cs.nslots && s->reap_slot < end; s->reap_slot++)
			if (ipc_cap_type(&s->cs, s->reap_slot) != IPC_OBJ_NONE)
				sched_hint(object_cap_delete(&s->cs, s->reap_slot));
		if (s->reap_slot < s->cs.nslots)
			return;
		/* Another core may still run a thread of this space (killed
		 * from here, kicked, not yet out): its TTBR0 holds the tables
		 * until it switches, so they wait (a later step looks again). */
		if (sched_space_elsewhere(s))
			return;
		s->reap_tables = true;
		sched_forget_space(s);
		unsigned asid = arch_vspace_asid(&s->vs);
		arch_vspace_retire(&s->vs); /* TLBI ASIDE1IS: the number is free at once */
		if (asid)
			asid_release(asid);
		return;
	}
	struct arch_page_source ps = page_source(NULL);
	if (!arch_vspace_destroy_some(&s->vs, &s->reap_va, KERNEL_CHUNK_ENTRIES, &ps))
		return;
	dead_spaces = s->zombie_next;
	asids_reserved--;
	if (rv.s == s)
		revoke_next_space();
	if (s->all_prev)
		s->all_prev->all_next = s->all_next;
	else
		spaces = s->all_next;
	if (s->all_next)
		s->all_next->all_prev = s->all_prev;
	s->obj.type = IPC_OBJ_NONE;
	page_free(s);
}

/* ---- revoking an untyped ---- */

/* Was the pool page at `pa` charged to `u` or one of its descendants? */
static bool charged_to(uintptr_t pa, const struct untyped *u)
{
	struct page_info *pi = info(pa & ~(KABI_PAGE_SIZE - 1));
	return pi && descends(pi->owner, u);
}

static bool charged_ctx(uintptr_t pa, void *u)
{
	return charged_to(pa, u);
}

/* A revoke kills a thread whose space or IPC buffer goes: it never runs
 * again (its callers get PEER_GONE: the first KERNEL_CHUNK_CALLERS now, the
 * rest in the zombie steps), leaves its space, and is left DEAD for the
 * caps that still name it, whoever paid for it. Its first destroy step is
 * taken here, before its IPC buffer goes: a queued sender's message lives
 * there. */
static void thread_kill(struct tcb *t)
{
	bool done = true;
	if (ipc_half(t))
		sched_hint(ipc_thread_destroy_some(&t->ipc, KERNEL_CHUNK_CALLERS, &done));
	sched_stop(t, TCB_DEAD);
	if (t->ipcbuf)
		frame_unref((uintptr_t)t->ipcbuf);
	t->ipcbuf = NULL;
	space_drop_thread(t);
	t->configured = false;
	if (!done)
		thread_end_later(t, TCB_DEAD);
}

/* The pass moves to the next live space after rv.s (dying ones tear
 * themselves down), or ends. */
static void revoke_enter(struct space *s)
{
	while (s && s->on_zombie_list)
		s = s->all_next;
	rv.s = s;
	rv.phase = RV_THREADS;
	rv.t = s ? s->thread_list : NULL;
	rv.slot = 0;
	rv.va = 0;
}

static void revoke_next_space(void)
{
	revoke_enter(rv.s->all_next);
}

bool untyped_revoke_busy(void)
{
	return rv.u != NULL;
}

void untyped_revoke_begin(struct untyped *u)
{
	kassert(!rv.u);
	rv.u = u; /* from now on nothing more is charged to u (untyped_frozen) */
	rv.epoch = kernel_ref_epoch;
	revoke_enter(spaces);
}

/*
 * One step of the revoke in the space the pass is in: up to
 * KERNEL_CHUNK_THREADS of its threads looked at (killed if their space or
 * IPC buffer is charged to rv.u), or KERNEL_CHUNK_SLOTS of its slots (caps
 * to objects charged to rv.u deleted: object_cap_delete), or
 * KERNEL_CHUNK_ENTRIES of its table entries (mappings of frames and tables
 * charged to rv.u removed). At the end of a pass over every space, another
 * pass follows if anything could have put a new reference behind it
 * (kernel_ref_epoch moved: a cap copied or received, a mapping or a thread
 * added); else the revoke is over.
 */
static void revoke_step(void)
{
	struct space *s = rv.s;
	if (!s) {
		if (rv.epoch != kernel_ref_epoch) {
			rv.epoch = kernel_ref_epoch;
			revoke_enter(spaces);
		} else {
			rv.u = NULL;
		}
		return;
	}
	bool doomed = charged_to((uintptr_t)s, rv.u);
	switch (rv.phase) {
	case RV_THREADS:
		for (unsigned n = 0; n < KERNEL_CHUNK_THREADS && rv.t; n++) {
			struct tcb *t = rv.t;
			rv.t = t->sp_next;
			if (doomed || charged_to((uintptr_t)t->ipcbuf, rv.u))
				thread_kill(t);
		}
		if (!rv.t)
			rv.phase = RV_SLOTS;
		return;
	case RV_SLOTS: {
		uint32_t end = rv.slot + KERNEL_CHUNK_SLOTS;
		for (; rv.slot < s->cs.nslots && rv.slot < end; rv.slot++) {
			struct ipc_object *o = ipc_cap_object(&s->cs, rv.slot);
			if (o && charged_to((uintptr_t)o, rv.u))
				sched_hint(object_cap_delete(&s->cs, rv.slot));
		}
		if (rv.slot == s->cs.nslots) {
			if (doomed || s->on_zombie_list)
				revoke_next_space(); /* its teardown takes the rest */
			else
				rv.phase = RV_MAPPINGS;
		}
		return;
	}
	case RV_MAPPINGS: {
		struct arch_page_source ps = page_source(NULL);
		if (arch_vspace_unmap_charged_some(&s->vs, &rv.va, KERNEL_CHUNK_ENTRIES, charged_ctx, rv.u,
		                                   &ps))
			revoke_next_space();
		return;
	}
	}
}

bool objects_pending(void)
{
	return zombies || draining || dead_spaces || rv.u;
}

/* Out of line: most kernel exits have nothing pending and skip its frame. */
static bool __attribute__((noinline)) reap_step(void)
{
	if (zombies)
		zombies_step();
	else if (draining)
		drain_step();
	else if (dead_spaces)
		space_step(dead_spaces);
	else if (rv.u)
		revoke_step();
	return objects_pending();
}

bool objects_reap_step(void)
{
	return objects_pending() && reap_step();
}

/* ---- the invariant check at halt (check.c) ---- */

bool page_holds(const void *p, unsigned kind)
{
	struct page_info *pi = info((uintptr_t)p);
	return pi && pi->used && pi->kind == kind && ((uintptr_t)p & (KABI_PAGE_SIZE - 1)) == 0;
}

/* An untyped that can be charged: a live one in the pool, or the root's. */
static bool untyped_live(const struct untyped *u)
{
	return u == &root_untyped || page_holds(u, KOBJ_UNTYPED);
}

/* The object header of the object in pool page `p` of KOBJ_* `kind`. */
static struct ipc_object *page_object(void *p, unsigned kind)
{
	switch (kind) {
	case KOBJ_THREAD:
		return &((struct tcb *)p)->obj;
	case KOBJ_SPACE:
		return &((struct space *)p)->obj;
	default:
		return p; /* the header is first */
	}
}

/* A full slot names a live object of its type. */
static void cap_check(struct kcheck *k, const struct ipc_cap *c)
{
	const char *e = ipc_cap_check(c);
	kcheck(k, e == NULL, e, c);
	struct ipc_object *o = c->obj;
	if (!o)
		return;
	k->caps++;
	if (o->type == KOBJ_UNTYPED && o == &root_untyped.obj)
		return;
	void *page = (void *)((uintptr_t)o & ~(uintptr_t)(KABI_PAGE_SIZE - 1));
	kcheck(k, page_holds(page, o->type) && page_object(page, o->type) == o, "a cap names no live object",
	       c);
}

static bool ipc_blocked(const struct tcb *t)
{
	uint32_t s = ipc_thread_state(&t->ipc);
	return s != IPC_TS_RUNNABLE && s != IPC_TS_DEAD;
}

/* One thread: its scheduler state against its IPC state, its flags against
 * its state, and libipc's view (ipc_thread_check). */
static void thread_check(struct kcheck *k, const struct tcb *t)
{
	k->threads++;
	k->running += t->state == TCB_RUNNING;
	k->ready += t->state == TCB_READY;
	k->blocked += t->state == TCB_BLOCKED;
	k->deadlines += t->on_timeout_list;
	k->zombies += t->on_zombie_list;
	const char *e = ipc_thread_check(&t->ipc);
	kcheck(k, e == NULL, e, t);
	kcheck(k, t->state <= TCB_DEAD, "thread: bad state", t);
	kcheck(k, t->on_zombie_list || (t->state == TCB_BLOCKED) == ipc_blocked(t),
	       "thread: blocked for the scheduler but not in IPC, or the other way", t);
	bool timed = t->state == TCB_BLOCKED && ipc_thread_deadline(&t->ipc) != IPC_DEADLINE_NONE;
	kcheck(k, t->on_timeout_list == timed || (t->on_zombie_list && !t->on_timeout_list),
	       "thread: on the deadline heap exactly when blocked with a deadline", t);
	kcheck(k, !(t->faulting || t->suspend_pending) || t->state == TCB_BLOCKED,
	       "thread: in a fault Call or to be suspended, yet not blocked", t);
	/* The fast path gives a thread it wakes a receive's result without
	 * looking at its call (fastpath.c, can_run()). */
	uint32_t is = ipc_thread_state(&t->ipc);
	kcheck(k,
	       (is != IPC_TS_BLOCKED_RECV && is != IPC_TS_BLOCKED_REPLY && is != IPC_TS_BLOCKED_NTFN) ||
	           t->faulting || syscall_receives(t->sysno),
	       "thread: waits to receive, but not in a call that receives", t);
	/* A thread blocks only in its own system call, entered from EL0 with
	 * time left, so the fast path's wake-up needs no refill
	 * (sched_run_blocked()). */
	kcheck(k, t->state != TCB_BLOCKED || t->timeslice > 0, "thread: blocked with its timeslice used up",
	       t);
	kcheck(k, !t->space || page_holds(t->space, KOBJ_SPACE), "thread: configured in no live space", t);
	kcheck(k, t->space || (t->state != TCB_RUNNING && t->state != TCB_READY && t->state != TCB_BLOCKED),
	       "thread: runs or waits without a space", t);
	struct page_info *buf = t->ipcbuf ? info((uintptr_t)t->ipcbuf) : NULL;
	kcheck(k, !t->ipcbuf || (buf && buf->used && buf->refs > 0),
	       "thread: IPC buffer frame not referenced", t);
}

/* The pool's table: every page in use, the object in it, its charge. */
static void pool_check(struct kcheck *k, uint64_t *refs, unsigned *configured)
{
	uintptr_t pa;
	root_untyped.charged = 0;
	for (pa = pool_start; pa < pool_next; pa += KABI_PAGE_SIZE)
		if (page_holds((void *)pa, KOBJ_UNTYPED))
			((struct untyped *)pa)->charged = 0;
	for (pa = pool_start; pa < pool_next; pa += KABI_PAGE_SIZE) {
		struct page_info *pi = info(pa);
		if (!pi->used)
			continue;
		k->pages_used++;
		if (pi->owner &&
		    kcheck(k, untyped_live(pi->owner), "a page charged to a dead untyped", (void *)pa))
			pi->owner->charged++;
		if (!pi->kind)
			continue;
		struct ipc_object *o = page_object((void *)pa, pi->kind);
		kcheck(k, o->type == pi->kind, "an object page holds another type", o);
		k->objects++;
		*refs += o->refs;
		const char *e = ipc_object_check(o);
		kcheck(k, e == NULL, e, o);
		if (pi->kind == KOBJ_THREAD) {
			thread_check(k, (struct tcb *)pa);
			*configured += ((struct tcb *)pa)->space != NULL;
		} else if (pi->kind == KOBJ_UNTYPED) {
			struct untyped *u = (struct untyped *)pa;
			if (kcheck(k, u->parent && untyped_live(u->parent), "an untyped whose parent is dead",
			           u))
				u->parent->charged += u->budget;
		}
	}
	for (pa = pool_start; pa < pool_next; pa += KABI_PAGE_SIZE)
		if (page_holds((void *)pa, KOBJ_UNTYPED)) {
			struct untyped *u = (struct untyped *)pa;
			kcheck(k, u->pages_left + u->charged == u->budget,
			       "untyped: pages left + charged + children's budgets != its budget", u);
		}
	kcheck(k, root_untyped.pages_left + root_untyped.charged == root_untyped.budget,
	       "root untyped: pages left + charged + children's budgets != its budget", &root_untyped);
}

/* Every live space: the list, its threads, its CSpace. */
static void spaces_check(struct kcheck *k, unsigned *configured, unsigned *with_asid)
{
	const struct space *prev = NULL;
	unsigned dying = 0;
	for (const struct space *s = spaces; s; prev = s, s = s->all_next) {
		if (!kcheck(k, s->all_prev == prev && page_holds(s, KOBJ_SPACE),
		            "the list of spaces is broken", s))
			return;
		k->spaces++;
		dying += s->on_zombie_list;
		*with_asid += arch_vspace_asid(&s->vs) != 0;
		unsigned n = 0;
		const struct tcb *tp = NULL;
		for (const struct tcb *t = s->thread_list; t; tp = t, t = t->sp_next, n++)
			if (!kcheck(k, t->sp_prev == tp && page_holds(t, KOBJ_THREAD) && t->space == s,
			            "a space's list of threads is broken", s))
				return;
		kcheck(k, n == s->threads, "a space's thread count is not its list's length", s);
		*configured -= n;
		for (uint32_t i = 0; i < s->cs.nslots; i++)
			cap_check(k, &s->cs.slots[i]);
	}
	unsigned n = 0;
	for (const struct space *s = dead_spaces; s && n <= k->spaces; s = s->zombie_next, n++)
		kcheck(k, page_holds(s, KOBJ_SPACE) && s->on_zombie_list, "a dead space not marked dying", s);
	kcheck(k, n == dying, "the dead spaces are not those marked dying", dead_spaces);
}

void objects_check(struct kcheck *k)
{
	uint64_t refs = root_untyped.obj.refs;
	unsigned configured = 0, with_asid = 0, n = 0;
	pool_check(k, &refs, &configured);
	spaces_check(k, &configured, &with_asid);
	kcheck(k, configured == 0, "a thread configured in a space is not on its list", NULL);
	for (const struct obj_zombie *z = draining; z && n <= k->objects; z = z->next, n++) {
		kcheck(k, page_holds(z->obj, z->obj->type) && zombie_of(z->obj) == z,
		       "a draining object is dead", z);
		cap_check(k, &z->cap);
	}
	kcheck(k, refs == k->caps, "the objects' reference counts do not add up to the caps", NULL);
	n = 0;
	for (const struct tcb *t = zombies; t && n <= k->threads; t = t->zombie_next, n++)
		kcheck(k, page_holds(t, KOBJ_THREAD) && t->on_zombie_list, "a thread to end not marked so",
		       t);
	kcheck(k, n == k->zombies, "the threads to end are not those marked so", zombies);
	/* The page pool: every page in use, free or never handed out. */
	n = 0;
	for (void *p = pool_freelist; p && n <= pool_nfree; p = *(void **)p, n++) {
		struct page_info *pi = info((uintptr_t)p);
		if (!kcheck(k, pi && !pi->used && ((uintptr_t)p & (KABI_PAGE_SIZE - 1)) == 0,
		            "the pool's free list holds a page in use", p))
			break;
	}
	kcheck(k, n == pool_nfree, "the pool's free count is not its free list's length", NULL);
	kcheck(k, k->pages_used + pool_nfree == (pool_next - pool_start) / KABI_PAGE_SIZE,
	       "pool pages in use + free != pages handed out", NULL);
	k->pages_free = pool_free_pages();
	/* ASIDs: one reserved per live space, one taken per space that ran. */
	unsigned taken = 0;
	for (unsigned w = 0; w < sizeof asid_used / sizeof asid_used[0]; w++)
		for (uint64_t b = asid_used[w]; b; b &= b - 1) /* no libgcc: popcount by hand */
			taken++;
	kcheck(k, asids_reserved == k->spaces, "ASIDs reserved != live spaces", NULL);
	kcheck(k, taken == with_asid, "ASIDs taken != spaces holding one", NULL);
}

_Noreturn void ipc_hook_assert_failed(const char *file, int line, const char *expr)
{
	panic("libipc assertion failed: %s (%s:%d)", expr, file, line);
}
