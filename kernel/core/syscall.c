/*
 * System calls: decode the caller's registers through the named slots of
 * <uapi/syscall.h> into a small typed argument struct per call, validate
 * every argument, and call libipc or the object/memory layer. One handler
 * per call, listed in `calls` at the end; syscall_dispatch() looks the
 * number up there and writes the status back.
 *
 * Nothing here trusts a user value: slots are range-checked by libipc or by
 * the typed cap lookups, pointers go through vm.c, numbers are bounded by
 * the limits uapi names. A bad argument is a negative status in
 * KABI_RET_STATUS, never a kernel fault.
 *
 * An IPC call that blocks returns IPC_BLOCKED from libipc; its result is
 * written later by syscall_complete(), from the runnable hook, when libipc
 * has finished it. Concurrency: interrupts masked, the kernel lock held
 * (the thread named may run on another core: sched.c handles that).
 */
#include <kernel/fastpath.h>
#include <kernel/object.h>

_Static_assert(sizeof(struct ipc_buffer) <= KABI_RECV_INFO_OFFSET, "ipc buffer layout");
_Static_assert(KABI_RECV_INFO_OFFSET + sizeof(struct ipc_recv_info) <= KABI_PAGE_SIZE,
               "recv info fits the ipc buffer page");
_Static_assert(KABI_REG_WORDS == IPC_MSG_REG_WORDS, "register words: uapi and libipc agree");

/* SpaceWrite copies through a kernel bounce buffer of this many bytes. */
#define SPACE_WRITE_CHUNK 512u

static inline uint64_t reg(const struct tcb *t, unsigned slot)
{
	return arch_sys_get(&t->regs, slot);
}

/* A register as a slot number: out-of-range values stay invalid. */
static inline uint32_t slot_arg(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX - 1 : (uint32_t)v;
}

/* KABI_ARG_TIMEOUT: microseconds from now, 0 for none. */
static inline uint64_t deadline_arg(const struct tcb *t)
{
	uint64_t us = reg(t, KABI_ARG_TIMEOUT);
	if (us == 0)
		return IPC_DEADLINE_NONE;
	uint64_t d = time_now() + time_us_to_counter(us);
	return d == IPC_DEADLINE_NONE ? 1 : d;
}

void syscall_complete(struct tcb *t, int status)
{
	arch_sys_set(&t->regs, KABI_RET_STATUS, (uint64_t)(int64_t)status);
	if (status == IPC_OK && syscall_receives(t->sysno))
		syscall_recv_result(t, ipc_thread_recv_info(&t->ipc));
}

/*
 * A receive that blocked and then failed leaves x1..x7 zero, as libipc
 * leaves its receive info (no earlier message passes for an answer): the
 * fast path does not save a Call's or ReplyRecv's x0..x7 once it has
 * taken it (vectors.S), since every way the call ends writes them.
 */
_Static_assert(KABI_RET_STATUS == 0, "the status in slot 0, a receive's result in 1..KABI_NREGS-1");
void syscall_complete_woken(struct tcb *t, int status)
{
	if (status != IPC_OK && syscall_receives(t->sysno))
		for (unsigned i = KABI_RET_STATUS + 1; i < KABI_NREGS; i++)
			arch_sys_set(&t->regs, i, 0);
	syscall_complete(t, status);
}

static inline struct ipc_ret done(int err)
{
	return (struct ipc_ret){err, NULL};
}

/* An op's "not finished": the call is re-executed, no status is written. */
#define SYSCALL_RESTART 1

/*
 * A CapDelete or CapRevoke that left teardown pending keeps its status and
 * re-executes its `svc` (registers unchanged) until the steps, one per
 * kernel exit, have done all of it (syscall_dispatch): each entry is one
 * bounded step, and the call returns only when everything it destroyed is
 * gone and its memory back.
 */
static struct ipc_ret wait_for_teardown(struct tcb *t, struct ipc_ret r)
{
	if (r.err != IPC_OK || !objects_pending())
		return r;
	t->teardown_wait = true;
	t->teardown_status = r.err;
	arch_regs_restart_syscall(&t->regs);
	return (struct ipc_ret){SYSCALL_RESTART, r.next};
}

static void teardown_continue(struct tcb *t)
{
	if (objects_pending()) {
		arch_regs_restart_syscall(&t->regs);
		return;
	}
	t->teardown_wait = false;
	arch_sys_set(&t->regs, KABI_RET_STATUS, (uint64_t)(int64_t)t->teardown_status);
}

