/*
 * Implementation of the test embedder (see harness.h): libipc's hooks, a
 * priority run queue, and world snapshots. Single-threaded by design.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

struct h_world W;
void (*h_on_unreferenced)(struct ipc_object *obj);
#ifdef IPC_TRACE
struct h_trace HT;
#endif

void h_reset(void)
{
	memset(&W, 0, sizeof(W));
#ifdef IPC_TRACE
	memset(&HT, 0, sizeof(HT));
#endif
	h_on_unreferenced = NULL;
	for (int i = 0; i < H_THREADS; i++) {
		struct h_thread *h = &W.th[i];
		ipc_cspace_init(&h->cs, h->slots, H_SLOTS);
		ipc_thread_init(&h->t, &h->cs, &h->buf, 100);
		for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++)
			h->buf.recv_slots[k] = IPC_SLOT_NONE;
	}
	for (int i = 0; i < 4; i++) {
		ipc_ep_init(&W.ep[i]);
		ipc_ntfn_init(&W.ntfn[i]);
		ipc_reply_init(&W.reply[i]);
	}
}

void h_cap(int thread, uint32_t slot, struct ipc_object *obj, uint32_t rights, uint64_t badge)
{
	int err = ipc_cap_install(CS(thread), slot, obj, rights, badge);
	cr_assert_eq(err, IPC_OK, "install: %s", ipc_strerror(err));
}

int h_idx(const struct ipc_thread *t)
{
	if (t == NULL)
		return -1;
	for (int i = 0; i < H_THREADS; i++)
		if (&W.th[i].t == t)
			return i;
	cr_assert_fail("unknown thread %p", (const void *)t);
	return -1;
}

static void runq_remove(int pos)
{
	struct h_thread *h = W.runq[pos];

	memmove(&W.runq[pos], &W.runq[pos + 1], sizeof(W.runq[0]) * (size_t)(W.nrunq - pos - 1));
	W.nrunq--;
	h->on_runq = false;
}

int h_runq_pop(void)
{
	int best = -1;

	for (int i = 0; i < W.nrunq; i++)
		if (best < 0 || W.runq[i]->t.prio > W.runq[best]->t.prio)
			best = i;
	if (best < 0)
		return -1;
	struct h_thread *h = W.runq[best];
	runq_remove(best);
	return (int)(h - W.th);
}

void h_runq_push(int i)
{
	struct h_thread *h = &W.th[i];

	cr_assert_eq(ipc_thread_state(&h->t), IPC_TS_RUNNABLE, "only runnable threads are ready");
	cr_assert(!h->on_runq, "thread %d already on the run queue", i);
	h->on_runq = true;
	W.runq[W.nrunq++] = h;
}

bool h_runq_take(int i)
{
	for (int k = 0; k < W.nrunq; k++)
		if (W.runq[k] == &W.th[i]) {
			runq_remove(k);
			return true;
		}
	return false;
}

static void log_hook(int kind, struct h_thread *h, const struct ipc_object *obj)
{
	struct h_hook e = {kind, -1, obj, 0, 0, 0};

	if (h != NULL) {
		e.thread = (int)(h - W.th);
		e.state = ipc_thread_state(&h->t);
		e.status = ipc_thread_status(&h->t);
		e.deadline = ipc_thread_deadline(&h->t);
	}
	/* Long scenarios that never look at the log may overflow it: keep
	 * counting, and let h_expect_hooks() refuse an overflowed log. */
	if (W.nhooks < H_LOG)
		W.hooks[W.nhooks] = e;
	W.nhooks++;
}

void ipc_hook_thread_blocked(struct ipc_thread *t)
{
	struct h_thread *h = (struct h_thread *)(void *)((char *)t - offsetof(struct h_thread, t));

	cr_assert_neq(ipc_thread_state(t), IPC_TS_RUNNABLE, "blocked hook on a runnable thread");
	log_hook(H_HOOK_BLOCKED, h, NULL);
	h->blocked_count++;
	h->blocked_deadline = ipc_thread_deadline(t);
	/* A thread that blocks has been running: it is off the run queue,
	 * whether or not the test popped it explicitly. */
	for (int i = 0; i < W.nrunq; i++)
		if (W.runq[i] == h)
			runq_remove(i);
}

