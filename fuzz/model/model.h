/*
 * Reference model of docs/semantics.md as libipc's ipc.h documents it: a second,
 * deliberately simple implementation that the fuzzers run in lock-step with
 * libipc (see ../README in the report and ../fuzz_ops.c).
 *
 * It shares no code with libipc. It includes <ipc/ipc.h> only for the status
 * codes, enums and limits. Everything is a plain array indexed by small
 * integers: threads 0..M_NT-1, objects 0..M_NO-1, cap slots [thread][slot].
 * There are no queues as data structures at all: a queue is computed on
 * demand as "every thread blocked on this object, sorted by (priority
 * descending, arrival sequence ascending)", which is rule Q1 written down.
 * A cap remembers its derivation parent as a slot address (or -1), and
 * revoke is "delete every cap whose parent chain reaches this one".
 *
 * Single-threaded; no concurrency contract beyond "one call at a time".
 */
#ifndef FUZZ_MODEL_H
#define FUZZ_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include <ipc/ipc.h>

#define M_NT 4  /* threads */
#define M_NS 10 /* slots per CSpace */
#define M_NO 7  /* objects: see enum m_obj_id */
#define M_NCAPS (M_NT * M_NS)
#define M_LOG 32

/* Object ids. M_NULL_OBJ stands for "a NULL object pointer" in install. */
enum m_obj_id { M_EP0 = 0, M_EP1, M_N0, M_N1, M_R0, M_R1, M_X0, M_NULL_OBJ = -1 };

/* Thread states: the same numbers as enum ipc_thread_state. */

struct m_xfer {
	uint32_t slot, mode, rights;
	uint64_t badge;
};

struct m_buf {
	uint64_t words[IPC_MSG_MAX_WORDS];
	struct m_xfer caps[IPC_MSG_MAX_CAPS];
	uint32_t recv_slots[IPC_MSG_MAX_CAPS];
};

struct m_info {
	uint32_t kind, length;
	uint64_t label, badge;
	uint32_t ncaps;
	uint8_t outcome[IPC_MSG_MAX_CAPS];
	uint32_t slot[IPC_MSG_MAX_CAPS];
	uint64_t cbadge[IPC_MSG_MAX_CAPS];
};

struct m_cap {
	int obj; /* object id, -1 = empty */
	uint32_t rights;
	uint64_t badge;
	int parent;  /* slot address t*M_NS+s of the parent, -1 = root */
	uint64_t id; /* identity: survives move, new on every derive */
};

struct m_thread {
	int state; /* enum ipc_thread_state */
	int prio;
	int on;       /* object blocked on, -1 */
	uint64_t seq; /* arrival in the queue of `on` (Q1 FIFO) */
	int status;
	uint64_t deadline;
	/* the message being sent (valid while BLOCKED_SEND / during a transfer) */
	uint64_t label;
	uint32_t length, ncaps;
	bool is_call, can_grant, is_fault;
	uint64_t send_badge;
	int recv_reply; /* BLOCKED_RECV: reply object armed, -1 */
	int bound;      /* bound notification, -1 */
	uint64_t fault_kind, fault_words[IPC_FAULT_WORDS];
	struct m_info info;
	int bufsel; /* which of the thread's two buffers is its buffer */
};

struct m_obj {
	int type; /* enum ipc_obj_type */
	/* notification */
	bool pending;
	uint64_t word;
	int bound;
	/* reply object */
	bool armed;
	int server, caller;
	bool caller_gone;
	uint64_t link_seq; /* when it joined its server's list */
};

struct m_world {
	struct m_thread t[M_NT];
	struct m_buf buf[M_NT][2]; /* two per thread: ipc_thread_set_buffer() */
	struct m_cap cap[M_NT][M_NS];
	struct m_obj o[M_NO];
	uint64_t seq, next_cap_id;
	/* log of the last operation */
	int nwoken, woken[M_LOG], woken_status[M_LOG];
	int nblocked, blocked[M_LOG];
	int nunref, unref[M_LOG];
	int nrecv, recv[M_LOG]; /* threads that received a message/signal */
};

struct m_ret {
	int err;
	int next; /* thread id or -1 */
};

