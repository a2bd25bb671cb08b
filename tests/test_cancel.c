/*
 * SEMANTICS "Cancellation, destruction, timeouts" (X1-X4): destroying an
 * endpoint or notification (directly or by deleting its last cap) wakes
 * every queued thread with OBJECT_GONE; cancel-badged-sends removes exactly
 * the matching senders and leaves everyone else and their order alone; the
 * embedder can end any wait, which takes the thread off every queue and
 * reply link (the replier then sees S6); and deadlines reach the embedder
 * in the blocked hook and end waits as TIMED_OUT through the harness timer.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(cancel, .init = h_reset);

enum { EP = 1, REPLY = 2, NT = 3, CANCEL = 4, SRV = 0 };

/* Thread 0 serves ep[0] with reply[0]; thread i (1..7) sends on ep[0]
 * with badge `badge[i]` and waits on ntfn[0]. */
static void world(const uint64_t *badge)
{
	h_cap(SRV, EP, &W.ep[0].obj, IPC_R | IPC_W, 0);
	h_cap(SRV, REPLY, &W.reply[0].obj, 0, 0);
	h_cap(SRV, NT, &W.ntfn[0].obj, IPC_W, 0);
	for (int i = 1; i < H_THREADS; i++) {
		h_cap(i, EP, &W.ep[0].obj, IPC_R | IPC_W | IPC_G, badge != NULL ? badge[i] : 0);
		h_cap(i, NT, &W.ntfn[0].obj, IPC_R, 0);
	}
}

static void send_(int i)
{
	H_EXPECT(ipc_send(T(i), EP, MI((uint64_t)i, 0, 0), 0), IPC_BLOCKED);
}

/* ---- X1 ----------------------------------------------------------------- */

Test(cancel, X1_destroying_an_endpoint_wakes_all_queued_senders)
{
	world(NULL);
	h_prio(3, 180);
	send_(1);
	H_EXPECT(ipc_call(T(2), EP, MI(2, 0, 0), 0), IPC_BLOCKED);
	send_(3);
	struct ipc_ret r = ipc_ep_destroy(&W.ep[0]);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(3), "the most urgent woken thread");
	h_expect_woken(3, 1, 2);
	for (int i = 1; i <= 3; i++) {
		cr_assert_eq(STATUS(i), IPC_E_OBJECT_GONE, "thread %d", i);
		cr_assert_eq(STATE(i), IPC_TS_RUNNABLE);
	}
	h_expect_queue_empty(&W.ep[0].queue);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE);
}

Test(cancel, X1_destroying_an_endpoint_wakes_all_receivers_and_frees_reply_objects)
{
	world(NULL);
	h_cap(1, REPLY, &W.reply[1].obj, 0, 0);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 0), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(1), EP, REPLY, 0), IPC_BLOCKED);
	H_EXPECT(ipc_ep_destroy(&W.ep[0]), IPC_OK);
	h_expect_woken(SRV, 1);
	cr_assert_eq(STATUS(SRV), IPC_E_OBJECT_GONE);
	cr_assert_eq(STATUS(1), IPC_E_OBJECT_GONE);
	cr_assert_eq(W.reply[0].armed, 0);
	cr_assert_eq(W.reply[1].armed, 0);
}

Test(cancel, X1_deleting_the_last_cap_to_a_notification_wakes_its_waiters)
{
	h_cap(1, NT, &W.ntfn[0].obj, IPC_R, 0);
	h_cap(2, NT, &W.ntfn[0].obj, IPC_R, 0);
	H_EXPECT(ipc_wait(T(1), NT, 0), IPC_BLOCKED);
	H_EXPECT(ipc_cap_delete(CS(2), NT), IPC_OK);
	h_expect_none_woken();
	struct ipc_ret r = ipc_cap_delete(CS(1), NT);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(1));
	cr_assert_eq(STATUS(1), IPC_E_OBJECT_GONE);
	cr_assert_eq(W.nunref, 1);
	cr_assert_eq(W.unref[0], &W.ntfn[0].obj);
}

