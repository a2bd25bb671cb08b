/*
 * Defects found in a critical review of libipc (memory safety, check-then-
 * commit, SEMANTICS.md conformance, hook discipline). Each test is named
 * after the rule it checks and replays the smallest sequence that showed
 * the defect.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(review, .init = h_reset);

/*
 * N1, N4: a notification can be bound (through a thread cap, by another
 * thread) to a thread that is already blocked in Recv while a signal is
 * pending. The next signal interrupted the Recv with only its own badge and
 * left the older one pending: the thread saw two events instead of the OR,
 * and a stale signal stayed queued behind the one just delivered.
 */
Test(review, N1_N4_signal_to_bound_receiver_coalesces_with_pending_word)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_R, 0);
	h_cap(1, 1, &W.ntfn[0].obj, IPC_W, 1);
	h_cap(1, 2, &W.ntfn[0].obj, IPC_W, 2);
	H_EXPECT(ipc_signal(T(1), 1), IPC_OK); /* nobody waits: word = 1 */
	H_EXPECT(ipc_recv(T(0), 1, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(0)), IPC_OK);
	h_log_clear();

	H_EXPECT(ipc_signal(T(1), 2), IPC_OK);
	h_expect_woken(0);
	cr_assert_eq(INFO(0)->kind, IPC_EV_NOTIFY);
	cr_assert_eq(INFO(0)->badge, 3, "N1: the receiver gets the OR of the pending word and the new badge");
	cr_assert_eq(W.ntfn[0].pending, 0, "N1: the word is taken and cleared");
	cr_assert_eq(W.ntfn[0].word, 0);
}

/*
 * S4: only the thread that received the call may reply; ipc_reply() refuses
 * anyone else with NOT_RECEIVER, also once the caller has gone (S6). The
 * reply half of ReplyRecv skipped that check when the caller had gone, so
 * another holder of the reply cap "replied" (and unlinked the object from
 * the real server) where Reply would have been refused.
 */
Test(review, S4_reply_recv_by_another_thread_after_caller_gone_is_not_receiver)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(0, 2, &W.reply[0].obj, 0, 0);
	h_cap(1, 1, &W.ep[0].obj, IPC_W | IPC_G, 0);
	h_cap(2, 1, &W.ep[0].obj, IPC_R, 0);
	h_cap(2, 2, &W.reply[0].obj, 0, 0);
	H_EXPECT(ipc_recv(T(0), 1, 2, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(1), 1, MI(7, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_thread_cancel(T(1), IPC_E_CANCELLED), IPC_OK); /* caller gone */

	H_FAILS_CLEANLY(ipc_reply(T(2), 2, MI(0, 0, 0)), IPC_E_NOT_RECEIVER);
	H_FAILS_CLEANLY(ipc_reply_recv(T(2), 1, 2, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_E_NOT_RECEIVER);
	/* The real server's reply is still the silent no-op of S6. */
	H_EXPECT(ipc_reply(T(0), 2, MI(0, 0, 0)), IPC_OK);
}
