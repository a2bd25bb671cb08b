/*
 * The embedder's side of ipc.h: what an outside kernel may rely on beyond
 * the rules themselves. The deadline accessor (X4); the exact order of the
 * scheduler hooks per operation, including the transitions that call none
 * ("When the hooks fire" in ipc.h, "Hook order" in docs/libipc.md); the
 * receive info after a wait that ends in an error; and when the storage of
 * an object or a thread may be reused ("When storage may be reused"): the
 * tests scribble over that storage (and poison it under AddressSanitizer)
 * and the rest of the scenario must keep working without touching it.
 *
 * Thread 0 serves ep[0] with reply[0] (slots EP, REPLY); threads 1..4 hold
 * W|G caps to ep[0] (slot EP) and R|W caps to ntfn[0] (slot NT).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "harness.h"

#if defined(__SANITIZE_ADDRESS__)
#define H_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define H_ASAN 1
#endif
#endif
#ifdef H_ASAN
#include <sanitizer/asan_interface.h>
#endif

TestSuite(embedder, .init = h_reset);

enum { EP = 1, REPLY = 2, NT = 3, EP1 = 4, SRV = 0 };

static void world(void)
{
	h_cap(SRV, EP, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(SRV, REPLY, &W.reply[0].obj, 0, 0);
	h_cap(SRV, NT, &W.ntfn[0].obj, IPC_R | IPC_W, 0);
	for (int i = 1; i <= 4; i++) {
		h_cap(i, EP, &W.ep[0].obj, IPC_W | IPC_G, (uint64_t)i);
		h_cap(i, NT, &W.ntfn[0].obj, IPC_R | IPC_W, (uint64_t)1 << i);
	}
}

/* ---- X4: the deadline accessor ------------------------------------------ */

Test(embedder, X4_the_deadline_accessor_reads_the_deadline_of_the_current_wait)
{
	world();
	cr_assert_eq(ipc_thread_deadline(T(1)), IPC_DEADLINE_NONE, "a runnable thread has none");

	H_EXPECT(ipc_send(T(1), EP, MI(1, 0, 0), 100), IPC_BLOCKED);
	H_EXPECT(ipc_wait(T(2), NT, 200), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(3), EP, MI(3, 0, 0), 300), IPC_BLOCKED);
	h_expect_hooks(HB(1), HB(2), HB(3));
	cr_assert_eq(W.hooks[0].deadline, 100, "the blocked hook reads the Send's deadline");
	cr_assert_eq(W.hooks[1].deadline, 200, "... the Wait's");
	cr_assert_eq(W.hooks[2].deadline, 300, "... the Call's");
	cr_assert_eq(ipc_thread_deadline(T(1)), 100);
	cr_assert_eq(ipc_thread_deadline(T(2)), 200);

	h_log_clear();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK); /* takes thread 1's Send */
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK); /* takes thread 3's Call */
	h_expect_hooks(HR(1));
	cr_assert_eq(W.hooks[0].deadline, IPC_DEADLINE_NONE, "none left inside the runnable hook");
	cr_assert_eq(ipc_thread_deadline(T(1)), IPC_DEADLINE_NONE);
	cr_assert_eq(ipc_thread_deadline(T(3)), 300, "X4: the Call's deadline covers the reply wait");

	h_log_clear();
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 0, 0), 400), IPC_BLOCKED);
	h_expect_hooks(HR(3), HB(SRV));
	cr_assert_eq(W.hooks[1].deadline, 400, "ReplyRecv's deadline");
	cr_assert_eq(ipc_thread_deadline(T(3)), IPC_DEADLINE_NONE);

	/* The embedder's timer reads the accessor too (h_timer_tick). */
	cr_assert_eq(h_timer_tick(250), 1);
	cr_assert_eq(STATUS(2), IPC_E_TIMED_OUT);
	cr_assert_eq(ipc_thread_deadline(T(2)), IPC_DEADLINE_NONE);
	cr_assert_eq(ipc_thread_deadline(T(SRV)), 400);
}

