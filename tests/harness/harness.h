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
static inline struct ipc_thread *T(int i) { return &W.th[i].t; }
static inline struct ipc_buffer *B(int i) { return &W.th[i].buf; }
static inline struct ipc_cspace *CS(int i) { return &W.th[i].cs; }
/* Install a root cap in thread i's slot. */
void h_cap(int thread, uint32_t slot, struct ipc_object *obj, uint32_t rights, uint64_t badge);
static inline struct ipc_msginfo MI(uint64_t label, uint32_t len, uint32_t ncaps)
{
	struct ipc_msginfo mi = {label, len, ncaps};
	return mi;
}
/* Thread index of an ipc_thread in W, or -1 for NULL. */
int h_idx(const struct ipc_thread *t);
/* Pop the highest-priority runnable thread recorded by the hooks (FIFO among
 * equals), or -1. */
int h_runq_pop(void);
/* A snapshot of the whole world for byte-identity checks. */
struct h_snapshot {
	unsigned char bytes[sizeof(struct h_world)];
};
void h_snap(struct h_snapshot *s);
/* True when the world (threads, caps, buffers, objects) equals the snapshot,
 * ignoring the harness's own logs. */
bool h_same(const struct h_snapshot *s);

#endif
