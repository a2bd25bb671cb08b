/*
 * The scheduler: strict priorities (0..255, higher runs first), FIFO within
 * a priority, round-robin by timer tick among equals, and preemption when a
 * higher-priority thread becomes ready. `cur` is the running thread; it is
 * never on the run queue while it runs (seL4 style), so "who runs next" is
 * decided once, in kernel_exit(), on the way out of every kernel entry.
 * libipc's hint (struct ipc_ret.next) is applied there: a thread libipc
 * handed off to (e.g. Call -> server) runs ahead of equal-priority threads.
 * The thread made ready last is held back from its queue (`woken`) until
 * something needs the queue in order: when it is also the one to run, as
 * after most IPC, it never enters the run queue at all (see rq_flush()).
 *
 * Also here: the libipc hooks for blocking and waking, and deadlines (per
 * core, a pairing heap of its blocked threads with a deadline, earliest at
 * the root; the core's one-shot timer alarm is kept at the root, so a
 * timeout ends when it is due rather than at the next tick; adding is
 * O(1), removing O(log n) amortised).
 *
 * Several cores (docs/kernel.md, "Cores: placement"): each thread has a
 * core (tcb.cpu) and runs only there; each core has its own run queue and
 * chooses for itself. Making a thread of another core ready links it into
 * that core's queue and, if it outranks what runs there, kicks that core
 * (PLATFORM_SGI_KICK), which then chooses again in its kernel_exit().
 *
 * Concurrency: everything here runs under the kernel lock, interrupts
 * masked everywhere except inside arch_idle(); an interrupt taken there
 * runs trap_irq() and returns into the idle loop, which then re-runs the
 * choice. A core's `cur`, `woken`, `hinted` and alarm are written only by
 * that core; its run queue, `moves`, deadline heap (`timeouts`) and
 * `rearm` by any core, under the lock. A
 * kick is sent with the lock held: the kicked core takes the lock before it
 * looks (lock_take's load-acquire reads our lock_give's store-release), so
 * it finds the queue as we left it, however early the SGI arrives.
 */
#include <kernel/fastpath.h>
#include <kernel/platform.h>
#include <kernel/trace.h>

/* Each core's stack and struct cpu (<kernel/cpu.h>): `cur`, the run queue,
 * hinted and woken, the alarm, the deadline heap of its threads and the
 * space TTBR0 holds are per core. */
struct cpu_block cpu_blocks[KERNEL_MAX_CPUS];
_Static_assert(SCHED_PRIOS == IPC_PRIO_LEVELS, "a run queue per libipc priority");
static uint64_t timeout_seq; /* blocking order, for equal deadlines (every core's) */

static unsigned prio_of(const struct tcb *t)
{
	return ipc_thread_prio(&t->ipc);
}

/* The core `t` runs on. */
static struct cpu *cpu_of(const struct tcb *t)
{
	return &cpu_blocks[t->cpu].cpu;
}

static void kick(const struct cpu *x)
{
	platform_kick(x->index); /* the other end: platform_irq(), then kernel_exit() there */
}

/* `t` was just linked into another core's queue (or changed there): kick
 * that core if t outranks what it runs, or it runs nothing. Equal or lower
 * priority waits for that core's own next choice (strict priority, FIFO
 * among equals: as on one core). */
static void kick_for(struct cpu *x, const struct tcb *t)
{
	const struct tcb *run = x->cur;
	if (!run || run->state != TCB_RUNNING || prio_of(t) > prio_of(run))
		kick(x);
}

static int top_prio(const struct cpu *c)
{
	if (c->rq_words == 0)
		return -1;
	int w = 31 - __builtin_clz(c->rq_words);
	return w * 64 + 63 - __builtin_clzll(c->rq_bitmap[w]);
}

/* Link t into its priority's queue: at the head (preempted) or the tail. */
static void rq_link(struct cpu *c, struct tcb *t, bool front)
{
	unsigned p = prio_of(t);
	if (front) {
		t->rq_prev = NULL;
		t->rq_next = c->rq_head[p];
		if (c->rq_head[p])
			c->rq_head[p]->rq_prev = t;
		else
			c->rq_tail[p] = t;
		c->rq_head[p] = t;
	} else {
		t->rq_next = NULL;
		t->rq_prev = c->rq_tail[p];
		if (c->rq_tail[p])
			c->rq_tail[p]->rq_next = t;
		else
			c->rq_head[p] = t;
		c->rq_tail[p] = t;
	}
	c->rq_bitmap[p / 64] |= 1ull << (p % 64);
	c->rq_words |= 1u << (p / 64);
}