/* ---- IPC ---------------------------------------------------------------- */

/* A message a call sends: KABI_ARG_SLOT, KABI_ARG_MSGINFO and the words in
 * KABI_ARG_WORD0.., which go into the sender's IPC buffer (libipc copies
 * messages buffer to buffer; the rest of the words are already there). */
struct msg_args {
	uint32_t slot;
	struct ipc_msginfo mi;
};

static inline struct msg_args msg_args(struct tcb *t)
{
	uint64_t enc = reg(t, KABI_ARG_MSGINFO);
	struct msg_args a = {
	    .slot = slot_arg(reg(t, KABI_ARG_SLOT)),
	    .mi = {KABI_MI_LABEL(enc), (uint32_t)KABI_MI_LEN(enc), (uint32_t)KABI_MI_NCAPS(enc)},
	};
	for (unsigned i = 0; i < KABI_REG_WORDS && i < a.mi.length; i++)
		t->ipcbuf->words[i] = reg(t, KABI_ARG_WORD0 + i);
	return a;
}

/* The slots a receive takes: KABI_ARG_SLOT and KABI_ARG_SLOT2. */
struct recv_args {
	uint32_t slot, reply;
};

static inline struct recv_args recv_args(const struct tcb *t)
{
	return (struct recv_args){slot_arg(reg(t, KABI_ARG_SLOT)), slot_arg(reg(t, KABI_ARG_SLOT2))};
}

static struct ipc_ret sys_send(struct tcb *t)
{
	struct msg_args a = msg_args(t);
	return ipc_send(&t->ipc, a.slot, a.mi, deadline_arg(t));
}

static struct ipc_ret sys_nbsend(struct tcb *t)
{
	struct msg_args a = msg_args(t);
	return ipc_nbsend(&t->ipc, a.slot, a.mi);
}

static struct ipc_ret sys_call(struct tcb *t)
{
	struct msg_args a = msg_args(t);
	return ipc_call(&t->ipc, a.slot, a.mi, deadline_arg(t));
}

static struct ipc_ret sys_recv(struct tcb *t)
{
	struct recv_args a = recv_args(t);
	return ipc_recv(&t->ipc, a.slot, a.reply, deadline_arg(t));
}

static struct ipc_ret sys_nbrecv(struct tcb *t)
{
	struct recv_args a = recv_args(t);
	return ipc_nbrecv(&t->ipc, a.slot, a.reply);
}

static struct ipc_ret sys_reply(struct tcb *t)
{
	struct msg_args a = msg_args(t);
	return ipc_reply(&t->ipc, a.slot, a.mi);
}

static struct ipc_ret sys_reply_recv(struct tcb *t)
{
	struct msg_args a = msg_args(t);
	uint32_t reply = slot_arg(reg(t, KABI_ARG_SLOT2));
	return ipc_reply_recv(&t->ipc, a.slot, reply, a.mi, deadline_arg(t));
}

/* KABI_ARG_SLOT2 holds two 32-bit slots: receive | reply << 32. */
static struct ipc_ret sys_nbsend_recv(struct tcb *t)
{
	struct msg_args a = msg_args(t);
	uint64_t both = reg(t, KABI_ARG_SLOT2);
	return ipc_nbsend_recv(&t->ipc, a.slot, a.mi, (uint32_t)both,
	                       (uint32_t)(both >> KABI_NBSEND_RECV_REPLY_SHIFT), deadline_arg(t));
}

static struct ipc_ret sys_signal(struct tcb *t)
{
	return ipc_signal(&t->ipc, slot_arg(reg(t, KABI_ARG_SLOT)));
}

static struct ipc_ret sys_wait(struct tcb *t)
{
	return ipc_wait(&t->ipc, slot_arg(reg(t, KABI_ARG_SLOT)), deadline_arg(t));
}

static struct ipc_ret sys_poll(struct tcb *t)
{
	return ipc_poll(&t->ipc, slot_arg(reg(t, KABI_ARG_SLOT)));
}

static int sys_yield(struct tcb *t)
{
	(void)t;
	sched_yield();
	return 0;
}

/* ---- capability slots ---------------------------------------------------- */

struct cap_args {
	uint32_t src, dst;
};

