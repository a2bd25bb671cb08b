/*
 * Which error wins when several checks fail at once (docs/semantics.md,
 * "When several checks fail"). test_errors.c gives each call one fault; here
 * every operation has the list of its faults in the contract's order, and
 * for every pair of faults that can be present together the call must
 * report the one earlier in the list, and change nothing. Each fault alone
 * must give its own error (so no pair passes by accident), and the call
 * without faults must succeed. Faults of one group are variants of the same
 * argument (the same slot cannot be both out of range and empty) and are
 * never paired; the few pairs that live in one argument (a cap of the wrong
 * type that also lacks the right, a badged cap to an object that takes no
 * badge) are listed as combinations with the error that must win.
 *
 * A fresh world is built for every case; reordering two checks in libipc
 * makes at least one pair here fail.
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "harness.h"

TestSuite(precedence, .init = h_reset);

/* Thread 0's slots (the caller). */
enum {
	S_EP = 1,           /* ep[0] R|W|G; thread 1 waits there */
	S_EP_NO_W = 2,      /* ep[0] R|G */
	S_EP_W_ONLY = 3,    /* ep[0] W: no R, no G/GR */
	S_NT = 4,           /* ntfn[0] R|W */
	S_NT_R = 5,         /* ntfn[0] R */
	S_NT_W = 6,         /* ntfn[0] W */
	S_REPLY = 7,        /* reply[0]: holds caller thread 5, received by thread 0 */
	S_FRAME = 8,        /* an embedder object, R|W */
	S_FRAME_B = 9,      /* the same, badge 3 */
	S_EP_B = 10,        /* ep[0] W|G badge 5 */
	S_NT2 = 11,         /* ntfn[2] R|W: pending (unless F_NOTHING) */
	S_NT2_W = 12,       /* ntfn[2] W */
	S_EP1_R = 13,       /* ep[1] R: thread 6 is queued there (unless F_NOTHING) */
	S_REPLY2 = 14,      /* reply[2], idle */
	S_REPLY_ARMED = 15, /* reply[1], armed by thread 2 waiting on ep[3] */
	S_REPLY_OTHER = 16, /* reply[3], holds caller thread 3 of server thread 4 */
	S_PARK = 17,        /* ep[3] R: where thread 0 waits when F_BLOCKED */
	S_EP3 = 18,         /* ep[3] W|G: thread 2 waits there with reply[1] */
	S_EMPTY = 20,
	S_EMPTY2 = 21,
	S_BAD = H_SLOTS,
};

enum {
	F_BLOCKED = 1u << 0,     /* thread 0 is not runnable */
	F_NO_RECEIVER = 1u << 1, /* nobody waits on ep[0] */
	F_NOTHING = 1u << 2,     /* ntfn[2] not pending, nobody queued on ep[1] */
	F_BOUND = 1u << 3,       /* ntfn[2] bound to thread 7 */
	F_T2_BOUND = 1u << 4,    /* thread 2 bound to ntfn[3] */
	F_NT2_WAITER = 1u << 5,  /* thread 6 waits on ntfn[2] (instead of sending on ep[1]) */
	F_T2_DEAD = 1u << 6,     /* thread 2 destroyed */
};

enum op {
	OP_SEND,
	OP_NBSEND,
	OP_CALL,
	OP_RECV,
	OP_NBRECV,
	OP_WAIT,
	OP_POLL,
	OP_PEEK,
	OP_SIGNAL,
	OP_REPLY,
	OP_REPLY_RECV,
	OP_NBSEND_RECV,
	OP_COPY,
	OP_MOVE,
	OP_MINT,
	OP_INSTALL,
	OP_CANCEL,
	OP_FAULT,
	OP_BIND,
};

/* One call and the world it runs in. */
struct call {
	unsigned flags;
	uint32_t slot, slot2, slot3; /* per operation: see run() */
	struct ipc_msginfo mi;
	struct ipc_xfer desc[IPC_MSG_MAX_CAPS];
	uint32_t mask;
	uint64_t badge;
	int arg;    /* cancel: status; install: object present */
	int target; /* cancel, bind: thread */
	int ntfn;   /* bind: notification */
};

struct fault {
	const char *name;
	int err;
	int group; /* faults of one group are variants of one argument: never paired */
	void (*set)(struct call *c);
};

static struct ipc_object frame;

