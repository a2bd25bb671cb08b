/*
 * The test embedder: a deterministic host "kernel" for libipc's unit tests.
 *
 * It owns a fixed set of threads, each with its own CSpace and message
 * buffer, implements libipc's hooks, and keeps a priority run queue (FIFO
 * among equals) so tests can drive multi-thread scenarios one operation at a
 * time and check who runs next. Nothing runs concurrently: a test performs an
 * operation "as" a thread by passing that thread to libipc. Hooks record what
 * happened (wake order, unreferenced objects) for the test to assert on.
 */
#ifndef TESTS_HARNESS_H
#define TESTS_HARNESS_H

#include <criterion/criterion.h>
#include <ipc/ipc.h>
#include <stdbool.h>
#include <stdint.h>

#define H_THREADS 8
#define H_SLOTS 32
#define H_LOG 64

struct h_thread {
	struct ipc_thread t;
	struct ipc_cspace cs;
	struct ipc_cap slots[H_SLOTS];
	struct ipc_buffer buf;
	bool on_runq;
	int blocked_count;
	int runnable_count;
	uint64_t blocked_deadline; /* ipc_thread_deadline() as seen by the blocked hook (X4) */
};

/* One call of a libipc hook, in the order they came (see h_expect_hooks). */
enum h_hook_kind { H_HOOK_BLOCKED = 1, H_HOOK_RUNNABLE = 2, H_HOOK_UNREF = 3 };
struct h_hook {
	int kind;                     /* enum h_hook_kind */
	int thread;                   /* BLOCKED, RUNNABLE: thread index */
	const struct ipc_object *obj; /* UNREF: the object */
	uint32_t state;               /* the thread's state inside the hook */
	int status;                   /* the thread's status inside the hook */
	uint64_t deadline;            /* ipc_thread_deadline() inside the hook */
};

struct h_world {
	struct h_thread th[H_THREADS];
	struct ipc_endpoint ep[4];
	struct ipc_ntfn ntfn[4];
	struct ipc_reply reply[4];
	/* hook logs */
	struct ipc_thread *woken[H_LOG];
	int nwoken;
	struct ipc_object *unref[H_LOG];
	int nunref;
	struct h_hook hooks[H_LOG]; /* every hook call, in order (the first H_LOG) */
	int nhooks;                 /* hook calls, also those beyond H_LOG */
	/* run queue: threads made runnable and not yet scheduled, Q1 order */
	struct h_thread *runq[H_THREADS];
	int nrunq;
};

/* The one world of the running test (Criterion runs each test in its own
 * process, so a test may use it freely). */
extern struct h_world W;

/* Reset W: threads 0..H_THREADS-1 with priority 100 and empty CSpaces,
 * all endpoints/notifications/reply objects initialised. */
void h_reset(void);
static inline struct ipc_thread *T(int i)
{
	return &W.th[i].t;
}
static inline struct ipc_buffer *B(int i)
{
	return &W.th[i].buf;
}
static inline struct ipc_cspace *CS(int i)
{
	return &W.th[i].cs;
}
/* Install a root cap in thread i's slot. */
void h_cap(int thread, uint32_t slot, struct ipc_object *obj, uint32_t rights, uint64_t badge);
static inline struct ipc_msginfo MI(uint64_t label, uint32_t len, uint32_t ncaps) {
	struct ipc_msginfo mi = {label, len, ncaps};
	return mi;
}
/* Thread index of an ipc_thread in W, or -1 for NULL. */
int h_idx(const struct ipc_thread *t);
/* Pop the highest-priority runnable thread recorded by the hooks (FIFO among
 * equals), or -1. */
int h_runq_pop(void);
/* Make a running thread ready (preempted or yielding): append it to the run
 * queue. Take thread i off the run queue (to run it now, as a `next` hint
 * says); false if it was not there. */
void h_runq_push(int i);
bool h_runq_take(int i);
/*
 * The embedder's timer (X4): every blocked thread whose deadline is at or
 * before `now` is cancelled with IPC_E_TIMED_OUT, earliest deadline first.
 * Returns how many timed out.
 */
int h_timer_tick(uint64_t now);
/* A snapshot of the whole world for byte-identity checks. */
struct h_snapshot {
	unsigned char bytes[sizeof(struct h_world)];
};
void h_snap(struct h_snapshot *s);
/* True when the world (threads, caps, buffers, objects) equals the snapshot,
 * ignoring the harness's own logs. */
bool h_same(const struct h_snapshot *s);

/* ---- Small helpers shared by the suites -------------------------------- */

static inline const struct ipc_recv_info *INFO(int i)
{
	return ipc_thread_recv_info(T(i));
}
static inline uint32_t STATE(int i)
{
	return ipc_thread_state(T(i));
}
static inline int STATUS(int i)
{
	return ipc_thread_status(T(i));
}
/* Set thread i's priority (re-sorting any queue it waits on, Q1). */
static inline void h_prio(int i, uint8_t prio)
{
	ipc_thread_set_prio(T(i), prio);
}
/* Name thread i's receive slots (C6); IPC_SLOT_NONE for unused ones. */
void h_recv_slots(int i, uint32_t a, uint32_t b, uint32_t c);
/* Describe extra cap k of thread i's next message (C4). */
void h_xfer(int i, unsigned k, uint32_t slot, uint32_t mode, uint32_t rights, uint64_t badge);
/*
 * The exact sequence of hook calls since the last h_log_clear(), against
 * HB(i) (blocked hook for thread i), HR(i) (runnable hook for thread i) and
 * HU(obj) (unreferenced hook for object obj).
 */
