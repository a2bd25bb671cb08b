/*
 * SEMANTICS "Send, receive, call, reply" (S1-S9): the rendezvous in both
 * orders and every priority relation with the "who runs next" hint; NBSend's
 * and NBRecv's distinct statuses; Call with one-shot reply links through
 * reply objects, only the receiving thread may reply, badge 0 on replies;
 * the "no reply possible" and "peer gone" outcomes that seL4 leaves hanging;
 * ReplyRecv's atomicity; the G/GR requirement of Call; and NBSendRecv /
 * NBSendWait. Thread 0 is the server, threads 1.. are clients.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(sendrecv, .init = h_reset);

enum { EP = 1, REPLY = 2, EP2 = 3, NTFN = 4, SRV = 0, A = 1, B_ = 2 };

/* Server: R on ep[0] plus reply[0]; clients 1..n: W|G on ep[0], badge 10+i. */
static void world(int nclients)
{
	h_cap(SRV, EP, &W.ep[0].obj, IPC_R, 0);
	h_cap(SRV, REPLY, &W.reply[0].obj, 0, 0);
	for (int i = 1; i <= nclients; i++)
		h_cap(i, EP, &W.ep[0].obj, IPC_W | IPC_G, 10u + (uint64_t)i);
}

static struct ipc_ret srv_recv(void)
{
	return ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE);
}

/* ---- S1: both orders, every priority relation ----------------------------- */

static void s1_receiver_first(uint8_t sender_prio, uint8_t receiver_prio)
{
	struct ipc_ret r;

	world(1);
	h_prio(A, sender_prio);
	h_prio(SRV, receiver_prio);
	r = srv_recv();
	cr_assert_eq(r.err, IPC_BLOCKED);
	cr_assert_null(r.next, "a blocked receiver woke nobody");
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV);

	B(A)->words[0] = 0xC0FFEE;
	r = ipc_send(T(A), EP, MI(3, 1, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_OK, "S1: a waiting receiver takes the message at once");
	cr_assert_eq(r.next, receiver_prio > sender_prio ? T(SRV) : NULL,
	             "next: only a strictly more urgent receiver preempts the sender");
	cr_assert_eq(STATE(SRV), IPC_TS_RUNNABLE);
	cr_assert_eq(STATUS(SRV), IPC_OK);
	cr_assert_eq(B(SRV)->words[0], 0xC0FFEE);
	cr_assert_eq(INFO(SRV)->badge, 11);
	h_expect_woken(SRV);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE);
}

static void s1_sender_first(uint8_t sender_prio, uint8_t receiver_prio)
{
	struct ipc_ret r;

	world(1);
	h_prio(A, sender_prio);
	h_prio(SRV, receiver_prio);
	B(A)->words[0] = 0xBEEF;
	r = ipc_send(T(A), EP, MI(3, 1, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_BLOCKED, "S1: Send blocks until a receiver takes it");
	cr_assert_null(r.next);
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_SEND);
	cr_assert_eq(W.ep[0].state, IPC_EP_SEND);
	h_expect_queue(&W.ep[0].queue, A);

	r = srv_recv();
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, sender_prio > receiver_prio ? T(A) : NULL);
	cr_assert_eq(STATE(A), IPC_TS_RUNNABLE);
	cr_assert_eq(STATUS(A), IPC_OK, "the sender's final status");
	cr_assert_eq(B(SRV)->words[0], 0xBEEF);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_SEND);
	h_expect_woken(A);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE);
}

Test(sendrecv, S1_receiver_first_receiver_higher_prio)
{
	s1_receiver_first(50, 200);
}
Test(sendrecv, S1_receiver_first_receiver_lower_prio)
{
	s1_receiver_first(200, 50);
}
Test(sendrecv, S1_receiver_first_equal_prio)
{
	s1_receiver_first(100, 100);
}
Test(sendrecv, S1_sender_first_sender_higher_prio)
{
	s1_sender_first(200, 50);
}
Test(sendrecv, S1_sender_first_sender_lower_prio)
{
	s1_sender_first(50, 200);
}
Test(sendrecv, S1_sender_first_equal_prio)
{
	s1_sender_first(100, 100);
}

