/*
 * The error discipline of ipc.h, table-driven: in one busy world (a waiting
 * receiver, a linked caller, bound and badged caps), every invalid call of
 * the list (M2 lengths and cap counts, R1 rights and types, bad,
 * empty and full slots, C8 reply caps, B2 re-badging, S4 reply errors, N4
 * bindings, thread states, ...) fails with its own documented status and
 * leaves every object, thread, CSpace and buffer byte-identical, with no
 * hook called. Each row is a single call; the world is shared by all rows,
 * so a row that changed anything would also be caught by the rows after it.
 */
#include <criterion/criterion.h>

#include "harness.h"

#include <ipc/ring.h>

TestSuite(errors, .init = h_reset);

/* Thread 0's slots. */
enum {
	EP = 1,     /* ep[0] R|W|G, unbadged; thread 1 waits on it */
	REPLY = 2,  /* reply[0], idle */
	NT = 3,     /* ntfn[0] R|W, bound to thread 1 */
	EP_B = 4,   /* ep[0] W|G badge 5 */
	EP1_R = 5,  /* ep[1] R only */
	REPLY3 = 6, /* copy of thread 4's reply[3], which holds thread 3 */
	FRAME = 7,  /* an embedder object */
	EP_W = 8,   /* ep[0] W only */
	NT_R = 9,   /* ntfn[1] R only */
	NT1_W = 10, /* ntfn[1] W badge 1 */
	EP3_W = 11, /* ep[3] W, nobody there */
	EMPTY = 20,
	BAD = H_SLOTS,
};

static struct ipc_object frame;
static const struct ipc_fault fault = {IPC_FAULT_CAP, {1, 2, 3, 4}};