Test(cancel, X1_destroying_a_notification_wakes_waiters_and_unbinds)
{
	world(NULL);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[1], T(4)), IPC_OK);
	H_EXPECT(ipc_wait(T(1), NT, 0), IPC_BLOCKED);
	H_EXPECT(ipc_wait(T(2), NT, 0), IPC_BLOCKED);
	H_EXPECT(ipc_ntfn_destroy(&W.ntfn[0]), IPC_OK);
	h_expect_woken(1, 2);
	cr_assert_eq(STATUS(2), IPC_E_OBJECT_GONE);
	H_EXPECT(ipc_ntfn_destroy(&W.ntfn[1]), IPC_OK);
	/* The bound thread is released (N4): it may bind another at once. */
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[2], T(4)), IPC_OK);
}

Test(cancel, X1_endpoint_destroy_leaves_a_linked_caller_to_its_server)
{
	world(NULL);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 0), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), 0), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_ep_destroy(&W.ep[0]), IPC_OK);
	h_expect_none_woken();
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(4, 0, 0)), IPC_OK);
	cr_assert_eq(STATUS(1), IPC_OK);
	cr_assert_eq(INFO(1)->label, 4);
}

/* ---- X2 ----------------------------------------------------------------- */

static const uint64_t badges[H_THREADS] = {0, 5, 7, 5, 9, 5, 0, 0};

/* ---- X5: X1 in bounded steps --------------------------------------------- */

Test(cancel, X5_destroying_an_endpoint_in_steps_wakes_X1_s_threads_in_X1_s_order)
{
	world(NULL);
	h_prio(3, 180);
	h_prio(5, 200);
	for (int i = 1; i <= 6; i++)
		send_(i); /* queue (Q1): 5, 3, 1, 2, 4, 6 */
	h_log_clear();
	bool done = true;
	struct ipc_ret r = ipc_ep_destroy_some(&W.ep[0], 2, &done);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert(!done, "four still queued");
	cr_assert_eq(r.next, T(5));
	h_expect_woken(5, 3);
	h_expect_queue(&W.ep[0].queue, 1, 2, 4, 6);
	cr_assert_eq(W.ep[0].state, IPC_EP_SEND, "not idle before the last step");
	cr_assert_eq(STATE(1), IPC_TS_BLOCKED_SEND, "the rest stay blocked");
	h_log_clear();
	H_EXPECT(ipc_ep_destroy_some(&W.ep[0], 3, &done), IPC_OK);
	cr_assert(!done);
	h_expect_woken(1, 2, 4);
	h_log_clear();
	H_EXPECT(ipc_ep_destroy_some(&W.ep[0], 3, &done), IPC_OK);
	cr_assert(done, "the step that empties the queue says so");
	h_expect_woken(6);
	for (int i = 1; i <= 6; i++)
		cr_assert_eq(STATUS(i), IPC_E_OBJECT_GONE, "thread %d", i);
	h_expect_queue_empty(&W.ep[0].queue);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE, "left as X1 leaves it");
}

Test(cancel, X5_a_thread_cancelled_between_steps_is_not_woken_again)
{
	world(NULL);
	for (int i = 1; i <= 4; i++)
		send_(i);
	bool done = true;
	H_EXPECT(ipc_ep_destroy_some(&W.ep[0], 1, &done), IPC_OK);
	H_EXPECT(ipc_thread_cancel(T(3), IPC_E_CANCELLED), IPC_OK); /* X3 in between */
	h_log_clear();
	H_EXPECT(ipc_ep_destroy_some(&W.ep[0], 8, &done), IPC_OK);
	cr_assert(done);
	h_expect_woken(2, 4);
	cr_assert_eq(STATUS(1), IPC_E_OBJECT_GONE);
	cr_assert_eq(STATUS(3), IPC_E_CANCELLED, "its own cancellation stands");
}