/* ---- S2, S3: the non-blocking variants ---------------------------------- */

Test(sendrecv, S2_nbsend_without_receiver_reports_no_receiver)
{
	world(1);
	B(A)->words[0] = 1;
	H_FAILS_CLEANLY(ipc_nbsend(T(A), EP, MI(1, 1, 0)), IPC_E_NO_RECEIVER);
	cr_assert_eq(STATE(A), IPC_TS_RUNNABLE, "S2: never blocks");
	/* A receiver arriving later finds nothing: it was not delivered. */
	H_EXPECT(ipc_nbrecv(T(SRV), EP, IPC_SLOT_NONE), IPC_E_NOTHING);
}

Test(sendrecv, S2_nbsend_with_sender_queue_reports_no_receiver)
{
	world(2);
	H_EXPECT(ipc_send(T(B_), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_FAILS_CLEANLY(ipc_nbsend(T(A), EP, MI(1, 0, 0)), IPC_E_NO_RECEIVER);
	h_expect_queue(&W.ep[0].queue, B_);
}

Test(sendrecv, S2_nbsend_with_receiver_delivers)
{
	struct ipc_ret r;

	world(1);
	h_prio(SRV, 150);
	H_EXPECT(srv_recv(), IPC_BLOCKED);
	B(A)->words[0] = 42;
	r = ipc_nbsend(T(A), EP, MI(2, 1, 0));
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(SRV), "the woken receiver is more urgent");
	cr_assert_eq(B(SRV)->words[0], 42);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_SEND);
}

Test(sendrecv, S3_nbrecv_with_nothing_pending_returns_nothing)
{
	world(1);
	H_FAILS_CLEANLY(ipc_nbrecv(T(SRV), EP, REPLY), IPC_E_NOTHING);
	H_FAILS_CLEANLY(ipc_nbrecv(T(SRV), EP, IPC_SLOT_NONE), IPC_E_NOTHING);
	cr_assert_eq(STATE(SRV), IPC_TS_RUNNABLE);
	cr_assert_eq(W.reply[0].armed, 0, "S3: the reply object is not armed");
}

Test(sendrecv, S3_nbrecv_takes_a_queued_sender)
{
	world(1);
	h_prio(A, 180);
	H_EXPECT(ipc_send(T(A), EP, MI(4, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	struct ipc_ret r = ipc_nbrecv(T(SRV), EP, IPC_SLOT_NONE);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(A));
	cr_assert_eq(INFO(SRV)->label, 4);
	cr_assert_eq(STATUS(A), IPC_OK);
}

/* ---- S4, S5: Call and reply objects -------------------------------------- */

/* Server waits with its reply object, client A calls: A is linked. */
static void call_linked(void)
{
	world(2);
	H_EXPECT(srv_recv(), IPC_BLOCKED);
	B(A)->words[0] = 7;
	struct ipc_ret r = ipc_call(T(A), EP, MI(1, 1, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_BLOCKED);
	cr_assert_eq(r.next, T(SRV), "S4: a blocked caller hands the CPU to the server");
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_REPLY);
	cr_assert_eq(W.reply[0].caller, T(A), "S5: the caller is linked to the reply object");
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_CALL);
	cr_assert_eq(INFO(SRV)->badge, 11);
	h_log_clear();
}

Test(sendrecv, S4_reply_carries_badge_0_and_wakes_the_caller)
{
	call_linked();
	B(SRV)->words[0] = 99;
	struct ipc_ret r = ipc_reply(T(SRV), REPLY, MI(21, 1, 0));
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_null(r.next, "equal priority: the replier keeps running");
	cr_assert_eq(STATUS(A), IPC_OK);
	cr_assert_eq(INFO(A)->kind, IPC_EV_REPLY);
	cr_assert_eq(INFO(A)->badge, 0, "S4: a reply carries badge 0");
	cr_assert_eq(INFO(A)->label, 21);
	cr_assert_eq(B(A)->words[0], 99);
	cr_assert_null(W.reply[0].caller, "S5: replying unlinks the caller");
	h_expect_woken(A);
}

Test(sendrecv, S4_reply_to_a_more_urgent_caller_hints_it)
{
	call_linked();
	h_prio(A, 250);
	struct ipc_ret r = ipc_reply(T(SRV), REPLY, MI(0, 0, 0));
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(A));
}

