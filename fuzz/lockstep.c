/*
 * Lock-step driver (see lockstep.h): libipc and the reference model side by
 * side, compared after every operation, plus invariants checked on libipc's
 * own structures. Single-threaded; all state is file-static and reset at the
 * start of every input.
 *
 * Input format (bytes are read on demand; a short input reads zeros):
 *   4 bytes   thread priorities
 *   4 bytes   per-thread rights variation of the initial caps (LS_OPS), or
 *   2-3 bytes per slot of every CSpace: a random cap table (LS_TRANSFER)
 *   then ops: 1 opcode byte followed by that op's argument bytes; the
 *   opcode is `enum op` modulo OP_COUNT (LS_OPS), or an entry of
 *   transfer_ops[] below TRANSFER_DIRECT and any op from there up
 *   (LS_TRANSFER). Each op's handler (the table op_handlers[]) reads its
 *   arguments in its own order; fuzz/gen_seeds.py writes the same encoding.
 * A "thread" argument byte picks a runnable thread (the next runnable one
 * from b%4) unless its top bit is set: then it is used as is, so that ops by
 * blocked or dead threads are tried too.
 */
#include "lockstep.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ipc/fastpath.h>
#include <ipc/ipc.h>

#include "model/model.h"
#include "input.h"

/* ------------------------------------------------------------------------- */
/* The libipc world                                                          */
/* ------------------------------------------------------------------------- */

struct lworld {
	struct ipc_thread t[M_NT];
	struct ipc_cspace cs[M_NT];
	struct ipc_cap slots[M_NT][M_NS];
	struct ipc_buffer buf[M_NT][2]; /* two each: ipc_thread_set_buffer() */
	struct ipc_endpoint ep[2];
	struct ipc_ntfn ntfn[2];
	struct ipc_reply reply[2];
	struct ipc_object emb;
};

static struct lworld L;      /* libipc's world */
static struct lworld snap;   /* L before the current operation */
static struct m_world M;     /* the model */
static struct m_world msnap; /* M before the current operation */

/* Hook logs. h_seq numbers every hook of the current operation, so that
 * the order across kinds can be checked (ipc.h, "When the hooks fire"). */
static int h_nwoken, h_woken[M_LOG], h_woken_status[M_LOG], h_woken_seq[M_LOG];
static struct ipc_recv_info h_woken_info[M_LOG]; /* receive info inside the hook */
static int h_nblocked, h_blocked[M_LOG], h_blocked_seq[M_LOG];
static uint32_t h_blocked_state[M_LOG];
static uint64_t h_blocked_deadline[M_LOG];
static int h_nunref, h_unref[M_LOG], h_unref_seq[M_LOG];
static int h_seq;

/* Message ids (label bits 32..63) for the lost/duplicated check. */
#define MAX_MSG 8192
static uint32_t msg_next;
static uint8_t msg_delivered[MAX_MSG];
static uint32_t pending_msg[M_NT]; /* id of the message a thread is sending */
static uint32_t op_msg;            /* id sent by the current op, or 0 */
static int op_msg_thread;

/* Trace of the current input, printed on a failure. */
static char trace[1 << 16];
static size_t trace_len;
static int op_no;
static const char *op_name;
static bool trace_env;

static void tracef(const char *fmt, ...)
{
	va_list ap;
	char line[512];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (trace_env)
		fputs(line, stderr);
	if (trace_len + (size_t)n + 1 >= sizeof(trace))
		trace_len = 0; /* keep the tail */
	memcpy(trace + trace_len, line, (size_t)n + 1);
	trace_len += (size_t)n;
}

__attribute__((noreturn, format(printf, 1, 2))) static void fail(const char *fmt, ...)
{
	va_list ap;

	if (!trace_env)
		fprintf(stderr, "---- trace of this input ----\n%s", trace);
	fprintf(stderr, "\n**** MISMATCH after op #%d (%s): ", op_no, op_name ? op_name : "setup");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

#define CHECK(cond, ...)                                                                                     \
	do {                                                                                                 \
		if (!(cond))                                                                                 \
			fail(__VA_ARGS__);                                                                   \
	} while (0)

static int tid(const struct ipc_thread *t)
{
	if (t == NULL)
		return -1;
	for (int i = 0; i < M_NT; i++)
		if (t == &L.t[i])
			return i;
	fail("pointer %p is not one of the world's threads", (const void *)t);
}

static struct ipc_object *optr(int id)
{
	switch (id) {
	case M_EP0:
		return &L.ep[0].obj;
	case M_EP1:
		return &L.ep[1].obj;
	case M_N0:
		return &L.ntfn[0].obj;
	case M_N1:
		return &L.ntfn[1].obj;
	case M_R0:
		return &L.reply[0].obj;
	case M_R1:
		return &L.reply[1].obj;
	case M_X0:
		return &L.emb;
	default:
		return NULL;
	}
}

static int oid(const void *p)
{
	if (p == NULL)
		return -1;
	for (int i = 0; i < M_NO; i++)
		if ((const void *)optr(i) == p)
			return i;
	fail("pointer %p is not one of the world's objects", p);
}

static int cap_addr(const struct ipc_cap *c)
{
	if (c == NULL)
		return -1;
	for (int t = 0; t < M_NT; t++)
		for (int s = 0; s < M_NS; s++)
			if (c == &L.slots[t][s])
				return t * M_NS + s;
	fail("cap pointer %p is outside every CSpace", (const void *)c);
}

/* ------------------------------------------------------------------------- */
/* Hooks                                                                     */
/* ------------------------------------------------------------------------- */

/* Hooks read the thread through the accessors, as an embedder does: the
 * deadline an embedder arms is ipc_thread_deadline(), not the field. */
void ipc_hook_thread_blocked(struct ipc_thread *t)
{
	CHECK(ipc_thread_state(t) != IPC_TS_RUNNABLE, "blocked hook for a runnable thread");
	CHECK(ipc_thread_status(t) == IPC_BLOCKED, "blocked hook for T%d with status %d, not IPC_BLOCKED",
	      tid(t), ipc_thread_status(t));
	CHECK(h_nblocked < M_LOG, "blocked log overflow");
	h_blocked_deadline[h_nblocked] = ipc_thread_deadline(t);
	h_blocked_state[h_nblocked] = ipc_thread_state(t);
	h_blocked_seq[h_nblocked] = h_seq++;
	h_blocked[h_nblocked++] = tid(t);
}

void ipc_hook_thread_runnable(struct ipc_thread *t)
{
	CHECK(ipc_thread_state(t) == IPC_TS_RUNNABLE, "runnable hook for thread %d in state %u", tid(t),
	      ipc_thread_state(t));
	CHECK(ipc_thread_deadline(t) == IPC_DEADLINE_NONE,
	      "X4: T%d still has deadline %llu inside its runnable hook", tid(t),
	      (unsigned long long)ipc_thread_deadline(t));
	CHECK(h_nwoken < M_LOG, "wake log overflow");
	h_woken_status[h_nwoken] = ipc_thread_status(t);
	h_woken_info[h_nwoken] = *ipc_thread_recv_info(t);
	h_woken_seq[h_nwoken] = h_seq++;
	h_woken[h_nwoken++] = tid(t);
}

/* Bytes of each object's storage when its unreferenced hook ran. */
static size_t osize(int id)
{
	return id <= M_EP1  ? sizeof(struct ipc_endpoint)
	       : id <= M_N1 ? sizeof(struct ipc_ntfn)
	       : id <= M_R1 ? sizeof(struct ipc_reply)
	                    : sizeof(struct ipc_object);
}
static unsigned char
    unref_bytes[M_NO][sizeof(struct ipc_endpoint) + sizeof(struct ipc_ntfn) + sizeof(struct ipc_reply)];

void ipc_hook_object_unreferenced(struct ipc_object *obj)
{
	int id = oid(obj);

	CHECK(h_nunref < M_LOG, "unref log overflow");
	CHECK(obj->refs == 0, "object %d unreferenced with %u refs", id, obj->refs);
	memcpy(unref_bytes[id], obj, osize(id));
	h_unref_seq[h_nunref] = h_seq++;
	h_unref[h_nunref++] = id;
}

/* ipc.h: after the hook the embedder may reuse the storage at once, libipc
 * does not touch it again. Check that, then reuse it: poison and re-init,
 * so that any pointer libipc kept would show up as a difference later. */
static void reuse_unreferenced(void)
{
	for (int k = 0; k < h_nunref; k++) {
		int id = h_unref[k];
		struct ipc_object *o = optr(id);
		CHECK(memcmp(unref_bytes[id], o, osize(id)) == 0,
		      "object %d touched after its unreferenced hook", id);
		memset(o, 0xA5, osize(id));
		if (id <= M_EP1)
			ipc_ep_init((struct ipc_endpoint *)o);
		else if (id <= M_N1)
			ipc_ntfn_init((struct ipc_ntfn *)o);
		else if (id <= M_R1)
			ipc_reply_init((struct ipc_reply *)o);
		else
			ipc_object_init(o, IPC_OBJ_EMBEDDER);
	}
}

void ipc_hook_assert_failed(const char *file, int line, const char *expr)
{
	fail("libipc assertion failed at %s:%d: %s", file, line, expr);
}

/* ------------------------------------------------------------------------- */
/* Input                                                                     */
/* ------------------------------------------------------------------------- */

/* A slot argument: mostly valid, sometimes out of range or IPC_SLOT_NONE. */
static uint32_t slot_arg(void)
{
	uint8_t v = u8() % 32;

	if (v < 25)
		return v % M_NS;
	if (v < 28)
		return M_NS + (v - 25u);
	if (v < 30)
		return IPC_SLOT_NONE;
	return v == 30 ? 1000u : UINT32_MAX - 1;
}

/* A thread argument (see the file comment). */
static int thread_arg(void)
{
	uint8_t b = u8();
	int t = b % M_NT;

	if (b & 0x80)
		return t;
	for (int k = 0; k < M_NT; k++)
		if (M.t[(t + k) % M_NT].state == IPC_TS_RUNNABLE)
			return (t + k) % M_NT;
	return t;
}

static int prio_arg(void)
{
	static const int prios[8] = {10, 10, 20, 20, 30, 0, 255, 21};
	return prios[u8() % 8];
}

static uint64_t badge_arg(void)
{
	uint8_t b = u8();

	if (b < 96)
		return 0;
	if (b < 240)
		return 1u + (b % 4u);
	return (uint64_t)0xB000000000000000ull | b;
}

static uint32_t len_arg(void)
{
	uint8_t b = u8();

	if (b < 220)
		return b % 6u;
	if (b < 250)
		return IPC_MSG_MAX_WORDS - (b % 3u); /* up to the limit */
	return IPC_MSG_MAX_WORDS + 1u + (b % 3u);    /* M2: too long */
}

static uint32_t ncaps_arg(void)
{
	uint8_t b = u8();
	return b < 250 ? b % 4u : 4u + (b % 2u);
}

static uint64_t deadline_arg(void)
{
	uint8_t b = u8();
	return b < 128 ? IPC_DEADLINE_NONE : (uint64_t)b * 1000u;
}

static uint32_t rights_arg(void)
{
	uint8_t b = u8();
	return b < 250 ? b & IPC_RIGHTS_ALL : (uint32_t)b; /* rarely outside the mask */
}

static uint64_t new_label(int t)
{
	uint32_t id = ++msg_next;

	op_msg = id < MAX_MSG ? id : 0;
	op_msg_thread = t;
	return ((uint64_t)id << 32) | u16();
}

/* Buffer `sel` of thread t in both worlds; -1: the one it uses now. */
static struct ipc_buffer *lbuf(int t, int sel)
{
	return &L.buf[t][sel < 0 ? M.t[t].bufsel : sel];
}
static struct m_buf *mbuf(int t, int sel)
{
	return sel < 0 ? m_buf_of(&M, t) : &M.buf[t][sel];
}

/* Write the same data into a thread's buffer in both worlds. */
static void write_words(int t, int sel, uint32_t len, uint64_t salt)
{
	uint32_t n = len < IPC_MSG_MAX_WORDS ? len : IPC_MSG_MAX_WORDS;

	for (uint32_t k = 0; k < n; k++) {
		uint64_t v = salt * 0x9E3779B97F4A7C15ull + k;
		lbuf(t, sel)->words[k] = v;
		mbuf(t, sel)->words[k] = v;
	}
}

static void write_desc(int t, int sel, unsigned k)
{
	uint32_t slot = slot_arg();
	uint8_t m = u8();
	uint32_t mode = m < 240 ? m % 3u : 3u + m % 4u;
	uint32_t rights = rights_arg();
	uint64_t badge = badge_arg();

	lbuf(t, sel)->caps[k].slot = mbuf(t, sel)->caps[k].slot = slot;
	lbuf(t, sel)->caps[k].mode = mbuf(t, sel)->caps[k].mode = mode;
	lbuf(t, sel)->caps[k].rights = mbuf(t, sel)->caps[k].rights = rights;
	lbuf(t, sel)->caps[k].badge = mbuf(t, sel)->caps[k].badge = badge;
}

static void write_rslots(int t, int sel)
{
	for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++) {
		uint32_t s = slot_arg();
		lbuf(t, sel)->recv_slots[k] = mbuf(t, sel)->recv_slots[k] = s;
	}
}

