/*
 * System calls: decode the caller's registers (ABI in <uapi/kabi.h>),
 * validate every argument, and call libipc or the object/memory layer.
 * Nothing here trusts a user value: slots are range-checked by libipc or by
 * the typed cap lookups, pointers go through vm.c, numbers are bounded. A
 * bad argument is a negative status in result slot 0, never a kernel fault.
 *
 * An operation that blocks returns IPC_BLOCKED from libipc; its result is
 * written later by syscall_complete(), from the runnable hook, when libipc
 * has finished it. Concurrency: one CPU, interrupts masked.
 */
#include <kernel/fastpath.h>
#include <kernel/object.h>

_Static_assert(sizeof(struct ipc_buffer) <= KABI_RECV_INFO_OFFSET, "ipc buffer layout");
_Static_assert(KABI_RECV_INFO_OFFSET + sizeof(struct ipc_recv_info) <= KABI_PAGE_SIZE,
               "recv info fits the ipc buffer page");

static uint64_t arg(struct tcb *t, unsigned i)
{
	return arch_sys_get(&t->regs, i);
}

static void set(struct tcb *t, unsigned i, uint64_t v)
{
	arch_sys_set(&t->regs, i, v);
}

/* A 64-bit register as a slot number: out-of-range values stay invalid. */
static uint32_t slot_arg(uint64_t v)
{
	return v > UINT32_MAX ? UINT32_MAX - 1 : (uint32_t)v;
}

static uint64_t deadline_arg(uint64_t us)
{
	if (us == 0)
		return IPC_DEADLINE_NONE;
	uint64_t d = time_now() + time_us_to_counter(us);
	return d == IPC_DEADLINE_NONE ? 1 : d;
}

/* Read msginfo from ABI slot 1 and the register words into the IPC buffer. */
static struct ipc_msginfo load_msg(struct tcb *t)
{
	uint64_t enc = arg(t, 1);
	struct ipc_msginfo mi = {
	    .label = KABI_MI_LABEL(enc),
	    .length = (uint32_t)KABI_MI_LEN(enc),
	    .ncaps = (uint32_t)KABI_MI_NCAPS(enc),
	};
	for (unsigned i = 0; i < IPC_MSG_REG_WORDS && i < mi.length; i++)
		t->ipcbuf->words[i] = arg(t, 2 + i);
	return mi;
}