Test(cancel, X5_a_notification_in_steps_unbinds_and_clears_only_at_the_last)
{
	world(NULL);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[1], T(4)), IPC_OK);
	h_cap(1, CANCEL, &W.ntfn[1].obj, IPC_R | IPC_W, 0);
	h_cap(2, CANCEL, &W.ntfn[1].obj, IPC_R | IPC_W, 0);
	H_EXPECT(ipc_signal(T(1), CANCEL), IPC_OK); /* pending for the bound thread */
	bool done = true;
	H_EXPECT(ipc_ntfn_destroy_some(&W.ntfn[1], 1, &done), IPC_OK);
	cr_assert(done, "no waiters: one step does all of X1");
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[2], T(4)), IPC_OK); /* unbound (N4) */
	cr_assert_eq(W.ntfn[1].pending, 0);

	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(5)), IPC_OK);
	H_EXPECT(ipc_wait(T(5), NT, 0), IPC_BLOCKED); /* the bound thread waits */
	h_log_clear();
	H_EXPECT(ipc_ntfn_destroy_some(&W.ntfn[0], 1, &done), IPC_OK);
	cr_assert(done);
	h_expect_woken(5);
	cr_assert_eq(STATUS(5), IPC_E_OBJECT_GONE);
}

Test(cancel, X5_notification_waiters_wake_in_queue_order_across_steps)
{
	world(NULL);
	h_prio(2, 150);
	for (int i = 1; i <= 3; i++)
		H_EXPECT(ipc_wait(T(i), NT, 0), IPC_BLOCKED);
	h_log_clear();
	bool done = true;
	H_EXPECT(ipc_ntfn_destroy_some(&W.ntfn[0], 2, &done), IPC_OK);
	cr_assert(!done);
	h_expect_woken(2, 1);
	H_EXPECT(ipc_ntfn_destroy_some(&W.ntfn[0], 2, &done), IPC_OK);
	cr_assert(done);
	h_expect_woken(2, 1, 3);
}

Test(cancel, X5_a_step_of_zero_threads_is_refused_and_changes_nothing)
{
	world(NULL);
	send_(1);
	bool done = true;
	H_EXPECT(ipc_ep_destroy_some(&W.ep[0], 0, &done), IPC_E_BAD_ARG);
	H_EXPECT(ipc_ntfn_destroy_some(&W.ntfn[0], 0, &done), IPC_E_BAD_ARG);
	H_EXPECT(ipc_ep_destroy_some(&W.ep[0], 1, NULL), IPC_E_BAD_ARG);
	cr_assert(done, "*done untouched");
	cr_assert_eq(STATE(1), IPC_TS_BLOCKED_SEND);
	h_expect_queue(&W.ep[0].queue, 1);
}

Test(cancel, X2_cancel_badged_sends_removes_exactly_that_badge)
{
	world(badges);
	send_(1);
	send_(2);
	/* A Call in its send phase is a queued sender too. */
	H_EXPECT(ipc_call(T(3), EP, MI(3, 0, 0), 0), IPC_BLOCKED);
	send_(4);
	send_(5);
	h_expect_queue(&W.ep[0].queue, 1, 2, 3, 4, 5);

	/* X2 needs all rights: thread 1's R|W|G cap with badge 5 is not enough. */
	struct h_snapshot s;
	h_snap(&s);
	H_EXPECT(ipc_cap_cancel_badged_sends(CS(1), EP), IPC_E_NO_RIGHTS);
	cr_assert(h_same(&s), "a refused cancel changes nothing");
	h_expect_none_woken();

	h_cap(1, CANCEL, &W.ep[0].obj, IPC_RIGHTS_ALL, 5);
	struct ipc_ret r = ipc_cap_cancel_badged_sends(CS(1), CANCEL); /* badge 5 */
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(1), "equal priorities: the first woken");
	h_expect_woken(1, 3, 5);
	for (int i = 1; i <= 5; i += 2)
		cr_assert_eq(STATUS(i), IPC_E_CANCELLED, "thread %d", i);
	h_expect_queue(&W.ep[0].queue, 2, 4);
	cr_assert_eq(STATE(2), IPC_TS_BLOCKED_SEND);

	/* The others are served, in their order, with their badges. */
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, 0), IPC_OK);
	cr_assert_eq(INFO(SRV)->badge, 7);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, 0), IPC_OK);
	cr_assert_eq(INFO(SRV)->badge, 9);
}