static inline struct cap_args cap_args(const struct tcb *t)
{
	return (struct cap_args){slot_arg(reg(t, KABI_CAP_SRC)), slot_arg(reg(t, KABI_CAP_DST))};
}

static int sys_cap_copy(struct tcb *t)
{
	struct cap_args a = cap_args(t);
	kernel_ref_epoch++; /* a cap where a revoke pass may have looked */
	return ipc_cap_copy(&t->space->cs, a.src, &t->space->cs, a.dst);
}

static int sys_cap_mint(struct tcb *t)
{
	struct cap_args a = cap_args(t);
	kernel_ref_epoch++; /* a cap where a revoke pass may have looked */
	uint64_t rights = reg(t, KABI_MINT_RIGHTS), badge = reg(t, KABI_MINT_BADGE);
	if (rights > UINT32_MAX)
		return IPC_E_BAD_ARG;
	return ipc_cap_mint(&t->space->cs, a.src, &t->space->cs, a.dst, (uint32_t)rights, badge);
}

static int sys_cap_move(struct tcb *t)
{
	struct cap_args a = cap_args(t);
	kernel_ref_epoch++; /* a cap where a revoke pass may have looked */
	return ipc_cap_move(&t->space->cs, a.src, &t->space->cs, a.dst);
}

static struct ipc_ret sys_cap_delete(struct tcb *t)
{
	return wait_for_teardown(t, object_cap_delete(&t->space->cs, slot_arg(reg(t, KABI_CAP_SRC))));
}

/* Revoking a W cap to a split untyped also destroys everything made from
 * it (docs/kernel.md "Revoking an untyped"), in steps. */
static struct ipc_ret sys_cap_revoke(struct tcb *t)
{
	struct ipc_cspace *cs = &t->space->cs;
	uint32_t slot = slot_arg(reg(t, KABI_CAP_SRC));
	struct untyped *u = NULL;
	if (ipc_cap_type(cs, slot) == KOBJ_UNTYPED && (ipc_cap_rights(cs, slot) & IPC_W))
		u = container_of(ipc_cap_object(cs, slot), struct untyped, obj);
	if (u && !u->parent)
		u = NULL; /* the root untyped would take the root task with it */
	if (u && untyped_revoke_busy()) {
		/* One revoke at a time: this entry's exit steps the one under
		 * way, and the call starts again once it is over. */
		arch_regs_restart_syscall(&t->regs);
		return (struct ipc_ret){SYSCALL_RESTART, NULL};
	}
	/* C9: the derived caps KERNEL_CHUNK_CAPS units an entry; the call
	 * re-executes until none is left (a revoke of derived caps never
	 * destroys an object: the revoked cap still names it). */
	bool done = false;
	struct ipc_ret r = ipc_cap_revoke_some(cs, slot, KERNEL_CHUNK_CAPS, &done);
	if (r.err == IPC_OK && !done) {
		arch_regs_restart_syscall(&t->regs);
		return (struct ipc_ret){SYSCALL_RESTART, r.next};
	}
	if (r.err == IPC_OK && u)
		untyped_revoke_begin(u);
	return wait_for_teardown(t, r);
}

static struct ipc_ret sys_cap_cancel_badged_sends(struct tcb *t)
{
	return ipc_cap_cancel_badged_sends(&t->space->cs, slot_arg(reg(t, KABI_CAP_SRC)));
}

/* A thread argument: KABI_SELF for the caller, else a thread cap with W. */
static struct tcb *thread_arg(struct tcb *t, uint64_t v, int *err)
{
	if (v == KABI_SELF)
		return t;
	struct tcb *th = cap_thread(&t->space->cs, v, IPC_W, err);
	if (th && !th->configured) {
		*err = IPC_E_THREAD_STATE;
		return NULL;
	}
	return th;
}

/* Binding may wake the thread at once if a signal is already pending (N4). */
static struct ipc_ret sys_ntfn_bind(struct tcb *t)
{
	int err = 0;
	struct ipc_ntfn *n = cap_ntfn(&t->space->cs, reg(t, KABI_BIND_NTFN), IPC_R, &err);
	struct tcb *th = thread_arg(t, reg(t, KABI_BIND_THREAD), &err);
	return err ? done(err) : ipc_ntfn_bind(n, &th->ipc);
}

static int sys_ntfn_unbind(struct tcb *t)
{
	int err = 0;
	struct tcb *th = thread_arg(t, reg(t, KABI_THREAD), &err);
	if (!err)
		ipc_ntfn_unbind(&th->ipc);
	return err;
}

