/*
 * The IPC fast path (fastpath.c, entered from vectors.S) and the pieces it
 * shares with the slow path: how a receive's result reaches the receiver's
 * registers and IPC buffer, and the scheduler's direct hand-off.
 * Concurrency: interrupts masked, the kernel lock held (the fast path runs
 * inside the same kernel entry as the slow path; docs/kernel.md, "Fast
 * path").
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <kernel/object.h>
#include <kernel/trace.h>

/* The system calls that receive (their result carries a message). */
#define SYSCALL_RECEIVES                                                                                     \
	((1ull << SYS_CALL) | (1ull << SYS_RECV) | (1ull << SYS_NBRECV) | (1ull << SYS_REPLY_RECV) |         \
	 (1ull << SYS_NBSEND_RECV) | (1ull << SYS_WAIT) | (1ull << SYS_POLL))

/* `sysno` is a thread's tcb.sysno: below SYS_COUNT (syscall_dispatch()
 * stores only those), so one shift of a 64-bit mask, with no range test. */
_Static_assert(SYS_COUNT <= 64, "syscall_receives() tests one 64-bit mask");
static inline bool syscall_receives(unsigned sysno)
{
	return ((SYSCALL_RECEIVES >> (sysno % 64)) & 1u) != 0;
}

/* A receive that succeeded: the KABI_RET_* slots (<uapi/syscall.h>: the
 * msginfo, the register words, 0 past the length, badge, kind) and, only
 * for a message with caps, the whole receive info in the IPC buffer page
 * (the registers carry all of a message without caps; the page keeps what
 * it held). KABI_RET_STATUS is the caller's to write. */
static inline void syscall_recv_result(struct tcb *t, const struct ipc_recv_info *info)
{
	struct arch_regs *r = &t->regs;
	const uint64_t *w = t->ipcbuf->words;

	arch_sys_set(r, KABI_RET_MSGINFO, KABI_MSGINFO(info->label, info->ncaps, info->length));
	arch_sys_set(r, KABI_RET_WORD0 + 0, info->length > 0 ? w[0] : 0);
	arch_sys_set(r, KABI_RET_WORD0 + 1, info->length > 1 ? w[1] : 0);
	arch_sys_set(r, KABI_RET_WORD0 + 2, info->length > 2 ? w[2] : 0);
	arch_sys_set(r, KABI_RET_WORD0 + 3, info->length > 3 ? w[3] : 0);
	arch_sys_set(r, KABI_RET_BADGE, info->badge);
	arch_sys_set(r, KABI_RET_KIND, info->kind);
	if (info->ncaps != 0) {
		*(struct ipc_recv_info *)(void *)((char *)t->ipcbuf + KABI_RECV_INFO_OFFSET) = *info;
		kernel_ref_epoch++; /* caps received: untyped_revoke_begin() */
	}
}
_Static_assert(KABI_REG_WORDS == 4, "syscall_recv_result() writes four words");

#define TIMESLICE_TICKS 5

/* sched.c: the thread that runs: its state and a fresh timeslice if it
 * used its own up. */

static inline void sched_run(struct tcb *t)
{
	t->state = TCB_RUNNING;
	if (t->timeslice == 0)
		t->timeslice = TIMESLICE_TICKS;
}

/*
 * The same for a thread woken from TCB_BLOCKED, which always has time left:
 * a timeslice runs out only at a tick, in an interrupt's kernel entry, and
 * kernel_exit() refills it before the thread returns to EL0 (choose());
 * a thread blocks only in a system call of its own, entered from EL0, so
 * with time left (the check at halt tests it: thread_check()). The same
 * reasoning makes a fast-path caller's timeslice never 0.
 */
static inline void sched_run_blocked(struct tcb *t)
{
	t->state = TCB_RUNNING;
}

/* Make `next` (already chosen and made running, its space with an ASID)
 * the thread about to leave the kernel through core `c` (this core's:
 * callers have it at hand): the one switch of kernel_exit() and the fast
 * path, inline in both. */