void ipc_hook_thread_runnable(struct ipc_thread *t)
{
	struct h_thread *h = (struct h_thread *)(void *)((char *)t - offsetof(struct h_thread, t));

	cr_assert_eq(ipc_thread_state(t), IPC_TS_RUNNABLE, "runnable hook on a blocked thread");
	cr_assert(!h->on_runq, "thread woken twice");
	cr_assert_lt(W.nwoken, H_LOG);
	log_hook(H_HOOK_RUNNABLE, h, NULL);
	W.woken[W.nwoken++] = t;
	h->runnable_count++;
	h->on_runq = true;
	W.runq[W.nrunq++] = h;
}

void ipc_hook_object_unreferenced(struct ipc_object *obj)
{
	cr_assert_lt(W.nunref, H_LOG);
	log_hook(H_HOOK_UNREF, NULL, obj);
	W.unref[W.nunref++] = obj;
	if (h_on_unreferenced != NULL)
		h_on_unreferenced(obj);
}

void ipc_hook_assert_failed(const char *file, int line, const char *expr)
{
	cr_assert_fail("libipc assertion failed at %s:%d: %s", file, line, expr);
	__builtin_unreachable();
}

/* The logs and run queue are the harness's, not libipc's state. */
static void scrub(struct h_world *w)
{
	memset(w->woken, 0, sizeof(w->woken));
	w->nwoken = 0;
	memset(w->unref, 0, sizeof(w->unref));
	w->nunref = 0;
	memset(w->hooks, 0, sizeof(w->hooks));
	w->nhooks = 0;
	memset(w->runq, 0, sizeof(w->runq));
	w->nrunq = 0;
	for (int i = 0; i < H_THREADS; i++) {
		w->th[i].on_runq = false;
		w->th[i].blocked_count = 0;
		w->th[i].runnable_count = 0;
		w->th[i].blocked_deadline = 0;
	}
}

void h_snap(struct h_snapshot *s)
{
	struct h_world *copy = (struct h_world *)(void *)s->bytes;

	memcpy(copy, &W, sizeof(W));
	scrub(copy);
}

bool h_same(const struct h_snapshot *s)
{
	static struct h_snapshot now;

	h_snap(&now);
	return memcmp(now.bytes, s->bytes, sizeof(now.bytes)) == 0;
}

/* ---- Helpers for the suites (see harness.h) ----------------------------- */

void h_recv_slots(int i, uint32_t a, uint32_t b, uint32_t c)
{
	B(i)->recv_slots[0] = a;
	B(i)->recv_slots[1] = b;
	B(i)->recv_slots[2] = c;
}

void h_xfer(int i, unsigned k, uint32_t slot, uint32_t mode, uint32_t rights, uint64_t badge)
{
	struct ipc_xfer x = {slot, mode, rights, 0, badge};

	cr_assert_lt(k, IPC_MSG_MAX_CAPS);
	B(i)->caps[k] = x;
}

void h_log_clear(void)
{
	scrub(&W);
}

void h_expect_woken_(const int *ids, int n)
{
	cr_assert_eq(W.nwoken, n, "woke %d threads, want %d", W.nwoken, n);
	for (int k = 0; k < n; k++)
		cr_assert_eq(h_idx(W.woken[k]), ids[k], "wake #%d was thread %d, want %d", k,
		             h_idx(W.woken[k]), ids[k]);
}

static const char *hook_name(int kind)
{
	return kind == H_HOOK_BLOCKED ? "blocked" : kind == H_HOOK_RUNNABLE ? "runnable" : "unreferenced";
}