Test(cancel, X2_receivers_are_untouched_and_badge_0_is_a_noop)
{
	struct h_snapshot s;

	world(badges);
	send_(1);
	send_(2);
	h_cap(6, CANCEL, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	h_snap(&s);
	H_EXPECT(ipc_cap_cancel_badged_sends(CS(6), CANCEL), IPC_OK); /* unbadged cap */
	H_EXPECT(ipc_ep_cancel_badged_sends(&W.ep[0], 0), IPC_OK);
	cr_assert(h_same(&s), "X2: badge 0 is a no-op");
	h_expect_none_woken();

	h_reset();
	world(badges);
	H_EXPECT(ipc_recv(T(1), EP, IPC_SLOT_NONE, 0), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(2), EP, IPC_SLOT_NONE, 0), IPC_BLOCKED);
	h_snap(&s);
	H_EXPECT(ipc_ep_cancel_badged_sends(&W.ep[0], 5), IPC_OK);
	cr_assert(h_same(&s), "X2: receivers (even with that badge) are untouched");
	h_expect_none_woken();
}

Test(cancel, X2_needs_all_rights)
{
	static const uint32_t partial[] = {
	    0, IPC_R, IPC_W, IPC_G, IPC_GR, IPC_R | IPC_W | IPC_G, IPC_RIGHTS_ALL & ~(uint32_t)IPC_R};
	struct h_snapshot s;

	world(badges);
	send_(1);
	send_(3);
	h_snap(&s);
	for (unsigned i = 0; i < sizeof partial / sizeof partial[0]; i++) {
		h_cap(2, CANCEL, &W.ep[0].obj, partial[i], 5);
		H_EXPECT(ipc_cap_cancel_badged_sends(CS(2), CANCEL), IPC_E_NO_RIGHTS);
		H_EXPECT(ipc_cap_delete(CS(2), CANCEL), IPC_OK);
	}
	cr_assert(h_same(&s), "X2: without all rights nothing is cancelled");
	h_expect_none_woken();
}

Test(cancel, X2_leaves_queued_fault_messages_alone)
{
	const struct ipc_fault f = {IPC_FAULT_UNDEFINED, {1, 2, 3, 4}};

	world(badges);
	send_(1);                                              /* badge 5: a send */
	H_EXPECT(ipc_thread_fault(T(3), EP, &f), IPC_BLOCKED); /* badge 5: a fault message */
	send_(5);                                              /* badge 5: a send */
	h_cap(SRV, CANCEL, &W.ep[0].obj, IPC_RIGHTS_ALL, 5);
	H_EXPECT(ipc_cap_cancel_badged_sends(CS(SRV), CANCEL), IPC_OK);
	h_expect_woken(1, 5);
	h_expect_queue(&W.ep[0].queue, 3);
	cr_assert_eq(STATE(3), IPC_TS_BLOCKED_SEND, "the fault message waits for its handler");

	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 0), IPC_OK);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_FAULT);
	cr_assert_eq(INFO(SRV)->badge, 5);
}

/* ---- X3 ----------------------------------------------------------------- */

Test(cancel, X3_cancelled_sender_leaves_the_queue_others_keep_order)
{
	world(NULL);
	send_(1);
	send_(2);
	send_(3);
	struct ipc_ret r = ipc_thread_cancel(T(2), IPC_E_CANCELLED);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(2));
	cr_assert_eq(STATUS(2), IPC_E_CANCELLED);
	cr_assert_eq(STATE(2), IPC_TS_RUNNABLE);
	h_expect_queue(&W.ep[0].queue, 1, 3);
	H_EXPECT(ipc_thread_cancel(T(1), IPC_E_CANCELLED), IPC_OK);
	H_EXPECT(ipc_thread_cancel(T(3), IPC_E_CANCELLED), IPC_OK);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE, "an emptied queue leaves the endpoint idle");
	H_EXPECT(ipc_nbrecv(T(SRV), EP, IPC_SLOT_NONE), IPC_E_NOTHING);
}