static inline __attribute__((always_inline)) void sched_switch_prepare(struct cpu *c, struct tcb *next)
{
	ktrace_switch(next); /* -Dtrace=true only */
	c->cur = next;
	arch_fpu_enter(&c->arch, &next->fpu);
	arch_pmu_enter(&c->arch, &next->pmu);
	if (c->active_space != next->space) {
		c->active_space = next->space;
		arch_vspace_enter(&next->space->vs);
	}
}

/* The fast path's switch from `cur`, which entered the kernel from EL0 on
 * this core and is still c->cur, to `next`, in another thread's place:
 * what sched_switch_prepare() does, with two facts it cannot assume. The
 * PMU selector holds cur's value (it ran at EL0 last: arch_pmu_switch()),
 * and `next` runs in another space nearly always (IPC between
 * components), so TTBR0 is written without comparing first, as seL4's
 * fast path does: the same value written again is harmless. */
static inline __attribute__((always_inline)) void sched_fast_switch_prepare(struct cpu *c, struct tcb *cur,
                                                                            struct tcb *next)
{
	ktrace_switch(next); /* -Dtrace=true only */
	c->cur = next;
	arch_fpu_enter(&c->arch, &next->fpu);
	arch_pmu_switch(&c->arch, &cur->pmu, &next->pmu);
	c->active_space = next->space;
	arch_vspace_enter(&next->space->vs);
}

/* Leave the kernel into `next`. */
static inline __attribute__((always_inline)) _Noreturn void sched_switch_to(struct cpu *c, struct tcb *next)
{
	sched_switch_prepare(c, next);
	arch_return_to_user(&next->regs);
}

/* The core's run-queue bitmap (struct cpu): bit p set while a thread of
 * priority p is ready (the thread held back as `woken` is not counted, and
 * there is none at kernel entry, where the fast path runs). */

/*
 * Would kernel_exit() run `next` (just woken, not on the run queue) once
 * cur (this core `c`'s) has blocked? choose() picks the hinted thread unless a ready thread
 * outranks it. While cur runs no ready thread outranks cur (choose() never
 * leaves it running otherwise), so only a `next` below cur needs a look at
 * the run queue. No thread is held back unlinked (`woken`) here: choose()
 * links or runs it before every return to user mode, and the fast path
 * runs at kernel entry, before anything is made ready.
 */
static inline __attribute__((always_inline)) bool
sched_can_handoff(const struct cpu *c, const struct tcb *cur, const struct tcb *next)
{
	unsigned p = ipc_thread_prio(&next->ipc), top = ipc_thread_prio(&cur->ipc);
	if (p >= top || c->rq_words == 0)
		return true;
	/* Is the highest ready priority (at most cur's) at most p? */
	unsigned w = 31 - (unsigned)__builtin_clz(c->rq_words);
	return w * 64 + 63 - (unsigned)__builtin_clzll(c->rq_bitmap[w]) <= p;
}
/* cur stays runnable but `next`, just woken, outranks it: cur goes first
 * among its equals (as kernel_exit() preempts it) and `next` runs. */
_Noreturn void sched_preempt_handoff(struct tcb *next);

/* fastpath.c, entered from the exception vector (a branch: none of them
 * returns) with the caller's argument registers x0..x7 still in place
 * (the KABI_ARG_* slots) and not yet saved: a Call or ReplyRecv taken
 * leaves them unsaved (its result overwrites them), anything declined
 * saves them and goes on to the slow path, arch_el0_sync(), as
 * fastpath_slow() does for every other entry from EL0. */
#define FASTPATH_ARGS                                                                                        \
	uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4, uint64_t x5, uint64_t x6, uint64_t x7
_Noreturn void fastpath_call(FASTPATH_ARGS);
_Noreturn void fastpath_reply_recv(FASTPATH_ARGS);
_Noreturn void fastpath_send(FASTPATH_ARGS);
_Noreturn void fastpath_signal(FASTPATH_ARGS);
_Noreturn void fastpath_slow(FASTPATH_ARGS);
_Static_assert(KABI_NREGS == 8 && KABI_ARG_TIMEOUT == 7 && KABI_ARG_MSGINFO == 1,
               "FASTPATH_ARGS: x0..x7, named x7 and x1 in fastpath.c");

#endif