/*
 * `woken` is ready (TCB_READY) but not linked: it is the last thread made
 * ready at its priority, so linking it at the tail later puts it exactly
 * where linking it at once would have. Anything that needs its priority's
 * queue in order (or the whole queue) links it first; choose() runs it
 * without ever linking it when it is the thread to run.
 */
static void rq_flush(struct cpu *c)
{
	if (c->woken) {
		rq_link(c, c->woken, false);
		c->woken = NULL;
	}
}

static void rq_insert(struct cpu *c, struct tcb *t, bool front)
{
	if (c->woken && prio_of(c->woken) == prio_of(t))
		rq_flush(c); /* it was made ready first: it stays ahead of t */
	t->state = TCB_READY;
	rq_link(c, t, front);
}

void sched_ready(struct tcb *t)
{
	struct cpu *c = this_cpu(), *x = cpu_of(t);
	if (t->state == TCB_READY || t->state == TCB_RUNNING)
		return;
	if (x != c) { /* another core's: its queue, never its `woken` (that core's own) */
		rq_insert(x, t, false);
		kick_for(x, t);
		return;
	}
	if (c->woken) {
		rq_insert(c, t, false);
		return;
	}
	t->state = TCB_READY;
	c->woken = t;
}

void sched_unready(struct tcb *t)
{
	struct cpu *c = cpu_of(t);
	if (t->state != TCB_READY)
		return;
	if (t == c->woken) {
		c->woken = NULL;
		t->state = TCB_INACTIVE;
		return;
	}
	unsigned p = prio_of(t);
	if (t->rq_prev)
		t->rq_prev->rq_next = t->rq_next;
	else
		c->rq_head[p] = t->rq_next;
	if (t->rq_next)
		t->rq_next->rq_prev = t->rq_prev;
	else
		c->rq_tail[p] = t->rq_prev;
	if (!c->rq_head[p]) {
		c->rq_bitmap[p / 64] &= ~(1ull << (p % 64));
		if (c->rq_bitmap[p / 64] == 0)
			c->rq_words &= ~(1u << (p / 64));
	}
	t->rq_next = t->rq_prev = NULL;
	t->state = TCB_INACTIVE; /* caller sets the real state */
}

/* t's lazily switched state can be live only on its own core (sched_move()
 * keeps it so): that core's FP/SIMD and PMU owners let go of it (pointers
 * only, never its registers). */
static void owners_forget(struct tcb *t)
{
	struct cpu *x = cpu_of(t);
	arch_fpu_forget(&x->arch, &t->fpu);
	arch_pmu_forget(&x->arch, &t->pmu);
}

void sched_stop(struct tcb *t, enum tcb_state why)
{
	owners_forget(t);
	sched_unready(t);
	timeout_remove(t);
	t->state = why;
	if (this_cpu()->hinted == t)
		this_cpu()->hinted = NULL;
	sched_evict(t); /* it runs elsewhere: that core leaves it */
}

void sched_set_prio(struct tcb *t, uint8_t prio)
{
	bool queued = t->state == TCB_READY;
	if (queued)
		sched_unready(t); /* the run queue is indexed by priority */
	ipc_thread_set_prio(&t->ipc, prio);
	if (queued)
		sched_ready(t); /* its own core's queue (kicked if it now outranks) */
	/* A running thread that lowered itself is preempted in choose(), on
	 * its core: kicked when that is another. */
	sched_kick_running(t);
}

bool sched_running_elsewhere(const struct tcb *t)
{
	const struct cpu *x = cpu_of(t);
	return x != this_cpu() && x->cur == t;
}

void sched_kick_running(const struct tcb *t)
{
	if (sched_running_elsewhere(t))
		kick(cpu_of(t));
}

/* The other end: that core's kernel_exit() clears TCB_HOME_STOPPED once it
 * has chosen (both under the lock). */