Test(sendrecv, S4_second_reply_through_a_used_link_fails_cleanly)
{
	call_linked();
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(0, 0, 0)), IPC_OK);
	H_FAILS_CLEANLY(ipc_reply(T(SRV), REPLY, MI(0, 0, 0)), IPC_E_NO_CALLER);
}

Test(sendrecv, S4_reply_with_no_call_ever_fails_cleanly)
{
	world(1);
	H_FAILS_CLEANLY(ipc_reply(T(SRV), REPLY, MI(0, 0, 0)), IPC_E_NO_CALLER);
	H_EXPECT(srv_recv(), IPC_BLOCKED); /* armed, still no caller */
	h_cap(A, REPLY, &W.reply[0].obj, 0, 0);
	H_FAILS_CLEANLY(ipc_reply(T(A), REPLY, MI(0, 0, 0)), IPC_E_NO_CALLER);
}

Test(sendrecv, S4_only_the_thread_that_received_the_call_can_reply)
{
	call_linked();
	/* Thread 2 holds a copy of the server's reply cap. */
	H_EXPECT(ipc_cap_copy(CS(SRV), REPLY, CS(B_), REPLY), IPC_OK);
	H_FAILS_CLEANLY(ipc_reply(T(B_), REPLY, MI(0, 0, 0)), IPC_E_NOT_RECEIVER);
	H_FAILS_CLEANLY(ipc_reply_recv(T(B_), EP, REPLY, MI(0, 0, 0), 0), IPC_E_NOT_RECEIVER);
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_REPLY);
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(0, 0, 0)), IPC_OK);
}

Test(sendrecv, S5_call_before_the_server_is_linked_when_it_receives)
{
	world(1);
	H_EXPECT(ipc_call(T(A), EP, MI(5, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_SEND);
	struct ipc_ret r = srv_recv();
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_null(r.next, "the caller stays blocked: nobody woke");
	h_expect_none_woken();
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_REPLY);
	cr_assert_eq(W.reply[0].caller, T(A));
	cr_assert_eq(W.reply[0].server, T(SRV));
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_CALL);
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(6, 0, 0)), IPC_OK);
	cr_assert_eq(INFO(A)->label, 6);
	h_expect_woken(A);
}

Test(sendrecv, S5_recv_without_reply_object_takes_plain_sends)
{
	world(1);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(A), EP, MI(8, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_SEND);
	cr_assert_eq(INFO(SRV)->label, 8);
}

Test(sendrecv, S5_call_meeting_receiver_without_reply_object_gets_no_reply)
{
	world(1);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	B(A)->words[0] = 5;
	struct ipc_ret r = ipc_call(T(A), EP, MI(8, 1, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_E_NO_REPLY, "S5: delivered, but no reply is possible");
	cr_assert_eq(STATE(A), IPC_TS_RUNNABLE, "the caller is not left inactive");
	cr_assert_eq(STATUS(SRV), IPC_OK);
	cr_assert_eq(B(SRV)->words[0], 5, "the message was delivered");
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_SEND, "no reply link: not reported as a call");
}