#define HB(i) ((struct h_hook){H_HOOK_BLOCKED, (i), NULL, 0, 0, 0})
#define HR(i) ((struct h_hook){H_HOOK_RUNNABLE, (i), NULL, 0, 0, 0})
#define HU(o) ((struct h_hook){H_HOOK_UNREF, -1, (o), 0, 0, 0})
void h_expect_hooks_(const struct h_hook *want, int n);
#define h_expect_hooks(...)                                                                                  \
	h_expect_hooks_((const struct h_hook[]){__VA_ARGS__},                                                \
	                (int)(sizeof((const struct h_hook[]){__VA_ARGS__}) / sizeof(struct h_hook)))
#define h_expect_no_hooks() h_expect_hooks_(NULL, 0)
/* Called by the unreferenced hook after it logged the call, if set (tests
 * that reuse an object's storage there); h_reset() clears it. */
extern void (*h_on_unreferenced)(struct ipc_object *obj);
/* Forget the hook logs and the run queue (start a new phase of a test). */
void h_log_clear(void);
/* Thread indices of the woken threads, in wake order, against `ids`. */
void h_expect_woken_(const int *ids, int n);
#define h_expect_woken(...)                                                                                  \
	h_expect_woken_((const int[]){__VA_ARGS__}, (int)(sizeof((const int[]){__VA_ARGS__}) / sizeof(int)))
#define h_expect_none_woken() h_expect_woken_(NULL, 0)
/* Thread indices queued on an endpoint / notification, head first. */
void h_expect_queue_(const struct ipc_queue *q, const int *ids, int n);
#define h_expect_queue(q, ...)                                                                               \
	h_expect_queue_((q), (const int[]){__VA_ARGS__},                                                     \
	                (int)(sizeof((const int[]){__VA_ARGS__}) / sizeof(int)))
#define h_expect_queue_empty(q) h_expect_queue_((q), NULL, 0)
/* Pack a NUL-terminated string into thread i's buffer words; returns the
 * word count (the string plus its NUL, 8 bytes a word). */
uint32_t h_pack(int i, const char *str);
/* Unpack `len` words of thread i's buffer into `out` (>= 8 * len + 1 bytes). */
void h_unpack(int i, uint32_t len, char *out);

#ifdef IPC_TRACE
#include <ipc/trace.h>
/*
 * The trace log (harness_trace, linked with libipc built with IPC_TRACE):
 * every event ipc_hook_trace() got since h_reset(), with `src` and `dst`
 * rewritten to thread index + 1 (0: none) and `time` to the event's number;
 * `obj` stays the object's address. Kept outside W, so snapshots ignore it.
 */
#define H_TRACE 256
struct h_trace {
	struct ipc_trace_event ev[H_TRACE];
	int n; /* events, also those beyond H_TRACE */
};
extern struct h_trace HT;
/* The expected form of an event for h_expect_trace(): thread indices, -1 = none. */
struct h_tev {
	uint32_t kind;
	int src, dst;
	const void *obj;
	uint64_t label, badge;
	uint32_t length, ncaps;
	int32_t status;
};
void h_expect_trace_(const struct h_tev *want, int n);
#define h_expect_trace(...)                                                                                  \
	h_expect_trace_((const struct h_tev[]){__VA_ARGS__},                                                 \
	                (int)(sizeof((const struct h_tev[]){__VA_ARGS__}) / sizeof(struct h_tev)))
/* Write the log as a trace file (<ipc/trace.h>) that tools/trace.py reads,
 * with thread i named `names[i]` (NULL: "t<i>") in one component "host". */
void h_trace_write(const char *path, const char *const *names);
#endif

/* Status of either kind of libipc result, for the checks below. */
static inline int h_ret_err(struct ipc_ret r)
{
	return r.err;
}
static inline int h_int_err(int e)
{
	return e;
}
#define H_ERR(x) _Generic((x), struct ipc_ret : h_ret_err, default : h_int_err)(x)

/* `expr` must return `status`; "next" must be NULL when it fails. */
#define H_EXPECT(expr, status)                                                                               \
	do {                                                                                                 \
		int e_ = H_ERR(expr);                                                                        \
		cr_assert_eq(e_, (status), "%s: got %d (%s), want %d (%s)", #expr, e_, ipc_strerror(e_),     \
		             (int)(status), ipc_strerror(status));                                           \
	} while (0)
/*
 * The error discipline of ipc.h: `expr` fails with `status` and leaves the
 * world byte-identical, with no hook called.
 */
#define H_FAILS_CLEANLY(expr, status)                                                                        \
	do {                                                                                                 \
		struct h_snapshot before_;                                                                   \
		int nwoken_ = W.nwoken, nunref_ = W.nunref, nblocked_ = h_blocked_total();                   \
		h_snap(&before_);                                                                            \
		H_EXPECT(expr, status);                                                                      \
		cr_assert(h_same(&before_), "%s changed the world", #expr);                                  \
		cr_assert_eq(W.nwoken, nwoken_, "%s woke a thread", #expr);                                  \
		cr_assert_eq(W.nunref, nunref_, "%s destroyed an object", #expr);                            \
		cr_assert_eq(h_blocked_total(), nblocked_, "%s blocked a thread", #expr);                    \
	} while (0)
/* Calls of the blocked hook so far, all threads together. */
int h_blocked_total(void);

#endif