Test(cancel, X3_cancelled_receiver_releases_its_reply_object)
{
	world(NULL);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 0), IPC_BLOCKED);
	H_EXPECT(ipc_thread_cancel(T(SRV), IPC_E_CANCELLED), IPC_OK);
	cr_assert_eq(W.reply[0].armed, 0);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE);
	/* A Send now finds nobody, and the reply object can be armed again. */
	H_EXPECT(ipc_nbsend(T(1), EP, MI(0, 0, 0)), IPC_E_NO_RECEIVER);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 0), IPC_BLOCKED);
}

Test(cancel, X3_cancelled_waiter_leaves_the_notification)
{
	world(NULL);
	H_EXPECT(ipc_wait(T(1), NT, 0), IPC_BLOCKED);
	H_EXPECT(ipc_wait(T(2), NT, 0), IPC_BLOCKED);
	H_EXPECT(ipc_thread_cancel(T(1), IPC_E_CANCELLED), IPC_OK);
	h_expect_queue(&W.ntfn[0].waiters, 2);
	H_EXPECT(ipc_signal(T(SRV), NT), IPC_OK);
	h_expect_woken(1, 2);
	cr_assert_eq(STATUS(2), IPC_OK);
}

Test(cancel, X3_cancelled_caller_leaves_its_reply_link_and_the_server_sees_S6)
{
	world(NULL);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 0), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), 0), IPC_BLOCKED);
	H_EXPECT(ipc_thread_cancel(T(1), IPC_E_CANCELLED), IPC_OK);
	cr_assert_null(W.reply[0].caller);
	cr_assert_eq(STATE(1), IPC_TS_RUNNABLE);
	h_log_clear();
	/* The server re-arms without waking anyone; its object works again. */
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 0), IPC_BLOCKED);
	h_expect_none_woken();
	H_EXPECT(ipc_call(T(1), EP, MI(2, 0, 0), 0), IPC_BLOCKED);
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(3, 0, 0)), IPC_OK);
	cr_assert_eq(INFO(1)->label, 3);
}

Test(cancel, X3_destroyed_thread_leaves_queues_without_waking)
{
	world(NULL);
	send_(1);
	send_(2);
	H_EXPECT(ipc_thread_destroy(T(1)), IPC_OK);
	h_expect_none_woken();
	cr_assert_eq(STATE(1), IPC_TS_DEAD);
	h_expect_queue(&W.ep[0].queue, 2);
	H_FAILS_CLEANLY(ipc_thread_cancel(T(1), IPC_E_CANCELLED), IPC_E_THREAD_STATE);
	H_FAILS_CLEANLY(ipc_send(T(1), EP, MI(0, 0, 0), 0), IPC_E_THREAD_STATE);
}

Test(cancel, X3_cancel_errors_change_nothing)
{
	world(NULL);
	send_(1);
	H_FAILS_CLEANLY(ipc_thread_cancel(T(2), IPC_E_CANCELLED), IPC_E_THREAD_STATE);
	H_FAILS_CLEANLY(ipc_thread_cancel(T(1), IPC_OK), IPC_E_BAD_ARG);
	H_FAILS_CLEANLY(ipc_thread_cancel(T(1), IPC_BLOCKED), IPC_E_BAD_ARG);
	cr_assert_eq(STATE(1), IPC_TS_BLOCKED_SEND);
}

/* ---- X4 ----------------------------------------------------------------- */

