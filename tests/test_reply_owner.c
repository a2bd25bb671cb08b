/*
 * Who owns a reply link (S4, S6): only the server that took a Call may
 * reply to it or re-arm its reply object, also after the caller has gone;
 * another holder of a copy of the reply cap is refused and changes nothing.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(reply_owner, .init = h_reset);

/*
 * Thread 0 (server) took a Call from thread 1 through reply object 0;
 * thread 2 holds the same endpoint (R) and a copy of the reply cap, both in
 * its slots 1 and 2.
 */
static void call_taken_with_a_shared_reply_cap(void)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(0, 2, &W.reply[0].obj, 0, 0);
	h_cap(1, 1, &W.ep[0].obj, IPC_W | IPC_G, 0);
	h_cap(2, 1, &W.ep[0].obj, IPC_R, 0);
	h_cap(2, 2, &W.reply[0].obj, 0, 0);
	H_EXPECT(ipc_recv(T(0), 1, 2, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(1), 1, MI(7, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
}

/*
 * S4: only the thread that received the call may reply; ipc_reply() refuses
 * anyone else with NOT_RECEIVER, also once the caller has gone (S6). The
 * reply half of ReplyRecv skipped that check when the caller had gone, so
 * another holder of the reply cap "replied" (and unlinked the object from
 * the real server) where Reply would have been refused.
 */
Test(reply_owner, S4_reply_recv_by_another_thread_after_caller_gone_is_not_receiver)
{
	call_taken_with_a_shared_reply_cap();
	H_EXPECT(ipc_thread_cancel(T(1), IPC_E_CANCELLED), IPC_OK); /* caller gone */

	H_FAILS_CLEANLY(ipc_reply(T(2), 2, MI(0, 0, 0)), IPC_E_NOT_RECEIVER);
	H_FAILS_CLEANLY(ipc_reply_recv(T(2), 1, 2, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_E_NOT_RECEIVER);
	/* The real server's reply is still the silent no-op of S6. */
	H_EXPECT(ipc_reply(T(0), 2, MI(0, 0, 0)), IPC_OK);
}

/*
 * S4, S6: a reply link belongs to the server that took the call. Another
 * holder of the same reply cap could re-arm the object in its own Recv and
 * so end that server's call with PEER_GONE. Now it is refused with
 * REPLY_BUSY and nothing changes; the real server still answers.
 */
Test(reply_owner, S4_S6_only_the_server_that_took_the_call_may_rearm_its_reply_object)
{
	call_taken_with_a_shared_reply_cap();

	H_FAILS_CLEANLY(ipc_recv(T(2), 1, 2, IPC_DEADLINE_NONE), IPC_E_REPLY_BUSY);
	H_FAILS_CLEANLY(ipc_nbrecv(T(2), 1, 2), IPC_E_REPLY_BUSY);
	H_EXPECT(ipc_reply(T(0), 2, MI(5, 0, 0)), IPC_OK);
	cr_assert_eq(ipc_thread_status(T(1)), IPC_OK);
	cr_assert_eq(ipc_thread_recv_info(T(1))->label, 5);
	/* Idle again: anyone holding the cap may use it now. */
	H_EXPECT(ipc_recv(T(2), 1, 2, IPC_DEADLINE_NONE), IPC_BLOCKED);
}
