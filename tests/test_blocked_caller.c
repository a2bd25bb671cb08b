/*
 * A thread that is blocked cannot start another operation: whatever slots,
 * types and rights it names, the call fails with THREAD_STATE (ipc.h: `cur`
 * must be runnable) and changes nothing (S7 ReplyRecv, N1 Wait). The state
 * check comes before every lookup.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(blocked_caller, .init = h_reset);

/* Thread 0 blocked receiving on endpoint 0 (slot 1); slot 2 holds a reply
 * object cap, slot 5 is empty. */
static void block_t0_in_recv(void)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(0, 2, &W.reply[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(0, 3, &W.ntfn[0].obj, IPC_RIGHTS_ALL, 0);
	H_EXPECT(ipc_recv(T(0), 1, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
}

/*
 * ipc.h: `cur` must be runnable, else THREAD_STATE. ReplyRecv looked up its
 * reply slot first, so a blocked thread naming a bad slot got a slot error.
 */
Test(blocked_caller, S7_reply_recv_by_blocked_thread_reports_thread_state)
{
	block_t0_in_recv();
	H_FAILS_CLEANLY(ipc_reply_recv(T(0), 1, 5, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_E_THREAD_STATE);
	H_FAILS_CLEANLY(ipc_reply_recv(T(0), 1, 1, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_E_THREAD_STATE);
	H_FAILS_CLEANLY(ipc_reply_recv(T(0), 1, 2, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_E_THREAD_STATE);
}

/* Same contract for Wait: its new type check ran before the state check. */
Test(blocked_caller, N1_wait_by_blocked_thread_reports_thread_state)
{
	block_t0_in_recv();
	H_FAILS_CLEANLY(ipc_wait(T(0), 5, IPC_DEADLINE_NONE), IPC_E_THREAD_STATE);
	H_FAILS_CLEANLY(ipc_wait(T(0), 1, IPC_DEADLINE_NONE), IPC_E_THREAD_STATE);
	H_FAILS_CLEANLY(ipc_wait(T(0), 3, IPC_DEADLINE_NONE), IPC_E_THREAD_STATE);
}