/* Sender side of a message: words, and (flag) fresh cap descriptors. */
static void sender_buffer(int t, uint32_t len, uint32_t ncaps)
{
	uint8_t flags = u8();

	write_words(t, -1, len, msg_next);
	if (flags & 1)
		for (unsigned k = 0; k < ncaps && k < IPC_MSG_MAX_CAPS; k++)
			write_desc(t, -1, k);
}

static void receiver_buffer(int t)
{
	if (u8() & 1)
		write_rslots(t, -1);
}

/* ------------------------------------------------------------------------- */
/* Set-up                                                                    */
/* ------------------------------------------------------------------------- */

static void world_init(enum ls_mode mode)
{
	int prio[M_NT];

	memset(&L, 0, sizeof(L));
	for (int i = 0; i < M_NT; i++)
		prio[i] = prio_arg();
	m_init(&M, prio);
	for (int i = 0; i < M_NT; i++) {
		ipc_cspace_init(&L.cs[i], L.slots[i], M_NS);
		ipc_thread_init(&L.t[i], &L.cs[i], &L.buf[i][0], (uint8_t)prio[i]);
		for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++)
			L.buf[i][0].recv_slots[k] = L.buf[i][1].recv_slots[k] = IPC_SLOT_NONE;
	}
	ipc_ep_init(&L.ep[0]);
	ipc_ep_init(&L.ep[1]);
	ipc_ntfn_init(&L.ntfn[0]);
	ipc_ntfn_init(&L.ntfn[1]);
	ipc_reply_init(&L.reply[0]);
	ipc_reply_init(&L.reply[1]);
	ipc_object_init(&L.emb, IPC_OBJ_EMBEDDER);

	for (int i = 0; i < M_NT; i++) {
		if (mode == LS_OPS) {
			/* slot: 0 EP0, 1 EP1, 2 N0, 3 N1, 4 reply (i%2), 5 X0 (T0, T1)
			 * or the other reply object (T2, T3: a server that owes two
			 * callers), then 6 a badged child of 0 and 7 a badged child
			 * of 2; 8, 9 empty. */
			static const int objs[6] = {M_EP0, M_EP1, M_N0, M_N1, -2, -3};
			uint8_t v = u8();
			for (uint32_t s = 0; s < 6; s++) {
				int o = objs[s] == -2   ? M_R0 + (i % 2)
				        : objs[s] == -3 ? (i < 2 ? M_X0 : M_R1 - (i % 2))
				                        : objs[s];
				uint32_t rights = IPC_RIGHTS_ALL;
				if ((v & 0x80) && s < 4 && ((v >> s) & 1))
					rights = (v >> 4) & IPC_RIGHTS_ALL;
				int a = ipc_cap_install(&L.cs[i], s, optr(o), rights, 0);
				int b = m_install(&M, i, s, o, rights, 0);
				CHECK(a == IPC_OK && b == IPC_OK, "set-up install");
			}
			int a = ipc_cap_mint(&L.cs[i], 0, &L.cs[i], 6, IPC_RIGHTS_ALL, 1u << i);
			int b = m_mint(&M, i, 0, i, 6, IPC_RIGHTS_ALL, 1u << i);
			CHECK(a == b, "set-up mint");
			a = ipc_cap_mint(&L.cs[i], 2, &L.cs[i], 7, IPC_RIGHTS_ALL, 0x10u << i);
			b = m_mint(&M, i, 2, i, 7, IPC_RIGHTS_ALL, 0x10u << i);
			CHECK(a == b, "set-up mint");
		} else {
			/* A random table: 6 slots, each empty or a cap to a random
			 * object with random rights and badge. */
			for (uint32_t s = 0; s < M_NS; s++) {
				uint8_t o = u8();
				uint32_t rights = u8() & IPC_RIGHTS_ALL;
				uint64_t badge = (o & 0x80) ? 0 : badge_arg();
				if (o % 9 >= M_NO)
					continue;
				if (M.o[o % 9].type == IPC_OBJ_REPLY)
					badge = 0;
				int a = ipc_cap_install(&L.cs[i], s, optr(o % 9), rights, badge);
				int b = m_install(&M, i, s, o % 9, rights, badge);
				CHECK(a == b, "set-up install: libipc %d, model %d", a, b);
			}
		}
	}
}

/* ------------------------------------------------------------------------- */
/* Comparison of the two worlds                                              */
/* ------------------------------------------------------------------------- */

static bool blocked_state(uint32_t s)
{
	return s != IPC_TS_RUNNABLE && s != IPC_TS_DEAD;
}

static void compare_info(int i)
{
	const struct ipc_recv_info *a = ipc_thread_recv_info(&L.t[i]);
	const struct m_info *b = &M.t[i].info;

	CHECK(a->kind == b->kind, "T%d info.kind: libipc %u, model %u", i, a->kind, b->kind);
	CHECK(a->length == b->length, "T%d info.length: libipc %u, model %u", i, a->length, b->length);
	CHECK(a->label == b->label, "T%d info.label: libipc %#llx, model %#llx", i,
	      (unsigned long long)a->label, (unsigned long long)b->label);
	CHECK(a->badge == b->badge, "T%d info.badge: libipc %#llx, model %#llx", i,
	      (unsigned long long)a->badge, (unsigned long long)b->badge);
	CHECK(a->ncaps == b->ncaps, "T%d info.ncaps: libipc %u, model %u", i, a->ncaps, b->ncaps);
	for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++) {
		CHECK(a->cap_outcome[k] == b->outcome[k], "T%d info.cap_outcome[%u]: libipc %u, model %u", i,
		      k, a->cap_outcome[k], b->outcome[k]);
		CHECK(a->cap_slot[k] == b->slot[k], "T%d info.cap_slot[%u]: libipc %u, model %u", i, k,
		      a->cap_slot[k], b->slot[k]);
		CHECK(a->cap_badge[k] == b->cbadge[k], "T%d info.cap_badge[%u]: libipc %#llx, model %#llx", i,
		      k, (unsigned long long)a->cap_badge[k], (unsigned long long)b->cbadge[k]);
	}
}

/*
 * The message a thread has sent and not yet had taken, and how it was sent.
 * libipc reads these fields only in the states where they are compared here
 * (a receiver takes a BLOCKED_SEND thread's message; a reply reads the
 * caller's can_grant and is_fault), and every path into those states sets
 * them: elsewhere they are left as they were, in libipc and in the model, and
 * not compared.
 */
static void compare_pending_message(int i)
{
	const struct ipc_thread *t = &L.t[i];
	const struct m_thread *m = &M.t[i];

	if (t->state == IPC_TS_BLOCKED_SEND) {
		CHECK(t->send.label == m->label && t->send.length == m->length && t->send.ncaps == m->ncaps,
		      "T%d queued message: libipc label %#llx len %u ncaps %u, model %#llx %u %u", i,
		      (unsigned long long)t->send.label, t->send.length, t->send.ncaps,
		      (unsigned long long)m->label, m->length, m->ncaps);
		CHECK(t->send_badge == m->send_badge, "T%d queued with badge %#llx, model %#llx", i,
		      (unsigned long long)t->send_badge, (unsigned long long)m->send_badge);
		CHECK((t->is_call != 0) == m->is_call, "T%d queued as a Call: libipc %u, model %d", i,
		      t->is_call, m->is_call);
		if (m->is_fault) {
			CHECK(t->fault.kind == m->fault_kind, "T%d queued fault kind", i);
			for (unsigned k = 0; k < IPC_FAULT_WORDS; k++)
				CHECK(t->fault.words[k] == m->fault_words[k], "T%d queued fault word %u", i,
				      k);
		}
	}
	if (t->state == IPC_TS_BLOCKED_SEND || t->state == IPC_TS_BLOCKED_REPLY) {
		CHECK((t->can_grant != 0) == m->can_grant,
		      "T%d can_grant (C3): libipc %u, model %d (state %u)", i, t->can_grant, m->can_grant,
		      t->state);
		CHECK((t->is_fault != 0) == m->is_fault, "T%d is_fault: libipc %u, model %d (state %u)", i,
		      t->is_fault, m->is_fault, t->state);
	}
}

/* The reply objects on which callers wait for thread i (or whose caller has
 * gone, S6), most recently linked first: the order ipc_thread_destroy()
 * wakes them in. In the model: not armed, server i, by link_seq. */
static void compare_replies_owed(int i)
{
	const struct ipc_reply *prev = NULL, *r = L.t[i].replies;
	int k = 0;
	uint64_t last_seq = UINT64_MAX;

	for (; r != NULL; prev = r, r = r->snext, k++) {
		int o = oid(r);
		CHECK(k < 2 && o >= M_R0 && o <= M_R1, "T%d replies list: a cycle or a foreign object", i);
		CHECK(r->sprev == prev, "T%d replies list: broken back link", i);
		CHECK(r->server == &L.t[i] && !r->armed, "T%d replies list holds R%d, not owed by it", i,
		      o - M_R0);
		CHECK(M.o[o].server == i && !M.o[o].armed && M.o[o].link_seq < last_seq,
		      "T%d replies list: R%d at %d, not so in the model", i, o - M_R0, k);
		last_seq = M.o[o].link_seq;
	}
	int n = 0;
	for (int o = M_R0; o <= M_R1; o++)
		n += M.o[o].server == i && !M.o[o].armed;
	CHECK(k == n, "T%d owes %d replies in libipc, %d in the model", i, k, n);
}

/* Queue links of threads that are on no queue (libipc's own tidiness: a
 * thread is linked in at most the queue it waits on). */
static void check_unqueued_links(int i)
{
	const struct ipc_thread *t = &L.t[i];

	if (t->state == IPC_TS_BLOCKED_SEND || t->state == IPC_TS_BLOCKED_RECV ||
	    t->state == IPC_TS_BLOCKED_NTFN)
		return; /* compare_queue() checks these */
	CHECK(t->qnext == NULL && t->qprev == NULL && t->bnext == NULL && t->bprev == NULL,
	      "T%d (state %u) is on no queue but keeps queue links", i, t->state);
}