Test(sendrecv, S5_queued_call_meeting_receiver_without_reply_object_wakes_with_no_reply)
{
	world(1);
	h_prio(A, 140);
	H_EXPECT(ipc_call(T(A), EP, MI(8, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	struct ipc_ret r = ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(A));
	cr_assert_eq(STATUS(A), IPC_E_NO_REPLY);
	cr_assert_eq(STATE(A), IPC_TS_RUNNABLE);
	cr_assert_eq(INFO(SRV)->label, 8);
}

/* ---- S6: peer gone -------------------------------------------------------- */

Test(sendrecv, S6_rearming_a_reply_object_with_a_caller_wakes_it_peer_gone)
{
	call_linked();
	struct ipc_ret r = srv_recv();
	cr_assert_eq(r.err, IPC_BLOCKED);
	cr_assert_eq(r.next, T(A), "the server blocked and woke the abandoned caller");
	cr_assert_eq(STATUS(A), IPC_E_PEER_GONE);
	cr_assert_eq(STATE(A), IPC_TS_RUNNABLE);
	cr_assert_null(W.reply[0].caller);
	cr_assert_eq(W.reply[0].armed, 1);
	h_expect_woken(A);
}

Test(sendrecv, S6_destroying_the_reply_object_wakes_the_caller_peer_gone)
{
	call_linked();
	struct ipc_ret r = ipc_cap_delete(CS(SRV), REPLY);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(A));
	cr_assert_eq(STATUS(A), IPC_E_PEER_GONE);
	cr_assert_eq(W.nunref, 1);
	cr_assert_eq(W.unref[0], &W.reply[0].obj);
	cr_assert_null(T(SRV)->replies, "the server owes nothing any more");
}

Test(sendrecv, S6_server_death_wakes_the_caller_peer_gone)
{
	call_linked();
	struct ipc_ret r = ipc_thread_destroy(T(SRV));
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(A));
	cr_assert_eq(STATUS(A), IPC_E_PEER_GONE);
	cr_assert_eq(STATE(SRV), IPC_TS_DEAD);
	h_expect_woken(A);
}

Test(sendrecv, S6_replying_to_a_caller_that_went_away_is_a_noop)
{
	call_linked();
	H_EXPECT(ipc_thread_cancel(T(A), IPC_E_CANCELLED), IPC_OK);
	cr_assert_eq(STATUS(A), IPC_E_CANCELLED);
	h_log_clear();
	B(A)->words[0] = 0xAA;
	B(SRV)->words[0] = 0x55;
	struct ipc_ret r = ipc_reply(T(SRV), REPLY, MI(3, 1, 0));
	cr_assert_eq(r.err, IPC_OK, "S6: no error for the replier");
	cr_assert_null(r.next);
	h_expect_none_woken();
	cr_assert_eq(B(A)->words[0], 0xAA, "nothing delivered to the departed caller");
	H_FAILS_CLEANLY(ipc_reply(T(SRV), REPLY, MI(3, 1, 0)), IPC_E_NO_CALLER);
}

/* ---- S7: ReplyRecv -------------------------------------------------------- */