static void build(const struct call *c)
{
	h_reset();
	ipc_object_init(&frame, IPC_OBJ_EMBEDDER + 3);
	h_cap(0, S_EP, &W.ep[0].obj, IPC_R | IPC_W | IPC_G, 0);
	h_cap(0, S_EP_NO_W, &W.ep[0].obj, IPC_R | IPC_G, 0);
	h_cap(0, S_EP_W_ONLY, &W.ep[0].obj, IPC_W, 0);
	h_cap(0, S_NT, &W.ntfn[0].obj, IPC_R | IPC_W, 0);
	h_cap(0, S_NT_R, &W.ntfn[0].obj, IPC_R, 0);
	h_cap(0, S_NT_W, &W.ntfn[0].obj, IPC_W, 0);
	h_cap(0, S_REPLY, &W.reply[0].obj, 0, 0);
	h_cap(0, S_FRAME, &frame, IPC_R | IPC_W, 0);
	h_cap(0, S_FRAME_B, &frame, IPC_R | IPC_W, 3);
	h_cap(0, S_EP_B, &W.ep[0].obj, IPC_W | IPC_G, 5);
	h_cap(0, S_NT2, &W.ntfn[2].obj, IPC_R | IPC_W, 0);
	h_cap(0, S_NT2_W, &W.ntfn[2].obj, IPC_W, 0);
	h_cap(0, S_EP1_R, &W.ep[1].obj, IPC_R, 0);
	h_cap(0, S_REPLY2, &W.reply[2].obj, 0, 0);
	h_cap(0, S_REPLY_ARMED, &W.reply[1].obj, 0, 0);
	h_cap(0, S_REPLY_OTHER, &W.reply[3].obj, 0, 0);
	h_cap(0, S_PARK, &W.ep[3].obj, IPC_R, 0);
	h_cap(0, S_EP3, &W.ep[3].obj, IPC_W | IPC_G, 0);
	for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++)
		B(0)->caps[k] = c->desc[k];

	/* Thread 0 took a Call from thread 5 on ep[2]: reply[0] holds it. */
	h_cap(0, 19, &W.ep[2].obj, IPC_R, 0);
	h_cap(5, 1, &W.ep[2].obj, IPC_W | IPC_G, 0);
	H_EXPECT(ipc_recv(T(0), 19, S_REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(5), 1, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	/* Thread 4 took a Call from thread 3 on ep[2]: reply[3] holds it. */
	h_cap(4, 1, &W.ep[2].obj, IPC_R, 0);
	h_cap(4, 2, &W.reply[3].obj, 0, 0);
	h_cap(3, 1, &W.ep[2].obj, IPC_W | IPC_G, 0);
	H_EXPECT(ipc_recv(T(4), 1, 2, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(3), 1, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	/* Thread 2 waits on ep[3] with reply[1] (armed). */
	h_cap(2, 1, &W.ep[3].obj, IPC_R, 0);
	h_cap(2, 2, &W.reply[1].obj, 0, 0);
	H_EXPECT(ipc_recv(T(2), 1, 2, IPC_DEADLINE_NONE), IPC_BLOCKED);
	/* Thread 1 waits on ep[0], without a reply object. */
	h_cap(1, 1, &W.ep[0].obj, IPC_R, 0);
	if (!(c->flags & F_NO_RECEIVER))
		H_EXPECT(ipc_recv(T(1), 1, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	/* Thread 6 is queued on ep[1]; thread 7 signalled ntfn[2]. */
	h_cap(6, 1, &W.ep[1].obj, IPC_W, 0);
	h_cap(6, 2, &W.ntfn[2].obj, IPC_R, 0);
	h_cap(7, 1, &W.ntfn[2].obj, IPC_W, 9);
	if (!(c->flags & F_NOTHING)) {
		H_EXPECT(ipc_send(T(6), 1, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
		H_EXPECT(ipc_signal(T(7), 1), IPC_OK);
	} else if (c->flags & F_NT2_WAITER) {
		H_EXPECT(ipc_wait(T(6), 2, IPC_DEADLINE_NONE), IPC_BLOCKED);
	}
	if (c->flags & F_BOUND)
		H_EXPECT(ipc_ntfn_bind(&W.ntfn[2], T(7)), IPC_OK);
	if (c->flags & F_T2_BOUND)
		H_EXPECT(ipc_ntfn_bind(&W.ntfn[3], T(2)), IPC_OK);
	if (c->flags & F_T2_DEAD)
		H_EXPECT(ipc_thread_destroy(T(2)), IPC_OK);
	if (c->flags & F_BLOCKED)
		H_EXPECT(ipc_recv(T(0), S_PARK, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
}

static const struct ipc_fault fault_msg = {IPC_FAULT_CAP, {1, 2, 3, 4}};

static int run(enum op op, const struct call *c)
{
	uint64_t word;

	switch (op) {
	case OP_SEND:
		return ipc_send(T(0), c->slot, c->mi, IPC_DEADLINE_NONE).err;
	case OP_NBSEND:
		return ipc_nbsend(T(0), c->slot, c->mi).err;
	case OP_CALL:
		return ipc_call(T(0), c->slot, c->mi, IPC_DEADLINE_NONE).err;
	case OP_RECV:
		return ipc_recv(T(0), c->slot, c->slot2, IPC_DEADLINE_NONE).err;
	case OP_NBRECV:
		return ipc_nbrecv(T(0), c->slot, c->slot2).err;
	case OP_WAIT:
		return ipc_wait(T(0), c->slot, IPC_DEADLINE_NONE).err;
	case OP_POLL:
		return ipc_poll(T(0), c->slot).err;
	case OP_PEEK:
		return ipc_ntfn_peek(T(0), c->slot, &word);
	case OP_SIGNAL:
		return ipc_signal(T(0), c->slot).err;
	case OP_REPLY:
		return ipc_reply(T(0), c->slot2, c->mi).err;
	case OP_REPLY_RECV:
		return ipc_reply_recv(T(0), c->slot, c->slot2, c->mi, IPC_DEADLINE_NONE).err;
	case OP_NBSEND_RECV:
		return ipc_nbsend_recv(T(0), c->slot, c->mi, c->slot2, c->slot3, IPC_DEADLINE_NONE).err;
	case OP_COPY:
		return ipc_cap_copy(CS(0), c->slot, CS(0), c->slot2);
	case OP_MOVE:
		return ipc_cap_move(CS(0), c->slot, CS(0), c->slot2);
	case OP_MINT:
		return ipc_cap_mint(CS(0), c->slot, CS(0), c->slot2, c->mask, c->badge);
	case OP_INSTALL:
		return ipc_cap_install(CS(0), c->slot2, c->arg ? &W.ep[1].obj : NULL, c->mask, c->badge);
	case OP_CANCEL:
		return ipc_thread_cancel(T(c->target), c->arg).err;
	case OP_FAULT:
		return ipc_thread_fault(T(0), c->slot, &fault_msg).err;
	case OP_BIND:
		return ipc_ntfn_bind(&W.ntfn[c->ntfn], T(c->target)).err;
	}
	cr_assert_fail("no operation %d", (int)op);
	return 0;
}

static struct call base_call(enum op op)
{
	struct call c = {0};

	c.mi = MI(1, 1, 0);
	for (unsigned k = 0; k < IPC_MSG_MAX_CAPS; k++)
		c.desc[k] = (struct ipc_xfer){S_NT, IPC_XFER_COPY, 0, 0, 0};
	switch (op) {
	case OP_RECV:
	case OP_NBRECV:
		c.slot = S_EP1_R;
		c.slot2 = S_REPLY2;
		break;
	case OP_WAIT:
	case OP_POLL:
	case OP_PEEK:
		c.slot = S_NT2;
		break;
	case OP_SIGNAL:
		c.slot = S_NT;
		break;
	case OP_REPLY:
		c.slot2 = S_REPLY;
		break;
	case OP_REPLY_RECV:
		c.slot = S_EP1_R;
		c.slot2 = S_REPLY;
		break;
	case OP_NBSEND_RECV:
		c.slot = S_EP;
		c.slot2 = S_EP1_R;
		c.slot3 = S_REPLY2;
		break;
	case OP_COPY:
	case OP_MOVE:
	case OP_MINT:
		c.slot = S_NT;
		c.slot2 = S_EMPTY2;
		c.mask = IPC_R | IPC_W;
		c.badge = 7;
		break;
	case OP_INSTALL:
		c.slot2 = S_EMPTY2;
		c.mask = IPC_R;
		c.arg = 1;
		break;
	case OP_CANCEL:
		c.target = 1;
		c.arg = IPC_E_CANCELLED;
		break;
	case OP_FAULT:
		c.slot = S_EP3;
		break;
	case OP_BIND:
		c.ntfn = 2;
		c.target = 2;
		c.flags = F_NOTHING;
		break;
	case OP_CALL:
		c.slot = S_EP;
		c.flags = F_NO_RECEIVER; /* thread 1 has no reply object: S5 */
		break;
	default:
		c.slot = S_EP;
		break;
	}
	return c;
}

/* Check one call: error `want` (or success for want == IPC_OK), and a failed
 * call changes nothing. */
static void expect(enum op op, const struct call *c, int want, const char *what)
{
	struct h_snapshot before;
	int nwoken, got;

	build(c);
	nwoken = W.nwoken;
	h_snap(&before);
	got = run(op, c);
	if (want == IPC_OK) {
		cr_expect(got >= 0, "%s: the call without faults failed with %s", what, ipc_strerror(got));
		return;
	}
	cr_expect_eq(got, want, "%s: got %s, want %s", what, ipc_strerror(got), ipc_strerror(want));
	cr_expect(h_same(&before) && W.nwoken == nwoken, "%s: the failed call changed the world", what);
}

struct combo {
	const char *name;
	int err;
	void (*set)(struct call *c);
};

static void check_order(enum op op, const struct fault *f, int n, const struct combo *cb, int ncb)
{
	char what[256];
	int pairs = 0;
	struct call c = base_call(op);

	expect(op, &c, IPC_OK, "no fault");
	for (int i = 0; i < n; i++) {
		c = base_call(op);
		f[i].set(&c);
		snprintf(what, sizeof what, "%s alone", f[i].name);
		expect(op, &c, f[i].err, what);
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++) {
			if (f[i].group == f[j].group || f[i].err == f[j].err)
				continue; /* cannot co-occur / indistinguishable */
			c = base_call(op);
			f[j].set(&c);
			f[i].set(&c);
			snprintf(what, sizeof what, "%s + %s (%s comes first)", f[i].name, f[j].name,
			         f[i].name);
			expect(op, &c, f[i].err, what);
			pairs++;
		}
	for (int k = 0; k < ncb; k++) {
		c = base_call(op);
		cb[k].set(&c);
		snprintf(what, sizeof what, "%s", cb[k].name);
		expect(op, &c, cb[k].err, what);
	}
	cr_assert(pairs + ncb > 0, "no pair checked");
}

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- fault setters ------------------------------------------------------- */

enum { G_STATE, G_LEN, G_NCAPS, G_SLOT, G_SLOT2, G_SLOT3, G_DESC0, G_DESC1, G_WORLD, G_MASK, G_ARG, G_T2 };

static void blocked(struct call *c)
{
	c->flags |= F_BLOCKED;
}
static void too_long(struct call *c)
{
	c->mi.length = IPC_MSG_MAX_WORDS + 1;
}
static void too_many(struct call *c)
{
	c->mi.ncaps = IPC_MSG_MAX_CAPS + 1;
}
static void no_receiver(struct call *c)
{
	c->flags |= F_NO_RECEIVER;
}
static void nothing(struct call *c)
{
	c->flags |= F_NOTHING;
}
static void bound(struct call *c)
{
	c->flags |= F_BOUND;
}

#define SLOT_SETTER(name, field, value)                                                                      \
	static void name(struct call *c)                                                                     \
	{                                                                                                    \
		c->field = (value);                                                                          \
	}
SLOT_SETTER(s_bad, slot, S_BAD)
SLOT_SETTER(s_empty, slot, S_EMPTY)
SLOT_SETTER(s_ntfn, slot, S_NT)
SLOT_SETTER(s_frame, slot, S_FRAME)
SLOT_SETTER(s_frame_b, slot, S_FRAME_B)
SLOT_SETTER(s_ep, slot, S_EP)
SLOT_SETTER(s_ep_no_w, slot, S_EP_NO_W)
SLOT_SETTER(s_ep_w_only, slot, S_EP_W_ONLY)
SLOT_SETTER(s_ep_b, slot, S_EP_B)
SLOT_SETTER(s_nt_r, slot, S_NT_R)
SLOT_SETTER(s_nt_w, slot, S_NT_W)
SLOT_SETTER(s_nt2_w, slot, S_NT2_W)
SLOT_SETTER(s2_bad, slot2, S_BAD)
SLOT_SETTER(s2_empty, slot2, S_EMPTY)
SLOT_SETTER(s2_ep, slot2, S_EP)
SLOT_SETTER(s2_frame, slot2, S_FRAME)
SLOT_SETTER(s2_ep_w_only, slot2, S_EP_W_ONLY)
SLOT_SETTER(s2_full, slot2, S_NT_R)
SLOT_SETTER(s2_reply_idle, slot2, S_REPLY2)
SLOT_SETTER(s2_reply_other, slot2, S_REPLY_OTHER)
SLOT_SETTER(s2_reply_armed, slot2, S_REPLY_ARMED)
SLOT_SETTER(s3_bad, slot3, S_BAD)
SLOT_SETTER(s3_empty, slot3, S_EMPTY)
SLOT_SETTER(s3_ep, slot3, S_EP)
SLOT_SETTER(s3_reply_armed, slot3, S_REPLY_ARMED)
SLOT_SETTER(s3_reply_other, slot3, S_REPLY_OTHER)

/* Cap transfer descriptors (C4, C8, B2): position k holds a bad one. */
static void desc(struct call *c, unsigned k, uint32_t slot, uint32_t mode, uint32_t rights, uint64_t badge)
{
	c->desc[k] = (struct ipc_xfer){slot, mode, rights, 0, badge};
	if (c->mi.ncaps < k + 1)
		c->mi.ncaps = k + 1;
}
static void d0_bad(struct call *c)
{
	desc(c, 0, S_BAD, IPC_XFER_COPY, 0, 0);
}
static void d0_empty(struct call *c)
{
	desc(c, 0, S_EMPTY, IPC_XFER_MOVE, 0, 0);
}
static void d0_reply(struct call *c)
{
	desc(c, 0, S_REPLY2, IPC_XFER_COPY, 0, 0);
}
static void d0_mode(struct call *c)
{
	desc(c, 0, S_NT, 7, 0, 0);
}
static void d0_mask(struct call *c)
{
	desc(c, 0, S_NT, IPC_XFER_MINT, 1u << 4, 0);
}
static void d0_type(struct call *c)
{
	desc(c, 0, S_FRAME, IPC_XFER_MINT, IPC_R, 4);
}
static void d0_badged(struct call *c)
{
	desc(c, 0, S_EP_B, IPC_XFER_MINT, IPC_W, 9);
}
static void d1_empty(struct call *c)
{
	desc(c, 1, S_EMPTY, IPC_XFER_COPY, 0, 0);
}
static void d1_reply(struct call *c)
{
	desc(c, 1, S_REPLY2, IPC_XFER_MOVE, 0, 0);
}
/* One descriptor, two faults. */
static void d0_reply_mode(struct call *c)
{
	desc(c, 0, S_REPLY2, 7, 0, 0);
}
static void d0_reply_mask(struct call *c)
{
	desc(c, 0, S_REPLY2, IPC_XFER_MINT, 1u << 4, 1);
}
static void d0_mask_type(struct call *c)
{
	desc(c, 0, S_FRAME, IPC_XFER_MINT, 1u << 4, 4);
}
static void d0_mask_badged(struct call *c)
{
	desc(c, 0, S_EP_B, IPC_XFER_MINT, 1u << 4, 9);
}
static void d0_type_badged(struct call *c)
{
	desc(c, 0, S_FRAME_B, IPC_XFER_MINT, IPC_R, 4);
}

/* The descriptor faults, in the contract's order, for every sending call:
 * position by position, and per descriptor slot, kind, mode, mint. g0 / g1
 * are the groups of the faults at positions 0 / 1. */
#define DESC_FAULTS_IN(g0, g1)                                                                               \
	{"caps[0] bad slot", IPC_E_BAD_SLOT, g0, d0_bad},                                                    \
	    {"caps[0] empty slot", IPC_E_EMPTY_SLOT, g0, d0_empty},                                          \
	    {"caps[0] reply cap", IPC_E_NOT_TRANSFERABLE, g0, d0_reply},                                     \
	    {"caps[0] no such mode", IPC_E_BAD_ARG, g0, d0_mode},                                            \
	    {"caps[0] mint mask", IPC_E_BAD_ARG, g0, d0_mask},                                               \
	    {"caps[0] badge on a frame", IPC_E_WRONG_TYPE, g0, d0_type},                                     \
	    {"caps[0] already badged", IPC_E_ALREADY_BADGED, g0, d0_badged},                                 \
	    {"caps[1] empty slot", IPC_E_EMPTY_SLOT, g1, d1_empty},                                          \
	{                                                                                                    \
		"caps[1] reply cap", IPC_E_NOT_TRANSFERABLE, g1, d1_reply                                    \
	}
#define DESC_FAULTS DESC_FAULTS_IN(G_DESC0, G_DESC1)
#define DESC_COMBOS                                                                                          \
	{"caps[0] reply cap with no such mode", IPC_E_NOT_TRANSFERABLE, d0_reply_mode},                      \
	    {"caps[0] reply cap minted with a bad mask", IPC_E_NOT_TRANSFERABLE, d0_reply_mask},             \
	    {"caps[0] bad mask and a badge on a frame", IPC_E_BAD_ARG, d0_mask_type},                        \
	    {"caps[0] bad mask and already badged", IPC_E_BAD_ARG, d0_mask_badged},                          \
	{                                                                                                    \
		"caps[0] badged frame minted with a badge", IPC_E_WRONG_TYPE, d0_type_badged                 \
	}

/* ---- sending --------------------------------------------------------------- */

static const struct fault send_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"too long", IPC_E_MSG_TOO_LONG, G_LEN, too_long},
    {"too many caps", IPC_E_TOO_MANY_CAPS, G_NCAPS, too_many},
    {"bad slot", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"empty slot", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"notification cap", IPC_E_WRONG_TYPE, G_SLOT, s_ntfn},
    {"endpoint cap without W", IPC_E_NO_RIGHTS, G_SLOT, s_ep_no_w},
    DESC_FAULTS,
};
static const struct combo send_combos[] = {
    {"notification cap without W", IPC_E_WRONG_TYPE, s_nt_r},
    DESC_COMBOS,
};

Test(precedence, M2_R1_C8_B2_send_reports_the_first_failing_check)
{
	check_order(OP_SEND, send_faults, N(send_faults), send_combos, N(send_combos));
}

static const struct fault nbsend_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"too long", IPC_E_MSG_TOO_LONG, G_LEN, too_long},
    {"too many caps", IPC_E_TOO_MANY_CAPS, G_NCAPS, too_many},
    {"bad slot", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"empty slot", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"notification cap", IPC_E_WRONG_TYPE, G_SLOT, s_ntfn},
    {"endpoint cap without W", IPC_E_NO_RIGHTS, G_SLOT, s_ep_no_w},
    DESC_FAULTS,
    {"no receiver", IPC_E_NO_RECEIVER, G_WORLD, no_receiver},
};

Test(precedence, M2_R1_C8_B2_S2_nbsend_reports_no_receiver_only_after_every_check)
{
	check_order(OP_NBSEND, nbsend_faults, N(nbsend_faults), send_combos, N(send_combos));
}

static const struct fault call_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"too long", IPC_E_MSG_TOO_LONG, G_LEN, too_long},
    {"too many caps", IPC_E_TOO_MANY_CAPS, G_NCAPS, too_many},
    {"bad slot", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"empty slot", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"frame cap", IPC_E_WRONG_TYPE, G_SLOT, s_frame},
    {"endpoint cap with W only (S8)", IPC_E_NO_RIGHTS, G_SLOT, s_ep_w_only},
    DESC_FAULTS,
};

Test(precedence, M2_R1_S8_C8_B2_call_reports_the_first_failing_check)
{
	check_order(OP_CALL, call_faults, N(call_faults), send_combos, N(send_combos));
}

/* ---- receiving ------------------------------------------------------------- */

static const struct fault nbrecv_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"bad slot", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"empty slot", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"frame cap", IPC_E_WRONG_TYPE, G_SLOT, s_frame},
    {"endpoint cap without R", IPC_E_NO_RIGHTS, G_SLOT, s_ep_w_only},
    {"reply slot bad", IPC_E_BAD_SLOT, G_SLOT2, s2_bad},
    {"reply slot empty", IPC_E_EMPTY_SLOT, G_SLOT2, s2_empty},
    {"reply slot holds an endpoint", IPC_E_WRONG_TYPE, G_SLOT2, s2_ep},
    {"reply object armed by another receiver", IPC_E_REPLY_BUSY, G_SLOT2, s2_reply_armed},
    {"reply object holds another server's caller", IPC_E_REPLY_BUSY, G_SLOT2, s2_reply_other},
    {"nothing pending", IPC_E_NOTHING, G_WORLD, nothing},
};
static const struct combo recv_combos[] = {
    {"notification cap without R", IPC_E_NO_RIGHTS, s_nt_w},
};

Test(precedence, R1_S3_S4_nbrecv_reports_the_first_failing_check)
{
	check_order(OP_NBRECV, nbrecv_faults, N(nbrecv_faults), recv_combos, N(recv_combos));
}

Test(precedence, R1_S4_recv_reports_the_first_failing_check)
{
	check_order(OP_RECV, nbrecv_faults, N(nbrecv_faults) - 1, recv_combos, N(recv_combos));
}

static const struct fault poll_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"bad slot", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"empty slot", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"endpoint cap", IPC_E_WRONG_TYPE, G_SLOT, s_ep},
    {"notification cap without R", IPC_E_NO_RIGHTS, G_SLOT, s_nt2_w},
    {"bound to another thread", IPC_E_BOUND, G_WORLD, bound},
    {"nothing pending", IPC_E_NOTHING, G_T2, nothing},
};
static const struct combo poll_combos[] = {
    {"endpoint cap without R", IPC_E_WRONG_TYPE, s_ep_w_only},
};