/* ---- Hook order, per operation ------------------------------------------ */

Test(embedder, S1_send_wakes_a_waiting_receiver_and_blocks_only_when_nobody_waits)
{
	world();
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_expect_hooks(HB(SRV));
	cr_assert_eq(W.hooks[0].state, IPC_TS_BLOCKED_RECV);
	cr_assert_eq(W.hooks[0].status, IPC_BLOCKED);

	h_log_clear();
	H_EXPECT(ipc_send(T(1), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	h_expect_hooks(HR(SRV));
	cr_assert_eq(W.hooks[0].status, IPC_OK, "the status is final inside the hook");

	h_log_clear();
	H_EXPECT(ipc_send(T(1), EP, MI(2, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_nbsend(T(2), EP, MI(3, 0, 0)), IPC_E_NO_RECEIVER);
	h_expect_hooks(HB(1));
	cr_assert_eq(W.hooks[0].state, IPC_TS_BLOCKED_SEND);

	h_log_clear();
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
	h_expect_hooks(HR(1));
}

/* The order an embedder's scheduler depends on: in a direct Call the
 * server's runnable hook fires before the caller's blocked hook. */
Test(embedder, S4_a_direct_call_wakes_the_server_before_the_caller_blocks)
{
	world();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	struct ipc_ret r = ipc_call(T(1), EP, MI(1, 0, 0), 700);
	cr_assert_eq(r.err, IPC_BLOCKED);
	cr_assert_eq(r.next, T(SRV));
	h_expect_hooks(HR(SRV), HB(1));
	cr_assert_eq(W.hooks[0].status, IPC_OK);
	cr_assert_eq(W.hooks[1].state, IPC_TS_BLOCKED_REPLY, "the caller blocks straight on the reply");
	cr_assert_eq(W.hooks[1].deadline, 700);

	h_log_clear();
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(0, 0, 0)), IPC_OK);
	h_expect_hooks(HR(1));
}

/* A queued Call that the server takes moves from waiting to send to waiting
 * for the reply with no hook at all: a timer armed in its blocked hook must
 * stay armed, and does, since the deadline stays. */
Test(embedder, S4_X4_a_queued_call_taken_by_the_server_calls_no_hook_and_keeps_its_deadline)
{
	world();
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), 50), IPC_BLOCKED);
	h_expect_hooks(HB(1));
	cr_assert_eq(W.hooks[0].state, IPC_TS_BLOCKED_SEND);
	cr_assert_eq(W.hooks[0].deadline, 50);

	h_log_clear();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	h_expect_no_hooks();
	cr_assert_eq(STATE(1), IPC_TS_BLOCKED_REPLY);
	cr_assert_eq(ipc_thread_deadline(T(1)), 50, "the armed deadline is still the wait's");
	cr_assert_eq(STATUS(1), IPC_BLOCKED);

	cr_assert_eq(h_timer_tick(50), 1, "the timer armed for the send phase ends the reply wait");
	h_expect_hooks(HR(1));
	cr_assert_eq(W.hooks[0].status, IPC_E_TIMED_OUT);
}

Test(embedder, S5_a_call_to_a_receiver_without_reply_object_never_blocks_the_caller)
{
	world();
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), 10), IPC_E_NO_REPLY);
	h_expect_hooks(HR(SRV));

	/* Queued first: it blocked, so it is woken (with NO_REPLY). */
	H_EXPECT(ipc_call(T(2), EP, MI(2, 0, 0), 10), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
	h_expect_hooks(HR(2));
	cr_assert_eq(W.hooks[0].status, IPC_E_NO_REPLY);
}

Test(embedder, S6_re_arming_a_reply_object_wakes_the_abandoned_caller_before_the_server_blocks)
{
	world();
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	h_log_clear();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_expect_hooks(HR(1), HB(SRV));
	cr_assert_eq(W.hooks[0].status, IPC_E_PEER_GONE);
}