/* ---- building a system ----------------------------------------------------- */

struct retype_args {
	uint64_t untyped, type, dst, pages;
};

/* KABI_RETYPE_PAGES is read for KOBJ_UNTYPED only (the child's budget). */
static int sys_retype(struct tcb *t)
{
	struct retype_args a = {reg(t, KABI_RETYPE_UNTYPED), reg(t, KABI_RETYPE_TYPE),
	                        reg(t, KABI_RETYPE_DST), reg(t, KABI_RETYPE_PAGES)};
	int err = 0;
	struct untyped *u = cap_untyped(&t->space->cs, a.untyped, IPC_W, &err);
	if (err)
		return err;
	if (a.type > KABI_RETYPE_TYPE_MAX || a.dst > UINT32_MAX)
		return IPC_E_BAD_ARG;
	return object_retype(u, (unsigned)a.type, a.pages, &t->space->cs, (uint32_t)a.dst);
}

/* What is left of an untyped (R), and of the kernel's pool and ASIDs. */
static int sys_untyped_info(struct tcb *t)
{
	int err = 0;
	struct untyped *u = cap_untyped(&t->space->cs, reg(t, KABI_INFO_UNTYPED), IPC_R, &err);
	if (err)
		return err;
	arch_sys_set(&t->regs, KABI_INFO_PAGES_LEFT, u->pages_left);
	arch_sys_set(&t->regs, KABI_INFO_BUDGET, u->budget);
	arch_sys_set(&t->regs, KABI_INFO_POOL_FREE, pool_free_pages());
	arch_sys_set(&t->regs, KABI_INFO_ASIDS_FREE, asids_free());
	return 0;
}

/* The first KERNEL_CHUNK_PAGES of a range are done: advance the address
 * register(s) past them, shorten the count, re-execute the call. */
static int restart(struct tcb *t, unsigned pages_slot, uint64_t pages, unsigned va_slot, uint64_t va)
{
	arch_sys_set(&t->regs, va_slot, va + KERNEL_CHUNK_PAGES * KABI_PAGE_SIZE);
	arch_sys_set(&t->regs, pages_slot, pages - KERNEL_CHUNK_PAGES);
	arch_regs_restart_syscall(&t->regs);
	return SYSCALL_RESTART;
}

struct map_args {
	uint64_t space, va, pages, perms, untyped;
};

static int sys_space_map(struct tcb *t)
{
	struct map_args a = {reg(t, KABI_MAP_SPACE), reg(t, KABI_MAP_VA), reg(t, KABI_MAP_PAGES),
	                     reg(t, KABI_MAP_PERMS), reg(t, KABI_MAP_UNTYPED)};
	int err = 0;
	struct space *s = cap_space(&t->space->cs, a.space, IPC_W, &err);
	struct untyped *u = cap_untyped(&t->space->cs, a.untyped, IPC_W, &err);
	if (err)
		return err;
	if (a.perms > KPERM_ALL)
		return IPC_E_BAD_ARG;
	int e = space_map_part(s, a.va, a.pages, KERNEL_CHUNK_PAGES, (unsigned)a.perms, u);
	if (e == 0 && a.pages > KERNEL_CHUNK_PAGES)
		return restart(t, KABI_MAP_PAGES, a.pages, KABI_MAP_VA, a.va);
	return e;
}

static int sys_space_unmap(struct tcb *t)
{
	uint64_t va = reg(t, KABI_UNMAP_VA), pages = reg(t, KABI_UNMAP_PAGES);
	int err = 0;
	struct space *s = cap_space(&t->space->cs, reg(t, KABI_UNMAP_SPACE), IPC_W, &err);
	if (err)
		return err;
	err = space_unmap(s, va, pages); /* checks the whole range first */
	if (err || pages <= KERNEL_CHUNK_PAGES)
		return err;
	return restart(t, KABI_UNMAP_PAGES, pages, KABI_UNMAP_VA, va);
}

struct share_args {
	uint64_t dst, dst_va, src, src_va, pages, perms, untyped;
};