/* Set-up */
void m_init(struct m_world *w, const int prio[M_NT]);
int m_install(struct m_world *w, int t, uint32_t slot, int obj, uint32_t rights, uint64_t badge);
void m_revive(struct m_world *w, int t, int prio);
void m_log_clear(struct m_world *w);

/* Caps */
int m_copy(struct m_world *w, int st, uint32_t ss, int dt, uint32_t ds);
int m_mint(struct m_world *w, int st, uint32_t ss, int dt, uint32_t ds, uint32_t mask, uint64_t badge);
int m_move(struct m_world *w, int st, uint32_t ss, int dt, uint32_t ds);
struct m_ret m_delete(struct m_world *w, int t, uint32_t slot);
struct m_ret m_revoke(struct m_world *w, int t, uint32_t slot);
struct m_ret m_cap_cancel_badged(struct m_world *w, int t, uint32_t slot);

/* Endpoints */
struct m_ret m_send(struct m_world *w, int cur, uint32_t slot, uint64_t label, uint32_t len, uint32_t ncaps,
                    uint64_t deadline);
struct m_ret m_nbsend(struct m_world *w, int cur, uint32_t slot, uint64_t label, uint32_t len,
                      uint32_t ncaps);
struct m_ret m_call(struct m_world *w, int cur, uint32_t slot, uint64_t label, uint32_t len, uint32_t ncaps,
                    uint64_t deadline);
struct m_ret m_recv(struct m_world *w, int cur, uint32_t slot, uint32_t reply_slot, uint64_t deadline);
struct m_ret m_nbrecv(struct m_world *w, int cur, uint32_t slot, uint32_t reply_slot);
struct m_ret m_reply(struct m_world *w, int cur, uint32_t reply_slot, uint64_t label, uint32_t len,
                     uint32_t ncaps);
struct m_ret m_reply_recv(struct m_world *w, int cur, uint32_t slot, uint32_t reply_slot, uint64_t label,
                          uint32_t len, uint32_t ncaps, uint64_t deadline);
struct m_ret m_nbsend_recv(struct m_world *w, int cur, uint32_t send_slot, uint64_t label, uint32_t len,
                           uint32_t ncaps, uint32_t recv_slot, uint32_t reply_slot, uint64_t deadline);
struct m_ret m_fault(struct m_world *w, int t, uint32_t handler_slot, uint64_t kind,
                     const uint64_t words[IPC_FAULT_WORDS]);

/* Notifications */
struct m_ret m_signal(struct m_world *w, int cur, uint32_t slot);
struct m_ret m_wait(struct m_world *w, int cur, uint32_t slot, uint64_t deadline);
struct m_ret m_poll(struct m_world *w, int cur, uint32_t slot);
int m_peek(struct m_world *w, int cur, uint32_t slot, uint64_t *word);
struct m_ret m_bind(struct m_world *w, int n, int t);
void m_unbind(struct m_world *w, int t);

/* Objects and threads */
struct m_ret m_destroy_obj(struct m_world *w, int obj);
/* X5: one bounded step of destroying an endpoint or notification. */
struct m_ret m_destroy_some(struct m_world *w, int obj, uint32_t max, bool *done);
struct m_ret m_ep_cancel_badged(struct m_world *w, int ep, uint64_t badge);
struct m_ret m_cancel(struct m_world *w, int t, int err);
struct m_ret m_thread_destroy(struct m_world *w, int t);
void m_set_prio(struct m_world *w, int t, int prio);
/* sel: 0 or 1, or -1 for a NULL buffer pointer. */
int m_set_buffer(struct m_world *w, int t, int sel);
/* The buffer thread t uses now. */
struct m_buf *m_buf_of(struct m_world *w, int t);

/* Views */
/* Threads blocked on `obj` in Q1 order; returns the count. */
int m_queue(const struct m_world *w, int obj, int out[M_NT]);
/* enum ipc_ep_state of an endpoint, derived from who waits on it. */
int m_ep_state(const struct m_world *w, int ep);
int m_refs(const struct m_world *w, int obj);
bool m_fault_resumes(const struct m_world *w, int t);

#endif