void sched_evict(const struct tcb *t)
{
	if (sched_running_elsewhere(t)) {
		cpu_of(t)->home |= TCB_HOME_STOPPED;
		kick(cpu_of(t));
	}
}

/* Only this core's threads: choose() runs the hinted thread here. */
void sched_hint(struct ipc_ret r)
{
	if (r.next && cpu_of(tcb_of(r.next)) == this_cpu())
		this_cpu()->hinted = tcb_of(r.next);
}

void sched_yield(void)
{
	this_cpu()->cur->timeslice = 0; /* kernel_exit() moves it behind its equals */
}

void sched_forget_space(const struct space *s)
{
	struct cpu *c = this_cpu();
	if (c->active_space == s) {
		arch_vspace_park();
		c->active_space = NULL;
	}
}

bool sched_space_elsewhere(const struct space *s)
{
	bool found = false;
	for (unsigned i = 0; i < KERNEL_MAX_CPUS; i++) {
		struct cpu *x = &cpu_blocks[i].cpu;
		if (x != this_cpu() && x->active_space == s) {
			kick(x); /* its thread there is stopped: it switches away */
			found = true;
		}
	}
	return found;
}

/* ---- moving threads between cores ---- */

/* Is any of t's user state in core x's registers (or x runs it)? */
static bool live_on(const struct cpu *x, const struct tcb *t)
{
	return x->cur == t || x->arch.fpu_owner == &t->fpu || x->arch.pmu_owner == &t->pmu;
}

/* Move t now: its state is live on no core but (perhaps) this one, which
 * saves it here (its own registers, never another core's). A ready thread
 * changes queues; this core's running thread (a move of itself) is sent
 * on by choose(); any other thread just has its core changed. */
static void move_now(struct tcb *t, unsigned to)
{
	struct cpu *c = this_cpu();
	if (cpu_of(t) == c) {
		arch_fpu_flush(&t->fpu);
		arch_pmu_flush(&t->pmu);
	}
	if (c->hinted == t)
		c->hinted = NULL;
	bool queued = t->state == TCB_READY, timed = t->on_timeout_list;
	if (queued)
		sched_unready(t);
	if (timed)
		timeout_remove(t); /* waiting with a deadline: its new core's timer serves it */
	t->cpu = (uint8_t)to;
	if (timed)
		timeout_add(t);
	if (queued)
		sched_ready(t);
}

void sched_move(struct tcb *t, unsigned to)
{
	struct cpu *x = cpu_of(t);
	if (t->move_pending) { /* x has not got to it yet: it moves it here */
		t->move_to = (uint8_t)to;
		return;
	}
	if (x == this_cpu() || !live_on(x, t)) {
		move_now(t, to);
		return;
	}
	/* x saves and hands over in its next kernel_exit() (moves_drain());
	 * until then t stays x's, and may even run there. */
	t->move_to = (uint8_t)to;
	t->move_pending = true;
	t->move_next = x->moves;
	x->moves = t;
	kick(x);
}

/* This core's share of sched_move(), on every kernel exit. */
static void moves_drain(struct cpu *c)
{
	while (c->moves) {
		struct tcb *t = c->moves;
		c->moves = t->move_next;
		t->move_pending = false;
		move_now(t, t->move_to);
	}
}

void sched_forget_thread(struct tcb *t)
{
	struct cpu *x = cpu_of(t);
	owners_forget(t);
	if (t->move_pending) {
		struct tcb **p = &x->moves;
		while (*p != t)
			p = &(*p)->move_next;
		*p = t->move_next;
		t->move_pending = false;
	}
}

/* ---- deadlines ---- */

/* The core's alarm: the earliest deadline its timer is armed for. */
static void arm_alarm(uint64_t d)
{
	struct cpu *c = this_cpu();
	if (c->alarm == 0 || d < c->alarm) {
		c->alarm = d;
		platform_set_alarm(c->index, d);
	}
}

