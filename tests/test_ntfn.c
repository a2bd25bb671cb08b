/*
 * SEMANTICS "Notifications" (N1-N4): signals with nobody waiting coalesce
 * into the word by OR and the next Wait takes and clears it; with waiters,
 * exactly one (the first by Q1) wakes with that badge; Poll never blocks and
 * tells "nothing" apart from "signalled with badge 0", Peek reads without
 * clearing; a bound notification interrupts its thread's endpoint Recv
 * (tagged NOTIFY), wins over queued senders, leaves a Call alone, and no
 * other thread may wait on it.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(ntfn, .init = h_reset);

enum { NT = 1, EP = 2, REPLY = 3, SIG1 = 4, SIG2 = 5, SIG4 = 6, SIG0 = 7 };

/* Thread 0 waits (R on ntfn[0], R on ep[0]); thread 1 signals with badges
 * 1, 2, 4 and 0; threads 2.. may wait and send. */
static void world(void)
{
	h_cap(0, NT, &W.ntfn[0].obj, IPC_R, 0);
	h_cap(0, EP, &W.ep[0].obj, IPC_R, 0);
	h_cap(0, REPLY, &W.reply[0].obj, 0, 0);
	h_cap(1, SIG1, &W.ntfn[0].obj, IPC_W, 1);
	h_cap(1, SIG2, &W.ntfn[0].obj, IPC_W, 2);
	h_cap(1, SIG4, &W.ntfn[0].obj, IPC_W, 4);
	h_cap(1, SIG0, &W.ntfn[0].obj, IPC_W, 0);
	for (int i = 2; i < H_THREADS; i++) {
		h_cap(i, NT, &W.ntfn[0].obj, IPC_R, 0);
		h_cap(i, EP, &W.ep[0].obj, IPC_W | IPC_G, 0x100u + (uint64_t)i);
	}
}

static void sig(uint32_t slot)
{
	H_EXPECT(ipc_signal(T(1), slot), IPC_OK);
}

/* ---- N1 ----------------------------------------------------------------- */

Test(ntfn, N1_signals_without_waiters_coalesce_and_wait_clears)
{
	world();
	sig(SIG1);
	sig(SIG4);
	sig(SIG4);
	h_expect_none_woken();
	cr_assert_eq(W.ntfn[0].word, 5);
	struct ipc_ret r = ipc_wait(T(0), NT, IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_OK, "a pending word is taken at once");
	cr_assert_eq(INFO(0)->kind, IPC_EV_NOTIFY);
	cr_assert_eq(INFO(0)->badge, 5, "N1: the OR of the badges");
	cr_assert_eq(W.ntfn[0].word, 0);
	H_EXPECT(ipc_poll(T(0), NT), IPC_E_NOTHING);
	H_EXPECT(ipc_wait(T(0), NT, IPC_DEADLINE_NONE), IPC_BLOCKED);
}

/* ---- N2 ----------------------------------------------------------------- */