static int sys_space_share(struct tcb *t)
{
	struct share_args a = {reg(t, KABI_SHARE_DST),    reg(t, KABI_SHARE_DST_VA), reg(t, KABI_SHARE_SRC),
	                       reg(t, KABI_SHARE_SRC_VA), reg(t, KABI_SHARE_PAGES),  reg(t, KABI_SHARE_PERMS),
	                       reg(t, KABI_SHARE_UNTYPED)};
	int err = 0;
	struct space *d = cap_space(&t->space->cs, a.dst, IPC_W, &err);
	struct space *s = cap_space(&t->space->cs, a.src, IPC_R, &err);
	struct untyped *u = cap_untyped(&t->space->cs, a.untyped, IPC_W, &err); /* the caller pays */
	if (err)
		return err;
	if (a.perms > KPERM_ALL)
		return IPC_E_BAD_ARG;
	/* R on the source lets the holder read its pages, not write them. */
	if ((a.perms & KPERM_W) && !(ipc_cap_rights(&t->space->cs, (uint32_t)a.src) & IPC_W))
		return IPC_E_NO_RIGHTS;
	int e = space_share_part(d, a.dst_va, s, a.src_va, a.pages, KERNEL_CHUNK_PAGES, (unsigned)a.perms, u);
	if (e == 0 && a.pages > KERNEL_CHUNK_PAGES) {
		arch_sys_set(&t->regs, KABI_SHARE_SRC_VA, a.src_va + KERNEL_CHUNK_PAGES * KABI_PAGE_SIZE);
		return restart(t, KABI_SHARE_PAGES, a.pages, KABI_SHARE_DST_VA, a.dst_va);
	}
	return e;
}

struct write_args {
	uint64_t space, dst_va, src, len;
};

static int sys_space_write(struct tcb *t)
{
	struct write_args a = {reg(t, KABI_WRITE_SPACE), reg(t, KABI_WRITE_DST_VA), reg(t, KABI_WRITE_SRC),
	                       reg(t, KABI_WRITE_LEN)};
	int err = 0;
	struct space *s = cap_space(&t->space->cs, a.space, IPC_W, &err);
	if (err)
		return err;
	if (a.len > KABI_WRITE_MAX)
		return IPC_E_BAD_ARG;
	/* Validate both ranges completely, so a failure writes nothing. */
	if (!user_range_mapped(t->space, a.src, a.len, KPERM_R) || !space_loadable(s, a.dst_va, a.len))
		return KABI_E_BAD_ADDRESS;
	char bounce[SPACE_WRITE_CHUNK];
	for (size_t off = 0; off < a.len; off += sizeof bounce) {
		size_t n = a.len - off < sizeof bounce ? a.len - off : sizeof bounce;
		int e = copy_from_user(t->space, bounce, a.src + off, n);
		e |= space_load(s, a.dst_va + off, bounce, n);
		kassert(e == 0); /* checked above; nothing unmaps during a call */
	}
	return 0;
}

struct install_args {
	uint64_t space, dst, src, rights, badge;
};

static int sys_cap_install(struct tcb *t)
{
	struct install_args a = {reg(t, KABI_INSTALL_SPACE), reg(t, KABI_INSTALL_DST),
	                         reg(t, KABI_INSTALL_SRC), reg(t, KABI_INSTALL_RIGHTS),
	                         reg(t, KABI_INSTALL_BADGE)};
	int err = 0;
	struct space *s = cap_space(&t->space->cs, a.space, IPC_W, &err);
	if (err)
		return err;
	if (a.rights > UINT32_MAX)
		return IPC_E_BAD_ARG;
	kernel_ref_epoch++; /* a cap where a revoke pass may have looked */
	return ipc_cap_mint(&t->space->cs, slot_arg(a.src), &s->cs, slot_arg(a.dst), (uint32_t)a.rights,
	                    a.badge);
}

/* ---- threads ------------------------------------------------------------- */

struct configure_args {
	uint64_t thread, space, ipcbuf, prio, fault;
};