/*
 * The threads of a core blocked with a deadline form that core's pairing
 * heap (struct cpu.timeouts), intrusive in their TCBs (to_child: first
 * child; to_next: next sibling; to_prev: left sibling or, for a first
 * child, the parent), ordered by deadline and then by the order they
 * blocked in (to_seq), so equal deadlines expire in blocking order. The
 * root is the earliest deadline, the one the core's alarm is armed for:
 * each core's timer serves its own threads. Adding is O(1); removing a
 * thread (it woke before its deadline, or the timer expires it) O(log n)
 * amortised. Nothing walks the threads with interrupts masked, as a sorted
 * list's insert did.
 */
static bool earlier(const struct tcb *a, const struct tcb *b)
{
	uint64_t da = ipc_thread_deadline(&a->ipc), db = ipc_thread_deadline(&b->ipc);
	return da < db || (da == db && a->to_seq < b->to_seq);
}

/* Meld two heaps (either may be empty); the roots have no siblings. */
static struct tcb *meld(struct tcb *a, struct tcb *b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	if (earlier(b, a)) {
		struct tcb *x = a;
		a = b;
		b = x;
	}
	b->to_prev = a;
	b->to_next = a->to_child;
	if (a->to_child)
		a->to_child->to_prev = b;
	a->to_child = b;
	return a;
}

/* One heap of a list of siblings (a removed thread's children): meld them
 * in pairs left to right, then the pairs right to left. */
static struct tcb *meld_siblings(struct tcb *c)
{
	struct tcb *pairs = NULL, *h = NULL;
	while (c) {
		struct tcb *a = c, *b = c->to_next;
		c = b ? b->to_next : NULL;
		a->to_next = a->to_prev = NULL;
		if (b)
			b->to_next = b->to_prev = NULL;
		struct tcb *m = meld(a, b);
		m->to_next = pairs; /* a stack of the pairs, through to_next */
		pairs = m;
	}
	while (pairs) {
		struct tcb *next = pairs->to_next;
		pairs->to_next = NULL;
		h = meld(pairs, h);
		pairs = next;
	}
	return h;
}

/* Into the heap of t's core. A thread blocks on its own core, so that is
 * this one, except for a thread moved while it waits (move_now()): the
 * other core is kicked if the deadline is earlier than its alarm, and
 * arms its alarm (sched_kicked()) under the lock, after our release. */
void timeout_add(struct tcb *t)
{
	if (t->on_timeout_list)
		return;
	struct cpu *x = cpu_of(t);
	uint64_t d = ipc_thread_deadline(&t->ipc);
	t->to_seq = timeout_seq++;
	t->to_child = t->to_next = t->to_prev = NULL;
	x->timeouts = meld(x->timeouts, t);
	t->on_timeout_list = true;
	if (x == this_cpu())
		arm_alarm(d); /* wake exactly then, not at the next tick */
	else if (x->alarm == 0 || d < x->alarm) {
		x->rearm = true; /* cleared by x under the lock, after our release */
		kick(x);
	}
}

/* Leaving the heap never re-arms: an alarm for a thread that woke early
 * just finds nothing due and re-arms for the next deadline. */
void timeout_remove(struct tcb *t)
{
	if (!t->on_timeout_list)
		return;
	struct cpu *x = cpu_of(t);
	struct tcb *sub = meld_siblings(t->to_child);
	if (t == x->timeouts) {
		x->timeouts = sub;
	} else {
		if (t->to_prev->to_child == t)
			t->to_prev->to_child = t->to_next; /* t was the first child */
		else
			t->to_prev->to_next = t->to_next;
		if (t->to_next)
			t->to_next->to_prev = t->to_prev;
		x->timeouts = meld(x->timeouts, sub);
	}
	t->to_child = t->to_next = t->to_prev = NULL;
	t->on_timeout_list = false;
}

/* Another core may have added a deadline to this core's heap (timeout_add()
 * of a moved thread) and kicked it: the alarm follows the root. */
void sched_kicked(void)
{
	struct cpu *c = this_cpu();
	c->rearm = false;
	if (c->timeouts)
		arm_alarm(ipc_thread_deadline(&c->timeouts->ipc));
}

/* A core that idles has no time slice to age: the first tick that finds it
 * idle stops its periodic tick (sched_timer()), and only its alarm
 * (deadlines), kicks and devices wake it then; it restarts once the core
 * has a thread to run (kernel_exit()). Lazily, so a core that idles between
 * two requests (cross-core IPC) switches nothing; idle cores neither wake
 * 100 times a second nor take the kernel lock to do nothing. */