Test(sendrecv, S7_reply_recv_replies_and_is_receiving_on_return)
{
	call_linked();
	B(SRV)->words[0] = 0x77;
	struct ipc_ret r = ipc_reply_recv(T(SRV), EP, REPLY, MI(2, 1, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_BLOCKED);
	cr_assert_eq(r.next, T(A), "the answered caller runs next");
	cr_assert_eq(STATUS(A), IPC_OK);
	cr_assert_eq(B(A)->words[0], 0x77);
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV, "S7: already receiving again");
	h_expect_queue(&W.ep[0].queue, SRV);
	cr_assert_eq(W.reply[0].armed, 1);
	cr_assert_eq(W.reply[0].server, T(SRV));

	/* The caller calls again at once: the server is there to take it. */
	H_EXPECT(ipc_call(T(A), EP, MI(3, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	cr_assert_eq(INFO(SRV)->label, 3);
	cr_assert_eq(W.reply[0].caller, T(A));
}

Test(sendrecv, S7_reply_recv_takes_the_next_queued_caller_in_the_same_step)
{
	call_linked();
	H_EXPECT(ipc_call(T(B_), EP, MI(4, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	struct ipc_ret r = ipc_reply_recv(T(SRV), EP, REPLY, MI(2, 0, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_OK, "a caller was queued: the server keeps running");
	cr_assert_null(r.next);
	cr_assert_eq(STATUS(A), IPC_OK);
	cr_assert_eq(INFO(A)->label, 2);
	cr_assert_eq(INFO(SRV)->label, 4);
	cr_assert_eq(INFO(SRV)->badge, 12);
	cr_assert_eq(W.reply[0].caller, T(B_));
	cr_assert_eq(STATE(B_), IPC_TS_BLOCKED_REPLY);
	h_expect_woken(A);
}

Test(sendrecv, S7_reply_recv_validates_everything_before_replying)
{
	call_linked();
	h_cap(SRV, NTFN, &W.ntfn[0].obj, IPC_R, 0);
	h_cap(SRV, EP2, &W.ep[1].obj, IPC_W, 0);
	H_FAILS_CLEANLY(ipc_reply_recv(T(SRV), 30, REPLY, MI(0, 0, 0), 0), IPC_E_EMPTY_SLOT);
	H_FAILS_CLEANLY(ipc_reply_recv(T(SRV), EP2, REPLY, MI(0, 0, 0), 0), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_reply_recv(T(SRV), NTFN, REPLY, MI(0, 0, 0), 0), IPC_E_WRONG_TYPE);
	H_FAILS_CLEANLY(ipc_reply_recv(T(SRV), EP, EP, MI(0, 0, 0), 0), IPC_E_WRONG_TYPE);
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_REPLY, "S7: no reply without the receive");
}

Test(sendrecv, S7_reply_recv_without_a_caller_just_receives)
{
	world(1);
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV);
	h_expect_none_woken();
}

/* ---- S8: Call needs G or GR ----------------------------------------------- */

Test(sendrecv, S8_call_through_a_cap_without_G_or_GR_is_refused)
{
	world(0);
	h_cap(A, EP, &W.ep[0].obj, IPC_W, 0);
	H_EXPECT(srv_recv(), IPC_BLOCKED);
	H_FAILS_CLEANLY(ipc_call(T(A), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_E_NO_RIGHTS);
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV);
	/* Send on the same cap is fine. */
	H_EXPECT(ipc_send(T(A), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
}

Test(sendrecv, S8_call_with_GR_only_makes_a_reply_link)
{
	world(0);
	h_cap(A, EP, &W.ep[0].obj, IPC_W | IPC_GR, 0);
	H_EXPECT(srv_recv(), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(A), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	cr_assert_eq(W.reply[0].caller, T(A));
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(9, 0, 0)), IPC_OK);
	cr_assert_eq(INFO(A)->label, 9);
}

/* ---- S9: NBSendRecv / NBSendWait ------------------------------------------ */

Test(sendrecv, S9_nbsend_recv_send_phase_never_blocks_receive_phase_does)
{
	world(0);
	/* Thread A sends on ep[0] (nobody there) and receives on ep[1]. */
	h_cap(A, EP, &W.ep[0].obj, IPC_W, 0);
	h_cap(A, EP2, &W.ep[1].obj, IPC_R, 0);
	struct ipc_ret r = ipc_nbsend_recv(T(A), EP, MI(1, 0, 0), EP2, IPC_SLOT_NONE, IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_BLOCKED, "S9: the missed send is dropped, not an error");
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_RECV);
	h_expect_queue(&W.ep[1].queue, A);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE, "nothing queued on the send side");
}

Test(sendrecv, S9_nbsend_recv_delivers_to_a_waiting_receiver_then_blocks)
{
	world(0);
	h_cap(A, EP, &W.ep[0].obj, IPC_W, 0);
	h_cap(A, EP2, &W.ep[1].obj, IPC_R, 0);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	B(A)->words[0] = 31;
	struct ipc_ret r = ipc_nbsend_recv(T(A), EP, MI(6, 1, 0), EP2, IPC_SLOT_NONE, IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_BLOCKED);
	cr_assert_eq(r.next, T(SRV), "blocked caller: hand off to the woken receiver");
	cr_assert_eq(B(SRV)->words[0], 31);
	cr_assert_eq(INFO(SRV)->label, 6);
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_RECV);
}

Test(sendrecv, S9_nbsend_wait_on_a_notification)
{
	world(0);
	h_cap(A, EP, &W.ep[0].obj, IPC_W, 0);
	h_cap(A, NTFN, &W.ntfn[0].obj, IPC_R, 0);
	h_cap(B_, NTFN, &W.ntfn[0].obj, IPC_W, 0x40);
	H_EXPECT(ipc_nbsend_recv(T(A), EP, MI(1, 0, 0), NTFN, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	cr_assert_eq(STATE(A), IPC_TS_BLOCKED_NTFN);
	H_EXPECT(ipc_signal(T(B_), NTFN), IPC_OK);
	cr_assert_eq(INFO(A)->kind, IPC_EV_NOTIFY);
	cr_assert_eq(INFO(A)->badge, 0x40);
}

Test(sendrecv, S9_nbsend_recv_validates_both_phases_first)
{
	world(0);
	h_cap(A, EP, &W.ep[0].obj, IPC_W, 0);
	h_cap(A, EP2, &W.ep[1].obj, IPC_W, 0); /* no R */
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_FAILS_CLEANLY(ipc_nbsend_recv(T(A), EP, MI(1, 0, 0), EP2, IPC_SLOT_NONE, 0), IPC_E_NO_RIGHTS);
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV, "the send phase did not happen");
}

/* ---- Corners of S5-S7 ------------------------------------------------------ */

Test(sendrecv, S6_destroying_an_armed_reply_object_leaves_the_receiver_without_one)
{
	world(1);
	H_EXPECT(srv_recv(), IPC_BLOCKED);
	H_EXPECT(ipc_cap_delete(CS(SRV), REPLY), IPC_OK);
	h_expect_none_woken();
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV, "the receive goes on");
	cr_assert_eq(W.reply[0].armed, 0);
	/* A Call now meets a receiver without a reply object (S5). */
	H_EXPECT(ipc_call(T(A), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_E_NO_REPLY);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_SEND);
}

Test(sendrecv, S6_reply_recv_to_a_departed_caller_is_a_noop_and_receives)
{
	call_linked();
	H_EXPECT(ipc_thread_cancel(T(A), IPC_E_TIMED_OUT), IPC_OK);
	h_log_clear();
	H_EXPECT(ipc_call(T(B_), EP, MI(4, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	struct ipc_ret r = ipc_reply_recv(T(SRV), EP, REPLY, MI(2, 0, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_OK);
	h_expect_none_woken();
	cr_assert_eq(STATUS(A), IPC_E_TIMED_OUT, "the departed caller is not woken again");
	cr_assert_eq(INFO(SRV)->label, 4);
	cr_assert_eq(W.reply[0].caller, T(B_));
	cr_assert_eq(T(SRV)->replies, &W.reply[0], "the server owes exactly one reply");
	cr_assert_null(W.reply[0].snext);
}

Test(sendrecv, S6_server_death_while_receiving_again_wakes_callers_it_owes)
{
	/* The server took A's call on reply[0], then waits with reply[1]. */
	call_linked();
	h_cap(SRV, 6, &W.reply[1].obj, 0, 0);
	H_EXPECT(ipc_recv(T(SRV), EP, 6, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(B_), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_thread_destroy(T(SRV)), IPC_OK);
	cr_assert_eq(STATUS(A), IPC_E_PEER_GONE);
	cr_assert_eq(STATUS(B_), IPC_E_PEER_GONE);
	cr_assert_eq(W.nwoken, 2);
	h_expect_queue_empty(&W.ep[0].queue);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE);
}
