/*
 * The IPC fast path: Call and ReplyRecv in the common case, entered
 * straight from the exception vector (vectors.S) before any decoding,
 * seL4's fastpath_call / fastpath_reply_recv. libipc decides and commits
 * (<ipc/fastpath.h>: lookup, eligibility, dequeue, reply link, receive
 * info); this file supplies what only the kernel knows: the registers, the
 * thread states and timeout list the libipc hooks would have updated, the
 * scheduler's consent to run the woken thread at once, and the switch.
 *
 * Everything is checked before anything changes: a check that fails has
 * changed nothing, and the slow path then runs the same system call with
 * identical semantics (docs/kernel.md, "Fast path", says what is
 * declined). Nothing here trusts a user value beyond what the libipc checks
 * validate. Registers: the caller's x0..x7 arrive as the entry points'
 * arguments, straight from the vector and not yet saved: declined() saves
 * them for the slow path, which it enters itself (arch_el0_sync()), as
 * fastpath_slow() does for every other entry from EL0; the thread that
 * runs next gets x0..x7 written as syscall_complete() would; all its
 * other registers are its own, restored from its TCB by
 * arch_return_to_user().
 * Registers of this file (kernel/meson.build): x20..x24 are compiled as
 * scratch (-fcall-used). That is sound because the entry points are only
 * branched to from the vector and never return, so no caller expects them
 * kept; the functions they call out of line are compiled as usual and
 * keep x19..x28.
 * Concurrency: interrupts masked, the kernel lock held (the vector takes it
 * before any of this runs); `cur` is this core's (this_cpu()). A woken
 * thread of another core is declined: the slow path queues it there and
 * kicks that core.
 */
#include <ipc/fastpath.h>
#include <kernel/fastpath.h>

/* Long messages too: words past the registers are copied buffer to buffer,
 * as the slow path does. */
#define FAST_MAX_WORDS IPC_MSG_MAX_WORDS

#define ALWAYS_INLINE inline __attribute__((always_inline))

/* The entry points' arguments (FASTPATH_ARGS) as an array indexed by the
 * KABI_ARG_* slots; every index is a constant, so it stays in registers. */
#define FASTPATH_ARRAY ((const uint64_t[KABI_NREGS]){x0, x1, x2, x3, x4, x5, x6, x7})

/* The message info `enc` for the libipc checks. `caps`: the path that
 * takes caps (a Call's, fastpath_call_caps()). Every other path reads the
 * length over the caps field too, which sits just above it: a message
 * with caps then fails the length test (at most IPC_MSG_MAX_WORDS), so
 * the one compare declines it, and where it passes the length is exact. */
_Static_assert(KABI_MI_LEN_MASK + 1 == KABI_UL(1) << KABI_MI_CAPS_SHIFT &&
                   IPC_MSG_MAX_WORDS <= KABI_MI_LEN_MASK,
               "the caps field sits just above the length's, which holds every length");
static ALWAYS_INLINE struct ipc_msginfo msg_of(uint64_t enc, bool caps)
{
	const uint64_t len_caps = KABI_MI_LEN_MASK | (KABI_MI_CAPS_MASK << KABI_MI_CAPS_SHIFT);
	struct ipc_msginfo mi = {KABI_MI_LABEL(enc), (uint32_t)(enc & (caps ? KABI_MI_LEN_MASK : len_caps)),
	                         caps ? (uint32_t)KABI_MI_NCAPS(enc) : 0};
	return mi;
}

/* Can the woken thread `w` take its result and run now, as the slow path's
 * runnable hook and kernel_exit() would make it? */
static ALWAYS_INLINE bool can_run(const struct cpu *c, const struct tcb *cur, const struct tcb *w)
{
	/* Suspended, in a fault Call, about to be reaped, with a deadline
	 * to take off the deadline heap, or another core's (it runs there,
	 * after a kick: sched_ready()): the slow path's. One compare of the
	 * word with this core's (tcb.unusual, TCB_HOME). The compare also
	 * fails while this core's `home` carries TCB_HOME_STOPPED: the caller
	 * was stopped from another core while it ran here, and the slow path
	 * drops its call (trap_syscall()). `w` takes a receive's result, as
	 * syscall_complete() gives it: it waits to receive or for a reply,
	 * which only a call that receives does, or a fault Call, which
	 * libipc's check declines (the invariant check at halt tests it:
	 * thread_check()). */
	if (w->unusual != c->home)
		return false;
	return sched_can_handoff(c, cur, w); /* at once when w is not below cur */
}