Test(cancel, X4_send_deadline_reaches_the_embedder_and_times_out)
{
	world(NULL);
	H_EXPECT(ipc_send(T(1), EP, MI(1, 0, 0), 1000), IPC_BLOCKED);
	cr_assert_eq(W.th[1].blocked_deadline, 1000, "the blocked hook sees the deadline");
	cr_assert_eq(ipc_thread_deadline(T(1)), 1000);
	cr_assert_eq(h_timer_tick(999), 0, "not yet");
	cr_assert_eq(STATE(1), IPC_TS_BLOCKED_SEND);
	cr_assert_eq(h_timer_tick(1000), 1);
	cr_assert_eq(STATUS(1), IPC_E_TIMED_OUT);
	cr_assert_eq(ipc_thread_deadline(T(1)), IPC_DEADLINE_NONE, "a finished wait has no deadline");
	h_expect_queue_empty(&W.ep[0].queue);
}

Test(cancel, X4_recv_and_wait_deadlines_time_out_in_deadline_order)
{
	world(NULL);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 300), IPC_BLOCKED);
	H_EXPECT(ipc_wait(T(1), NT, 200), IPC_BLOCKED);
	H_EXPECT(ipc_wait(T(2), NT, IPC_DEADLINE_NONE), IPC_BLOCKED);
	cr_assert_eq(W.th[SRV].blocked_deadline, 300);
	cr_assert_eq(W.th[1].blocked_deadline, 200);
	cr_assert_eq(h_timer_tick(5000), 2);
	h_expect_woken(1, SRV);
	cr_assert_eq(STATUS(SRV), IPC_E_TIMED_OUT);
	cr_assert_eq(STATUS(1), IPC_E_TIMED_OUT);
	cr_assert_eq(W.reply[0].armed, 0);
	cr_assert_eq(STATE(2), IPC_TS_BLOCKED_NTFN, "no deadline, no timeout");
}

Test(cancel, X4_call_deadline_covers_the_reply_wait)
{
	world(NULL);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), 700), IPC_BLOCKED);
	cr_assert_eq(STATE(1), IPC_TS_BLOCKED_REPLY);
	cr_assert_eq(W.th[1].blocked_deadline, 700);
	cr_assert_eq(h_timer_tick(700), 1);
	cr_assert_eq(STATUS(1), IPC_E_TIMED_OUT);
	/* S6: the late reply is a no-op for the server. */
	B(1)->words[0] = 0xAA;
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(2, 1, 0)), IPC_OK);
	cr_assert_eq(B(1)->words[0], 0xAA);
}

Test(cancel, X4_queued_call_keeps_its_deadline_once_linked)
{
	world(NULL);
	H_EXPECT(ipc_call(T(1), EP, MI(1, 0, 0), 50), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(STATE(1), IPC_TS_BLOCKED_REPLY);
	cr_assert_eq(ipc_thread_deadline(T(1)), 50);
	cr_assert_eq(h_timer_tick(60), 1);
	cr_assert_eq(STATUS(1), IPC_E_TIMED_OUT);
}

Test(cancel, X4_a_wait_that_completes_in_time_clears_its_deadline)
{
	world(NULL);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, 100), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(1), EP, MI(1, 0, 0), 0), IPC_OK);
	cr_assert_eq(ipc_thread_deadline(T(SRV)), IPC_DEADLINE_NONE);
	cr_assert_eq(h_timer_tick(1000), 0, "a late timer finds nothing to end");
	cr_assert_eq(STATUS(SRV), IPC_OK);
}

/* ---- X6: a thread's destroy in bounded steps ----------------------------- */

/* Thread 0 serves four Calls (from 1, 2, 3, 4 through reply[0..3], thread 3
 * the most urgent) and then waits in Recv on ep[1] with a notification
 * bound; thread 5 waits on ep[0] to send. */
static void server_owing_four(void)
{
	world(NULL);
	h_prio(3, 180);
	for (int i = 0; i < 4; i++) {
		h_cap(SRV, 10 + (uint32_t)i, &W.reply[i].obj, 0, 0);
		H_EXPECT(ipc_recv(T(SRV), EP, 10 + (uint32_t)i, 0), IPC_BLOCKED);
		H_EXPECT(ipc_call(T(i + 1), EP, MI((uint64_t)i, 0, 0), 0), IPC_BLOCKED);
	}
	h_cap(SRV, 20, &W.ep[1].obj, IPC_R, 0);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(SRV)), IPC_OK);
	H_EXPECT(ipc_recv(T(SRV), 20, IPC_SLOT_NONE, 0), IPC_BLOCKED);
	h_log_clear();
}