Test(ntfn, N2_signal_wakes_exactly_one_waiter_the_first_by_Q1)
{
	world();
	h_prio(3, 150);
	for (int i = 2; i <= 4; i++)
		H_EXPECT(ipc_wait(T(i), NT, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_prio(1, 100);
	struct ipc_ret r = ipc_signal(T(1), SIG2);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(3), "the woken waiter outranks the signaller");
	h_expect_woken(3);
	cr_assert_eq(INFO(3)->badge, 2, "N2: the waiter gets that badge");
	cr_assert_eq(INFO(3)->kind, IPC_EV_NOTIFY);
	h_expect_queue(&W.ntfn[0].waiters, 2, 4);
	cr_assert_eq(W.ntfn[0].pending, 0, "delivered, not left pending");

	r = ipc_signal(T(1), SIG4);
	cr_assert_null(r.next, "equal priority: the signaller keeps running");
	h_expect_woken(3, 2);
	cr_assert_eq(INFO(2)->badge, 4);
}

/* ---- N3 ----------------------------------------------------------------- */

Test(ntfn, N3_poll_never_blocks_and_reports_nothing_distinctly)
{
	uint64_t word = 0xDEAD;

	world();
	H_FAILS_CLEANLY(ipc_poll(T(0), NT), IPC_E_NOTHING);
	H_FAILS_CLEANLY(ipc_ntfn_peek(T(0), NT, &word), IPC_E_NOTHING);
	cr_assert_eq(word, 0xDEAD, "peek writes nothing when nothing is pending");
	cr_assert_eq(STATE(0), IPC_TS_RUNNABLE);
}

Test(ntfn, N3_signal_with_badge_0_is_not_nothing)
{
	uint64_t word = 0xDEAD;

	world();
	sig(SIG0);
	H_EXPECT(ipc_ntfn_peek(T(0), NT, &word), IPC_OK);
	cr_assert_eq(word, 0);
	H_EXPECT(ipc_poll(T(0), NT), IPC_OK);
	cr_assert_eq(INFO(0)->badge, 0, "signalled with badge 0");
	H_EXPECT(ipc_poll(T(0), NT), IPC_E_NOTHING);
}

Test(ntfn, N3_peek_reads_without_clearing_poll_clears)
{
	uint64_t word = 0;

	world();
	sig(SIG2);
	sig(SIG1);
	H_EXPECT(ipc_ntfn_peek(T(0), NT, &word), IPC_OK);
	cr_assert_eq(word, 3);
	H_EXPECT(ipc_ntfn_peek(T(2), NT, &word), IPC_OK);
	cr_assert_eq(word, 3, "peek did not clear");
	H_EXPECT(ipc_poll(T(0), NT), IPC_OK);
	cr_assert_eq(INFO(0)->badge, 3);
	cr_assert_eq(INFO(0)->kind, IPC_EV_NOTIFY);
	H_EXPECT(ipc_ntfn_peek(T(0), NT, &word), IPC_E_NOTHING);
}

/* ---- N4 ----------------------------------------------------------------- */

static void bind0(void)
{
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(0)), IPC_OK);
}

Test(ntfn, N4_signal_interrupts_the_bound_threads_recv_tagged_notify)
{
	world();
	bind0();
	h_prio(0, 200);
	H_EXPECT(ipc_recv(T(0), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	struct ipc_ret r = ipc_signal(T(1), SIG4);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(0));
	cr_assert_eq(STATUS(0), IPC_OK);
	cr_assert_eq(INFO(0)->kind, IPC_EV_NOTIFY, "M3/N4: tagged as a notification");
	cr_assert_eq(INFO(0)->badge, 4);
	h_expect_queue_empty(&W.ep[0].queue);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE);
	cr_assert_eq(W.reply[0].armed, 0, "the interrupted receive released its reply object");
	cr_assert_eq(W.ntfn[0].pending, 0);
}