/* Send and Signal: cur stays runnable; `w` runs first only if it outranks
 * cur, and then cur is preempted (kernel_exit() puts it first among its
 * equals: its timeslice is never used up at a system call,
 * sched_run_blocked()). */
static ALWAYS_INLINE bool can_preempt(const struct cpu *c, const struct tcb *cur, const struct tcb *w)
{
	/* As can_run(), except that a deadline is allowed (deliver() takes w
	 * off the heap): the same word, that flag masked out. */
	if (((w->unusual ^ c->home) & ~TCB_UNUSUAL_TIMEOUT) != 0)
		return false;
	return ipc_thread_prio(&w->ipc) > ipc_thread_prio(&cur->ipc);
}

/* Four words, stored in address order (so that they pair); from `w`. */
static ALWAYS_INLINE void put4(uint64_t *d, const uint64_t *w)
{
	d[0] = w[0];
	d[1] = w[1];
	d[2] = w[2];
	d[3] = w[3];
}

/*
 * The message's n words: the register words from the sender's argument
 * registers `a` into both IPC buffers (and v[], 0 past n, for the receiver's registers),
 * the rest buffer to buffer.
 */
static ALWAYS_INLINE void copy_words(const uint64_t *a, const struct tcb *s, const struct tcb *w, uint32_t n,
                                     uint64_t v[KABI_REG_WORDS])
{
	_Static_assert(KABI_REG_WORDS == 4, "four register words");
	v[0] = v[1] = v[2] = v[3] = 0;
	if (IPC_FAST_LIKELY(n == 0))
		return; /* the buffers only from here: no loads for none */
	uint64_t *sw = s->ipcbuf->words, *ww = w->ipcbuf->words;
	if (n >= KABI_REG_WORDS) {
		/* All four: each buffer's stores in address order (they
		 * pair), the buffers one after the other. */
		put4(sw, a + KABI_ARG_WORD0);
		put4(ww, a + KABI_ARG_WORD0);
		put4(v, a + KABI_ARG_WORD0);
		for (unsigned i = KABI_REG_WORDS; i < n; i++)
			ww[i] = sw[i];
	} else {
		v[0] = sw[0] = ww[0] = a[KABI_ARG_WORD0 + 0];
		if (n > 1) {
			v[1] = sw[1] = ww[1] = a[KABI_ARG_WORD0 + 1];
			if (n > 2)
				v[2] = sw[2] = ww[2] = a[KABI_ARG_WORD0 + 2];
		}
	}
}

/*
 * The message's words and the receive's result, what the slow path writes
 * (load_msg(), libipc's copy, syscall_complete()): the register words go
 * into the sender's buffer, the receiver's buffer and registers; longer
 * messages are copied buffer to buffer; x0..x7, and for a Call with caps
 * the receive info in the IPC buffer page. Then the runnable hook's work for `w` (woken with OK).
 */
static ALWAYS_INLINE void deliver(struct tcb *w, const uint64_t *a, struct ipc_msginfo mi, uint32_t ncaps)
{
	struct arch_regs *wr = &w->regs;
	const struct ipc_recv_info *info = ipc_thread_recv_info(&w->ipc);
	struct tcb *cur = this_cpu()->cur;
	uint32_t n = mi.length;

	uint64_t v[KABI_REG_WORDS];
	copy_words(a, cur, w, n, v);
	arch_sys_set(wr, KABI_RET_WORD0 + 0, v[0]);
	arch_sys_set(wr, KABI_RET_WORD0 + 1, v[1]);
	arch_sys_set(wr, KABI_RET_WORD0 + 2, v[2]);
	arch_sys_set(wr, KABI_RET_WORD0 + 3, v[3]);
	arch_sys_set(wr, KABI_RET_STATUS, IPC_OK);
	arch_sys_set(wr, KABI_RET_MSGINFO, KABI_MSGINFO(mi.label, ncaps, n));
	arch_sys_set(wr, KABI_RET_BADGE, info->badge);
	arch_sys_set(wr, KABI_RET_KIND, info->kind);
	/* Without caps the registers carry the whole receive info, and the
	 * copy in the IPC buffer page is left as it was (docs/kernel.md). */
	if (ncaps != 0) {
		__builtin_memcpy((char *)w->ipcbuf + KABI_RECV_INFO_OFFSET, info, sizeof(*info));
		kernel_ref_epoch++; /* caps received: untyped_revoke_begin() */
	}
	if (w->on_timeout_list)
		timeout_remove(w);
}

/* What deliver() does for a Call or ReplyRecv, with the results kept in
 * the registers `w` leaves with (arch_return_to_user_result(): `w` runs
 * at once, so they need not go through its saved x0..x7). `badge` and
 * `kind` are what the commit wrote into w's receive info, passed rather
 * than read back past the stores. Then the blocked
 * hook's work for cur (no deadline: nothing more), and `w` runs. */