static int sys_thread_configure(struct tcb *t)
{
	struct configure_args a = {reg(t, KABI_CONF_THREAD), reg(t, KABI_CONF_SPACE),
	                           reg(t, KABI_CONF_IPCBUF), reg(t, KABI_CONF_PRIO), reg(t, KABI_CONF_FAULT)};
	int err = 0;
	struct tcb *th = cap_thread(&t->space->cs, a.thread, IPC_W, &err);
	struct space *s = cap_space(&t->space->cs, a.space, IPC_W, &err);
	uint32_t fault_slot = slot_arg(a.fault);
	if (err)
		return err;
	if (th->configured || th->state != TCB_INACTIVE)
		return IPC_E_THREAD_STATE; /* its libipc half may be bound or queued */
	if (a.prio > ipc_thread_prio(&t->ipc))
		return IPC_E_BAD_ARG; /* never more than the caller's own priority */
	if (fault_slot != IPC_SLOT_NONE && fault_slot >= s->cs.nslots)
		return IPC_E_BAD_SLOT;
	struct ipc_buffer *buf = user_page_rw(s, a.ipcbuf);
	if (!buf)
		return KABI_E_BAD_ADDRESS;
	ipc_thread_init(&th->ipc, &s->cs, buf, (uint8_t)a.prio);
	th->space = s;
	space_add_thread(s, th);
	thread_set_ipcbuf(th, buf, a.ipcbuf);
	th->fault_slot = fault_slot;
	th->configured = true;
	return 0;
}

struct start_args {
	uint64_t thread, pc, sp, arg;
};

static int sys_thread_start(struct tcb *t)
{
	struct start_args a = {reg(t, KABI_START_THREAD), reg(t, KABI_START_PC), reg(t, KABI_START_SP),
	                       reg(t, KABI_START_ARG)};
	int err = 0;
	struct tcb *th = cap_thread(&t->space->cs, a.thread, IPC_W, &err);
	if (err)
		return err;
	if (!th->configured || th->state != TCB_INACTIVE)
		return IPC_E_THREAD_STATE;
	arch_regs_init(&th->regs, a.pc, a.sp, a.arg);
	arch_regs_set_tls(&th->regs, th->ipcbuf_va); /* user finds its IPC buffer */
	sched_ready(th);
	return 0;
}

static int sys_thread_set_ipcbuf(struct tcb *t)
{
	uint64_t va = reg(t, KABI_IPCBUF_VA);
	int err = 0;
	struct tcb *th = thread_arg(t, reg(t, KABI_THREAD), &err);
	if (err)
		return err;
	struct ipc_buffer *buf = user_page_rw(th->space, va);
	if (!buf)
		return KABI_E_BAD_ADDRESS;
	err = ipc_thread_set_buffer(&th->ipc, buf);
	if (err)
		return err;
	thread_set_ipcbuf(th, buf, va);
	arch_regs_set_tls(&th->regs, th->ipcbuf_va);
	return 0;
}

/* X6: the first KERNEL_CHUNK_WAITERS callers get PEER_GONE now, the rest in
 * the zombie steps. */
static struct ipc_ret sys_thread_exit(struct tcb *t)
{
	bool done = true;
	struct ipc_ret r = ipc_thread_destroy_some(&t->ipc, KERNEL_CHUNK_WAITERS, &done);
	sched_stop(t, TCB_DEAD);
	if (!done)
		thread_end_later(t, TCB_DEAD);
	return (struct ipc_ret){IPC_BLOCKED, r.next};
}

static int sys_thread_set_prio(struct tcb *t)
{
	uint64_t prio = reg(t, KABI_PRIO_PRIO);
	int err = 0;
	struct tcb *th = thread_arg(t, reg(t, KABI_THREAD), &err);
	if (err)
		return err;
	if (prio > ipc_thread_prio(&t->ipc))
		return IPC_E_BAD_ARG; /* never above the caller's own priority */
	if (th->state == TCB_STOPPED || th->state == TCB_DEAD)
		return IPC_E_THREAD_STATE;
	sched_set_prio(th, (uint8_t)prio);
	return 0;
}

/*
 * X3: take a thread off the CPU until SYS_THREAD_RESUME. A wait it is in
 * ends with CANCELLED (it leaves every queue and reply link; its peers see
 * S6), and that status is what it finds when it runs again. A thread in a
 * fault Call belongs to its fault handler and cannot be suspended.
 */
static struct ipc_ret sys_thread_suspend(struct tcb *t)
{
	int err = 0;
	struct tcb *th = thread_arg(t, reg(t, KABI_THREAD), &err);
	if (err)
		return done(err);
	switch (th->state) {
	case TCB_RUNNING:
	case TCB_READY:
		sched_unready(th);
		th->state = TCB_SUSPENDED;
		sched_evict(th); /* running on another core: it leaves it now */
		return done(0);
	case TCB_SUSPENDED:
		return done(0);
	case TCB_BLOCKED: {
		if (th->faulting)
			return done(IPC_E_THREAD_STATE);
		th->suspend_pending = true; /* the runnable hook parks it */
		struct ipc_ret r = ipc_thread_cancel(&th->ipc, IPC_E_CANCELLED);
		kassert(r.err == 0);
		return (struct ipc_ret){0, r.next};
	}
	default:
		return done(IPC_E_THREAD_STATE);
	}
}