static void compare_threads(void)
{
	for (int i = 0; i < M_NT; i++) {
		const struct ipc_thread *t = &L.t[i];
		const struct m_thread *m = &M.t[i];

		CHECK(ipc_thread_state(t) == (uint32_t)m->state, "T%d state: libipc %u, model %d", i,
		      ipc_thread_state(t), m->state);
		CHECK(ipc_thread_prio(t) == (uint8_t)m->prio, "T%d prio", i);
		CHECK(ipc_thread_status(t) == m->status, "T%d status: libipc %d (%s), model %d (%s)", i,
		      ipc_thread_status(t), ipc_strerror(ipc_thread_status(t)), m->status,
		      ipc_strerror(m->status));
		CHECK(t->cspace == &L.cs[i], "T%d CSpace pointer changed", i);
		CHECK(oid(t->blocked_on) == (blocked_state(t->state) ? m->on : -1),
		      "T%d blocked on: libipc %d, model %d (state %u)", i, oid(t->blocked_on), m->on,
		      t->state);
		/* X4: the deadline of a waiting thread is the one its operation
		 * gave, a runnable thread has none: compared through the accessor
		 * whatever the state, so that a deadline left behind on a runnable
		 * thread (a timer an embedder would arm later) shows at once. A
		 * dead thread's is not: ipc.h defines none for it, and its storage
		 * is the embedder's again. */
		if (t->state != IPC_TS_DEAD)
			CHECK(ipc_thread_deadline(t) ==
			          (blocked_state(t->state) ? m->deadline : IPC_DEADLINE_NONE),
			      "T%d deadline: libipc %llu, model %llu (state %u)", i,
			      (unsigned long long)ipc_thread_deadline(t), (unsigned long long)m->deadline,
			      t->state);
		CHECK(oid(t->recv_reply) == (t->state == IPC_TS_BLOCKED_RECV ? m->recv_reply : -1),
		      "T%d recv reply object: libipc %d, model %d (state %u)", i, oid(t->recv_reply),
		      m->recv_reply, t->state);
		CHECK(oid(t->bound) == m->bound, "T%d bound ntfn: libipc %d, model %d", i, oid(t->bound),
		      m->bound);
		compare_pending_message(i);
		compare_replies_owed(i);
		compare_info(i);
		check_unqueued_links(i);
		CHECK(ipc_fault_resumes(t) == m_fault_resumes(&M, i), "T%d fault_resumes", i);
		CHECK(L.t[i].buf == &L.buf[i][m->bufsel],
		      "T%d uses buffer %d in the model, another in libipc", i, m->bufsel);
		for (int b = 0; b < 2; b++) {
			const struct ipc_buffer *lb = &L.buf[i][b];
			const struct m_buf *mb = &M.buf[i][b];
			for (unsigned k = 0; k < IPC_MSG_MAX_WORDS; k++)
				CHECK(lb->words[k] == mb->words[k],
				      "T%d buffer %d word %u: libipc %#llx, model %#llx", i, b, k,
				      (unsigned long long)lb->words[k], (unsigned long long)mb->words[k]);
			for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++) {
				CHECK(lb->recv_slots[k] == mb->recv_slots[k],
				      "T%d buffer %d recv_slots[%u] changed", i, b, k);
				CHECK(lb->caps[k].slot == mb->caps[k].slot &&
				          lb->caps[k].mode == mb->caps[k].mode &&
				          lb->caps[k].rights == mb->caps[k].rights &&
				          lb->caps[k].badge == mb->caps[k].badge,
				      "T%d buffer %d caps[%u] descriptor changed", i, b, k);
			}
		}
	}
}

static void compare_caps(void)
{
	int refs[M_NO];

	for (int o = 0; o < M_NO; o++)
		refs[o] = m_refs(&M, o);
	for (int t = 0; t < M_NT; t++)
		for (uint32_t s = 0; s < M_NS; s++) {
			const struct ipc_cap *c = &L.slots[t][s];
			const struct m_cap *m = &M.cap[t][s];
			uint32_t type = m->obj < 0 ? IPC_OBJ_NONE : (uint32_t)M.o[m->obj].type;

			CHECK(ipc_cap_type(&L.cs[t], s) == type, "T%d slot %u type: libipc %u, model %u", t,
			      s, ipc_cap_type(&L.cs[t], s), type);
			CHECK(oid(ipc_cap_object(&L.cs[t], s)) == m->obj,
			      "T%d slot %u object: libipc %d, model %d", t, s,
			      oid(ipc_cap_object(&L.cs[t], s)), m->obj);
			/* C2: ipc_cap_is_last() against the model's count of caps
			 * naming the object; a query that fails leaves *last. */
			bool last = true, want = m->obj >= 0 && refs[m->obj] == 1;
			int err = ipc_cap_is_last(&L.cs[t], s, &last);
			CHECK(err == (m->obj < 0 ? IPC_E_EMPTY_SLOT : IPC_OK) && last == (m->obj < 0 || want),
			      "T%d slot %u ipc_cap_is_last: libipc %d (%s) last %d, model last %d", t, s, err,
			      ipc_strerror(err), last, want);
			if (m->obj < 0) {
				CHECK(ipc_cap_rights(&L.cs[t], s) == 0 && ipc_cap_badge(&L.cs[t], s) == 0,
				      "T%d slot %u is empty but reads rights %#x badge %#llx", t, s,
				      ipc_cap_rights(&L.cs[t], s),
				      (unsigned long long)ipc_cap_badge(&L.cs[t], s));
				continue;
			}
			CHECK(ipc_cap_rights(&L.cs[t], s) == m->rights,
			      "T%d slot %u rights: libipc %#x, model %#x", t, s, ipc_cap_rights(&L.cs[t], s),
			      m->rights);
			CHECK(ipc_cap_badge(&L.cs[t], s) == m->badge,
			      "T%d slot %u badge: libipc %#llx, model %#llx", t, s,
			      (unsigned long long)ipc_cap_badge(&L.cs[t], s), (unsigned long long)m->badge);
			CHECK(cap_addr(c->parent) == m->parent, "T%d slot %u parent: libipc %d, model %d", t,
			      s, cap_addr(c->parent), m->parent);
		}
	/* Out-of-range views read as empty. */
	CHECK(ipc_cap_type(&L.cs[0], M_NS) == IPC_OBJ_NONE &&
	          ipc_cap_object(&L.cs[0], IPC_SLOT_NONE) == NULL && ipc_cap_rights(&L.cs[0], M_NS) == 0 &&
	          ipc_cap_badge(&L.cs[0], M_NS + 1) == 0,
	      "views of invalid slots");
	bool last = true;
	CHECK(ipc_cap_is_last(&L.cs[1], M_NS, &last) == IPC_E_BAD_SLOT &&
	          ipc_cap_is_last(&L.cs[1], IPC_SLOT_NONE, &last) == IPC_E_BAD_SLOT && last,
	      "ipc_cap_is_last on invalid slots");
	for (int t = 0; t < M_NT; t++)
		CHECK(L.cs[t].slots == L.slots[t] && L.cs[t].nslots == M_NS, "CSpace %d changed", t);
}

static void compare_queue(const struct ipc_queue *q, int obj, const char *what)
{
	int mq[M_NT];
	int n = m_queue(&M, obj, mq), k = 0;
	const struct ipc_thread *t = q->head, *prev = NULL;

	for (; t != NULL; prev = t, t = t->qnext, k++) {
		CHECK(k < n, "%s %d: libipc queue longer than the model's (%d)", what, obj, n);
		CHECK(tid(t) == mq[k], "%s %d: queue[%d] is T%d in libipc, T%d in the model (Q1)", what, obj,
		      k, tid(t), mq[k]);
		CHECK(t->qprev == prev, "%s %d: queue[%d] has a broken back link", what, obj, k);
		CHECK(prev == NULL || prev->prio >= t->prio, "%s %d: Q1 priority order broken at %d", what,
		      obj, k);
	}
	CHECK(k == n, "%s %d: libipc queue holds %d, model %d", what, obj, k, n);
	CHECK(q->tail == prev, "%s %d: tail is not the last thread", what, obj);

	/* Band links: each band's last thread links the neighbouring bands'
	 * last threads; every other thread has none. */
	const struct ipc_thread *higher_tail = NULL;
	for (t = q->head, k = 0; t != NULL; t = t->qnext, k++) {
		if (t->qnext != NULL && t->qnext->prio == t->prio) {
			CHECK(t->bnext == NULL && t->bprev == NULL,
			      "%s %d: queue[%d] inside a band has band links", what, obj, k);
			continue;
		}
		CHECK(higher_tail != NULL || q->top == t, "%s %d: top is not the highest band's last thread",
		      what, obj);
		CHECK(t->bprev == higher_tail, "%s %d: queue[%d] links the wrong higher band", what, obj, k);
		CHECK(higher_tail == NULL || higher_tail->bnext == t,
		      "%s %d: band before queue[%d] links the wrong lower band", what, obj, k);
		higher_tail = t;
	}
	CHECK(higher_tail == NULL || higher_tail->bnext == NULL, "%s %d: the lowest band links a lower one",
	      what, obj);
	CHECK(q->head != NULL || q->top == NULL, "%s %d: an empty queue has a top band", what, obj);

	/* The band index: with two or more bands, a bit and a summary bit for
	 * exactly the priorities waiting (as many bits as bands), and each
	 * one's last thread (an empty band's entry means nothing); with one
	 * band or none, all clear (struct ipc_queue). */
	int bands = 0, bits = 0;
	for (t = q->head; t != NULL; t = t->qnext)
		bands += t->qnext == NULL || t->qnext->prio != t->prio;
	for (t = q->head; bands >= 2 && t != NULL; t = t->qnext) {
		if (t->qnext != NULL && t->qnext->prio == t->prio)
			continue;
		CHECK((q->band_bits[t->prio / 64] >> (t->prio % 64)) & 1,
		      "%s %d: no band bit for priority %u", what, obj, t->prio);
		CHECK(q->band_tail[t->prio] == t, "%s %d: band_tail[%u] is not that band's last thread", what,
		      obj, t->prio);
	}
	for (int w = 0; w < IPC_PRIO_WORDS; w++) {
		bits += __builtin_popcountll(q->band_bits[w]);
		CHECK(((q->band_words >> w) & 1) == (q->band_bits[w] != 0), "%s %d: summary bit %d", what,
		      obj, w);
	}
	CHECK(bits == (bands >= 2 ? bands : 0), "%s %d: %d band bits for %d bands", what, obj, bits, bands);
	CHECK((q->band_words >> IPC_PRIO_WORDS) == 0, "%s %d: summary bits past the words", what, obj);
}

/*
 * Every field of every object, except: the queues' internal band links and
 * band index (compare_queue() checks them as a structure, the model has no
 * bands), the
 * reply objects' snext/sprev (compare_replies_owed() walks them), and pad_.
 */
static void compare_objects(void)
{
	for (int o = 0; o < M_NO; o++) {
		CHECK(optr(o)->refs == (uint32_t)m_refs(&M, o),
		      "object %d refs: libipc %u, model (cap count) %d", o, optr(o)->refs, m_refs(&M, o));
		CHECK(optr(o)->type == (uint32_t)M.o[o].type, "object %d type: libipc %u, model %d", o,
		      optr(o)->type, M.o[o].type);
	}
	for (int e = 0; e < 2; e++) {
		CHECK(L.ep[e].state == (uint32_t)m_ep_state(&M, M_EP0 + e), "EP%d state: libipc %u, model %d",
		      e, L.ep[e].state, m_ep_state(&M, M_EP0 + e));
		compare_queue(&L.ep[e].queue, M_EP0 + e, "endpoint");
	}
	for (int n = 0; n < 2; n++) {
		const struct ipc_ntfn *a = &L.ntfn[n];
		const struct m_obj *b = &M.o[M_N0 + n];
		CHECK((a->pending != 0) == b->pending, "N%d pending: libipc %u, model %d", n, a->pending,
		      b->pending);
		CHECK(a->word == b->word, "N%d word: libipc %#llx, model %#llx", n,
		      (unsigned long long)a->word, (unsigned long long)b->word);
		CHECK(tid(a->bound) == b->bound, "N%d bound: libipc T%d, model T%d", n, tid(a->bound),
		      b->bound);
		compare_queue(&a->waiters, M_N0 + n, "notification");
	}
	for (int r = 0; r < 2; r++) {
		const struct ipc_reply *a = &L.reply[r];
		const struct m_obj *b = &M.o[M_R0 + r];
		CHECK((a->armed != 0) == b->armed, "R%d armed: libipc %u, model %d", r, a->armed, b->armed);
		CHECK(tid(a->caller) == b->caller, "R%d caller: libipc T%d, model T%d", r, tid(a->caller),
		      b->caller);
		CHECK((a->caller_gone != 0) == b->caller_gone, "R%d caller_gone: libipc %u, model %d", r,
		      a->caller_gone, b->caller_gone);
		CHECK(tid(a->server) == b->server, "R%d server: libipc T%d, model T%d", r, tid(a->server),
		      b->server);
	}
}