Test(precedence, R1_N3_N4_poll_reports_the_first_failing_check)
{
	check_order(OP_POLL, poll_faults, N(poll_faults), poll_combos, N(poll_combos));
}

Test(precedence, R1_N4_wait_reports_the_type_before_the_rights)
{
	/* Wait blocks when nothing is pending: not an error. */
	check_order(OP_WAIT, poll_faults, N(poll_faults) - 1, poll_combos, N(poll_combos));
}

static const struct fault peek_faults[] = {
    {"bad slot", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"empty slot", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"endpoint cap", IPC_E_WRONG_TYPE, G_SLOT, s_ep},
    {"notification cap without R", IPC_E_NO_RIGHTS, G_SLOT, s_nt2_w},
    {"nothing pending", IPC_E_NOTHING, G_WORLD, nothing},
};

Test(precedence, R1_N3_peek_reports_nothing_only_after_the_cap_checks)
{
	check_order(OP_PEEK, peek_faults, N(peek_faults), poll_combos, N(poll_combos));
}

static const struct fault signal_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"bad slot", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"empty slot", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"endpoint cap", IPC_E_WRONG_TYPE, G_SLOT, s_ep},
    {"notification cap without W", IPC_E_NO_RIGHTS, G_SLOT, s_nt_r},
};
static const struct combo signal_combos[] = {
    {"endpoint cap without W", IPC_E_WRONG_TYPE, s_ep_no_w},
};