Test(embedder, S7_reply_recv_wakes_the_caller_before_it_takes_the_next_or_blocks)
{
	world();
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(2), EP, MI(2, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	h_log_clear();
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	h_expect_hooks(HR(1), HR(2));

	h_log_clear();
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_expect_hooks(HB(SRV)); /* idle reply object: just receives */
	H_EXPECT(ipc_call(T(3), EP, MI(3, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_expect_hooks(HR(3), HB(SRV));
}

Test(embedder, S9_nbsend_recv_wakes_the_receiver_before_the_sender_blocks)
{
	world();
	h_cap(1, EP1, &W.ep[0].obj, IPC_R, 0);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_nbsend_recv(T(1), EP, MI(1, 0, 0), EP1, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_expect_hooks(HR(SRV), HB(1));
}

Test(embedder, N2_N4_signal_wakes_one_waiter_or_the_bound_receiver)
{
	world();
	H_EXPECT(ipc_wait(T(1), NT, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_wait(T(2), NT, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_expect_hooks(HB(1), HB(2));
	h_log_clear();
	H_EXPECT(ipc_signal(T(3), NT), IPC_OK);
	h_expect_hooks(HR(1));
	H_EXPECT(ipc_signal(T(3), NT), IPC_OK);
	H_EXPECT(ipc_signal(T(3), NT), IPC_OK); /* nobody waits: pending */
	H_EXPECT(ipc_poll(T(4), NT), IPC_OK);
	h_expect_hooks(HR(1), HR(2));

	H_EXPECT(ipc_ntfn_bind(&W.ntfn[1], T(SRV)), IPC_OK);
	h_cap(3, EP1, &W.ntfn[1].obj, IPC_W, 0x10);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_signal(T(3), EP1), IPC_OK);
	h_expect_hooks(HR(SRV));
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_NOTIFY);
}

Test(embedder, X2_X3_cancellation_wakes_in_queue_order_and_destroy_spares_the_dying_thread)
{
	world();
	h_prio(3, 120);
	H_EXPECT(ipc_send(T(1), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(2), EP, MI(2, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(3), EP, MI(3, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(4), EP, MI(4, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_thread_cancel(T(2), IPC_E_CANCELLED), IPC_OK);
	h_expect_hooks(HR(2));
	h_log_clear();
	H_EXPECT(ipc_ep_cancel_badged_sends(&W.ep[0], 4), IPC_OK);
	h_expect_hooks(HR(4));
	h_log_clear();
	H_EXPECT(ipc_ep_destroy(&W.ep[0]), IPC_OK);
	h_expect_hooks(HR(3), HR(1)); /* Q1: thread 3 is more urgent */

	/* The server takes two calls, then dies: no hook for it, and its
	 * callers wake with PEER_GONE, the most recently taken call first. */
	h_cap(SRV, EP1, &W.reply[1].obj, 0, 0);
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(2), EP, MI(2, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	H_EXPECT(ipc_recv(T(SRV), EP, EP1, IPC_DEADLINE_NONE), IPC_OK);
	H_EXPECT(ipc_recv(T(SRV), NT, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_thread_destroy(T(SRV)), IPC_OK);
	h_expect_hooks(HR(2), HR(1));
	cr_assert_eq(W.hooks[0].status, IPC_E_PEER_GONE);
	cr_assert_eq(W.hooks[1].status, IPC_E_PEER_GONE);
}

Test(embedder, C2_X1_deleting_the_last_cap_wakes_the_waiters_in_queue_order_then_reports_the_object)
{
	world();
	h_prio(2, 150);
	H_EXPECT(ipc_send(T(1), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(2), EP, MI(2, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	for (int i = 1; i <= 4; i++) {
		H_EXPECT(ipc_cap_delete(CS(i), EP), IPC_OK);
		H_EXPECT(ipc_cap_copy(CS(SRV), EP, CS(i), EP1), IPC_OK);
		H_EXPECT(ipc_cap_revoke(CS(SRV), EP), IPC_OK); /* revoke never destroys */
	}
	h_expect_no_hooks();
	H_EXPECT(ipc_cap_delete(CS(SRV), EP), IPC_OK);
	h_expect_hooks(HR(2), HR(1), HU(&W.ep[0].obj));

	/* A reply object: its linked caller wakes, then the object is reported. */
	h_cap(SRV, EP, &W.ep[1].obj, IPC_RIGHTS_ALL, 0);
	h_cap(1, EP, &W.ep[1].obj, IPC_W | IPC_G, 0);
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	h_log_clear();
	H_EXPECT(ipc_cap_delete(CS(SRV), REPLY), IPC_OK);
	h_expect_hooks(HR(1), HU(&W.reply[0].obj));
	cr_assert_eq(W.hooks[0].status, IPC_E_PEER_GONE);
}

Test(embedder, F1_a_fault_calls_the_hooks_of_a_call)
{
	const struct ipc_fault f = {IPC_FAULT_UNDEFINED, {1, 2, 3, 4}};

	world();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_thread_fault(T(1), EP, &f), IPC_BLOCKED);
	h_expect_hooks(HR(SRV), HB(1));
	h_log_clear();
	H_EXPECT(ipc_thread_fault(T(2), EP, &f), IPC_BLOCKED);
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(IPC_FAULT_RESUME, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	h_expect_hooks(HB(2), HR(1)); /* thread 2's fault is taken with no hook */
	cr_assert_eq(STATE(2), IPC_TS_BLOCKED_REPLY);
}

/* ---- Receive info after an error ---------------------------------------- */

Test(embedder, X3_X4_a_wait_that_ends_in_an_error_clears_the_receive_info)
{
	world();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(1), EP, MI(0x51, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(SRV)->label, 0x51);

	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 30), IPC_BLOCKED);
	h_log_clear();
	cr_assert_eq(h_timer_tick(30), 1);
	cr_assert_eq(STATUS(SRV), IPC_E_TIMED_OUT);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_NONE, "the earlier message does not pass for this wait's");
	cr_assert_eq(INFO(SRV)->label, 0);
	cr_assert_eq(INFO(SRV)->badge, 0);
}

/* ---- When storage may be reused ----------------------------------------- */

/* Hand storage back: scribble over it and, under ASan, poison it, so that any
 * later read or write by libipc is caught (ASan) or breaks the run. */
static void retire(void *p, size_t n)
{
	memset(p, 0xA5, n);
#ifdef H_ASAN
	ASAN_POISON_MEMORY_REGION(p, n);
#endif
}

/* Take it back at the end: libipc wrote nothing into it meanwhile. */
static void reclaim(void *p, size_t n)
{
	const unsigned char *b = p;

#ifdef H_ASAN
	ASAN_UNPOISON_MEMORY_REGION(p, n);
#endif
	for (size_t k = 0; k < n; k++)
		cr_assert_eq(b[k], 0xA5, "retired storage changed at byte %zu", k);
}

static size_t object_size(const struct ipc_object *o)
{
	switch (o->type) {
	case IPC_OBJ_ENDPOINT:
		return sizeof(struct ipc_endpoint);
	case IPC_OBJ_NTFN:
		return sizeof(struct ipc_ntfn);
	case IPC_OBJ_REPLY:
		return sizeof(struct ipc_reply);
	default:
		return sizeof(struct ipc_object);
	}
}

/* The embedder reuses the storage at once, inside the hook. */
static struct {
	void *p[8];
	size_t n[8];
	int count;
} retired;

static void retire_in_hook(struct ipc_object *obj)
{
	cr_assert_lt(retired.count, 8);
	retired.p[retired.count] = obj;
	retired.n[retired.count] = object_size(obj);
	retire(obj, retired.n[retired.count]);
	retired.count++;
}

static void reclaim_all(void)
{
	for (int k = 0; k < retired.count; k++)
		reclaim(retired.p[k], retired.n[k]);
}

Test(embedder, C2_X1_an_object_s_storage_is_free_from_the_unreferenced_hook_on)
{
	struct ipc_object frame;

	world();
	h_on_unreferenced = retire_in_hook;
	ipc_object_init(&frame, IPC_OBJ_EMBEDDER);
	h_cap(SRV, 10, &frame, IPC_R, 0);
	h_cap(SRV, 11, &W.reply[1].obj, 0, 0);
	h_cap(SRV, 12, &W.ntfn[1].obj, IPC_R | IPC_W, 0);
	h_cap(SRV, 13, &W.ep[1].obj, IPC_RIGHTS_ALL, 0);
	for (int i = 1; i <= 4; i++)
		h_cap(i, EP1, &W.ep[1].obj, IPC_W | IPC_G, 0);

	/* In use when their last caps go: ep[0] with a queued Call and Send,
	 * ntfn[0] with a waiter and bound to the server, reply[0] holding a
	 * caller, reply[1] armed by a receiver waiting on ep[1]. */
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), 77), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	H_EXPECT(ipc_send(T(2), EP, MI(2, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_wait(T(3), NT, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(4)), IPC_E_BOUND);
	H_EXPECT(ipc_signal(T(4), NT), IPC_OK); /* wakes thread 3 */
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(4)), IPC_OK);
	H_EXPECT(ipc_recv(T(SRV), 13, 11, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_wait(T(4), NT, IPC_DEADLINE_NONE), IPC_BLOCKED);

	h_log_clear();
	for (int i = 0; i <= 4; i++) {
		if (i != SRV)
			H_EXPECT(ipc_cap_delete(CS(i), NT), IPC_OK);
		H_EXPECT(ipc_cap_delete(CS(i), EP), IPC_OK);
	}
	H_EXPECT(ipc_cap_delete(CS(SRV), NT), IPC_OK);
	H_EXPECT(ipc_cap_delete(CS(SRV), REPLY), IPC_OK);
	H_EXPECT(ipc_cap_delete(CS(SRV), 11), IPC_OK);
	H_EXPECT(ipc_cap_delete(CS(SRV), 10), IPC_OK);
	h_expect_hooks(HR(2), HU(&W.ep[0].obj), HR(4), HU(&W.ntfn[0].obj), HR(1), HU(&W.reply[0].obj),
	               HU(&W.reply[1].obj), HU(&frame));
	cr_assert_eq(retired.count, 5);
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV, "the receiver keeps waiting, without its reply object");

	/* Everything else runs on without touching the retired storage: the
	 * receiver takes a Call (no reply object left: S5), the woken threads
	 * talk over ep[1], and the dead objects' former users bind, signal and
	 * reply elsewhere. */
	H_EXPECT(ipc_call(T(1), EP1, MI(5, 0, 0), 9), IPC_E_NO_REPLY);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_SEND);
	cr_assert_eq(STATUS(1), IPC_E_NO_REPLY);
	h_cap(SRV, REPLY, &W.reply[2].obj, 0, 0);
	H_EXPECT(ipc_recv(T(SRV), 13, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(2), EP1, MI(6, 0, 0), 9), IPC_BLOCKED);
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(7, 0, 0)), IPC_OK);
	cr_assert_eq(INFO(2)->label, 7);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[1], T(4)), IPC_OK);
	H_EXPECT(ipc_signal(T(SRV), 12), IPC_OK);
	H_EXPECT(ipc_recv(T(4), NT, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_E_EMPTY_SLOT);
	ipc_ntfn_unbind(T(4));
	H_EXPECT(ipc_thread_destroy(T(3)), IPC_OK);
	cr_assert_eq(h_timer_tick(1000), 0);
	reclaim_all();
}

Test(embedder, X3_S6_a_thread_s_storage_is_free_once_ipc_thread_destroy_returns)
{
	world();
	h_cap(SRV, 10, &W.reply[1].obj, 0, 0);
	h_cap(SRV, 11, &W.ep[1].obj, IPC_RIGHTS_ALL, 0);
	for (int i = 1; i <= 4; i++)
		h_cap(i, EP1, &W.ep[1].obj, IPC_R | IPC_W | IPC_G, 0);
	h_cap(5, REPLY, &W.reply[1].obj, 0, 0);
	h_cap(5, EP1, &W.ep[1].obj, IPC_R, 0);

	/* Thread 1: a server that took a Call (reply[0] links thread 2 to it)
	 * and is bound to ntfn[0]. Thread 3: a Call queued on ep[1]. Thread 4:
	 * a waiter on ntfn[1]. Threads 2 and 5 live on; 5 serves afterwards. */
	h_cap(1, REPLY, &W.reply[0].obj, 0, 0);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(1)), IPC_OK);
	H_EXPECT(ipc_call(T(2), EP1, MI(2, 0, 0), 20), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(1), EP1, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(STATE(2), IPC_TS_BLOCKED_REPLY);
	H_EXPECT(ipc_call(T(3), EP1, MI(3, 0, 0), 30), IPC_BLOCKED);
	h_cap(4, 12, &W.ntfn[1].obj, IPC_R, 0);
	H_EXPECT(ipc_wait(T(4), 12, 40), IPC_BLOCKED);

	/* Destroy and retire them in an order that leaves each kind of
	 * pointer behind: a server with a caller and a binding (1), a queued
	 * caller (3), a notification waiter (4). */
	h_log_clear();
	H_EXPECT(ipc_thread_destroy(T(1)), IPC_OK);
	h_expect_hooks(HR(2));
	H_EXPECT(ipc_thread_destroy(T(3)), IPC_OK);
	H_EXPECT(ipc_thread_destroy(T(4)), IPC_OK);
	h_expect_hooks(HR(2));
	h_log_clear(); /* the run queue forgets them too */
	int dead[] = {1, 3, 4};
	for (int k = 0; k < 3; k++) {
		retire(T(dead[k]), sizeof(struct ipc_thread));
		retire(B(dead[k]), sizeof(struct ipc_buffer));
	}

	/* Thread 2 was woken (PEER_GONE); now it calls thread 5 on ep[1]
	 * through reply[1], which thread 5 arms; signals go to the notification
	 * thread 1 was bound to, and thread 5 waits on it now that nobody is
	 * bound; ep[1] is destroyed with no stale waiter on it. */
	cr_assert_eq(STATUS(2), IPC_E_PEER_GONE);
	H_EXPECT(ipc_recv(T(5), EP1, REPLY, 60), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(2), EP1, MI(8, 0, 0), 70), IPC_BLOCKED);
	H_EXPECT(ipc_reply(T(5), REPLY, MI(9, 0, 0)), IPC_OK);
	cr_assert_eq(INFO(2)->label, 9);
	H_EXPECT(ipc_signal(T(2), NT), IPC_OK);
	h_cap(5, NT, &W.ntfn[0].obj, IPC_R, 0);
	H_EXPECT(ipc_wait(T(5), NT, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(5)->badge, 1u << 2);
	H_EXPECT(ipc_signal(T(2), NT), IPC_OK);
	H_EXPECT(ipc_ep_destroy(&W.ep[1]), IPC_OK);
	H_EXPECT(ipc_ntfn_destroy(&W.ntfn[1]), IPC_OK);
	H_EXPECT(ipc_reply_destroy(&W.reply[0]), IPC_OK);
	H_EXPECT(ipc_reply(T(SRV), 10, MI(0, 0, 0)), IPC_E_NO_CALLER);
	for (int k = 0; k < 3; k++) {
		reclaim(T(dead[k]), sizeof(struct ipc_thread));
		reclaim(B(dead[k]), sizeof(struct ipc_buffer));
	}
}