static int sys_thread_resume(struct tcb *t)
{
	int err = 0;
	struct tcb *th = cap_thread(&t->space->cs, reg(t, KABI_THREAD), IPC_W, &err);
	if (err)
		return err;
	if (th->state != TCB_SUSPENDED)
		return IPC_E_THREAD_STATE;
	sched_ready(th);
	return 0;
}

/*
 * Place a thread on a core (docs/kernel.md, "Cores: placement"): one that
 * is online (KABI_E_NO_CPU otherwise, nothing changed). A running thread,
 * or one whose FP/PMU state another core's registers hold, is moved by
 * that core at its next kernel exit (it is kicked), so no core reads
 * another's registers; until then it may still run there.
 */
static int sys_thread_set_cpu(struct tcb *t)
{
	uint64_t cpu = reg(t, KABI_CPU_CPU);
	int err = 0;
	struct tcb *th = thread_arg(t, reg(t, KABI_THREAD), &err);
	if (err)
		return err;
	/* Acquire: pairs with the core's release store at its check-in
	 * (main.c); the value is also ordered by the lock by now. */
	if (cpu >= KERNEL_MAX_CPUS || !__atomic_load_n(&cpu_blocks[cpu].cpu.online, __ATOMIC_ACQUIRE))
		return KABI_E_NO_CPU;
	if (th->state == TCB_STOPPED || th->state == TCB_DEAD)
		return IPC_E_THREAD_STATE;
	sched_move(th, (unsigned)cpu);
	return 0;
}

/*
 * The name the console prints before a thread's lines. Only through a real
 * W cap (not KABI_SELF) and only before the thread first runs: whoever
 * created the thread names it, and a running component cannot rename
 * itself to pass for another.
 */
static int sys_thread_set_name(struct tcb *t)
{
	uint64_t ptr = reg(t, KABI_NAME_PTR), len = reg(t, KABI_NAME_LEN);
	int err = 0;
	struct tcb *th = cap_thread(&t->space->cs, reg(t, KABI_THREAD), IPC_W, &err);
	if (err)
		return err;
	char buf[KABI_NAME_MAX];
	if (len == 0 || len > KABI_NAME_MAX)
		return IPC_E_BAD_ARG;
	if (copy_from_user(t->space, buf, ptr, len))
		return KABI_E_BAD_ADDRESS;
	if (!thread_name_ok(buf, len))
		return IPC_E_BAD_ARG;
	if (th->state != TCB_INACTIVE)
		return IPC_E_THREAD_STATE;
	memcpy(th->name, buf, len);
	th->name[len] = '\0';
	return 0;
}

/* ---- debugging ------------------------------------------------------------- */

/* Printed in lines "[name] ..." that cannot pass for the kernel's (console.c). */
static int sys_debug_puts(struct tcb *t)
{
	uint64_t ptr = reg(t, KABI_PUTS_PTR), len = reg(t, KABI_PUTS_LEN);
	char buf[KABI_PUTS_MAX];
	if (len > KABI_PUTS_MAX)
		return IPC_E_BAD_ARG;
	if (copy_from_user(t->space, buf, ptr, len))
		return KABI_E_BAD_ADDRESS;
	return console_user_write(t, t->name, buf, len);
}

/* Needs the authority over the whole system: a W cap to the root untyped
 * (a component's own untyped, split from it, is not enough). */
static int sys_debug_halt(struct tcb *t)
{
	int status = (int)reg(t, KABI_HALT_STATUS), err = 0;
	struct untyped *u = cap_untyped(&t->space->cs, reg(t, KABI_HALT_UNTYPED), IPC_W, &err);
	if (err)
		return err;
	if (u->parent)
		return IPC_E_NO_RIGHTS;
	kprintf("kernel: halt requested by thread %u (%s), status %d\n", t->id, t->name, status);
	if (!kernel_check() && status == 0)
		status = KERNEL_HALT_BROKEN; /* the runner also fails on the line it printed */
	console_flush();
	arch_halt(status);
}

/* ---- dispatch ---------------------------------------------------------------- */