Test(precedence, R1_signal_reports_the_first_failing_check)
{
	check_order(OP_SIGNAL, signal_faults, N(signal_faults), signal_combos, N(signal_combos));
}

/* ---- replying ------------------------------------------------------------- */

static const struct fault reply_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"reply slot bad", IPC_E_BAD_SLOT, G_SLOT2, s2_bad},
    {"reply slot empty", IPC_E_EMPTY_SLOT, G_SLOT2, s2_empty},
    {"reply slot holds an endpoint", IPC_E_WRONG_TYPE, G_SLOT2, s2_ep},
    {"too long", IPC_E_MSG_TOO_LONG, G_LEN, too_long},
    {"too many caps", IPC_E_TOO_MANY_CAPS, G_NCAPS, too_many},
    {"reply object holds no caller", IPC_E_NO_CALLER, G_SLOT2, s2_reply_idle},
    {"another server's caller", IPC_E_NOT_RECEIVER, G_SLOT2, s2_reply_other},
    DESC_FAULTS,
};

Test(precedence, M2_S4_C8_B2_reply_reports_the_first_failing_check)
{
	check_order(OP_REPLY, reply_faults, N(reply_faults), send_combos + 1, N(send_combos) - 1);
}

static const struct fault reply_recv_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"reply slot bad", IPC_E_BAD_SLOT, G_SLOT2, s2_bad},
    {"reply slot empty", IPC_E_EMPTY_SLOT, G_SLOT2, s2_empty},
    {"reply slot holds an endpoint", IPC_E_WRONG_TYPE, G_SLOT2, s2_ep},
    {"too long", IPC_E_MSG_TOO_LONG, G_LEN, too_long},
    {"too many caps", IPC_E_TOO_MANY_CAPS, G_NCAPS, too_many},
    {"another server's caller", IPC_E_NOT_RECEIVER, G_SLOT2, s2_reply_other},
    /* Descriptors are checked only when the reply object holds a caller:
     * never together with another reply object (group G_SLOT2). */
    DESC_FAULTS_IN(G_SLOT2, G_SLOT2),
    {"receive slot bad", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"receive slot empty", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"receive slot holds a frame", IPC_E_WRONG_TYPE, G_SLOT, s_frame},
    {"receive endpoint cap without R", IPC_E_NO_RIGHTS, G_SLOT, s_ep_w_only},
    {"receive slot holds a notification", IPC_E_WRONG_TYPE, G_SLOT, s_ntfn},
    {"reply object armed by another receiver", IPC_E_REPLY_BUSY, G_SLOT2, s2_reply_armed},
};

