/*
 * The reference scenario of SEMANTICS B3, end to end, under the harness's
 * priority scheduler driven by libipc's "who runs next" hints. A server
 * holds an unbadged endpoint cap (R|W|G) and a reply object. Unbadged
 * clients Call it to register; the server answers each with a freshly
 * minted badged cap (distinct badge, W|G, no R) transferred in the reply,
 * which only arrives when the client's own cap had G. Clients then Call
 * with strings packed into words on their badged caps; the server tells
 * them apart by badge alone and answers with ReplyRecv. A client that never
 * got a badge is refused with an error label. At the end every string is
 * filed under its sender, and revoking the server's cap removes every
 * client's badge.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "harness.h"

TestSuite(b3_badge_server, .init = h_reset);

enum { EP = 1, REPLY = 2, BADGED = 5, SRV = 0, NCLIENTS = 5 };
enum { LBL_OK = 0, LBL_REGISTER = 1, LBL_STRING = 2, LBL_REFUSED = 0xE77 };
#define MAX_MSGS 3
#define MAX_STR 120

/* ---- The server: its whole state is what it learns from messages -------- */

struct filed {
	uint64_t badge;
	int nstr;
	char str[MAX_MSGS][MAX_STR];
};

static struct server {
	bool started;
	uint64_t next_badge;
	struct filed by_badge[NCLIENTS];
	int nbadges;
	int refused;
	int served_back_to_back; /* ReplyRecv found the next caller queued */
} S;

static struct filed *lookup(uint64_t badge)
{
	for (int i = 0; i < S.nbadges; i++)
		if (S.by_badge[i].badge == badge)
			return &S.by_badge[i];
	return NULL;
}

/* Decide the answer to the message in the server's buffer; returns its msginfo. */
static struct ipc_msginfo answer(void)
{
	const struct ipc_recv_info *in = INFO(SRV);
	struct filed *f;

	cr_assert_eq(in->kind, IPC_EV_CALL, "clients always Call");
	if (in->badge == 0 && in->label == LBL_REGISTER) {
		/* Mint the caller its own badge, straight from our unbadged cap. */
		cr_assert_lt(S.nbadges, NCLIENTS);
		S.by_badge[S.nbadges++] = (struct filed){.badge = S.next_badge};
		h_xfer(SRV, 0, EP, IPC_XFER_MINT, IPC_W | IPC_G, S.next_badge);
		S.next_badge += 0x101;
		return MI(LBL_OK, 0, 1);
	}
	f = lookup(in->badge);
	if (in->badge == 0 || f == NULL || in->label != LBL_STRING) {
		S.refused++;
		return MI(LBL_REFUSED, 0, 0);
	}
	cr_assert_lt(f->nstr, MAX_MSGS);
	cr_assert_leq(in->length * 8u, (unsigned)MAX_STR - 1);
	h_unpack(SRV, in->length, f->str[f->nstr++]);
	B(SRV)->words[0] = (uint64_t)f->nstr;
	B(SRV)->words[1] = strlen(f->str[f->nstr - 1]);
	return MI(LBL_OK, 2, 0);
}

static struct ipc_ret server_step(void)
{
	struct ipc_ret r;

	if (!S.started) {
		S.started = true;
		r = ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE);
	} else {
		struct ipc_thread *caller = W.reply[0].caller;
		r = ipc_reply_recv(T(SRV), EP, REPLY, answer(), IPC_DEADLINE_NONE);
		cr_assert_eq(ipc_thread_state(caller), IPC_TS_RUNNABLE, "ReplyRecv answered the caller");
		if (r.err == IPC_BLOCKED) {
			cr_assert_eq(r.next, caller, "a blocked server hands the CPU to the answered client");
		} else {
			cr_assert_eq(r.next,
			             ipc_thread_prio(caller) > ipc_thread_prio(T(SRV)) ? caller : NULL);
			S.served_back_to_back++;
		}
	}
	cr_assert(r.err == IPC_OK || r.err == IPC_BLOCKED, "server: %s", ipc_strerror(r.err));
	return r;
}

/* ---- The clients -------------------------------------------------------- */