/* Compare two logs; `ordered` false compares them as multisets. */
static void compare_log(const char *what, const int *a, const int *as, int na, const int *b, const int *bs,
                        int nb, bool ordered)
{
	char la[256] = "", lb[256] = "";
	size_t pa = 0, pb = 0;
	bool same = na == nb;

	for (int k = 0; k < na && pa < sizeof(la) - 16; k++)
		pa += (size_t)snprintf(la + pa, sizeof(la) - pa, " %d/%d", a[k], as ? as[k] : 0);
	for (int k = 0; k < nb && pb < sizeof(lb) - 16; k++)
		pb += (size_t)snprintf(lb + pb, sizeof(lb) - pb, " %d/%d", b[k], bs ? bs[k] : 0);
	if (same && ordered) {
		for (int k = 0; k < na; k++)
			same = same && a[k] == b[k] && (as == NULL || as[k] == bs[k]);
	} else if (same) {
		for (int k = 0; k < na; k++) {
			int ca = 0, cb = 0;
			for (int j = 0; j < na; j++) {
				ca += a[j] == a[k] && (as == NULL || as[j] == as[k]);
				cb += b[j] == a[k] && (bs == NULL || bs[j] == as[k]);
			}
			same = same && ca == cb;
		}
	}
	CHECK(same, "%s differ (id/status): libipc [%s ], model [%s ]", what, la, lb);
}

/* ------------------------------------------------------------------------- */
/* Invariants on libipc's state alone                                        */
/* ------------------------------------------------------------------------- */

/* libipc's own checks (ipc_object_check and friends: queue order and links,
 * waiters' states, reply links, bindings, cap tree links and C1) on every
 * object, thread and slot, and here what they cannot see alone: every
 * blocked thread on exactly one queue or reply link, derivations acyclic. */
static void count_queue(const struct ipc_queue *q, int count[M_NT])
{
	int k = 0;

	for (const struct ipc_thread *t = q->head; t != NULL; t = t->qnext, k++) {
		CHECK(k < M_NT, "a queue longer than the number of threads (a cycle?)");
		count[tid(t)]++;
	}
}

static void check_invariants(void)
{
	int count[M_NT] = {0};
	const char *e;

	for (int i = 0; i < 2; i++) {
		CHECK((e = ipc_object_check(&L.ep[i].obj)) == NULL, "EP%d: %s", i, e);
		CHECK((e = ipc_object_check(&L.ntfn[i].obj)) == NULL, "N%d: %s", i, e);
		CHECK((e = ipc_object_check(&L.reply[i].obj)) == NULL, "R%d: %s", i, e);
		count_queue(&L.ep[i].queue, count);
		count_queue(&L.ntfn[i].waiters, count);
		if (L.reply[i].caller != NULL)
			count[tid(L.reply[i].caller)]++;
	}
	for (int i = 0; i < M_NT; i++) {
		uint32_t s = L.t[i].state;
		int want = blocked_state(s) ? 1 : 0;
		CHECK((e = ipc_thread_check(&L.t[i])) == NULL, "T%d: %s", i, e);
		CHECK(count[i] == want, "T%d (state %u) is on %d queues/reply links, want %d", i, s, count[i],
		      want);
	}
	for (int t = 0; t < M_NT; t++)
		for (uint32_t s = 0; s < M_NS; s++) {
			const struct ipc_cap *c = &L.slots[t][s];
			CHECK((e = ipc_cap_check(c)) == NULL, "T%d slot %u: %s", t, s, e);
			int hops = 0;
			for (const struct ipc_cap *p = c->parent; p != NULL; p = p->parent)
				CHECK(++hops <= M_NCAPS, "T%d slot %u: derivation cycle", t, s);
		}
}

/* A cap keeps its badge and rights for as long as it exists (B2, C1):
 * identities come from the model, values from libipc. */
struct cap_rec {
	uint64_t id, badge;
	uint32_t rights;
};
static struct cap_rec before[M_NT][M_NS];

static void record_caps(void)
{
	for (int t = 0; t < M_NT; t++)
		for (int s = 0; s < M_NS; s++) {
			before[t][s].id = M.cap[t][s].obj < 0 ? 0 : M.cap[t][s].id;
			before[t][s].badge = L.slots[t][s].badge;
			before[t][s].rights = L.slots[t][s].rights;
		}
}

static void check_caps_kept(void)
{
	for (int t = 0; t < M_NT; t++)
		for (int s = 0; s < M_NS; s++) {
			uint64_t id = M.cap[t][s].obj < 0 ? 0 : M.cap[t][s].id;
			if (id == 0)
				continue;
			for (int t2 = 0; t2 < M_NT; t2++)
				for (int s2 = 0; s2 < M_NS; s2++)
					if (before[t2][s2].id == id) {
						CHECK(L.slots[t][s].badge == before[t2][s2].badge,
						      "B2: the cap now in T%d slot %u changed badge %#llx -> "
						      "%#llx",
						      t, s, (unsigned long long)before[t2][s2].badge,
						      (unsigned long long)L.slots[t][s].badge);
						CHECK(L.slots[t][s].rights == before[t2][s2].rights,
						      "C1: the cap now in T%d slot %u changed rights", t, s);
					}
		}
}

/* ------------------------------------------------------------------------- */
/* One operation                                                             */
/* ------------------------------------------------------------------------- */

struct lret {
	int err, next;
};

static struct lret L_(struct ipc_ret r) {
	struct lret x = {r.err, tid(r.next)};
	return x;
}

static struct lret
L_int(int err)
{
	struct lret x = {err, -1};
	return x;
}

static void begin(const char *name)
{
	op_no++;
	op_name = name;
	memcpy(&snap, &L, sizeof(L));
	memcpy(&msnap, &M, sizeof(M));
	h_nwoken = h_nblocked = h_nunref = h_seq = 0;
	m_log_clear(&M);
	record_caps();
}

static bool same_info(const struct ipc_recv_info *a, const struct ipc_recv_info *b)
{
	bool same = a->kind == b->kind && a->length == b->length && a->label == b->label &&
	            a->badge == b->badge && a->ncaps == b->ncaps;

	for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++)
		same = same && a->cap_outcome[k] == b->cap_outcome[k] && a->cap_slot[k] == b->cap_slot[k] &&
		       a->cap_badge[k] == b->cap_badge[k];
	return same;
}

/* ipc.h, "When the hooks fire": what a hook saw is what the operation left
 * (a thread wakes or blocks at most once per operation), a blocking caller's
 * hook is the last, and an object is unreferenced after its waiters woke. */
static void check_hook_moments(void)
{
	for (int k = 0; k < h_nwoken; k++) {
		int i = h_woken[k];
		CHECK(same_info(&h_woken_info[k], ipc_thread_recv_info(&L.t[i])),
		      "T%d's receive info changed after its runnable hook", i);
		CHECK(L.t[i].state == IPC_TS_RUNNABLE && ipc_thread_status(&L.t[i]) == h_woken_status[k],
		      "T%d's state or status changed after its runnable hook", i);
		for (int u = 0; u < h_nunref; u++)
			CHECK(h_unref_seq[u] > h_woken_seq[k], "object %d unreferenced before T%d woke",
			      h_unref[u], i);
	}
	for (int k = 0; k < h_nblocked; k++) {
		int i = h_blocked[k];
		CHECK(h_blocked_seq[k] == h_seq - 1, "T%d's blocked hook is not the operation's last", i);
		CHECK(L.t[i].state == h_blocked_state[k],
		      "T%d blocked in state %u, is in %u after the operation", i, h_blocked_state[k],
		      L.t[i].state);
	}
}

/* The message-id check: each message delivered at most once, and only
 * messages that an operation sent. */
static void check_messages(int err)
{
	for (int k = 0; k < M.nrecv; k++) {
		int r = M.recv[k];
		const struct ipc_recv_info *info = ipc_thread_recv_info(&L.t[r]);
		uint32_t id = (uint32_t)(info->label >> 32);
		if (info->kind == IPC_EV_NOTIFY || id == 0 || id >= MAX_MSG)
			continue;
		CHECK(id <= msg_next, "T%d received message %u that nobody sent", r, id);
		CHECK(!msg_delivered[id], "T%d received message %u a second time", r, id);
		msg_delivered[id] = 1;
	}
	/* A sender told "delivered" must have been: woken senders with OK, and
	 * callers that moved on to wait for their reply. */
	for (int i = 0; i < M_NT; i++) {
		bool was_sending = snap.t[i].state == IPC_TS_BLOCKED_SEND;
		bool done = (L.t[i].state == IPC_TS_RUNNABLE && L.t[i].status == IPC_OK) ||
		            L.t[i].state == IPC_TS_BLOCKED_REPLY;
		if (was_sending && done && pending_msg[i] != 0)
			CHECK(msg_delivered[pending_msg[i]],
			      "T%d was told its message %u arrived, nobody got it", i, pending_msg[i]);
		if (L.t[i].state != IPC_TS_BLOCKED_SEND)
			pending_msg[i] = 0;
	}
	/* S2: NBSend OK means delivered now (NO_RECEIVER: not at all). */
	if (op_msg != 0 && strcmp(op_name, "nbsend") == 0)
		CHECK(msg_delivered[op_msg] == (err == IPC_OK), "nbsend said %d, message %u delivered: %d",
		      err, op_msg, msg_delivered[op_msg]);
	/* The message of this op: remembered while its sender is queued. */
	if (op_msg != 0 && L.t[op_msg_thread].state == IPC_TS_BLOCKED_SEND &&
	    snap.t[op_msg_thread].state != IPC_TS_BLOCKED_SEND)
		pending_msg[op_msg_thread] = op_msg;
	op_msg = 0;
}

static void end(struct lret a, struct m_ret b, bool ordered)
{
	CHECK(a.err == b.err, "status: libipc %d (%s), model %d (%s)", a.err, ipc_strerror(a.err), b.err,
	      ipc_strerror(b.err));
	if (ordered) {
		CHECK(a.next == b.next, "next: libipc T%d, model T%d", a.next, b.next);
	} else if (a.next != b.next) {
		/* Revoke may destroy several objects in any order: the hint
		 * must still be a woken thread of the top priority. */
		CHECK(a.next >= 0 && b.next >= 0 && M.t[a.next].prio == M.t[b.next].prio,
		      "next: libipc T%d, model T%d", a.next, b.next);
	}
	compare_log("woken threads", h_woken, h_woken_status, h_nwoken, M.woken, M.woken_status, M.nwoken,
	            ordered);
	compare_log("blocked threads", h_blocked, NULL, h_nblocked, M.blocked, NULL, M.nblocked, true);
	for (int k = 0; k < h_nblocked; k++)
		CHECK(h_blocked_deadline[k] == M.t[h_blocked[k]].deadline,
		      "deadline seen by the blocked hook: libipc %llu, model %llu",
		      (unsigned long long)h_blocked_deadline[k],
		      (unsigned long long)M.t[h_blocked[k]].deadline);
	check_hook_moments();
	compare_log("unreferenced objects", h_unref, NULL, h_nunref, M.unref, NULL, M.nunref, ordered);
	reuse_unreferenced();
	compare_threads();
	compare_caps();
	compare_objects();
	check_invariants();
	check_caps_kept();
	check_messages(a.err);
	/* Check, then commit: a failure changes nothing (NO_REPLY excepted). */
	if (a.err < 0 && a.err != IPC_E_NO_REPLY)
		CHECK(memcmp(&snap, &L, sizeof(L)) == 0, "failed operation (%s) changed libipc's world",
		      ipc_strerror(a.err));
	tracef("   -> %d (%s) next T%d, woke %d\n", a.err, ipc_strerror(a.err), a.next, h_nwoken);
}