static void s_nt2_bound(struct call *c)
{
	c->slot = S_NT2;
	c->flags |= F_BOUND;
}
static const struct combo reply_recv_combos[] = {
    DESC_COMBOS,
    {"receive slot holds a notification bound to another thread", IPC_E_BOUND, s_nt2_bound},
};

Test(precedence, M2_S4_S7_N4_C8_B2_reply_recv_checks_the_reply_half_first)
{
	check_order(OP_REPLY_RECV, reply_recv_faults, N(reply_recv_faults), reply_recv_combos,
	            N(reply_recv_combos));
}

static const struct fault nbsend_recv_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"too long", IPC_E_MSG_TOO_LONG, G_LEN, too_long},
    {"too many caps", IPC_E_TOO_MANY_CAPS, G_NCAPS, too_many},
    {"send slot bad", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"send slot empty", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"send slot holds a notification", IPC_E_WRONG_TYPE, G_SLOT, s_ntfn},
    {"send endpoint cap without W", IPC_E_NO_RIGHTS, G_SLOT, s_ep_no_w},
    DESC_FAULTS,
    {"receive slot bad", IPC_E_BAD_SLOT, G_SLOT2, s2_bad},
    {"receive slot empty", IPC_E_EMPTY_SLOT, G_SLOT2, s2_empty},
    {"receive slot holds a frame", IPC_E_WRONG_TYPE, G_SLOT2, s2_frame},
    {"receive endpoint cap without R", IPC_E_NO_RIGHTS, G_SLOT2, s2_ep_w_only},
    {"reply slot bad", IPC_E_BAD_SLOT, G_SLOT3, s3_bad},
    {"reply slot empty", IPC_E_EMPTY_SLOT, G_SLOT3, s3_empty},
    {"reply slot holds an endpoint", IPC_E_WRONG_TYPE, G_SLOT3, s3_ep},
    {"reply object armed by another receiver", IPC_E_REPLY_BUSY, G_SLOT3, s3_reply_armed},
    {"reply object holds another server's caller", IPC_E_REPLY_BUSY, G_SLOT3, s3_reply_other},
};