void h_expect_hooks_(const struct h_hook *want, int n)
{
	cr_assert_leq(W.nhooks, H_LOG, "hook log overflowed: %d calls since h_log_clear()", W.nhooks);
	for (int k = 0; k < n && k < W.nhooks; k++) {
		const struct h_hook *got = &W.hooks[k];
		cr_assert(got->kind == want[k].kind && got->thread == want[k].thread &&
		              got->obj == want[k].obj,
		          "hook #%d was %s(%d, %p), want %s(%d, %p)", k, hook_name(got->kind), got->thread,
		          (const void *)got->obj, hook_name(want[k].kind), want[k].thread,
		          (const void *)want[k].obj);
	}
	cr_assert_eq(W.nhooks, n, "%d hook calls, want %d", W.nhooks, n);
}

void h_expect_queue_(const struct ipc_queue *q, const int *ids, int n)
{
	const struct ipc_thread *t = q->head, *prev = NULL;
	int k = 0;

	for (; t != NULL; prev = t, t = t->qnext, k++) {
		cr_assert_lt(k, n, "queue longer than %d (extra thread %d)", n, h_idx(t));
		cr_assert_eq(h_idx(t), ids[k], "queue[%d] is thread %d, want %d", k, h_idx(t), ids[k]);
		cr_assert_eq(t->qprev, prev, "queue[%d]: broken back link", k);
	}
	cr_assert_eq(k, n, "queue holds %d threads, want %d", k, n);
	cr_assert_eq(q->tail, prev, "queue tail is not its last thread");
}

uint32_t h_pack(int i, const char *str)
{
	size_t n = strlen(str) + 1;
	uint32_t words = (uint32_t)((n + 7) / 8);

	cr_assert_leq(words, IPC_MSG_MAX_WORDS);
	memset(B(i)->words, 0, words * sizeof(uint64_t));
	memcpy(B(i)->words, str, n);
	return words;
}

void h_unpack(int i, uint32_t len, char *out)
{
	memcpy(out, B(i)->words, len * sizeof(uint64_t));
	out[len * sizeof(uint64_t)] = '\0';
}

int h_timer_tick(uint64_t now)
{
	int fired = 0;

	for (;;) {
		struct ipc_thread *due = NULL;
		for (int i = 0; i < H_THREADS; i++) {
			struct ipc_thread *t = T(i);
			uint32_t st = ipc_thread_state(t);
			uint64_t d = ipc_thread_deadline(t);
			if (st == IPC_TS_RUNNABLE || st == IPC_TS_DEAD || d == IPC_DEADLINE_NONE || d > now)
				continue;
			if (due == NULL || d < ipc_thread_deadline(due))
				due = t;
		}
		if (due == NULL)
			return fired;
		struct ipc_ret r = ipc_thread_cancel(due, IPC_E_TIMED_OUT);
		cr_assert_eq(r.err, IPC_OK, "timer: %s", ipc_strerror(r.err));
		fired++;
	}
}

int h_blocked_total(void)
{
	int n = 0;

	for (int i = 0; i < H_THREADS; i++)
		n += W.th[i].blocked_count;
	return n;
}

#ifdef IPC_TRACE
/* ---- The trace log (IPC_TRACE builds only) ------------------------------ */

static uint64_t trace_tid(uint64_t addr)
{
	return addr == 0 ? 0 : (uint64_t)h_idx((const struct ipc_thread *)(uintptr_t)addr) + 1;
}

void ipc_hook_trace(const struct ipc_trace_event *ev)
{
	struct ipc_trace_event e = *ev;

	cr_assert_eq(e.time, 0, "libipc leaves the time to the embedder");
	e.src = trace_tid(e.src);
	e.dst = trace_tid(e.dst);
	e.time = (uint64_t)HT.n;
	if (HT.n < H_TRACE)
		HT.ev[HT.n] = e;
	HT.n++;
}