/*
 * The fast-path primitives (<ipc/fastpath.h>) in lock-step with the slow
 * operations: wherever ipc_fast_*_check() accepts a Call, ReplyRecv, Send
 * or Signal, the
 * slow operation runs first on the world, then the world is put back as it
 * was before the operation and the fast primitive runs with the hooks the
 * embedder would call in their place; both must leave the world byte for
 * byte the same and log the same hooks. A check must never change anything,
 * accepted or not. The fast result then goes on to the model comparison.
 */
static struct lworld fast_slow;  /* the world as the slow operation left it */
static unsigned long fast_taken; /* operations the fast path took */

unsigned long ls_fast_taken(void)
{
	return fast_taken;
}

static void print_fast_taken(void)
{
	fprintf(stderr, "lockstep: %lu Calls, ReplyRecvs, Sends and Signals took the fast path\n",
	        fast_taken);
}

/* The slow operation has run: keep what it left, and put the world back. */
static void fast_compare(struct ipc_ret slow, int err, int next, int t)
{
	CHECK(slow.err == err && tid(slow.next) == next,
	      "fast path accepted T%d, the slow operation gave %d next T%d", t, slow.err, tid(slow.next));
	CHECK(h_nunref == 0, "the slow operation of an accepted fast path destroyed an object");
	memcpy(&fast_slow, &L, sizeof(L));
	memcpy(&L, &snap, sizeof(L));
	h_nwoken = h_nblocked = 0;
	fast_taken++;
}

static void fast_check_same(int nw, int nb, const int *wk, const int *ws, const int *bl, const uint64_t *bd)
{
	CHECK(memcmp(&fast_slow, &L, sizeof(L)) == 0, "fast path and slow operation left different worlds");
	CHECK(h_nwoken == nw && h_nblocked == nb, "fast path hooks: %d woken %d blocked, slow %d and %d",
	      h_nwoken, h_nblocked, nw, nb);
	for (int k = 0; k < nw; k++)
		CHECK(h_woken[k] == wk[k] && h_woken_status[k] == ws[k], "fast path woke T%d, slow T%d",
		      h_woken[k], wk[k]);
	for (int k = 0; k < nb; k++)
		CHECK(h_blocked[k] == bl[k] && h_blocked_deadline[k] == bd[k],
		      "fast path blocked T%d, slow T%d", h_blocked[k], bl[k]);
}

/* Call: the fast path where it applies, checked against the slow one. */
static struct ipc_ret ls_call(int t, uint32_t slot, struct ipc_msginfo mi, uint64_t dl)
{
	struct ipc_fast_call fc;
	bool ok = mi.ncaps == 0 ? ipc_fast_call_check(&L.t[t], slot, mi, IPC_MSG_MAX_WORDS, &fc)
	                        : ipc_fast_call_caps_check(&L.t[t], slot, mi, IPC_MSG_MAX_WORDS, &fc);

	CHECK(memcmp(&snap, &L, sizeof(L)) == 0, "ipc_fast_call_check changed the world");
	if (!ok)
		return ipc_call(&L.t[t], slot, mi, dl);
	struct ipc_ret slow = ipc_call(&L.t[t], slot, mi, dl);
	int nw = h_nwoken, nb = h_nblocked, wk[M_LOG], ws[M_LOG], bl[M_LOG];
	uint64_t bd[M_LOG];
	memcpy(wk, h_woken, sizeof(wk));
	memcpy(ws, h_woken_status, sizeof(ws));
	memcpy(bl, h_blocked, sizeof(bl));
	memcpy(bd, h_blocked_deadline, sizeof(bd));
	fast_compare(slow, IPC_BLOCKED, tid(fc.receiver), t);
	ipc_fast_call_commit(&L.t[t], &fc, mi, dl);
	if (mi.ncaps != 0)
		ipc_fast_caps_commit(&L.t[t], fc.receiver, fc.ep, mi, fc.grant);
	ipc_fast_copy_words(fc.receiver, &L.t[t], mi.length);
	ipc_hook_thread_runnable(fc.receiver); /* the hooks the slow operation calls, in its order */
	ipc_hook_thread_blocked(&L.t[t]);
	fast_check_same(nw, nb, wk, ws, bl, bd);
	return (struct ipc_ret){IPC_BLOCKED, fc.receiver};
}

/* ReplyRecv: likewise. */
static struct ipc_ret ls_reply_recv(int t, uint32_t slot, uint32_t rslot, struct ipc_msginfo mi, uint64_t dl)
{
	struct ipc_fast_reply_recv f;
	bool ok = ipc_fast_reply_recv_check(&L.t[t], slot, rslot, mi, IPC_MSG_MAX_WORDS, &f);

	CHECK(memcmp(&snap, &L, sizeof(L)) == 0, "ipc_fast_reply_recv_check changed the world");
	if (!ok)
		return ipc_reply_recv(&L.t[t], slot, rslot, mi, dl);
	struct ipc_ret slow = ipc_reply_recv(&L.t[t], slot, rslot, mi, dl);
	int nw = h_nwoken, nb = h_nblocked, wk[M_LOG], ws[M_LOG], bl[M_LOG];
	uint64_t bd[M_LOG];
	memcpy(wk, h_woken, sizeof(wk));
	memcpy(ws, h_woken_status, sizeof(ws));
	memcpy(bl, h_blocked, sizeof(bl));
	memcpy(bd, h_blocked_deadline, sizeof(bd));
	fast_compare(slow, IPC_BLOCKED, tid(f.caller), t);
	ipc_fast_reply_recv_commit(&L.t[t], &f, mi, dl);
	ipc_fast_copy_words(f.caller, &L.t[t], mi.length);
	ipc_hook_thread_runnable(f.caller);
	ipc_hook_thread_blocked(&L.t[t]);
	fast_check_same(nw, nb, wk, ws, bl, bd);
	return (struct ipc_ret){IPC_BLOCKED, f.caller};
}

/* Send: likewise; the sender stays runnable, the receiver runs next only
 * if it outranks it. */
static struct ipc_ret ls_send(int t, uint32_t slot, struct ipc_msginfo mi, uint64_t dl)
{
	struct ipc_fast_send fs;
	bool ok = ipc_fast_send_check(&L.t[t], slot, mi, IPC_MSG_MAX_WORDS, &fs);

	CHECK(memcmp(&snap, &L, sizeof(L)) == 0, "ipc_fast_send_check changed the world");
	if (!ok)
		return ipc_send(&L.t[t], slot, mi, dl);
	struct ipc_ret slow = ipc_send(&L.t[t], slot, mi, dl);
	struct ipc_thread *next = fs.receiver->prio > L.t[t].prio ? fs.receiver : NULL;
	int nw = h_nwoken, nb = h_nblocked, wk[M_LOG], ws[M_LOG], bl[M_LOG];
	uint64_t bd[M_LOG];
	memcpy(wk, h_woken, sizeof(wk));
	memcpy(ws, h_woken_status, sizeof(ws));
	memcpy(bl, h_blocked, sizeof(bl));
	memcpy(bd, h_blocked_deadline, sizeof(bd));
	fast_compare(slow, IPC_OK, tid(next), t);
	ipc_fast_send_commit(&L.t[t], &fs, mi);
	ipc_fast_copy_words(fs.receiver, &L.t[t], mi.length);
	ipc_hook_thread_runnable(fs.receiver);
	fast_check_same(nw, nb, wk, ws, bl, bd);
	return (struct ipc_ret){IPC_OK, next};
}

/* Signal: likewise. */
static struct ipc_ret ls_signal(int t, uint32_t slot)
{
	struct ipc_fast_signal fs;
	bool ok = ipc_fast_signal_check(&L.t[t], slot, &fs);

	CHECK(memcmp(&snap, &L, sizeof(L)) == 0, "ipc_fast_signal_check changed the world");
	if (!ok)
		return ipc_signal(&L.t[t], slot);
	struct ipc_ret slow = ipc_signal(&L.t[t], slot);
	struct ipc_thread *next = fs.waiter->prio > L.t[t].prio ? fs.waiter : NULL;
	int nw = h_nwoken, nb = h_nblocked, wk[M_LOG], ws[M_LOG], bl[M_LOG];
	uint64_t bd[M_LOG];
	memcpy(wk, h_woken, sizeof(wk));
	memcpy(ws, h_woken_status, sizeof(ws));
	memcpy(bl, h_blocked, sizeof(bl));
	memcpy(bd, h_blocked_deadline, sizeof(bd));
	fast_compare(slow, IPC_OK, tid(next), t);
	ipc_fast_signal_commit(&fs);
	ipc_hook_thread_runnable(fs.waiter);
	fast_check_same(nw, nb, wk, ws, bl, bd);
	return (struct ipc_ret){IPC_OK, next};
}

enum op {
	OP_SEND,
	OP_NBSEND,
	OP_CALL,
	OP_RECV,
	OP_NBRECV,
	OP_REPLY,
	OP_REPLY_RECV,
	OP_NBSEND_RECV,
	OP_SIGNAL,
	OP_WAIT,
	OP_POLL,
	OP_PEEK,
	OP_BIND,
	OP_UNBIND,
	OP_COPY,
	OP_MINT,
	OP_MOVE,
	OP_DELETE,
	OP_REVOKE,
	OP_CAP_CANCEL_BADGED,
	OP_EP_CANCEL_BADGED,
	OP_DESTROY_OBJ,
	OP_CANCEL,
	OP_THREAD_DESTROY,
	OP_SET_PRIO,
	OP_INSTALL,
	OP_SCRIBBLE,
	OP_FAULT,
	OP_REVIVE,
	OP_SET_BUFFER,
	/* Direct ways into states random arguments reach too rarely: */
	OP_CALL_SLOTS,          /* Call with the caller's receive slots set (C3 in replies) */
	OP_DERIVE,              /* copy/mint from a full slot into an empty one */
	OP_DELETE_INNER,        /* delete a cap that has a parent and children */
	OP_REPLY_CAPS,          /* reply with transferable caps to a linked caller */
	OP_RECV_REPLY,          /* Recv on an endpoint cap with R, arming a reply object */
	OP_DESTROY_SOME,        /* X5: one bounded step of destroying an endpoint or notification */
	OP_REVOKE_SOME,         /* C9: a revoke in bounded steps, until done, against one model revoke */
	OP_THREAD_DESTROY_SOME, /* X6: a thread's destroy in bounded steps, against one model destroy */
	OP_COUNT
};

/* LS_TRANSFER draws mostly from these; an opcode byte from TRANSFER_DIRECT
 * up names any operation (code - TRANSFER_DIRECT), so every one is reachable. */
#define TRANSFER_DIRECT 216
_Static_assert(256 - TRANSFER_DIRECT >= OP_COUNT, "every operation has a direct code in LS_TRANSFER");
static const uint8_t transfer_ops[] = {
    OP_SEND,       OP_SEND,         OP_NBSEND,     OP_CALL,       OP_CALL,       OP_RECV,
    OP_RECV,       OP_RECV,         OP_NBRECV,     OP_REPLY,      OP_REPLY,      OP_REPLY_RECV,
    OP_REPLY_RECV, OP_NBSEND_RECV,  OP_SCRIBBLE,   OP_MINT,       OP_COPY,       OP_MOVE,
    OP_DELETE,     OP_REVOKE,       OP_CANCEL,     OP_CALL_SLOTS, OP_CALL_SLOTS, OP_DERIVE,
    OP_DERIVE,     OP_DELETE_INNER, OP_REPLY_CAPS, OP_REPLY_CAPS, OP_RECV_REPLY, OP_RECV_REPLY,
};