Test(precedence, M2_S9_C8_B2_nbsend_recv_checks_the_send_half_first)
{
	check_order(OP_NBSEND_RECV, nbsend_recv_faults, N(nbsend_recv_faults), send_combos, N(send_combos));
}

/* ---- slot operations -------------------------------------------------------- */

static void same_slot(struct call *c)
{
	c->slot2 = c->slot;
}
static void same_empty(struct call *c)
{
	c->slot = S_EMPTY;
	c->slot2 = S_EMPTY;
}
static void same_bad(struct call *c)
{
	c->slot = S_BAD;
	c->slot2 = S_BAD;
}

static const struct fault copy_faults[] = {
    {"source bad", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"source empty", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"destination bad", IPC_E_BAD_SLOT, G_SLOT2, s2_bad},
    {"destination full", IPC_E_SLOT_FULL, G_SLOT2, s2_full},
};
static const struct combo copy_combos[] = {
    {"onto itself (also a full destination)", IPC_E_SAME_SLOT, same_slot},
    {"an empty slot onto itself", IPC_E_EMPTY_SLOT, same_empty},
    {"a bad slot onto itself", IPC_E_BAD_SLOT, same_bad},
};

Test(precedence, C1_copy_checks_the_source_then_the_destination)
{
	check_order(OP_COPY, copy_faults, N(copy_faults), copy_combos, N(copy_combos));
}

