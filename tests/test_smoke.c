/* Smoke test of the harness and the basic rendezvous (S1, S4). */
#include <criterion/criterion.h>
#include "harness.h"

TestSuite(smoke, .init = h_reset);

Test(smoke, S1_send_then_recv)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_W, 7);
	h_cap(1, 1, &W.ep[0].obj, IPC_R, 0);
	B(0)->words[0] = 42;
	struct ipc_ret r = ipc_send(T(0), 1, MI(5, 1, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_BLOCKED);
	r = ipc_recv(T(1), 1, IPC_SLOT_NONE, IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_OK, "%s", ipc_strerror(r.err));
	cr_assert_eq(B(1)->words[0], 42);
	cr_assert_eq(ipc_thread_recv_info(T(1))->badge, 7);
	cr_assert_eq(ipc_thread_recv_info(T(1))->label, 5);
	cr_assert_eq(ipc_thread_status(T(0)), IPC_OK);
	cr_assert_eq(h_runq_pop(), 0);
}

Test(smoke, S4_call_reply)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_W | IPC_G, 0);
	h_cap(1, 1, &W.ep[0].obj, IPC_R, 0);
	h_cap(1, 2, &W.reply[0].obj, 0, 0);
	struct ipc_ret r = ipc_recv(T(1), 1, 2, IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_BLOCKED);
	B(0)->words[0] = 1;
	r = ipc_call(T(0), 1, MI(9, 1, 0), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_BLOCKED);
	cr_assert_eq(r.next, T(1));
	cr_assert_eq(ipc_thread_recv_info(T(1))->kind, IPC_EV_CALL);
	B(1)->words[0] = 2;
	r = ipc_reply(T(1), 2, MI(0, 1, 0));
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(B(0)->words[0], 2);
	cr_assert_eq(ipc_thread_recv_info(T(0))->kind, IPC_EV_REPLY);
	struct h_snapshot s;
	h_snap(&s);
	r = ipc_reply(T(1), 2, MI(0, 1, 0));
	cr_assert_eq(r.err, IPC_E_NO_CALLER);
	cr_assert(h_same(&s));
}