static void tick_set(struct cpu *c, bool on)
{
	if (c->ticking != on) {
		c->ticking = on;
		platform_set_tick(c->index, on);
	}
}

void sched_timer(bool tick)
{
	struct cpu *c = this_cpu();
	struct tcb *cur = c->cur;
	if (tick && cur && cur->state == TCB_RUNNING && cur->timeslice)
		cur->timeslice--;
	if (tick && !cur)
		tick_set(c, false); /* idle for a whole tick: until it has a thread */
	uint64_t now = time_now();
	/* Expire from the root, the earliest deadline, O(log n) amortised per
	 * expiry besides the cancel itself, and stop at the first deadline
	 * still to come. */
	while (c->timeouts && ipc_thread_deadline(&c->timeouts->ipc) <= now) {
		struct tcb *t = c->timeouts;
		timeout_remove(t);
		if (t->state == TCB_BLOCKED) {
			struct ipc_ret r = ipc_thread_cancel(&t->ipc, IPC_E_TIMED_OUT);
			kassert(r.err == 0);
		}
	}
	c->alarm = 0; /* the timer cleared any due alarm: arm the next one */
	platform_set_alarm(c->index, 0);
	if (c->timeouts)
		arm_alarm(ipc_thread_deadline(&c->timeouts->ipc));
}

/* ---- libipc hooks ---- */

void ipc_hook_thread_blocked(struct ipc_thread *it)
{
	struct tcb *t = tcb_of(it);
	sched_unready(t);
	t->state = TCB_BLOCKED;
	if (ipc_thread_deadline(it) != IPC_DEADLINE_NONE)
		timeout_add(t);
}

void ipc_hook_thread_runnable(struct ipc_thread *it)
{
	struct tcb *t = tcb_of(it);
	timeout_remove(t);
	if (t->state != TCB_BLOCKED)
		return;
	t->state = TCB_INACTIVE;
	if (t->faulting) {
		t->faulting = false;
		fault_wake(t); /* resumes (ready) or stops it */
		return;
	}
	syscall_complete_woken(t, ipc_thread_status(it));
	if (t->suspend_pending) { /* SYS_THREAD_SUSPEND cancelled this wait */
		t->suspend_pending = false;
		t->state = TCB_SUSPENDED;
		return;
	}
	sched_ready(t);
}

/* ---- choosing and leaving ---- */

static struct tcb *run(struct tcb *t)
{
	sched_run(t);
	return t;
}

/*
 * The queue's top priority counts `woken` as if it were linked: every
 * decision here is the one it would be with woken at its queue's tail.
 */
static struct tcb *choose(struct cpu *c)
{
	struct tcb *h = c->hinted, *cur = c->cur;
	c->hinted = NULL;
	if (cur && cur->state == TCB_RUNNING && cpu_of(cur) != c) {
		cur->state = TCB_INACTIVE; /* it moved itself (sched_move()): off to its core */
		sched_ready(cur);
	}
	if (c->woken != h)
		rq_flush(c); /* from here woken is NULL or the hinted thread */
	int top = top_prio(c);
	int wp = c->woken ? (int)prio_of(c->woken) : -1;

	if (cur && cur->state == TCB_RUNNING) {
		int p = (int)prio_of(cur), best = top > wp ? top : wp;
		if (cur->timeslice == 0) {
			cur->timeslice = TIMESLICE_TICKS;
			if (best < p) {
				rq_flush(c);
				return cur; /* alone at its priority: keep going */
			}
			rq_insert(c, cur, false); /* round-robin behind its equals */
		} else if (best > p) {
			rq_insert(c, cur, true); /* preempted: first among its equals */
		} else {
			rq_flush(c);
			return cur;
		}
		top = top_prio(c);
	}
	if (c->woken) { /* the hinted thread, still unlinked */
		if ((int)prio_of(c->woken) >= top) {
			c->woken = NULL;
			return run(h); /* where it would have been picked from its queue */
		}
		rq_flush(c); /* below top: linking it changes nothing above */
	}
	struct tcb *pick;
	if (h && h->state == TCB_READY && (int)prio_of(h) >= top)
		pick = h;
	else if (top >= 0)
		pick = c->rq_head[top];
	else
		return NULL;
	sched_unready(pick);
	return run(pick);
}