Test(precedence, C1_move_checks_the_source_then_the_destination)
{
	check_order(OP_MOVE, copy_faults, N(copy_faults), copy_combos, N(copy_combos));
}

static void bad_mask(struct call *c)
{
	c->mask = 1u << 4;
}

static const struct fault mint_faults[] = {
    {"source bad", IPC_E_BAD_SLOT, G_SLOT, s_bad},
    {"source empty", IPC_E_EMPTY_SLOT, G_SLOT, s_empty},
    {"destination bad", IPC_E_BAD_SLOT, G_SLOT2, s2_bad},
    {"destination full", IPC_E_SLOT_FULL, G_SLOT2, s2_full},
    {"rights mask", IPC_E_BAD_ARG, G_MASK, bad_mask},
    {"badge on a frame", IPC_E_WRONG_TYPE, G_SLOT, s_frame},
    {"already badged", IPC_E_ALREADY_BADGED, G_SLOT, s_ep_b},
};
static const struct combo mint_combos[] = {
    {"onto itself (also a full destination)", IPC_E_SAME_SLOT, same_slot},
    {"a badge onto a badged frame cap", IPC_E_WRONG_TYPE, s_frame_b},
};

Test(precedence, C1_B2_mint_checks_slots_then_mask_then_type_then_badge)
{
	check_order(OP_MINT, mint_faults, N(mint_faults), mint_combos, N(mint_combos));
}