/*
 * One handler per operation (the table below): it reads its arguments from
 * the input, prepares buffers, calls begin() with the operation's name, runs
 * the operation on libipc and on the model, and says what both returned.
 * do_op() then compares everything (end()). A handler may serve several
 * operations that differ in one detail (Send/NBSend/Call); it gets `op`.
 */
struct step {
	struct lret a;  /* libipc's status and hint */
	struct m_ret b; /* the model's */
	bool ordered;   /* false: hooks may come in any order (revoke) */
};

/* Names in traces and failure reports ("nbsend" is also what the S2 check
 * in check_messages() looks for). */
static const char *const op_names[OP_COUNT] = {
    [OP_SEND] = "send",
    [OP_NBSEND] = "nbsend",
    [OP_CALL] = "call",
    [OP_RECV] = "recv",
    [OP_NBRECV] = "nbrecv",
    [OP_REPLY] = "reply",
    [OP_REPLY_RECV] = "reply_recv",
    [OP_NBSEND_RECV] = "nbsend_recv",
    [OP_SIGNAL] = "signal",
    [OP_WAIT] = "wait",
    [OP_POLL] = "poll",
    [OP_PEEK] = "peek",
    [OP_BIND] = "bind",
    [OP_UNBIND] = "unbind",
    [OP_COPY] = "copy",
    [OP_MINT] = "mint",
    [OP_MOVE] = "move",
    [OP_DELETE] = "delete",
    [OP_REVOKE] = "revoke",
    [OP_CAP_CANCEL_BADGED] = "cap_cancel_badged_sends",
    [OP_EP_CANCEL_BADGED] = "ep_cancel_badged_sends",
    [OP_DESTROY_OBJ] = "destroy_object",
    [OP_CANCEL] = "thread_cancel",
    [OP_THREAD_DESTROY] = "thread_destroy",
    [OP_SET_PRIO] = "set_prio",
    [OP_INSTALL] = "install",
    [OP_SCRIBBLE] = "scribble",
    [OP_FAULT] = "thread_fault",
    [OP_REVIVE] = "revive",
    [OP_SET_BUFFER] = "set_buffer",
    [OP_CALL_SLOTS] = "call_slots",
    [OP_DERIVE] = "derive",
    [OP_DELETE_INNER] = "delete_inner",
    [OP_REPLY_CAPS] = "reply_caps",
    [OP_RECV_REPLY] = "recv_reply",
    [OP_DESTROY_SOME] = "destroy_some",
    [OP_REVOKE_SOME] = "revoke_some",
    [OP_THREAD_DESTROY_SOME] = "thread_destroy_some",
};

static struct step step_of(struct lret a, struct m_ret b)
{
	struct step s = {a, b, true};
	return s;
}

/* An operation without a "who runs next" hint (cap ops, queries). */
static struct step step_int(int a, int b)
{
	struct m_ret mb = {b, -1};
	return step_of(L_int(a), mb);
}

static struct step op_send(enum op op)
{
	int t = thread_arg();
	uint32_t slot = slot_arg(), len = len_arg(), ncaps = ncaps_arg();
	uint64_t label = new_label(t), dl = op == OP_NBSEND ? 0 : deadline_arg();
	struct ipc_msginfo mi = {label, len, ncaps};

	sender_buffer(t, len, ncaps);
	begin(op_names[op]);
	tracef("#%d %s T%d slot %u len %u ncaps %u label %#llx dl %llu\n", op_no, op_name, t, slot, len,
	       ncaps, (unsigned long long)label, (unsigned long long)dl);
	if (op == OP_SEND)
		return step_of(L_(ls_send(t, slot, mi, dl)), m_send(&M, t, slot, label, len, ncaps, dl));
	if (op == OP_NBSEND)
		return step_of(L_(ipc_nbsend(&L.t[t], slot, mi)), m_nbsend(&M, t, slot, label, len, ncaps));
	return step_of(L_(ls_call(t, slot, mi, dl)), m_call(&M, t, slot, label, len, ncaps, dl));
}

static struct step op_recv(enum op op)
{
	int t = thread_arg();
	uint32_t slot = slot_arg(), rslot = slot_arg();
	uint64_t dl = op == OP_RECV ? deadline_arg() : 0;

	receiver_buffer(t);
	begin(op_names[op]);
	tracef("#%d %s T%d slot %u reply %u dl %llu\n", op_no, op_name, t, slot, rslot,
	       (unsigned long long)dl);
	if (op == OP_RECV)
		return step_of(L_(ipc_recv(&L.t[t], slot, rslot, dl)), m_recv(&M, t, slot, rslot, dl));
	return step_of(L_(ipc_nbrecv(&L.t[t], slot, rslot)), m_nbrecv(&M, t, slot, rslot));
}

static struct step op_reply(enum op op)
{
	int t = thread_arg();
	uint32_t rslot = slot_arg(), len = len_arg(), ncaps = ncaps_arg();
	uint64_t label = new_label(t);
	struct ipc_msginfo mi = {label, len, ncaps};

	sender_buffer(t, len, ncaps);
	begin(op_names[op]);
	tracef("#%d reply T%d reply %u len %u ncaps %u label %#llx\n", op_no, t, rslot, len, ncaps,
	       (unsigned long long)label);
	return step_of(L_(ipc_reply(&L.t[t], rslot, mi)), m_reply(&M, t, rslot, label, len, ncaps));
}

static struct step op_reply_recv(enum op op)
{
	int t = thread_arg();
	uint32_t slot = slot_arg(), rslot = slot_arg(), len = len_arg(), ncaps = ncaps_arg();
	uint64_t label = new_label(t), dl = deadline_arg();
	struct ipc_msginfo mi = {label, len, ncaps};

	sender_buffer(t, len, ncaps);
	receiver_buffer(t);
	begin(op_names[op]);
	tracef("#%d reply_recv T%d slot %u reply %u len %u ncaps %u label %#llx\n", op_no, t, slot, rslot,
	       len, ncaps, (unsigned long long)label);
	return step_of(L_(ls_reply_recv(t, slot, rslot, mi, dl)),
	               m_reply_recv(&M, t, slot, rslot, label, len, ncaps, dl));
}

static struct step op_nbsend_recv(enum op op)
{
	int t = thread_arg();
	uint32_t sslot = slot_arg(), slot = slot_arg(), rslot = slot_arg(), len = len_arg(),
	         ncaps = ncaps_arg();
	uint64_t label = new_label(t), dl = deadline_arg();
	struct ipc_msginfo mi = {label, len, ncaps};

	sender_buffer(t, len, ncaps);
	receiver_buffer(t);
	begin(op_names[op]);
	tracef("#%d nbsend_recv T%d send %u recv %u reply %u len %u ncaps %u label %#llx\n", op_no, t, sslot,
	       slot, rslot, len, ncaps, (unsigned long long)label);
	return step_of(L_(ipc_nbsend_recv(&L.t[t], sslot, mi, slot, rslot, dl)),
	               m_nbsend_recv(&M, t, sslot, label, len, ncaps, slot, rslot, dl));
}

static struct step op_ntfn(enum op op)
{
	int t = thread_arg();
	uint32_t slot = slot_arg();
	uint64_t dl = op == OP_WAIT ? deadline_arg() : 0;

	begin(op_names[op]);
	tracef("#%d %s T%d slot %u\n", op_no, op_name, t, slot);
	if (op == OP_SIGNAL)
		return step_of(L_(ls_signal(t, slot)), m_signal(&M, t, slot));
	if (op == OP_WAIT)
		return step_of(L_(ipc_wait(&L.t[t], slot, dl)), m_wait(&M, t, slot, dl));
	return step_of(L_(ipc_poll(&L.t[t], slot)), m_poll(&M, t, slot));
}

static struct step op_peek(enum op op)
{
	int t = thread_arg();
	uint32_t slot = slot_arg();
	uint64_t wa = 0x5A5A, wb = 0x5A5A;

	begin(op_names[op]);
	tracef("#%d peek T%d slot %u\n", op_no, t, slot);
	int a = ipc_ntfn_peek(&L.t[t], slot, &wa);
	int b = m_peek(&M, t, slot, &wb);
	CHECK(wa == wb, "peek word: libipc %#llx, model %#llx", (unsigned long long)wa,
	      (unsigned long long)wb);
	return step_int(a, b);
}

static struct step op_bind(enum op op)
{
	int n = u8() % 2, t = u8() % M_NT;

	begin(op_names[op]);
	tracef("#%d bind N%d T%d\n", op_no, n, t);
	return step_of(L_(ipc_ntfn_bind(&L.ntfn[n], &L.t[t])), m_bind(&M, M_N0 + n, t));
}

static struct step op_unbind(enum op op)
{
	int t = u8() % M_NT;

	begin(op_names[op]);
	tracef("#%d unbind T%d\n", op_no, t);
	ipc_ntfn_unbind(&L.t[t]);
	m_unbind(&M, t);
	return step_int(0, 0);
}

static struct step op_cap_pair(enum op op)
{
	int st = u8() % M_NT;
	uint32_t ss = slot_arg();
	int dt = u8() % M_NT;
	uint32_t ds = slot_arg();
	uint32_t mask = op == OP_MINT ? rights_arg() : 0;
	uint64_t badge = op == OP_MINT ? badge_arg() : 0;

	begin(op_names[op]);
	tracef("#%d %s T%d:%u -> T%d:%u mask %#x badge %#llx\n", op_no, op_name, st, ss, dt, ds, mask,
	       (unsigned long long)badge);
	if (op == OP_COPY)
		return step_int(ipc_cap_copy(&L.cs[st], ss, &L.cs[dt], ds), m_copy(&M, st, ss, dt, ds));
	if (op == OP_MINT)
		return step_int(ipc_cap_mint(&L.cs[st], ss, &L.cs[dt], ds, mask, badge),
		                m_mint(&M, st, ss, dt, ds, mask, badge));
	return step_int(ipc_cap_move(&L.cs[st], ss, &L.cs[dt], ds), m_move(&M, st, ss, dt, ds));
}

static struct step op_delete(enum op op)
{
	int t = u8() % M_NT;
	uint32_t s = slot_arg();

	begin(op_names[op]);
	tracef("#%d %s T%d:%u\n", op_no, op_name, t, s);
	return step_of(L_(ipc_cap_delete(&L.cs[t], s)), m_delete(&M, t, s));
}

static struct step op_revoke(enum op op)
{
	int t = u8() % M_NT;
	uint32_t s = slot_arg();

	begin(op_names[op]);
	tracef("#%d %s T%d:%u\n", op_no, op_name, t, s);
	struct step r = step_of(L_(ipc_cap_revoke(&L.cs[t], s)), m_revoke(&M, t, s));
	r.ordered = false;
	if (r.a.err == IPC_OK) {
		/* Revoke left no descendant (C2). */
		const struct ipc_cap *root = &L.slots[t][s];
		CHECK(root->child == NULL, "C2: revoked cap still has children");
		for (int t2 = 0; t2 < M_NT; t2++)
			for (int s2 = 0; s2 < M_NS; s2++)
				for (const struct ipc_cap *p = L.slots[t2][s2].parent; p != NULL;
				     p = p->parent)
					CHECK(p != root, "C2: T%d:%d still descends from the revoked cap", t2,
					      s2);
	}
	return r;
}

static struct step op_cap_cancel_badged(enum op op)
{
	int t = u8() % M_NT;
	uint32_t s = slot_arg();