/* An idle core's TTBR0 goes to the kernel's empty table with ASID 0 before
 * it gives the lock back: another core may then free the tables of the
 * space it ran last (its teardown frees them step by step under the lock),
 * which this core's walker must not be able to reach, even speculatively. */
static void park(struct cpu *c)
{
	if (c->active_space) {
		arch_vspace_activate(NULL);
		c->active_space = NULL;
	}
}

/* A core other than the boot core, started: it has no thread yet, so
 * kernel_exit() idles (lock given back around wfi) until a kick or an
 * interrupt makes one of its threads ready. */
_Noreturn void sched_idle_core(void)
{
	kernel_exit();
}

/* Nothing to run on core c: wait for an interrupt (or step a teardown).
 * Out of kernel_exit()'s straight line. */
static __attribute__((noinline, cold)) void idle_once(struct cpu *c)
{
	c->cur = NULL;
	park(c);
	if (objects_pending())
		arch_irq_window(); /* nobody to run: keep stepping, interrupts between */
	else
		arch_idle(); /* an interrupt (a kick) may make someone ready */
	objects_reap_step();
}

_Noreturn void kernel_exit(void)
{
	struct tcb *next;
	struct cpu *c = this_cpu();
	/* One bounded step of pending teardown per kernel exit; the thread
	 * that started it re-executes its call until it is done (syscall.c). */
	objects_reap_step();
	for (;;) {
		moves_drain(c); /* threads other cores moved while their state is ours */
		if ((next = choose(c)))
			break;
		idle_once(c);
	}
	tick_set(c, true);            /* it has a thread to run (again, if it idled) */
	c->home = TCB_HOME(c->index); /* `cur` is chosen: a sched_evict() is over */
	/* A space gets its ASID when it first runs (docs/kernel.md "ASIDs"):
	 * the fast path only hands off to threads that have run before. */
	if (!arch_vspace_asid(&next->space->vs))
		space_activate_asid(next->space);
	sched_switch_to(c, next);
}

/* ---- the fast path's hand-off (fastpath.c) ---- */

/* cur is still running and `next` (woken from TCB_BLOCKED) outranks it:
 * choose() would put cur back first among its equals and pick `next`
 * (cur's timeslice, which would send it to the back instead, is never used
 * up at a system call: sched_run_blocked()). */
_Noreturn void sched_preempt_handoff(struct tcb *next)
{
	struct cpu *c = this_cpu();
	struct tcb *cur = c->cur;
	rq_insert(c, cur, true);
	sched_run_blocked(next);
	sched_fast_switch_prepare(c, cur, next); /* cur entered from EL0: the fast path's Send or Signal */
	arch_return_to_user(&next->regs);
}

/* ---- the invariant check at halt (check.c) ---- */

/* One core's run queue: the bitmap names exactly the non-empty FIFOs, each
 * linked both ways, holding READY threads of its priority; `woken` is READY
 * and in none of them. Counts every thread it holds (rq_ready). */
static void rq_check(struct kcheck *k, const struct cpu *c)
{
	const struct tcb *w = c->woken;
	if (w) {
		k->rq_ready++;
		kcheck(k, page_holds(w, KOBJ_THREAD) && w->state == TCB_READY && !w->rq_next && !w->rq_prev,
		       "run queue: the thread held out (woken) is not ready, or linked", w);
	}
	for (unsigned p = 0; p < SCHED_PRIOS; p++) {
		bool bit = (c->rq_bitmap[p / 64] >> (p % 64)) & 1;
		kcheck(k, bit == (c->rq_head[p] != NULL),
		       "run queue: bitmap bit set iff its FIFO is non-empty", c);
		const struct tcb *prev = NULL;
		for (const struct tcb *t = c->rq_head[p]; t; prev = t, t = t->rq_next) {
			if (!kcheck(k, t->rq_prev == prev && page_holds(t, KOBJ_THREAD),
			            "run queue: broken FIFO", c))
				return;
			kcheck(k, t->state == TCB_READY && prio_of((struct tcb *)t) == p && t != w,
			       "run queue: a thread not ready, or at another priority", t);
			k->rq_ready++;
		}
		kcheck(k, c->rq_tail[p] == prev, "run queue: tail is not the FIFO's last thread", c);
	}
	for (unsigned i = 0; i < SCHED_RQ_WORDS; i++)
		kcheck(k, ((c->rq_words >> i) & 1) == (c->rq_bitmap[i] != 0), "run queue: bitmap words", c);
}