Test(cancel, X6_destroying_a_thread_in_steps_wakes_S6_s_callers_in_S6_s_order)
{
	static const uint32_t maxes[] = {1, 2, 3, 4, 100};
	struct h_snapshot once;

	server_owing_four();
	struct ipc_ret one = ipc_thread_destroy(T(SRV));
	cr_assert_eq(one.err, IPC_OK);
	h_expect_woken(4, 3, 2, 1); /* the most recently taken call first */
	h_snap(&once);
	for (unsigned k = 0; k < sizeof maxes / sizeof maxes[0]; k++) {
		h_reset();
		server_owing_four();
		bool done = false;
		unsigned calls = 0;
		struct ipc_thread *best = NULL;
		while (!done) {
			int before = W.nwoken;
			struct ipc_ret r = ipc_thread_destroy_some(T(SRV), maxes[k], &done);
			cr_assert_eq(r.err, IPC_OK);
			cr_assert_leq((uint32_t)(W.nwoken - before), maxes[k], "at most max callers a step");
			cr_assert_eq(STATE(SRV), IPC_TS_DEAD, "dead from the first step");
			if (r.next != NULL && (best == NULL || r.next->prio > best->prio))
				best = r.next;
			calls++;
		}
		h_expect_woken(4, 3, 2, 1);
		cr_assert_eq(calls, (4 + maxes[k] - 1) / maxes[k]);
		cr_assert_eq(best, one.next, "the hints name the thread one destroy names");
		cr_assert(h_same(&once), "max %u: the steps end where one destroy ends", maxes[k]);
	}
}

Test(cancel, X6_between_steps_the_callers_left_stay_blocked_and_can_be_cancelled)
{
	server_owing_four();
	bool done = true;
	H_EXPECT(ipc_thread_destroy_some(T(SRV), 1, &done), IPC_OK);
	cr_assert(!done);
	h_expect_woken(4);
	cr_assert_eq(STATE(SRV), IPC_TS_DEAD);
	cr_assert_eq(W.ntfn[0].bound, NULL, "unbound in the first step");
	h_expect_queue_empty(&W.ep[1].queue);
	for (int i = 1; i <= 3; i++)
		cr_assert_eq(STATE(i), IPC_TS_BLOCKED_REPLY, "thread %d", i);
	H_EXPECT(ipc_thread_cancel(T(2), IPC_E_CANCELLED), IPC_OK); /* X3 in between */
	H_FAILS_CLEANLY(ipc_reply(T(SRV), 11, MI(0, 0, 0)), IPC_E_THREAD_STATE);
	h_log_clear();
	H_EXPECT(ipc_thread_destroy_some(T(SRV), 8, &done), IPC_OK);
	cr_assert(done);
	h_expect_woken(3, 1);
	cr_assert_eq(STATUS(2), IPC_E_CANCELLED, "its own cancellation stands");
	cr_assert_eq(STATUS(1), IPC_E_PEER_GONE);
	h_log_clear();
	H_EXPECT(ipc_thread_destroy_some(T(SRV), 1, &done), IPC_OK);
	cr_assert(done, "destroyed before: nothing to do");
	h_expect_no_hooks();
}

Test(cancel, X6_a_failed_step_changes_nothing)
{
	server_owing_four();
	bool done = true;
	H_FAILS_CLEANLY(ipc_thread_destroy_some(T(SRV), 0, &done), IPC_E_BAD_ARG);
	H_FAILS_CLEANLY(ipc_thread_destroy_some(T(SRV), 1, NULL), IPC_E_BAD_ARG);
	cr_assert(done, "*done untouched");
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV);
}