	begin(op_names[op]);
	tracef("#%d cap_cancel_badged_sends T%d:%u\n", op_no, t, s);
	return step_of(L_(ipc_cap_cancel_badged_sends(&L.cs[t], s)), m_cap_cancel_badged(&M, t, s));
}

static struct step op_ep_cancel_badged(enum op op)
{
	int e = u8() % 2;
	uint64_t badge = badge_arg();

	begin(op_names[op]);
	tracef("#%d ep_cancel_badged_sends EP%d badge %#llx\n", op_no, e, (unsigned long long)badge);
	return step_of(L_(ipc_ep_cancel_badged_sends(&L.ep[e], badge)),
	               m_ep_cancel_badged(&M, M_EP0 + e, badge));
}

static struct step op_destroy_obj(enum op op)
{
	int o = u8() % 6;
	struct lret a;

	begin(op_names[op]);
	tracef("#%d destroy object %d\n", op_no, o);
	if (o <= M_EP1)
		a = L_(ipc_ep_destroy(&L.ep[o - M_EP0]));
	else if (o <= M_N1)
		a = L_(ipc_ntfn_destroy(&L.ntfn[o - M_N0]));
	else
		a = L_(ipc_reply_destroy(&L.reply[o - M_R0]));
	return step_of(a, m_destroy_obj(&M, o));
}

static struct step op_destroy_some(enum op op)
{
	int o = u8() % 4;        /* the endpoints and notifications */
	uint32_t max = u8() % 4; /* 0: refused */
	bool ld = false, md = false;
	struct lret a;

	begin(op_names[op]);
	tracef("#%d destroy_some object %d max %u\n", op_no, o, max);
	if (o <= M_EP1)
		a = L_(ipc_ep_destroy_some(&L.ep[o - M_EP0], max, &ld));
	else
		a = L_(ipc_ntfn_destroy_some(&L.ntfn[o - M_N0], max, &ld));
	struct m_ret b = m_destroy_some(&M, o, max, &md);
	CHECK(ld == md, "destroy_some: libipc says done=%d, the model %d", ld, md);
	return step_of(a, b);
}

static int caps_in_use(void)
{
	int n = 0;

	for (int t = 0; t < M_NT; t++)
		for (int s = 0; s < M_NS; s++)
			n += L.slots[t][s].obj != NULL;
	return n;
}

/*
 * C9: ipc_cap_revoke_some() with a step size of 1..4 (0: refused), called
 * until it says done, against one revoke of the model: the steps end where
 * one revoke ends (end() compares every slot and parent). Each step deletes
 * at most `max` caps and leaves no cap with more rights than its parent
 * (C1); the whole takes at most 2 units per derived cap.
 */
static struct step op_revoke_some(enum op op)
{
	int t = u8() % M_NT;
	uint32_t s = slot_arg(), max = u8() % 5;
	bool done = false;
	struct lret a = {IPC_OK, -1};

	begin(op_names[op]);
	tracef("#%d %s T%d:%u max %u\n", op_no, op_name, t, s, max);
	int steps = 0;
	while (!done && a.err == IPC_OK) {
		int before = caps_in_use();
		a = L_(ipc_cap_revoke_some(&L.cs[t], s, max, &done));
		CHECK(before - caps_in_use() <= (int)max, "C9: a step of %u deleted %d caps", max,
		      before - caps_in_use());
		CHECK(a.next == -1, "C9: a revoke step wakes nobody");
		for (int t2 = 0; t2 < M_NT; t2++)
			for (int s2 = 0; s2 < M_NS; s2++) {
				const struct ipc_cap *c = &L.slots[t2][s2];
				if (c->obj != NULL && c->parent != NULL)
					CHECK(
					    (c->rights & ~c->parent->rights) == 0,
					    "C1 between revoke steps: T%d:%d has more rights than its parent",
					    t2, s2);
			}
		CHECK(++steps <= 2 * M_NT * M_NS + 1, "C9: more than 2 units per derived cap");
	}
	if (a.err == IPC_OK)
		CHECK(L.slots[t][s].child == NULL, "C9: done with children left");
	struct m_ret b = max == 0 ? (struct m_ret){IPC_E_BAD_ARG, -1} : m_revoke(&M, t, s);
	struct step r = step_of(a, b);
	r.ordered = false;
	return r;
}

/*
 * X6: ipc_thread_destroy_some() with a step size of 1..3 (0: refused) until
 * done, against one destroy of the model: the same callers wake in the same
 * order (end() compares the wake log), at most `max` a step, and the hints
 * of the steps name the thread one destroy names (the most urgent woken,
 * the first among equals).
 */
static struct step op_thread_destroy_some(enum op op)
{
	int t = u8() % M_NT;
	uint32_t max = u8() % 4;
	bool done = false;
	struct lret a = {IPC_OK, -1};
	int best = -1;

	begin(op_names[op]);
	tracef("#%d thread_destroy_some T%d max %u\n", op_no, t, max);
	for (int steps = 0; !done && a.err == IPC_OK; steps++) {
		int before = h_nwoken;
		a = L_(ipc_thread_destroy_some(&L.t[t], max, &done));
		CHECK(h_nwoken - before <= (int)max, "X6: a step of %u woke %d", max, h_nwoken - before);
		CHECK(a.err != IPC_OK || ipc_thread_state(&L.t[t]) == IPC_TS_DEAD,
		      "X6: not dead after a step");
		CHECK(steps <= M_NT, "X6: more steps than callers");
		if (a.next >= 0 && (best < 0 || L.t[a.next].prio > L.t[best].prio))
			best = a.next;
	}
	if (a.err == IPC_OK)
		a.next = best;
	struct m_ret b = max == 0 ? (struct m_ret){IPC_E_BAD_ARG, -1} : m_thread_destroy(&M, t);
	return step_of(a, b);
}

static struct step op_cancel(enum op op)
{
	static const int errs[8] = {
	    IPC_E_CANCELLED, IPC_E_TIMED_OUT, IPC_E_CANCELLED, IPC_E_TIMED_OUT, IPC_E_PEER_GONE, -1000, 0, 1};
	int t = u8() % M_NT, err = errs[u8() % 8];

	begin(op_names[op]);
	tracef("#%d thread_cancel T%d err %d\n", op_no, t, err);
	return step_of(L_(ipc_thread_cancel(&L.t[t], err)), m_cancel(&M, t, err));
}

static struct step op_thread_destroy(enum op op)
{
	int t = u8() % M_NT;

	begin(op_names[op]);
	tracef("#%d thread_destroy T%d\n", op_no, t);
	return step_of(L_(ipc_thread_destroy(&L.t[t])), m_thread_destroy(&M, t));
}

static struct step op_set_prio(enum op op)
{
	int t = u8() % M_NT, p = prio_arg();

	begin(op_names[op]);
	tracef("#%d set_prio T%d %d\n", op_no, t, p);
	ipc_thread_set_prio(&L.t[t], (uint8_t)p);
	m_set_prio(&M, t, p);
	return step_int(0, 0);
}

static struct step op_install(enum op op)
{
	int t = u8() % M_NT;
	uint32_t s = slot_arg();
	int o = (int)(u8() % (M_NO + 1)) - 1; /* -1: NULL object */
	uint32_t rights = rights_arg();
	uint64_t badge = badge_arg();

	begin(op_names[op]);
	tracef("#%d install T%d:%u obj %d rights %#x badge %#llx\n", op_no, t, s, o, rights,
	       (unsigned long long)badge);
	return step_int(ipc_cap_install(&L.cs[t], s, o < 0 ? NULL : optr(o), rights, badge),
	                m_install(&M, t, s, o < 0 ? M_NULL_OBJ : o, rights, badge));
}

/* The buffer is user memory: rewrite it at any time, even while its thread
 * is blocked (libipc re-validates what it reads). */
static struct step op_scribble(enum op op)
{
	int t = u8() % M_NT;
	uint8_t what = u8();
	int sel = (what & 0x80) ? (what >> 6) & 1 : -1; /* usually the buffer in use */

	begin(op_names[op]);
	if (what & 1)
		write_words(t, sel, IPC_MSG_MAX_WORDS, 0xdead0000u + (uint32_t)op_no);
	if (what & 2)
		for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++)
			write_desc(t, sel, k);
	if (what & 4)
		write_rslots(t, sel);
	tracef("#%d scribble T%d %#x\n", op_no, t, what);
	/* The snapshot must not see our own writes as libipc's. */
	memcpy(&snap, &L, sizeof(L));
	return step_int(0, 0);
}

static struct step op_fault(enum op op)
{
	int t = thread_arg();
	uint32_t hslot = slot_arg();
	struct ipc_fault f;
	uint32_t id = ++msg_next;

	op_msg = id < MAX_MSG ? id : 0;
	op_msg_thread = t;
	f.kind = ((uint64_t)id << 32) | (1u + u8() % 5u);
	for (unsigned k = 0; k < IPC_FAULT_WORDS; k++)
		f.words[k] = ((uint64_t)id << 8) | k;
	begin(op_names[op]);
	tracef("#%d thread_fault T%d handler %u kind %#llx\n", op_no, t, hslot, (unsigned long long)f.kind);
	return step_of(L_(ipc_thread_fault(&L.t[t], hslot, &f)), m_fault(&M, t, hslot, f.kind, f.words));
}

static struct step op_revive(enum op op)
{
	int t = u8() % M_NT, p = prio_arg();

	begin(op_names[op]);
	tracef("#%d revive T%d prio %d%s\n", op_no, t, p,
	       M.t[t].state == IPC_TS_DEAD ? "" : " (alive: no-op)");
	if (M.t[t].state == IPC_TS_DEAD) {
		ipc_thread_init(&L.t[t], &L.cs[t], &L.buf[t][0], (uint8_t)p);
		m_revive(&M, t, p);
	}
	return step_int(0, 0);
}

static struct step op_set_buffer(enum op op)
{
	int t = u8() % M_NT, sel = (int)(u8() % 3) - 1; /* -1: NULL */

	begin(op_names[op]);
	tracef("#%d set_buffer T%d %d\n", op_no, t, sel);
	return step_int(ipc_thread_set_buffer(&L.t[t], sel < 0 ? NULL : &L.buf[t][sel]),
	                m_set_buffer(&M, t, sel));
}

/*
 * The generator's direct ways. Random slot arguments hit the right cap
 * rarely: these pick among the caps the model says are there.
 */

/* A slot of thread t that is full (or empty), picked by the next byte; any
 * slot if there is none. */
static uint32_t pick_slot(int t, bool full)
{
	uint8_t b = u8();
	uint32_t n = 0, cand[M_NS];

	for (uint32_t s = 0; s < M_NS; s++)
		if ((M.cap[t][s].obj >= 0) == full)
			cand[n++] = s;
	return n == 0 ? b % M_NS : cand[b % n];
}

/* Does a Call on endpoint `ep` now meet a receiver that armed a reply
 * object (so that the call is linked and can be answered)? */
static bool ep_linked_receiver(int ep)
{
	int q[M_NT];

	return m_queue(&M, ep, q) > 0 && M.t[q[0]].state == IPC_TS_BLOCKED_RECV && M.t[q[0]].recv_reply >= 0;
}

/*
 * A Call whose caller has pointed its receive slots at its empty slots: the
 * reply may then carry caps, which it may only if the cap the caller invoked
 * had G (C3, as seL4). Plain Calls leave the receive slots IPC_SLOT_NONE, so
 * without this only rare buffer rewrites reached that rule. The caller and
 * its cap are picked, by the next byte, among the runnable threads' caps a
 * Call may use (W, and G or GR) to an endpoint where a receiver with a reply
 * object waits, without G when the byte's low bit asks and there is one;
 * failing that among any such caps, then any runnable thread's.
 */
static struct step op_call_slots(enum op op)
{
	uint8_t b = u8();
	int n = 0, cand[M_NCAPS];