/* Core c's deadline heap: every node a thread of c's on it, no child
 * earlier than its parent, siblings linked both ways. Walked without
 * recursion: down to the first child, else on to the next sibling, else up
 * (through the first sibling's back link) until an ancestor has one. */
static void heap_check(struct kcheck *k, const struct cpu *c)
{
	const struct tcb *root = c->timeouts, *t = root;
	if (t)
		kcheck(k, !t->to_prev && !t->to_next, "deadline heap: the root has siblings", t);
	while (t && !k->broken) {
		k->heap++;
		kcheck(k, page_holds(t, KOBJ_THREAD) && t->on_timeout_list,
		       "deadline heap: a thread not marked on it", t);
		kcheck(k, cpu_of(t) == c, "deadline heap: a thread in another core's heap", t);
		for (const struct tcb *ch = t->to_child, *prev = t; ch; prev = ch, ch = ch->to_next)
			kcheck(k, ch->to_prev == prev && !earlier(ch, t),
			       "deadline heap: out of order or badly linked", ch);
		if (k->heap > k->threads)
			kcheck(k, false, "deadline heap: more nodes than threads", t);
		if (t->to_child) {
			t = t->to_child;
			continue;
		}
		while (t && !t->to_next) {
			while (t->to_prev && t->to_prev->to_child != t)
				t = t->to_prev; /* back to the first sibling */
			t = t->to_prev;         /* its parent; NULL above the root */
		}
		if (t)
			t = t->to_next;
	}
	/* The core's timer is armed for its earliest deadline, or earlier (a
	 * thread that leaves the heap leaves its alarm: it finds nothing due
	 * and arms the next one), or the core has been kicked to arm it (a
	 * thread moved while it waits, timeout_add()). */
	kcheck(k, !root || (c->alarm != 0 && c->alarm <= ipc_thread_deadline(&root->ipc)) || c->rearm,
	       "deadline heap: the core's alarm is not armed for its earliest deadline", c);
}

/* Placement: a core runs and queues only its own threads, and its list of
 * threads to move holds its own, each marked pending. */
static void placement_check(struct kcheck *k, const struct cpu *c)
{
	if (c->cur && c->cur->state == TCB_RUNNING)
		kcheck(k, cpu_of(c->cur) == c, "a core runs another core's thread", c->cur);
	if (c->woken)
		kcheck(k, cpu_of(c->woken) == c, "a core holds another core's thread woken", c->woken);
	for (unsigned p = 0; p < SCHED_PRIOS; p++)
		for (const struct tcb *t = c->rq_head[p]; t && !k->broken; t = t->rq_next)
			kcheck(k, cpu_of(t) == c, "run queue: another core's thread", t);
	unsigned n = 0;
	for (const struct tcb *t = c->moves; t && !k->broken; t = t->move_next)
		kcheck(k,
		       page_holds(t, KOBJ_THREAD) && t->move_pending && cpu_of(t) == c && ++n <= k->threads,
		       "moves: a thread not pending, another core's, or a cycle", t);
}

void sched_check(struct kcheck *k)
{
	for (unsigned i = 0; i < KERNEL_MAX_CPUS; i++) {
		const struct cpu *c = &cpu_blocks[i].cpu;
		if (c->cur && kcheck(k, page_holds(c->cur, KOBJ_THREAD), "a core runs a dead thread", c))
			k->rq_running += c->cur->state == TCB_RUNNING;
		rq_check(k, c);
		placement_check(k, c);
		heap_check(k, c);
	}
	const struct tcb *me = this_cpu()->cur;
	kcheck(k, me && me->state == TCB_RUNNING, "the halting core runs no thread", this_cpu());
}