Test(ntfn, N4_pending_signal_wins_over_queued_senders)
{
	world();
	bind0();
	H_EXPECT(ipc_send(T(2), EP, MI(9, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	sig(SIG2);
	H_EXPECT(ipc_recv(T(0), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(0)->kind, IPC_EV_NOTIFY);
	cr_assert_eq(INFO(0)->badge, 2);
	cr_assert_eq(STATE(2), IPC_TS_BLOCKED_SEND, "the sender still waits its turn");
	H_EXPECT(ipc_recv(T(0), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(0)->kind, IPC_EV_SEND);
	cr_assert_eq(INFO(0)->label, 9);
}

Test(ntfn, N4_nbrecv_sees_a_pending_bound_signal)
{
	world();
	bind0();
	sig(SIG1);
	H_EXPECT(ipc_nbrecv(T(0), EP, IPC_SLOT_NONE), IPC_OK);
	cr_assert_eq(INFO(0)->kind, IPC_EV_NOTIFY);
	cr_assert_eq(INFO(0)->badge, 1);
}

Test(ntfn, N4_bound_thread_blocked_in_call_is_not_interrupted)
{
	/* Thread 2 is bound and calls thread 0. */
	world();
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(2)), IPC_OK);
	H_EXPECT(ipc_recv(T(0), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(2), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	sig(SIG4);
	h_expect_none_woken();
	cr_assert_eq(STATE(2), IPC_TS_BLOCKED_REPLY);
	cr_assert_eq(W.ntfn[0].pending, 1, "the signal is kept for later");

	H_EXPECT(ipc_reply(T(0), REPLY, MI(5, 0, 0)), IPC_OK);
	cr_assert_eq(INFO(2)->kind, IPC_EV_REPLY, "the Call completes normally");
	cr_assert_eq(INFO(2)->label, 5);
	H_EXPECT(ipc_cap_copy(CS(0), EP, CS(2), 20), IPC_OK);
	H_EXPECT(ipc_recv(T(2), 20, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(2)->kind, IPC_EV_NOTIFY);
	cr_assert_eq(INFO(2)->badge, 4);
}

Test(ntfn, N4_bound_thread_queued_in_call_send_phase_is_not_interrupted)
{
	world();
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(2)), IPC_OK);
	H_EXPECT(ipc_call(T(2), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	sig(SIG1);
	cr_assert_eq(STATE(2), IPC_TS_BLOCKED_SEND);
	h_expect_queue(&W.ep[0].queue, 2);
	cr_assert_eq(W.ntfn[0].pending, 1);
}

Test(ntfn, N4_only_the_bound_thread_may_wait)
{
	world();
	bind0();
	sig(SIG1);
	H_FAILS_CLEANLY(ipc_wait(T(2), NT, IPC_DEADLINE_NONE), IPC_E_BOUND);
	H_FAILS_CLEANLY(ipc_poll(T(2), NT), IPC_E_BOUND);
	H_FAILS_CLEANLY(ipc_recv(T(2), NT, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_E_BOUND);
	H_EXPECT(ipc_wait(T(0), NT, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(0)->badge, 1);
	H_EXPECT(ipc_wait(T(0), NT, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_signal(T(1), SIG2), IPC_OK);
	cr_assert_eq(INFO(0)->badge, 2, "the bound thread waiting directly gets the signal");
}

Test(ntfn, N4_binding_is_one_to_one)
{
	world();
	h_cap(3, 9, &W.ntfn[1].obj, IPC_R, 0);
	bind0();
	H_FAILS_CLEANLY(ipc_ntfn_bind(&W.ntfn[0], T(2)), IPC_E_ALREADY_BOUND);
	H_FAILS_CLEANLY(ipc_ntfn_bind(&W.ntfn[1], T(0)), IPC_E_ALREADY_BOUND);
	/* A notification others already wait on cannot be bound. */
	H_EXPECT(ipc_wait(T(3), 9, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_FAILS_CLEANLY(ipc_ntfn_bind(&W.ntfn[1], T(2)), IPC_E_BOUND);
	/* Unbinding frees both sides. */
	ipc_ntfn_unbind(T(0));
	cr_assert_null(W.ntfn[0].bound);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(2)), IPC_OK);
	ipc_ntfn_unbind(T(5)); /* no binding: a no-op */
}

/*
 * N4: a pending signal wins over queued senders. A notification can be bound
 * (the kernel lets one thread bind another through a thread cap) to a thread
 * that already waits in Recv while a signal is pending. Binding used to leave
 * it asleep, so a later Send overtook the pending signal, and the next signal
 * split the word into two events. Binding now hands the pending word over at
 * once (N1: all of it, in one event) and leaves the notification clear.
 */
Test(ntfn, N1_N4_bind_to_a_blocked_receiver_delivers_the_pending_word_at_once)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_R, 0);
	h_cap(1, 1, &W.ntfn[0].obj, IPC_W, 1);
	h_cap(1, 2, &W.ntfn[0].obj, IPC_W, 2);
	h_cap(2, 1, &W.ep[0].obj, IPC_W, 9);
	H_EXPECT(ipc_signal(T(1), 1), IPC_OK); /* nobody waits: word = 1 */
	H_EXPECT(ipc_signal(T(1), 2), IPC_OK); /* word = 1 | 2 */
	H_EXPECT(ipc_recv(T(0), 1, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();

	struct ipc_ret r = ipc_ntfn_bind(&W.ntfn[0], T(0));
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(0), "the woken thread is suggested to run");
	h_expect_woken(0);
	cr_assert_eq(INFO(0)->kind, IPC_EV_NOTIFY);
	cr_assert_eq(INFO(0)->badge, 3, "N1: one event with the OR of every pending badge");
	cr_assert_eq(W.ntfn[0].pending, 0, "N1: the word is taken and cleared");
	cr_assert_eq(W.ntfn[0].word, 0);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE, "the receiver left the endpoint queue");
	/* A sender arriving now finds nobody: the signal was not overtaken. */
	H_EXPECT(ipc_nbsend(T(2), 1, MI(0, 0, 0)), IPC_E_NO_RECEIVER);
}