static struct client {
	uint32_t rights; /* of its unbadged cap to the server */
	bool registers;
	uint8_t prio;
	int nmsgs;
	const char *msgs[MAX_MSGS];
	/* progress */
	int op;       /* next operation: 0 = register (if it does), then messages */
	bool waiting; /* a Call is outstanding */
	bool badged;
	bool done;
	int refusals;
} C[NCLIENTS + 1] = {
    [1] = {.rights = IPC_W | IPC_G,
           .registers = true,
           .prio = 120,
           .nmsgs = 2,
           .msgs = {"hello from one", "one again: a string that spans several words"}},
    [2] = {.rights = IPC_W | IPC_G,
           .registers = true,
           .prio = 100,
           .nmsgs = 3,
           .msgs = {"two", "two, second", "two, third and last message"}},
    [3] = {.rights = IPC_W | IPC_G,
           .registers = true,
           .prio = 80,
           .nmsgs = 1,
           .msgs = {"three: the longest of them all, to fill a good part of the buffer, 0123456789"}},
    /* Registers, but its cap lacks G: the badge cannot reach it. */
    [4] = {.rights = IPC_W | IPC_GR,
           .registers = true,
           .prio = 100,
           .nmsgs = 1,
           .msgs = {"four without a badge"}},
    /* Never registers. */
    [5] = {.rights = IPC_W | IPC_G,
           .registers = false,
           .prio = 100,
           .nmsgs = 1,
           .msgs = {"five without a badge"}},
};

static bool registering(const struct client *c)
{
	return c->registers && c->op == 0;
}
static int msg_index(const struct client *c)
{
	return c->op - (c->registers ? 1 : 0);
}

static void check_reply(int i, struct client *c)
{
	const struct ipc_recv_info *in = INFO(i);

	cr_assert_eq(STATUS(i), IPC_OK, "client %d: %s", i, ipc_strerror(STATUS(i)));
	cr_assert_eq(in->kind, IPC_EV_REPLY);
	cr_assert_eq(in->badge, 0, "S4: replies carry badge 0");
	if (registering(c)) {
		bool can_get_caps = (c->rights & IPC_G) != 0;
		cr_assert_eq(in->label, LBL_OK);
		cr_assert_eq(in->cap_outcome[0], can_get_caps ? IPC_CAP_DELIVERED : IPC_CAP_DROPPED,
		             "client %d: the cap arrives only if its cap had G", i);
		c->badged = can_get_caps;
		return;
	}
	if (!c->badged) {
		cr_assert_eq(in->label, LBL_REFUSED, "client %d has no badge: refused", i);
		cr_assert_eq(in->length, 0);
		c->refusals++;
		return;
	}
	cr_assert_eq(in->label, LBL_OK);
	cr_assert_eq(in->length, 2);
	cr_assert_eq(B(i)->words[0], (uint64_t)msg_index(c) + 1, "the server counted my strings");
	cr_assert_eq(B(i)->words[1], strlen(c->msgs[msg_index(c)]));
}

static struct ipc_ret client_step(int i)
{
	struct client *c = &C[i];
	struct ipc_ret r = {IPC_OK, NULL};
	bool server_waiting = STATE(SRV) == IPC_TS_BLOCKED_RECV;

	if (c->waiting) {
		check_reply(i, c);
		c->waiting = false;
		c->op++;
	}
	if (msg_index(c) >= c->nmsgs) {
		c->done = true;
		return r;
	}
	if (registering(c)) {
		h_recv_slots(i, BADGED, IPC_SLOT_NONE, IPC_SLOT_NONE);
		r = ipc_call(T(i), EP, MI(LBL_REGISTER, 0, 0), IPC_DEADLINE_NONE);
	} else {
		uint32_t len = h_pack(i, c->msgs[msg_index(c)]);
		r = ipc_call(T(i), c->badged ? BADGED : EP, MI(LBL_STRING, len, 0), IPC_DEADLINE_NONE);
	}
	cr_assert_eq(r.err, IPC_BLOCKED, "client %d: %s", i, ipc_strerror(r.err));
	cr_assert_eq(r.next, server_waiting ? T(SRV) : NULL, "Call hands off to a waiting server");
	c->waiting = true;
	return r;
}

/* ---- The scheduler: run what libipc suggests, else the run queue -------- */