static const char *trace_kind_name(uint32_t k)
{
	static const char *const names[] = {"?",     "SEND", "CALL", "SIGNAL",  "FAULT", "REPLY",  "RECV",
	                                    "QUEUE", "WAIT", "CAP",  "TIMEOUT", "ABORT", "DESTROY"};
	return k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

void h_expect_trace_(const struct h_tev *want, int n)
{
	cr_assert_leq(HT.n, H_TRACE, "trace log overflowed: %d events", HT.n);
	for (int k = 0; k < n && k < HT.n; k++) {
		const struct ipc_trace_event *g = &HT.ev[k];
		const struct h_tev *w = &want[k];
		cr_assert(
		    g->kind == w->kind && g->src == (uint64_t)(w->src + 1) &&
		        g->dst == (uint64_t)(w->dst + 1) && g->obj == (uintptr_t)w->obj &&
		        g->label == w->label && g->badge == w->badge && g->length == w->length &&
		        g->ncaps == w->ncaps && g->status == w->status,
		    "event #%d is %s(src %d, dst %d, obj %p, label %#llx, badge %#llx, len %u, caps %u, "
		    "status %d), want %s(src %d, dst %d, obj %p, label %#llx, badge %#llx, len %u, caps %u, "
		    "status %d)",
		    k, trace_kind_name(g->kind), (int)g->src - 1, (int)g->dst - 1, (void *)(uintptr_t)g->obj,
		    (unsigned long long)g->label, (unsigned long long)g->badge, g->length, g->ncaps,
		    g->status, trace_kind_name(w->kind), w->src, w->dst, w->obj, (unsigned long long)w->label,
		    (unsigned long long)w->badge, w->length, w->ncaps, w->status);
	}
	cr_assert_eq(HT.n, n, "%d trace events, want %d", HT.n, n);
}

static void name_event(struct ipc_trace_event *e, uint32_t kind, uint64_t src, uint64_t dst, const char *name)
{
	size_t n = 0;

	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->src = src;
	e->dst = dst;
	while (n < IPC_TRACE_NAME_MAX && name[n] != '\0')
		n++;
	/* obj, label and badge hold the name (<ipc/trace.h>). */
	memcpy((char *)e + offsetof(struct ipc_trace_event, obj), name, n);
}

void h_trace_write(const char *path, const char *const *names)
{
	struct ipc_trace_header h = {.version = IPC_TRACE_VERSION,
	                             .event_size = sizeof(struct ipc_trace_event),
	                             .clock = IPC_TRACE_CLOCK_SEQ};
	struct ipc_trace_event e;
	int n = HT.n < H_TRACE ? HT.n : H_TRACE;
	FILE *f = fopen(path, "wb");

	cr_assert_not_null(f, "cannot write %s", path);
	memcpy(h.magic, IPC_TRACE_MAGIC, sizeof(h.magic));
	h.count = (uint64_t)(n + 1 + H_THREADS);
	h.dropped = (uint64_t)(HT.n - n);
	fwrite(&h, sizeof(h), 1, f);
	name_event(&e, IPC_TR_NAME_COMP, 1, 0, "host");
	fwrite(&e, sizeof(e), 1, f);
	for (int i = 0; i < H_THREADS; i++) {
		char def[16];
		snprintf(def, sizeof(def), "t%d", i);
		name_event(&e, IPC_TR_NAME_THREAD, (uint64_t)i + 1, 1, names && names[i] ? names[i] : def);
		fwrite(&e, sizeof(e), 1, f);
	}
	for (int k = 0; k < n; k++) {
		e = HT.ev[k];
		/* Objects as the kernel writes them (IPC_TRACE_OBJ_ID). */
		for (int j = 0; j < 4; j++) {
			if (e.obj == (uintptr_t)&W.ep[j])
				e.obj = IPC_TRACE_OBJ_ID(IPC_OBJ_ENDPOINT, j + 1);
			else if (e.obj == (uintptr_t)&W.ntfn[j])
				e.obj = IPC_TRACE_OBJ_ID(IPC_OBJ_NTFN, j + 1);
			else if (e.obj == (uintptr_t)&W.reply[j])
				e.obj = IPC_TRACE_OBJ_ID(IPC_OBJ_REPLY, j + 1);
		}
		fwrite(&e, sizeof(e), 1, f);
	}
	cr_assert_eq(fclose(f), 0);
}
#endif