static ALWAYS_INLINE _Noreturn void finish(struct cpu *c, struct tcb *cur, struct tcb *w, const uint64_t *a,
                                           uint64_t enc, struct ipc_msginfo mi, uint32_t ncaps,
                                           uint64_t badge, uint32_t kind, unsigned sysno)
{
	const struct ipc_recv_info *info = ipc_thread_recv_info(&w->ipc);
	uint32_t n = mi.length;

	_Static_assert(KABI_RET_STATUS == 0 && KABI_RET_MSGINFO == 1 && KABI_RET_WORD0 == 2 &&
	                   KABI_RET_BADGE == 6 && KABI_RET_KIND == 7,
	               "x0..x7 as <uapi/syscall.h> assigns them");
	uint64_t v[KABI_REG_WORDS];
	copy_words(a, cur, w, n, v);
	if (ncaps != 0) {
		__builtin_memcpy((char *)w->ipcbuf + KABI_RECV_INFO_OFFSET, info, sizeof(*info));
		kernel_ref_epoch++; /* caps received: untyped_revoke_begin() */
	}
	cur->state = TCB_BLOCKED;
	cur->sysno = sysno; /* beside `state`: one store for both */
	sched_run_blocked(w);
	sched_fast_switch_prepare(c, cur, w);
	/* KABI_MSGINFO(mi.label, ncaps, n): the sender's msginfo keeps its
	 * label and length fields, the rest is cleared (one mask). */
	const uint64_t keep = ~(((KABI_UL(1) << KABI_MI_LABEL_SHIFT) - 1) & ~KABI_MI_LEN_MASK);
	uint64_t out = (enc & keep) | ((uint64_t)ncaps << KABI_MI_CAPS_SHIFT);
	arch_return_to_user_result(&w->regs, IPC_OK, out, v[0], v[1], v[2], v[3], badge, kind);
}

/* Call, with or without caps (`caps`: a constant, so each entry point
 * compiles to its own straight line). */
static ALWAYS_INLINE void call(const uint64_t *a, bool caps)
{
	/* This core and its thread, read once and passed down: the compiler
	 * cannot know a store between two reads of c->cur leaves it alone. */
	struct cpu *c = this_cpu();
	struct tcb *t = c->cur;
	uint64_t enc = a[KABI_ARG_MSGINFO];
	struct ipc_msginfo mi = msg_of(enc, caps);
	uint64_t slot = a[KABI_ARG_SLOT];
	struct ipc_fast_call fc;

	/* A slot of 2^32 or more is past every cspace: the lookup misses. */
	if (caps ? !ipc_fast_call_caps_check(&t->ipc, slot, mi, FAST_MAX_WORDS, &fc)
	         : !ipc_fast_call_check(&t->ipc, slot, mi, FAST_MAX_WORDS, &fc))
		return;
	struct tcb *w = tcb_of(fc.receiver);
	if (!can_run(c, t, w))
		return;
	ipc_fast_call_commit(&t->ipc, &fc, mi, IPC_DEADLINE_NONE);
	if (caps)
		ipc_fast_caps_commit(&t->ipc, fc.receiver, fc.ep, mi, fc.grant);
	finish(c, t, w, a, enc, mi, caps ? mi.ncaps : 0, fc.badge, IPC_EV_CALL, SYS_CALL);
}

/* The entry point does not take the call here: x0..x7 into the caller's
 * saved registers (the vector leaves them to C for every entry from EL0),
 * where the slow path, or fastpath_call_caps(), reads them. */
static ALWAYS_INLINE struct arch_regs *save_args(const uint64_t *a)
{
	struct arch_regs *r = &this_cpu()->cur->regs;
	arch_sys_save_args(r, a);
	return r;
}

/* The entry point declines: the slow path, with x0..x7 saved. */
static ALWAYS_INLINE _Noreturn void declined(const uint64_t *a)
{
	arch_el0_sync_branch(save_args(a)); /* a call would make GCC keep x30 */
}

/* Every other synchronous exception from EL0 (the other calls, faults):
 * x0..x7 saved, then the slow path. Interrupts have a vector of their own
 * (el0_irq), which saves every register itself. */
_Noreturn void fastpath_slow(FASTPATH_ARGS)
{
	declined(FASTPATH_ARRAY);
}

/* A Call whose msginfo counts caps. Its arguments would have to live
 * across the two calls into libipc (the caps' check and commit), where no
 * register of this file survives: it reads the copy saved in the TCB.
 * Global because fastpath_call() enters it by name (ARCH_BRANCH). */