void syscall_complete(struct tcb *t, int status)
{
	set(t, 0, (uint64_t)(int64_t)status);
	if (status == IPC_OK && syscall_receives(t->sysno))
		syscall_recv_result(t, ipc_thread_recv_info(&t->ipc));
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

static struct ipc_ret done(int err);

/* Binding may wake the thread at once if a signal is already pending (N4). */
static struct ipc_ret sys_ntfn_bind(struct tcb *t)
{
	int err = 0;
	struct ipc_ntfn *n = cap_ntfn(&t->space->cs, arg(t, 0), IPC_R, &err);
	struct tcb *th = thread_arg(t, arg(t, 1), &err);
	return err ? done(err) : ipc_ntfn_bind(n, &th->ipc);
}

static int sys_ntfn_unbind(struct tcb *t)
{
	int err = 0;
	struct tcb *th = thread_arg(t, arg(t, 0), &err);
	if (!err)
		ipc_ntfn_unbind(&th->ipc);
	return err;
}

static int sys_retype(struct tcb *t)
{
	int err = 0;
	struct untyped *u = cap_untyped(&t->space->cs, arg(t, 0), IPC_W, &err);
	if (err)
		return err;
	if (arg(t, 1) > KABI_RETYPE_TYPE_MAX || arg(t, 2) > UINT32_MAX)
		return IPC_E_BAD_ARG;
	return object_retype(u, (unsigned)arg(t, 1), &t->space->cs, (uint32_t)arg(t, 2));
}

static int sys_space_map(struct tcb *t)
{
	int err = 0;
	struct space *s = cap_space(&t->space->cs, arg(t, 0), IPC_W, &err);
	struct untyped *u = cap_untyped(&t->space->cs, arg(t, 4), IPC_W, &err);
	if (err)
		return err;
	if (arg(t, 3) > KPERM_ALL)
		return IPC_E_BAD_ARG;
	return space_map_new(s, arg(t, 1), arg(t, 2), (unsigned)arg(t, 3), u);
}

static int sys_space_share(struct tcb *t)
{
	int err = 0;
	struct space *d = cap_space(&t->space->cs, arg(t, 0), IPC_W, &err);
	struct space *s = cap_space(&t->space->cs, arg(t, 2), IPC_R, &err);
	struct untyped *u = cap_untyped(&t->space->cs, arg(t, 6), IPC_W, &err); /* the caller pays */
	if (err)
		return err;
	if (arg(t, 5) > KPERM_ALL)
		return IPC_E_BAD_ARG;
	/* R on the source lets the holder read its pages, not write them. */
	if ((arg(t, 5) & KPERM_W) && !(ipc_cap_rights(&t->space->cs, (uint32_t)arg(t, 2)) & IPC_W))
		return IPC_E_NO_RIGHTS;
	return space_share(d, arg(t, 1), s, arg(t, 3), arg(t, 4), (unsigned)arg(t, 5), u);
}

static int sys_space_write(struct tcb *t)
{
	int err = 0;
	struct space *s = cap_space(&t->space->cs, arg(t, 0), IPC_W, &err);
	uintptr_t dva = arg(t, 1), src = arg(t, 2);
	size_t len = arg(t, 3);
	if (err)
		return err;
	if (len > KABI_WRITE_MAX)
		return IPC_E_BAD_ARG;
	/* Validate both ranges completely, so a failure writes nothing. */
	if (!user_range_mapped(t->space, src, len, KPERM_R) || !space_loadable(s, dva, len))
		return KABI_E_BAD_ADDRESS;
	char bounce[512];
	for (size_t off = 0; off < len; off += sizeof bounce) {
		size_t n = len - off < sizeof bounce ? len - off : sizeof bounce;
		int e = copy_from_user(t->space, bounce, src + off, n);
		e |= space_load(s, dva + off, bounce, n);
		kassert(e == 0); /* checked above; mappings never go away */
	}
	return 0;
}

static int sys_cap_install(struct tcb *t)
{
	int err = 0;
	struct space *s = cap_space(&t->space->cs, arg(t, 0), IPC_W, &err);
	if (err)
		return err;
	if (arg(t, 3) > UINT32_MAX)
		return IPC_E_BAD_ARG;
	return ipc_cap_mint(&t->space->cs, slot_arg(arg(t, 2)), &s->cs, slot_arg(arg(t, 1)),
	                    (uint32_t)arg(t, 3), arg(t, 4));
}

static int sys_thread_configure(struct tcb *t)
{
	int err = 0;
	struct tcb *th = cap_thread(&t->space->cs, arg(t, 0), IPC_W, &err);
	struct space *s = cap_space(&t->space->cs, arg(t, 1), IPC_W, &err);
	uint64_t prio = arg(t, 3);
	uint32_t fault_slot = slot_arg(arg(t, 4));
	if (err)
		return err;
	if (th->configured || th->state != TCB_INACTIVE)
		return IPC_E_THREAD_STATE; /* its libipc half may be bound or queued */
	if (prio > ipc_thread_prio(&t->ipc))
		return IPC_E_BAD_ARG; /* never more than the caller's own priority */
	if (fault_slot != IPC_SLOT_NONE && fault_slot >= s->cs.nslots)
		return IPC_E_BAD_SLOT;
	struct ipc_buffer *buf = user_page_rw(s, arg(t, 2));
	if (!buf)
		return KABI_E_BAD_ADDRESS;
	ipc_thread_init(&th->ipc, &s->cs, buf, (uint8_t)prio);
	th->space = s;
	th->ipcbuf = buf;
	th->ipcbuf_va = arg(t, 2);
	th->fault_slot = fault_slot;
	th->configured = true;
	return 0;
}

static int sys_thread_start(struct tcb *t)
{
	int err = 0;
	struct tcb *th = cap_thread(&t->space->cs, arg(t, 0), IPC_W, &err);
	if (err)
		return err;
	if (!th->configured || th->state != TCB_INACTIVE)
		return IPC_E_THREAD_STATE;
	arch_regs_init(&th->regs, arg(t, 1), arg(t, 2), arg(t, 3));
	arch_regs_set_tls(&th->regs, th->ipcbuf_va); /* user finds its IPC buffer */
	sched_ready(th);
	return 0;
}

static int sys_thread_set_ipcbuf(struct tcb *t)
{
	int err = 0;
	struct tcb *th = thread_arg(t, arg(t, 0), &err);
	if (err)
		return err;
	struct ipc_buffer *buf = user_page_rw(th->space, arg(t, 1));
	if (!buf)
		return KABI_E_BAD_ADDRESS;
	err = ipc_thread_set_buffer(&th->ipc, buf);
	if (err)
		return err;
	th->ipcbuf = buf;
	th->ipcbuf_va = arg(t, 1);
	arch_regs_set_tls(&th->regs, th->ipcbuf_va);
	return 0;
}

static struct ipc_ret done(int err)
{
	return (struct ipc_ret){err, NULL};
}

static int sys_thread_set_prio(struct tcb *t)
{
	int err = 0;
	struct tcb *th = thread_arg(t, arg(t, 0), &err);
	if (err)
		return err;
	if (arg(t, 1) > ipc_thread_prio(&t->ipc))
		return IPC_E_BAD_ARG; /* never above the caller's own priority */
	if (th->state == TCB_STOPPED || th->state == TCB_DEAD)
		return IPC_E_THREAD_STATE;
	sched_set_prio(th, (uint8_t)arg(t, 1));
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
	struct tcb *th = thread_arg(t, arg(t, 0), &err);
	if (err)
		return done(err);
	switch (th->state) {
	case TCB_RUNNING:
	case TCB_READY:
		sched_unready(th);
		th->state = TCB_SUSPENDED;
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
	struct tcb *th = cap_thread(&t->space->cs, arg(t, 0), IPC_W, &err);
	if (err)
		return err;
	if (th->state != TCB_SUSPENDED)
		return IPC_E_THREAD_STATE;
	sched_ready(th);
	return 0;
}

/* Printed in lines "[name] ..." that cannot pass for the kernel's (console.c). */
static int sys_debug_puts(struct tcb *t)
{
	char buf[KABI_PUTS_MAX];
	size_t len = arg(t, 1);
	if (len > KABI_PUTS_MAX)
		return IPC_E_BAD_ARG;
	if (copy_from_user(t->space, buf, arg(t, 0), len))
		return KABI_E_BAD_ADDRESS;
	return console_user_write(t, t->name, buf, len);
}

/*
 * The name the console prints before a thread's lines. Only through a real
 * W cap (not KABI_SELF) and only before the thread first runs: whoever
 * created the thread names it, and a running component cannot rename
 * itself to pass for another.
 */
static int sys_thread_set_name(struct tcb *t)
{
	int err = 0;
	struct tcb *th = cap_thread(&t->space->cs, arg(t, 0), IPC_W, &err);
	if (err)
		return err;
	size_t len = arg(t, 2);
	char buf[KABI_NAME_MAX];
	if (len == 0 || len > KABI_NAME_MAX)
		return IPC_E_BAD_ARG;
	if (copy_from_user(t->space, buf, arg(t, 1), len))
		return KABI_E_BAD_ADDRESS;
	if (!thread_name_ok(buf, len))
		return IPC_E_BAD_ARG;
	if (th->state != TCB_INACTIVE)
		return IPC_E_THREAD_STATE;
	memcpy(th->name, buf, len);
	th->name[len] = '\0';
	return 0;
}

static struct ipc_ret dispatch(struct tcb *t, unsigned no)
{
	struct ipc_thread *it = &t->ipc;
	struct ipc_cspace *cs = &t->space->cs;
	uint32_t a0 = slot_arg(arg(t, 0));
	uint32_t a6 = slot_arg(arg(t, 6));

	switch (no) {
	case SYS_SEND:
		return ipc_send(it, a0, load_msg(t), deadline_arg(arg(t, 7)));
	case SYS_NBSEND:
		return ipc_nbsend(it, a0, load_msg(t));
	case SYS_CALL:
		return ipc_call(it, a0, load_msg(t), deadline_arg(arg(t, 7)));
	case SYS_RECV:
		return ipc_recv(it, a0, a6, deadline_arg(arg(t, 7)));
	case SYS_NBRECV:
		return ipc_nbrecv(it, a0, a6);
	case SYS_REPLY:
		return ipc_reply(it, a0, load_msg(t));
	case SYS_REPLY_RECV:
		return ipc_reply_recv(it, a0, a6, load_msg(t), deadline_arg(arg(t, 7)));
	case SYS_NBSEND_RECV:
		return ipc_nbsend_recv(it, a0, load_msg(t), (uint32_t)arg(t, 6), (uint32_t)(arg(t, 6) >> 32),
		                       deadline_arg(arg(t, 7)));
	case SYS_SIGNAL:
		return ipc_signal(it, a0);
	case SYS_WAIT:
		return ipc_wait(it, a0, deadline_arg(arg(t, 7)));
	case SYS_POLL:
		return ipc_poll(it, a0);
	case SYS_YIELD:
		sched_yield();
		return done(0);
	case SYS_CAP_COPY:
		return done(ipc_cap_copy(cs, a0, cs, slot_arg(arg(t, 1))));
	case SYS_CAP_MINT:
		if (arg(t, 2) > UINT32_MAX)
			return done(IPC_E_BAD_ARG);
		return done(ipc_cap_mint(cs, a0, cs, slot_arg(arg(t, 1)), (uint32_t)arg(t, 2), arg(t, 3)));
	case SYS_CAP_MOVE:
		return done(ipc_cap_move(cs, a0, cs, slot_arg(arg(t, 1))));
	case SYS_CAP_DELETE:
		return ipc_cap_delete(cs, a0);
	case SYS_CAP_REVOKE:
		return ipc_cap_revoke(cs, a0);
	case SYS_CAP_CANCEL_BADGED_SENDS:
		return ipc_cap_cancel_badged_sends(cs, a0);
	case SYS_NTFN_BIND:
		return sys_ntfn_bind(t);
	case SYS_NTFN_UNBIND:
		return done(sys_ntfn_unbind(t));
	case SYS_RETYPE:
		return done(sys_retype(t));
	case SYS_SPACE_MAP:
		return done(sys_space_map(t));
	case SYS_SPACE_SHARE:
		return done(sys_space_share(t));
	case SYS_SPACE_WRITE:
		return done(sys_space_write(t));
	case SYS_CAP_INSTALL:
		return done(sys_cap_install(t));
	case SYS_THREAD_CONFIGURE:
		return done(sys_thread_configure(t));
	case SYS_THREAD_START:
		return done(sys_thread_start(t));
	case SYS_THREAD_SET_IPCBUF:
		return done(sys_thread_set_ipcbuf(t));
	case SYS_THREAD_EXIT: {
		struct ipc_ret r = ipc_thread_destroy(it);
		sched_stop(t, TCB_DEAD);
		return (struct ipc_ret){IPC_BLOCKED, r.next};
	}
	case SYS_THREAD_SET_PRIO:
		return done(sys_thread_set_prio(t));
	case SYS_THREAD_SUSPEND:
		return sys_thread_suspend(t);
	case SYS_THREAD_RESUME:
		return done(sys_thread_resume(t));
	case SYS_DEBUG_PUTS:
		return done(sys_debug_puts(t));
	case SYS_THREAD_SET_NAME:
		return done(sys_thread_set_name(t));
	case SYS_DEBUG_HALT: {
		int err = 0;
		(void)cap_untyped(cs, arg(t, 1), IPC_W, &err); /* authority over the system */
		if (err)
			return done(err);
		kprintf("kernel: halt requested by thread %u (%s), status %d\n", t->id, t->name,
		        (int)arg(t, 0));
		console_flush();
		arch_halt((int)arg(t, 0));
	}
	default:
		return done(IPC_E_BAD_ARG); /* not reached: filtered below */
	}
}

void syscall_dispatch(struct tcb *t)
{
	uint64_t no = arg(t, KABI_REG_SYSNO);
	if (no >= SYS_COUNT) {
		fault_raise(t, KABI_FAULT_UNKNOWN_SYSCALL, no, no, arch_regs_pc(&t->regs));
		return;
	}
	t->sysno = (unsigned)no;
	struct ipc_ret r = dispatch(t, (unsigned)no);
	sched_hint(r);
	if (r.err != IPC_BLOCKED)
		syscall_complete(t, r.err);
}