	for (int pass = (b & 1) ? 0 : 1; pass < 4 && n == 0; pass++)
		for (int a = 0; a < M_NCAPS; a++) {
			const struct m_cap *c = &M.cap[a / M_NS][a % M_NS];
			bool callable = c->obj >= 0 && M.o[c->obj].type == IPC_OBJ_ENDPOINT &&
			                (c->rights & IPC_W) && (c->rights & (IPC_G | IPC_GR));
			if (M.t[a / M_NS].state != IPC_TS_RUNNABLE || (pass < 3 && !callable))
				continue;
			if ((pass == 0 && ep_linked_receiver(c->obj) && !(c->rights & IPC_G)) ||
			    (pass == 1 && ep_linked_receiver(c->obj)) || pass >= 2)
				cand[n++] = a;
		}
	int a = n == 0 ? b % M_NCAPS : cand[(b >> 1) % n];
	int t = a / M_NS;
	uint32_t slot = (uint32_t)(a % M_NS), len = len_arg(), ncaps = ncaps_arg();
	uint64_t label = new_label(t), dl = deadline_arg();
	struct ipc_msginfo mi = {label, len, ncaps};

	sender_buffer(t, len, ncaps);
	for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++) {
		uint32_t rs = pick_slot(t, false);
		lbuf(t, -1)->recv_slots[k] = mbuf(t, -1)->recv_slots[k] = rs;
	}
	begin(op_names[op]);
	tracef("#%d %s T%d slot %u len %u ncaps %u label %#llx dl %llu\n", op_no, op_name, t, slot, len,
	       ncaps, (unsigned long long)label, (unsigned long long)dl);
	return step_of(L_(ls_call(t, slot, mi, dl)), m_call(&M, t, slot, label, len, ncaps, dl));
}

/* A Recv that arms a reply object, so that a Call it takes is linked: an
 * endpoint cap with R and a reply cap of the thread, picked by the next
 * bytes (random slot bytes meet both about once in a hundred Recvs). */
static struct step op_recv_reply(enum op op)
{
	int t = thread_arg();
	uint8_t be = u8(), br = u8();
	uint32_t ne = 0, nr = 0, eps[M_NS], rps[M_NS];

	for (uint32_t s = 0; s < M_NS; s++) {
		const struct m_cap *c = &M.cap[t][s];
		if (c->obj >= 0 && M.o[c->obj].type == IPC_OBJ_ENDPOINT && (c->rights & IPC_R))
			eps[ne++] = s;
		if (c->obj >= 0 && M.o[c->obj].type == IPC_OBJ_REPLY)
			rps[nr++] = s;
	}
	uint32_t slot = ne == 0 ? be % M_NS : eps[be % ne], rslot = nr == 0 ? br % M_NS : rps[br % nr];
	uint64_t dl = deadline_arg();

	begin(op_names[op]);
	tracef("#%d %s T%d slot %u reply %u dl %llu\n", op_no, op_name, t, slot, rslot,
	       (unsigned long long)dl);
	return step_of(L_(ipc_recv(&L.t[t], slot, rslot, dl)), m_recv(&M, t, slot, rslot, dl));
}

/*
 * The server's side of (C3 in replies): a reply, through a reply object that
 * holds a caller, carrying caps from slots that can be transferred. The
 * server is the thread that took the call; the reply slot one of its caps to
 * that object. Falls back to a plain reply by thread 0.
 */
static struct step op_reply_caps(enum op op)
{
	uint8_t b = u8();
	int r = -1, t = 0;
	uint32_t rslot = 0, ncaps = 1u + u8() % IPC_MSG_MAX_CAPS, len = len_arg();

	for (int k = 0; k < 2 && r < 0; k++) {
		int o = M_R0 + (b + k) % 2;
		if (M.o[o].caller >= 0 && M.o[o].server >= 0)
			r = o;
	}
	if (r >= 0) {
		t = M.o[r].server;
		for (uint32_t s = 0; s < M_NS; s++)
			if (M.cap[t][s].obj == r)
				rslot = s;
	}
	uint64_t label = new_label(t);
	write_words(t, -1, len, msg_next);
	for (unsigned k = 0; k < ncaps; k++) {
		uint8_t c = u8();
		uint32_t n = 0, cand[M_NS];
		for (uint32_t s = 0; s < M_NS; s++)
			if (M.cap[t][s].obj >= 0 && M.o[M.cap[t][s].obj].type != IPC_OBJ_REPLY)
				cand[n++] = s;
		uint32_t slot = n == 0 ? c % M_NS : cand[c % n];
		uint32_t mode = (c >> 4) % 3u;
		lbuf(t, -1)->caps[k].slot = mbuf(t, -1)->caps[k].slot = slot;
		lbuf(t, -1)->caps[k].mode = mbuf(t, -1)->caps[k].mode = mode;
		lbuf(t, -1)->caps[k].rights = mbuf(t, -1)->caps[k].rights = IPC_RIGHTS_ALL;
		lbuf(t, -1)->caps[k].badge = mbuf(t, -1)->caps[k].badge = 0;
	}
	struct ipc_msginfo mi = {label, len, ncaps};
	begin(op_names[op]);
	tracef("#%d %s T%d reply %u len %u ncaps %u label %#llx\n", op_no, op_name, t, rslot, len, ncaps,
	       (unsigned long long)label);
	return step_of(L_(ipc_reply(&L.t[t], rslot, mi)), m_reply(&M, t, rslot, label, len, ncaps));
}

/* Grow the derivation tree: copy or mint a full slot into an empty one,
 * often with fewer rights (W|GR without G: a caller whose replies carry no
 * caps), so that trees get deep and wide. */
static struct step op_derive(enum op op)
{
	static const uint32_t masks[4] = {IPC_RIGHTS_ALL & ~(uint32_t)IPC_G, IPC_W | IPC_GR, IPC_R | IPC_W,
	                                  IPC_RIGHTS_ALL};
	int st = u8() % M_NT;
	uint32_t ss = pick_slot(st, true);
	int dt = u8() % M_NT;
	uint32_t ds = pick_slot(dt, false);
	uint8_t how = u8();
	uint32_t mask = (how & 1) ? masks[(how >> 1) % 4] : IPC_RIGHTS_ALL;
	uint64_t badge = (how & 8) ? badge_arg() : 0;

	begin(op_names[op]);
	tracef("#%d %s T%d:%u -> T%d:%u mask %#x badge %#llx\n", op_no, op_name, st, ss, dt, ds, mask,
	       (unsigned long long)badge);
	if (mask == IPC_RIGHTS_ALL && badge == 0)
		return step_int(ipc_cap_copy(&L.cs[st], ss, &L.cs[dt], ds), m_copy(&M, st, ss, dt, ds));
	return step_int(ipc_cap_mint(&L.cs[st], ss, &L.cs[dt], ds, mask, badge),
	                m_mint(&M, st, ss, dt, ds, mask, badge));
}

/*
 * Delete an inner cap of a derivation tree (one with a parent and children),
 * preferring one with later siblings: its children are spliced into its
 * parent's child list where it was (C1, C2). Falls back to a cap with
 * children, then to any cap.
 */
static struct step op_delete_inner(enum op op)
{
	uint8_t b = u8();
	int cand[M_NCAPS], n = 0;

	for (int pass = 0; pass < 4 && n == 0; pass++)
		for (int a = 0; a < M_NCAPS; a++) {
			const struct m_cap *c = &M.cap[a / M_NS][a % M_NS];
			bool kids = false, later = false;
			if (c->obj < 0)
				continue;
			for (int k = 0; k < M_NCAPS; k++)
				kids = kids || (M.cap[k / M_NS][k % M_NS].obj >= 0 &&
				                M.cap[k / M_NS][k % M_NS].parent == a);
			const struct ipc_cap *lc = &L.slots[a / M_NS][a % M_NS];
			later = lc->next != NULL;
			if ((pass == 0 && c->parent >= 0 && kids && later) ||
			    (pass == 1 && c->parent >= 0 && kids) || (pass == 2 && kids) || pass == 3)
				cand[n++] = a;
		}
	int a = n == 0 ? b % M_NCAPS : cand[b % n];
	int t = a / M_NS;
	uint32_t s = (uint32_t)(a % M_NS);

	begin(op_names[op]);
	tracef("#%d %s T%d:%u\n", op_no, op_name, t, s);
	return step_of(L_(ipc_cap_delete(&L.cs[t], s)), m_delete(&M, t, s));
}

static struct step (*const op_handlers[OP_COUNT])(enum op) = {
    [OP_SEND] = op_send,
    [OP_NBSEND] = op_send,
    [OP_CALL] = op_send,
    [OP_RECV] = op_recv,
    [OP_NBRECV] = op_recv,
    [OP_REPLY] = op_reply,
    [OP_REPLY_RECV] = op_reply_recv,
    [OP_NBSEND_RECV] = op_nbsend_recv,
    [OP_SIGNAL] = op_ntfn,
    [OP_WAIT] = op_ntfn,
    [OP_POLL] = op_ntfn,
    [OP_PEEK] = op_peek,
    [OP_BIND] = op_bind,
    [OP_UNBIND] = op_unbind,
    [OP_COPY] = op_cap_pair,
    [OP_MINT] = op_cap_pair,
    [OP_MOVE] = op_cap_pair,
    [OP_DELETE] = op_delete,
    [OP_REVOKE] = op_revoke,
    [OP_CAP_CANCEL_BADGED] = op_cap_cancel_badged,
    [OP_EP_CANCEL_BADGED] = op_ep_cancel_badged,
    [OP_DESTROY_OBJ] = op_destroy_obj,
    [OP_DESTROY_SOME] = op_destroy_some,
    [OP_REVOKE_SOME] = op_revoke_some,
    [OP_THREAD_DESTROY_SOME] = op_thread_destroy_some,
    [OP_CANCEL] = op_cancel,
    [OP_THREAD_DESTROY] = op_thread_destroy,
    [OP_SET_PRIO] = op_set_prio,
    [OP_INSTALL] = op_install,
    [OP_SCRIBBLE] = op_scribble,
    [OP_FAULT] = op_fault,
    [OP_REVIVE] = op_revive,
    [OP_SET_BUFFER] = op_set_buffer,
    [OP_CALL_SLOTS] = op_call_slots,
    [OP_DERIVE] = op_derive,
    [OP_DELETE_INNER] = op_delete_inner,
    [OP_REPLY_CAPS] = op_reply_caps,
    [OP_RECV_REPLY] = op_recv_reply,
};

/* One operation from the input: decode, run on both, compare. */
static void do_op(enum ls_mode mode)
{
	uint8_t code = u8();
	enum op op = mode == LS_OPS           ? (enum op)(code % OP_COUNT)
	             : code < TRANSFER_DIRECT ? (enum op)transfer_ops[code % sizeof(transfer_ops)]
	                                      : (enum op)((code - TRANSFER_DIRECT) % OP_COUNT);
	struct step s = op_handlers[op](op);

	end(s.a, s.b, s.ordered);
}

int ls_run(const uint8_t *data, size_t size, enum ls_mode mode)
{
	static bool env_read;

	if (!env_read) {
		trace_env = getenv("FUZZ_TRACE") != NULL;
		if (getenv("FUZZ_FASTPATH_COUNT") != NULL)
			atexit(print_fast_taken);
		env_read = true;
	}
	input_start(data, size);
	trace_len = 0;
	trace[0] = '\0';
	op_no = 0;
	op_name = NULL;
	msg_next = 0;
	memset(msg_delivered, 0, sizeof(msg_delivered));
	memset(pending_msg, 0, sizeof(pending_msg));
	op_msg = 0;
	world_init(mode);
	h_nwoken = h_nblocked = h_nunref = 0;
	m_log_clear(&M);
	compare_threads();
	compare_caps();
	compare_objects();
	for (int ops = 0; in_left > 0 && ops < 4096; ops++)
		do_op(mode);
	return 0;
}