static void no_object(struct call *c)
{
	c->arg = 0;
}

static const struct fault install_faults[] = {
    {"no object", IPC_E_BAD_ARG, G_ARG, no_object},
    {"rights outside IPC_RIGHTS_ALL", IPC_E_BAD_ARG, G_MASK, bad_mask},
    {"slot bad", IPC_E_BAD_SLOT, G_SLOT2, s2_bad},
    {"slot full", IPC_E_SLOT_FULL, G_SLOT2, s2_full},
};

Test(precedence, C1_install_checks_its_arguments_before_the_slot)
{
	check_order(OP_INSTALL, install_faults, N(install_faults), NULL, 0);
}

/* ---- threads ---------------------------------------------------------------- */

static void status_not_error(struct call *c)
{
	c->arg = 3;
}
static void target_runnable(struct call *c)
{
	c->target = 7;
}

static const struct fault cancel_faults[] = {
    {"status not an error", IPC_E_BAD_ARG, G_ARG, status_not_error},
    {"thread not blocked", IPC_E_THREAD_STATE, G_SLOT, target_runnable},
};

Test(precedence, X3_cancel_checks_the_status_before_the_thread)
{
	check_order(OP_CANCEL, cancel_faults, N(cancel_faults), NULL, 0);
}

static const struct fault fault_faults[] = {
    {"not runnable", IPC_E_THREAD_STATE, G_STATE, blocked},
    {"handler slot empty", IPC_E_NO_HANDLER, G_SLOT, s_empty},
    {"handler cap with W only", IPC_E_NO_HANDLER, G_SLOT, s_ep_w_only},
};

Test(precedence, F1_fault_checks_the_thread_before_the_handler)
{
	check_order(OP_FAULT, fault_faults, N(fault_faults), NULL, 0);
}

static void t2_dead(struct call *c)
{
	c->flags |= F_T2_DEAD;
}
static void t2_bound(struct call *c)
{
	c->flags |= F_T2_BOUND;
}
static void ntfn_bound(struct call *c)
{
	c->flags |= F_BOUND;
}
static void ntfn_waiter(struct call *c)
{
	c->flags |= F_NT2_WAITER;
}

static const struct fault bind_faults[] = {
    {"thread dead", IPC_E_THREAD_STATE, G_STATE, t2_dead},
    {"thread already bound", IPC_E_ALREADY_BOUND, G_T2, t2_bound},
    {"notification already bound", IPC_E_ALREADY_BOUND, G_WORLD, ntfn_bound},
    {"others wait on the notification", IPC_E_BOUND, G_WORLD, ntfn_waiter},
};

Test(precedence, N4_bind_checks_the_thread_then_the_bindings_then_the_waiters)
{
	check_order(OP_BIND, bind_faults, N(bind_faults), NULL, 0);
}