static void run(void)
{
	int cur = h_runq_pop(), steps = 0;

	while (cur >= 0) {
		struct ipc_ret r = cur == SRV ? server_step() : client_step(cur);

		cr_assert_lt(++steps, 500, "the scenario does not terminate");
		if (STATE(cur) == IPC_TS_RUNNABLE && (cur == SRV || !C[cur].done))
			h_runq_push(cur); /* preempted or still busy */
		if (r.next != NULL) {
			cur = h_idx(r.next);
			cr_assert(h_runq_take(cur), "the hinted thread %d is ready", cur);
		} else {
			cur = h_runq_pop();
		}
	}
}

static void setup(void)
{
	h_cap(SRV, EP, &W.ep[0].obj, IPC_R | IPC_W | IPC_G, 0);
	h_cap(SRV, REPLY, &W.reply[0].obj, 0, 0);
	S.next_badge = 0x1001;
	for (int i = 1; i <= NCLIENTS; i++) {
		h_cap(i, EP, &W.ep[0].obj, C[i].rights, 0);
		h_prio(i, C[i].prio);
		h_runq_push(i);
	}
	h_runq_push(SRV); /* the clients get there first and queue up */
}

Test(b3_badge_server, B3_server_mints_badges_and_tells_clients_apart_end_to_end)
{
	setup();
	run();

	/* Everyone finished; the server waits for more. */
	for (int i = 1; i <= NCLIENTS; i++)
		cr_assert(C[i].done, "client %d finished", i);
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV);
	cr_assert_eq(W.reply[0].armed, 1);
	cr_assert_eq(W.nrunq, 0);
	cr_assert_gt(S.served_back_to_back, 0, "callers queued up while the server was busy");

	/* Clients 1-3 hold distinct, non-zero badges on send-only caps. */
	for (int i = 1; i <= 3; i++) {
		uint64_t b = ipc_cap_badge(CS(i), BADGED);
		struct filed *f = lookup(b);

		cr_assert_neq(b, 0, "client %d got a badge", i);
		cr_assert_eq(ipc_cap_object(CS(i), BADGED), &W.ep[0].obj);
		cr_assert_eq(ipc_cap_rights(CS(i), BADGED), IPC_W | IPC_G, "no R for clients");
		for (int j = 1; j < i; j++)
			cr_assert_neq(b, ipc_cap_badge(CS(j), BADGED), "badges are distinct");
		/* B3: every string is filed under the badge of its sender. */
		cr_assert_not_null(f);
		cr_assert_eq(f->nstr, C[i].nmsgs, "client %d: %d strings filed", i, f->nstr);
		for (int k = 0; k < C[i].nmsgs; k++)
			cr_assert_str_eq(f->str[k], C[i].msgs[k]);
	}
	/* Clients 4 and 5 never got a badge and were refused. */
	cr_assert_eq(ipc_cap_type(CS(4), BADGED), IPC_OBJ_NONE, "the reply cap was dropped (no G)");
	cr_assert_eq(ipc_cap_type(CS(5), BADGED), IPC_OBJ_NONE);
	cr_assert_eq(C[4].refusals, 1);
	cr_assert_eq(C[5].refusals, 1);
	cr_assert_eq(S.refused, 2);

	/* The badged caps all derive from the server's cap: one revoke ends them. */
	H_EXPECT(ipc_cap_revoke(CS(SRV), EP), IPC_OK);
	for (int i = 1; i <= 3; i++)
		cr_assert_eq(ipc_cap_type(CS(i), BADGED), IPC_OBJ_NONE);
	cr_assert_eq(W.ep[0].obj.refs, 1 + NCLIENTS, "the server's and the clients' unbadged caps remain");
}

Test(b3_badge_server, B3_stale_client_after_revoke_is_refused_by_libipc)
{
	setup();
	run();
	uint64_t b1 = ipc_cap_badge(CS(1), BADGED);
	cr_assert_neq(b1, 0);
	H_EXPECT(ipc_cap_revoke(CS(SRV), EP), IPC_OK);
	/* Client 1's badge is gone: Call on that slot fails before reaching the server. */
	h_pack(1, "late");
	H_FAILS_CLEANLY(ipc_call(T(1), BADGED, MI(LBL_STRING, 1, 0), IPC_DEADLINE_NONE), IPC_E_EMPTY_SLOT);
	/* It can still reach the server unbadged, and is refused there. */
	H_EXPECT(ipc_call(T(1), EP, MI(LBL_STRING, 1, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(server_step(), IPC_BLOCKED);
	cr_assert_eq(INFO(1)->label, LBL_REFUSED);
}