_Noreturn void fastpath_call_caps(void);
_Noreturn void fastpath_call_caps(void)
{
	struct arch_regs *r = &this_cpu()->cur->regs;
	call(arch_sys_args(r), true);
	arch_el0_sync(r);
}

/* A timeout puts the caller on the timer list: the slow path's job. A
 * message with caps fails call()'s length test (msg_of()) and goes to
 * fastpath_call_caps(). */
_Noreturn void fastpath_call(FASTPATH_ARGS)
{
	if (x7 == 0) /* KABI_ARG_TIMEOUT */
		call(FASTPATH_ARRAY, false);
	if (x7 == 0 && KABI_MI_NCAPS(x1) != 0) { /* KABI_ARG_MSGINFO */
		(void)save_args(FASTPATH_ARRAY);
		ARCH_BRANCH(fastpath_call_caps);
	}
	declined(FASTPATH_ARRAY);
}

static ALWAYS_INLINE void reply_recv(const uint64_t *a)
{
	struct cpu *c = this_cpu(); /* as in call() */
	struct tcb *t = c->cur;
	uint64_t enc = a[KABI_ARG_MSGINFO];
	struct ipc_msginfo mi = msg_of(enc, false);
	uint64_t slot = a[KABI_ARG_SLOT], reply_slot = a[KABI_ARG_SLOT2];
	struct ipc_fast_reply_recv f;

	if (!ipc_fast_reply_recv_check(&t->ipc, slot, reply_slot, mi, FAST_MAX_WORDS, &f))
		return;
	struct tcb *w = tcb_of(f.caller);
	if (!can_run(c, t, w))
		return;
	ipc_fast_reply_recv_commit(&t->ipc, &f, mi, IPC_DEADLINE_NONE);
	finish(c, t, w, a, enc, mi, 0, 0, IPC_EV_REPLY, SYS_REPLY_RECV);
}

/* A timeout is the slow path's (it arms it); so are caps (msg_of()). */
_Noreturn void fastpath_reply_recv(FASTPATH_ARGS)
{
	if (x7 == 0) /* KABI_ARG_TIMEOUT */
		reply_recv(FASTPATH_ARRAY);
	declined(FASTPATH_ARRAY);
}

/* Send to a waiting receiver that outranks the sender (the timeout plays
 * no part: the Send does not block). */
static ALWAYS_INLINE void send(const uint64_t *a)
{
	struct cpu *c = this_cpu(); /* as in call() */
	struct tcb *t = c->cur;
	struct ipc_msginfo mi = msg_of(a[KABI_ARG_MSGINFO], false);
	uint64_t slot = a[KABI_ARG_SLOT];
	struct ipc_fast_send fs;

	if (!ipc_fast_send_check(&t->ipc, slot, mi, FAST_MAX_WORDS, &fs))
		return;
	struct tcb *w = tcb_of(fs.receiver);
	if (!can_preempt(c, t, w))
		return;
	t->sysno = SYS_SEND;
	ipc_fast_send_commit(&t->ipc, &fs, mi);
	arch_sys_save_args(&t->regs, a); /* t runs on: x1..x7 are kept */
	arch_sys_set(&t->regs, KABI_RET_STATUS, IPC_OK);
	deliver(w, a, mi, 0);
	sched_preempt_handoff(w);
}

_Noreturn void fastpath_send(FASTPATH_ARGS)
{
	send(FASTPATH_ARRAY);
	declined(FASTPATH_ARRAY);
}

/* Signal a notification a thread that outranks the signaller waits on. */
static ALWAYS_INLINE void signal(const uint64_t *a)
{
	struct cpu *c = this_cpu(); /* as in call() */
	struct tcb *t = c->cur;
	uint64_t slot = a[KABI_ARG_SLOT];
	struct ipc_fast_signal fs;
	struct ipc_msginfo none = {0, 0, 0};

	if (!ipc_fast_signal_check(&t->ipc, slot, &fs))
		return;
	struct tcb *w = tcb_of(fs.waiter);
	if (!can_preempt(c, t, w))
		return;
	t->sysno = SYS_SIGNAL;
	ipc_fast_signal_commit(&fs);
	arch_sys_save_args(&t->regs, a); /* t runs on: x1..x7 are kept */
	arch_sys_set(&t->regs, KABI_RET_STATUS, IPC_OK);
	deliver(w, a, none, 0);
	sched_preempt_handoff(w);
}

_Noreturn void fastpath_signal(FASTPATH_ARGS)
{
	signal(FASTPATH_ARRAY);
	declined(FASTPATH_ARRAY);
}