/* One handler per call: libipc operations, which may block or name the
 * thread to run next, return struct ipc_ret; the rest a status. */
struct syscall {
	struct ipc_ret (*ipc)(struct tcb *t);
	int (*op)(struct tcb *t);
};

static const struct syscall calls[SYS_COUNT] = {
    [SYS_SEND] = {.ipc = sys_send},
    [SYS_NBSEND] = {.ipc = sys_nbsend},
    [SYS_CALL] = {.ipc = sys_call},
    [SYS_RECV] = {.ipc = sys_recv},
    [SYS_NBRECV] = {.ipc = sys_nbrecv},
    [SYS_REPLY] = {.ipc = sys_reply},
    [SYS_REPLY_RECV] = {.ipc = sys_reply_recv},
    [SYS_NBSEND_RECV] = {.ipc = sys_nbsend_recv},
    [SYS_SIGNAL] = {.ipc = sys_signal},
    [SYS_WAIT] = {.ipc = sys_wait},
    [SYS_POLL] = {.ipc = sys_poll},
    [SYS_YIELD] = {.op = sys_yield},
    [SYS_CAP_COPY] = {.op = sys_cap_copy},
    [SYS_CAP_MINT] = {.op = sys_cap_mint},
    [SYS_CAP_MOVE] = {.op = sys_cap_move},
    [SYS_CAP_DELETE] = {.ipc = sys_cap_delete},
    [SYS_CAP_REVOKE] = {.ipc = sys_cap_revoke},
    [SYS_CAP_CANCEL_BADGED_SENDS] = {.ipc = sys_cap_cancel_badged_sends},
    [SYS_NTFN_BIND] = {.ipc = sys_ntfn_bind},
    [SYS_NTFN_UNBIND] = {.op = sys_ntfn_unbind},
    [SYS_RETYPE] = {.op = sys_retype},
    [SYS_SPACE_MAP] = {.op = sys_space_map},
    [SYS_SPACE_SHARE] = {.op = sys_space_share},
    [SYS_SPACE_WRITE] = {.op = sys_space_write},
    [SYS_CAP_INSTALL] = {.op = sys_cap_install},
    [SYS_THREAD_CONFIGURE] = {.op = sys_thread_configure},
    [SYS_THREAD_START] = {.op = sys_thread_start},
    [SYS_THREAD_SET_IPCBUF] = {.op = sys_thread_set_ipcbuf},
    [SYS_THREAD_EXIT] = {.ipc = sys_thread_exit},
    [SYS_DEBUG_PUTS] = {.op = sys_debug_puts},
    [SYS_DEBUG_HALT] = {.op = sys_debug_halt},
    [SYS_THREAD_SET_PRIO] = {.op = sys_thread_set_prio},
    [SYS_THREAD_SUSPEND] = {.ipc = sys_thread_suspend},
    [SYS_THREAD_RESUME] = {.op = sys_thread_resume},
    [SYS_THREAD_SET_NAME] = {.op = sys_thread_set_name},
    [SYS_SPACE_UNMAP] = {.op = sys_space_unmap},
    [SYS_UNTYPED_INFO] = {.op = sys_untyped_info},
    [SYS_THREAD_SET_CPU] = {.op = sys_thread_set_cpu},
};

/* A number without a handler is an unknown call, a fault (F1) like a number
 * past SYS_COUNT, never an error status. */
void syscall_dispatch(struct tcb *t)
{
	if (t->teardown_wait) { /* the same svc again: wait_for_teardown() */
		teardown_continue(t);
		return;
	}
	uint64_t no = reg(t, KABI_REG_SYSNO);
	const struct syscall *c = no < SYS_COUNT ? &calls[no] : NULL;
	if (!c || (!c->ipc && !c->op)) {
		fault_raise(t, KABI_FAULT_UNKNOWN_SYSCALL, no, no, arch_regs_pc(&t->regs));
		return;
	}
	t->sysno = (unsigned)no;
	if (c->op) { /* no result but the status, no hand-off */
		int status = c->op(t);
		if (status != SYSCALL_RESTART)
			arch_sys_set(&t->regs, KABI_RET_STATUS, (uint64_t)(int64_t)status);
		return;
	}
	struct ipc_ret r = c->ipc(t);
	sched_hint(r);
	if (r.err != IPC_BLOCKED && r.err != SYSCALL_RESTART)
		syscall_complete(t, r.err);
}
