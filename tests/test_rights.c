/*
 * SEMANTICS "Rights" (R1): every IPC operation needs its right on the
 * invoked cap (W to send, call and signal; R to receive, wait and poll) and
 * the right kind of object. Each operation is tried with a cap holding every
 * right but the needed one, and with a cap to the wrong kind of object; it
 * must fail with NO_RIGHTS or WRONG_TYPE and leave the world byte-identical.
 * The same cap with the right added then succeeds, so the refusal is due to
 * the missing right alone.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(rights, .init = h_reset);

/* Thread 0's slots: one cap per (object, rights) case. */
enum {
	EP_NO_W = 1,
	EP_NO_R = 2,
	NT_NO_W = 3,
	NT_NO_R = 4,
	REPLY = 5,
	FRAME = 6,
	EP_ALL = 7,
	NT_ALL = 8,
};

static struct ipc_object frame;

static void world(void)
{
	ipc_object_init(&frame, IPC_OBJ_EMBEDDER + 3);
	h_cap(0, EP_NO_W, &W.ep[0].obj, IPC_RIGHTS_ALL & ~IPC_W, 0);
	h_cap(0, EP_NO_R, &W.ep[0].obj, IPC_RIGHTS_ALL & ~IPC_R, 0);
	h_cap(0, NT_NO_W, &W.ntfn[0].obj, IPC_RIGHTS_ALL & ~IPC_W, 0);
	h_cap(0, NT_NO_R, &W.ntfn[0].obj, IPC_RIGHTS_ALL & ~IPC_R, 0);
	h_cap(0, REPLY, &W.reply[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(0, FRAME, &frame, IPC_RIGHTS_ALL, 0);
	h_cap(0, EP_ALL, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(0, NT_ALL, &W.ntfn[0].obj, IPC_RIGHTS_ALL, 0);
	/* A partner so that successful operations complete. */
	h_cap(1, 1, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(1, 2, &W.reply[1].obj, 0, 0);
}

Test(rights, R1_send_nbsend_call_need_W)
{
	world();
	H_EXPECT(ipc_recv(T(1), 1, 2, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_FAILS_CLEANLY(ipc_send(T(0), EP_NO_W, MI(1, 0, 0), 0), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_nbsend(T(0), EP_NO_W, MI(1, 0, 0)), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_call(T(0), EP_NO_W, MI(1, 0, 0), 0), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_nbsend_recv(T(0), EP_NO_W, MI(1, 0, 0), NT_ALL, IPC_SLOT_NONE, 0),
	                IPC_E_NO_RIGHTS);
	H_EXPECT(ipc_nbsend(T(0), EP_NO_R, MI(1, 0, 0)), IPC_OK);
}

Test(rights, R1_recv_nbrecv_need_R)
{
	world();
	H_FAILS_CLEANLY(ipc_recv(T(0), EP_NO_R, IPC_SLOT_NONE, 0), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_nbrecv(T(0), EP_NO_R, IPC_SLOT_NONE), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_reply_recv(T(0), EP_NO_R, REPLY, MI(0, 0, 0), 0), IPC_E_NO_RIGHTS);
	H_EXPECT(ipc_nbrecv(T(0), EP_NO_W, IPC_SLOT_NONE), IPC_E_NOTHING);
}

Test(rights, R1_signal_needs_W_wait_and_poll_need_R)
{
	uint64_t word = 0;

	world();
	H_FAILS_CLEANLY(ipc_signal(T(0), NT_NO_W), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_wait(T(0), NT_NO_R, 0), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_recv(T(0), NT_NO_R, IPC_SLOT_NONE, 0), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_poll(T(0), NT_NO_R), IPC_E_NO_RIGHTS);
	H_FAILS_CLEANLY(ipc_ntfn_peek(T(0), NT_NO_R, &word), IPC_E_NO_RIGHTS);
	H_EXPECT(ipc_signal(T(0), NT_NO_R), IPC_OK);
	H_EXPECT(ipc_poll(T(0), NT_NO_W), IPC_OK);
}

Test(rights, R1_wrong_object_types_are_clear_errors)
{
	uint64_t word = 0;

	world();
	static const uint32_t not_ep[] = {NT_ALL, REPLY, FRAME};
	for (unsigned i = 0; i < 3; i++) {
		uint32_t s = not_ep[i];
		H_FAILS_CLEANLY(ipc_send(T(0), s, MI(1, 0, 0), 0), IPC_E_WRONG_TYPE);
		H_FAILS_CLEANLY(ipc_nbsend(T(0), s, MI(1, 0, 0)), IPC_E_WRONG_TYPE);
		H_FAILS_CLEANLY(ipc_call(T(0), s, MI(1, 0, 0), 0), IPC_E_WRONG_TYPE);
		H_FAILS_CLEANLY(ipc_cap_cancel_badged_sends(CS(0), s), IPC_E_WRONG_TYPE);
	}
	static const uint32_t not_ntfn[] = {EP_ALL, REPLY, FRAME};
	for (unsigned i = 0; i < 3; i++) {
		uint32_t s = not_ntfn[i];
		H_FAILS_CLEANLY(ipc_signal(T(0), s), IPC_E_WRONG_TYPE);
		H_FAILS_CLEANLY(ipc_poll(T(0), s), IPC_E_WRONG_TYPE);
		H_FAILS_CLEANLY(ipc_wait(T(0), s, 0), IPC_E_WRONG_TYPE);
		H_FAILS_CLEANLY(ipc_ntfn_peek(T(0), s, &word), IPC_E_WRONG_TYPE);
	}
	/* Recv takes an endpoint or a notification, nothing else. */
	H_FAILS_CLEANLY(ipc_recv(T(0), REPLY, IPC_SLOT_NONE, 0), IPC_E_WRONG_TYPE);
	H_FAILS_CLEANLY(ipc_recv(T(0), FRAME, IPC_SLOT_NONE, 0), IPC_E_WRONG_TYPE);
	/* The reply slot must name a reply object; the reply cap must be one. */
	H_FAILS_CLEANLY(ipc_recv(T(0), EP_ALL, NT_ALL, 0), IPC_E_WRONG_TYPE);
	H_FAILS_CLEANLY(ipc_reply(T(0), EP_ALL, MI(0, 0, 0)), IPC_E_WRONG_TYPE);
	H_FAILS_CLEANLY(ipc_reply_recv(T(0), EP_ALL, FRAME, MI(0, 0, 0), 0), IPC_E_WRONG_TYPE);
	H_FAILS_CLEANLY(ipc_thread_fault(T(0), NT_ALL, &(struct ipc_fault){IPC_FAULT_CAP, {0}}),
	                IPC_E_NO_HANDLER);
}

Test(rights, R1_wait_on_an_endpoint_without_R_reports_the_type)
{
	world();
	/* Both the type and the right are wrong; the type is what the caller
	 * got wrong, as for Poll on the same cap. */
	H_FAILS_CLEANLY(ipc_poll(T(0), EP_NO_R), IPC_E_WRONG_TYPE);
	H_FAILS_CLEANLY(ipc_wait(T(0), EP_NO_R, 0), IPC_E_WRONG_TYPE);
}