static void busy_world(void)
{
	ipc_object_init(&frame, IPC_OBJ_EMBEDDER + 9);
	h_cap(0, EP, &W.ep[0].obj, IPC_R | IPC_W | IPC_G, 0);
	h_cap(0, REPLY, &W.reply[0].obj, 0, 0);
	h_cap(0, NT, &W.ntfn[0].obj, IPC_R | IPC_W, 0);
	h_cap(0, EP_B, &W.ep[0].obj, IPC_W | IPC_G, 5);
	h_cap(0, EP1_R, &W.ep[1].obj, IPC_R, 0);
	h_cap(0, FRAME, &frame, IPC_R | IPC_W, 0);
	h_cap(0, EP_W, &W.ep[0].obj, IPC_W, 0);
	h_cap(0, NT_R, &W.ntfn[1].obj, IPC_R, 0);
	h_cap(0, NT1_W, &W.ntfn[1].obj, IPC_W, 1);
	h_cap(0, EP3_W, &W.ep[3].obj, IPC_W, 0);

	/* Thread 1 waits on ep[0] with reply[2]; ntfn[0] is bound to it. */
	h_cap(1, EP, &W.ep[0].obj, IPC_R, 0);
	h_cap(1, REPLY, &W.reply[2].obj, 0, 0);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(1)), IPC_OK);
	H_EXPECT(ipc_recv(T(1), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_cap_copy(CS(1), REPLY, CS(0), 12), IPC_OK); /* reply[2], armed */

	/* Thread 3 called thread 4 on ep[2]; thread 0 holds a copy of reply[3]. */
	h_cap(4, EP, &W.ep[2].obj, IPC_R, 0);
	h_cap(4, REPLY, &W.reply[3].obj, 0, 0);
	h_cap(3, EP, &W.ep[2].obj, IPC_W | IPC_G, 0);
	H_EXPECT(ipc_recv(T(4), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(3), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_cap_copy(CS(4), REPLY, CS(0), REPLY3), IPC_OK);

	/* Threads 2, 5, 6, 7 and 0 send to thread 1 with one bad cap descriptor each. */
	for (int i = 2; i < H_THREADS; i++)
		if (i != 3 && i != 4) {
			h_cap(i, EP, &W.ep[0].obj, IPC_W | IPC_G, 0);
			h_cap(i, NT, &W.ntfn[2].obj, IPC_R | IPC_W, 0);
			h_cap(i, REPLY, &W.reply[1].obj, 0, 0);
			h_cap(i, EP_B, &W.ntfn[3].obj, IPC_W, 8);
			h_xfer(i, 0, NT, IPC_XFER_COPY, 0, 0);
		}
	h_xfer(2, 1, REPLY, IPC_XFER_COPY, 0, 0);    /* C8 */
	h_xfer(5, 1, EMPTY, IPC_XFER_MOVE, 0, 0);    /* empty */
	h_xfer(6, 1, NT, 7, 0, 0);                   /* no such mode */
	h_xfer(7, 1, EP_B, IPC_XFER_MINT, IPC_W, 9); /* B2 */
	h_xfer(0, 0, BAD, IPC_XFER_COPY, 0, 0);      /* bad slot */
	h_log_clear();
}

static uint64_t word;

#define INVALID_CALLS(X)                                                                                     \
	/* M2 */                                                                                             \
	X(IPC_E_MSG_TOO_LONG, ipc_send(T(0), EP, MI(1, IPC_MSG_MAX_WORDS + 1, 0), 0))                        \
	X(IPC_E_MSG_TOO_LONG, ipc_nbsend(T(0), EP, MI(1, IPC_MSG_MAX_WORDS + 1, 0)))                         \
	X(IPC_E_MSG_TOO_LONG, ipc_call(T(0), EP, MI(1, IPC_MSG_MAX_WORDS + 1, 0), 0))                        \
	X(IPC_E_MSG_TOO_LONG, ipc_nbsend_recv(T(0), EP, MI(1, 1u << 31, 0), EP1_R, IPC_SLOT_NONE, 0))        \
	X(IPC_E_MSG_TOO_LONG, ipc_reply(T(4), REPLY, MI(0, IPC_MSG_MAX_WORDS + 1, 0)))                       \
	X(IPC_E_TOO_MANY_CAPS, ipc_send(T(0), EP, MI(1, 0, IPC_MSG_MAX_CAPS + 1), 0))                        \
	X(IPC_E_TOO_MANY_CAPS, ipc_call(T(0), EP_W, MI(1, 0, 4), 0))                                         \
	X(IPC_E_TOO_MANY_CAPS, ipc_reply_recv(T(4), EP, REPLY, MI(0, 0, 4), 0))                              \
	/* slots */                                                                                          \
	X(IPC_E_BAD_SLOT, ipc_send(T(0), BAD, MI(1, 0, 0), 0))                                               \
	X(IPC_E_BAD_SLOT, ipc_recv(T(0), UINT32_MAX - 1, IPC_SLOT_NONE, 0))                                  \
	X(IPC_E_BAD_SLOT, ipc_recv(T(0), EP1_R, BAD, 0))                                                     \
	X(IPC_E_BAD_SLOT, ipc_signal(T(0), BAD))                                                             \
	X(IPC_E_BAD_SLOT, ipc_cap_delete(CS(0), BAD))                                                        \
	X(IPC_E_BAD_SLOT, ipc_cap_mint(CS(0), EP, CS(0), BAD, IPC_W, 3))                                     \
	X(IPC_E_EMPTY_SLOT, ipc_nbsend(T(0), EMPTY, MI(1, 0, 0)))                                            \
	X(IPC_E_EMPTY_SLOT, ipc_recv(T(0), EP1_R, EMPTY, 0))                                                 \
	X(IPC_E_EMPTY_SLOT, ipc_wait(T(0), EMPTY, 0))                                                        \
	X(IPC_E_EMPTY_SLOT, ipc_poll(T(0), EMPTY))                                                           \
	X(IPC_E_EMPTY_SLOT, ipc_reply(T(0), EMPTY, MI(0, 0, 0)))                                             \
	X(IPC_E_EMPTY_SLOT, ipc_cap_copy(CS(0), EMPTY, CS(2), EMPTY))                                        \
	X(IPC_E_EMPTY_SLOT, ipc_cap_revoke(CS(0), EMPTY))                                                    \
	X(IPC_E_EMPTY_SLOT, ipc_cap_cancel_badged_sends(CS(0), EMPTY))                                       \
	X(IPC_E_SLOT_FULL, ipc_cap_copy(CS(0), EP, CS(0), NT))                                               \
	X(IPC_E_SLOT_FULL, ipc_cap_move(CS(0), FRAME, CS(1), EP))                                            \
	X(IPC_E_SLOT_FULL, ipc_cap_install(CS(0), EP, &W.ep[3].obj, IPC_R, 0))                               \
	X(IPC_E_SAME_SLOT, ipc_cap_move(CS(0), EP, CS(0), EP))                                               \
	/* R1 types and rights, S8 */                                                                        \
	X(IPC_E_WRONG_TYPE, ipc_send(T(0), NT, MI(1, 0, 0), 0))                                              \
	X(IPC_E_WRONG_TYPE, ipc_signal(T(0), EP))                                                            \
	X(IPC_E_WRONG_TYPE, ipc_wait(T(0), FRAME, 0))                                                        \
	X(IPC_E_WRONG_TYPE, ipc_recv(T(0), REPLY, IPC_SLOT_NONE, 0))                                         \
	X(IPC_E_WRONG_TYPE, ipc_recv(T(0), EP1_R, NT_R, 0))                                                  \
	X(IPC_E_WRONG_TYPE, ipc_reply(T(0), EP, MI(0, 0, 0)))                                                \
	X(IPC_E_WRONG_TYPE, ipc_cap_cancel_badged_sends(CS(0), NT))                                          \
	X(IPC_E_WRONG_TYPE, ipc_cap_mint(CS(0), FRAME, CS(0), EMPTY, IPC_R, 4))                              \
	X(IPC_E_NO_RIGHTS, ipc_send(T(0), EP1_R, MI(1, 0, 0), 0))                                            \
	X(IPC_E_NO_RIGHTS, ipc_recv(T(0), EP_B, IPC_SLOT_NONE, 0))                                           \
	X(IPC_E_NO_RIGHTS, ipc_call(T(0), EP_W, MI(1, 0, 0), 0))                                             \
	X(IPC_E_NO_RIGHTS, ipc_signal(T(0), NT_R))                                                           \
	X(IPC_E_NO_RIGHTS, ipc_poll(T(0), NT1_W))                                                            \
	X(IPC_E_NO_RIGHTS, ipc_ntfn_peek(T(0), NT1_W, &word))                                                \
	/* B2, C1 */                                                                                         \
	X(IPC_E_ALREADY_BADGED, ipc_cap_mint(CS(0), EP_B, CS(0), EMPTY, IPC_W, 6))                           \
	X(IPC_E_ALREADY_BADGED, ipc_cap_mint(CS(0), NT1_W, CS(2), EMPTY, IPC_W, 1))                          \
	X(IPC_E_BAD_ARG, ipc_cap_mint(CS(0), EP, CS(0), EMPTY, 1u << 4, 0))                                  \
	X(IPC_E_BAD_ARG, ipc_cap_install(CS(0), EMPTY, &frame, IPC_RIGHTS_ALL + 1, 0))                       \
	/* cap transfer descriptors (C4, C8, B2) */                                                          \
	X(IPC_E_NOT_TRANSFERABLE, ipc_send(T(2), EP, MI(0, 0, 2), 0))                                        \
	X(IPC_E_EMPTY_SLOT, ipc_nbsend(T(5), EP, MI(0, 0, 2)))                                               \
	X(IPC_E_BAD_ARG, ipc_call(T(6), EP, MI(0, 0, 2), 0))                                                 \
	X(IPC_E_ALREADY_BADGED, ipc_send(T(7), EP, MI(0, 0, 2), 0))                                          \
	X(IPC_E_BAD_SLOT, ipc_send(T(0), EP, MI(0, 0, 1), 0))                                                \
	/* S2, S3, N3: nothing there */                                                                      \
	X(IPC_E_NO_RECEIVER, ipc_nbsend(T(0), EP3_W, MI(1, 1, 0)))                                           \
	X(IPC_E_NOTHING, ipc_nbrecv(T(0), EP1_R, REPLY))                                                     \
	X(IPC_E_NOTHING, ipc_poll(T(0), NT_R))                                                               \
	X(IPC_E_NOTHING, ipc_ntfn_peek(T(0), NT_R, &word))                                                   \
	/* S4 and reply objects */                                                                           \
	X(IPC_E_NO_CALLER, ipc_reply(T(0), REPLY, MI(0, 0, 0)))                                              \
	X(IPC_E_NOT_RECEIVER, ipc_reply(T(0), REPLY3, MI(0, 0, 0)))                                          \
	X(IPC_E_NOT_RECEIVER, ipc_reply_recv(T(0), EP1_R, REPLY3, MI(0, 0, 0), 0))                           \
	X(IPC_E_REPLY_BUSY, ipc_recv(T(0), EP1_R, 12, 0))                                                    \
	/* N4 */                                                                                             \
	X(IPC_E_BOUND, ipc_wait(T(0), NT, 0))                                                                \
	X(IPC_E_BOUND, ipc_poll(T(0), NT))                                                                   \
	X(IPC_E_ALREADY_BOUND, ipc_ntfn_bind(&W.ntfn[0], T(2)))                                              \
	X(IPC_E_ALREADY_BOUND, ipc_ntfn_bind(&W.ntfn[1], T(1)))                                              \
	/* thread states, F1 */                                                                              \
	X(IPC_E_THREAD_STATE, ipc_send(T(1), EP, MI(1, 0, 0), 0))                                            \
	X(IPC_E_THREAD_STATE, ipc_recv(T(3), EP, IPC_SLOT_NONE, 0))                                          \
	X(IPC_E_THREAD_STATE, ipc_signal(T(1), EP))                                                          \
	X(IPC_E_THREAD_STATE, ipc_thread_cancel(T(0), IPC_E_CANCELLED))                                      \
	X(IPC_E_THREAD_STATE, ipc_thread_fault(T(3), EP, &fault))                                            \
	X(IPC_E_BAD_ARG, ipc_thread_cancel(T(1), 3))                                                         \
	X(IPC_E_NO_HANDLER, ipc_thread_fault(T(0), EP_W, &fault))                                            \
	X(IPC_E_NO_HANDLER, ipc_thread_fault(T(0), EMPTY, &fault))

static const struct invalid {
	int want;
	const char *call;
} invalid[] = {
#define ROW(want, expr) {want, #expr},
    INVALID_CALLS(ROW)
#undef ROW
};

/* Row k of the table; the switch is generated from the same list. */
static int invalid_call(int k)
{
	int row = 0;
#define CALL(want, expr)                                                                                     \
	if (k == row++)                                                                                      \
		return H_ERR(expr);
	INVALID_CALLS(CALL)
#undef CALL
	cr_assert_fail("no row %d", k);
	return 0;
}

Test(errors, M2_R1_B2_C1_C8_S4_N4_table_of_invalid_calls_leaves_the_world_identical)
{
	const int n = (int)(sizeof(invalid) / sizeof(invalid[0]));
	struct h_snapshot start;

	busy_world();
	h_snap(&start);
	for (int k = 0; k < n; k++) {
		struct h_snapshot before;
		int got;

		h_snap(&before);
		got = invalid_call(k);
		cr_assert_eq(got, invalid[k].want, "row %d: %s: got %s, want %s", k, invalid[k].call,
		             ipc_strerror(got), ipc_strerror(invalid[k].want));
		cr_assert(h_same(&before), "row %d: %s changed the world", k, invalid[k].call);
		cr_assert_eq(W.nwoken + W.nunref + h_blocked_total(), 0, "row %d: %s called a hook", k,
		             invalid[k].call);
	}
	cr_assert(h_same(&start));
	cr_assert_geq(n, 60, "the table covers the issue's list");
}

/* The core's statuses and the SharedRing's, one space (<ipc/status.h>). */
static bool is_status(int s)
{
	return (s >= IPC_E_SAME_SLOT && s <= IPC_BLOCKED) ||
	       (s >= IPC_RING_E_NO_WAKER && s <= IPC_RING_E_EMPTY);
}

Test(errors, every_status_has_its_own_string)
{
	for (int a = IPC_E_EMBEDDER_BASE; a <= IPC_BLOCKED + 1; a++) {
		if (!is_status(a)) {
			cr_assert_str_eq(ipc_strerror(a), "unknown status", "%d is no status", a);
			continue;
		}
		cr_assert_str_neq(ipc_strerror(a), "unknown status", "status %d has a name", a);
		for (int b = IPC_E_EMBEDDER_BASE; b < a; b++)
			if (is_status(b))
				cr_assert_str_neq(ipc_strerror(a), ipc_strerror(b),
				                  "%d and %d share a string", a, b);
	}
	cr_assert_str_eq(ipc_strerror(12345), "unknown status");
	cr_assert_str_eq(ipc_strerror(IPC_RING_E_FULL), "ring full");
	cr_assert_eq(ipc_ring_strerror(IPC_RING_E_FULL), ipc_strerror(IPC_RING_E_FULL), "one table");
}

/* The values are ABI: the kernel returns them to user space, and programs
 * built against an older ipc.h or ring.h compare against them. */
Test(errors, status_values_never_change)
{
	static const struct {
		int status, value;
	} abi[] = {
	    {IPC_OK, 0},
	    {IPC_BLOCKED, 1},
	    {IPC_E_MSG_TOO_LONG, -1},
	    {IPC_E_TOO_MANY_CAPS, -2},
	    {IPC_E_BAD_SLOT, -3},
	    {IPC_E_EMPTY_SLOT, -4},
	    {IPC_E_SLOT_FULL, -5},
	    {IPC_E_WRONG_TYPE, -6},
	    {IPC_E_NO_RIGHTS, -7},
	    {IPC_E_ALREADY_BADGED, -8},
	    {IPC_E_NO_RECEIVER, -9},
	    {IPC_E_NOTHING, -10},
	    {IPC_E_NO_REPLY, -11},
	    {IPC_E_PEER_GONE, -12},
	    {IPC_E_OBJECT_GONE, -13},
	    {IPC_E_CANCELLED, -14},
	    {IPC_E_TIMED_OUT, -15},
	    {IPC_E_NO_CALLER, -16},
	    {IPC_E_NOT_RECEIVER, -17},
	    {IPC_E_REPLY_BUSY, -18},
	    {IPC_E_BOUND, -19},
	    {IPC_E_ALREADY_BOUND, -20},
	    {IPC_E_NOT_TRANSFERABLE, -21},
	    {IPC_E_BAD_ARG, -22},
	    {IPC_E_THREAD_STATE, -23},
	    {IPC_E_NO_HANDLER, -24},
	    {IPC_E_SAME_SLOT, -25},
	    {IPC_RING_OK, 0},
	    {IPC_RING_E_EMPTY, -64},
	    {IPC_RING_E_FULL, -65},
	    {IPC_RING_E_CORRUPT, -66},
	    {IPC_RING_E_BAD_MAGIC, -67},
	    {IPC_RING_E_BAD_VERSION, -68},
	    {IPC_RING_E_BAD_GEOMETRY, -69},
	    {IPC_RING_E_TOO_SMALL, -70},
	    {IPC_RING_E_ALIGN, -71},
	    {IPC_RING_E_INVAL, -72},
	    {IPC_RING_E_NO_WAKER, -73},
	    {IPC_E_EMBEDDER_BASE, -128},
	};
	for (unsigned i = 0; i < sizeof abi / sizeof abi[0]; i++)
		cr_expect_eq(abi[i].status, abi[i].value, "row %u: %d, was %d", i, abi[i].status,
		             abi[i].value);
}
