/*
 * SEMANTICS "Messages" (M1-M3): a message carries its label in full and
 * exactly `length` words up to the build's maximum; an over-long message or
 * more than 3 extra caps is refused with its own error before anything
 * changes (no silent clamping, checked on every sending operation); and the
 * receiver learns the length actually transferred, the badge and the kind
 * of event (send, call, notification, fault, reply).
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(messages, .init = h_reset);

enum { EP = 1, REPLY = 2, NTFN = 3, SRV = 0, CLI = 1 };

/* Thread 0 receives on ep[0] (R, reply object); thread 1 sends (W|G, badge 9). */
static void two_party(void)
{
	h_cap(SRV, EP, &W.ep[0].obj, IPC_R, 0);
	h_cap(SRV, REPLY, &W.reply[0].obj, 0, 0);
	h_cap(CLI, EP, &W.ep[0].obj, IPC_W | IPC_G, 9);
}

Test(messages, M1_label_carried_in_full_and_all_max_words_arrive)
{
	const uint64_t label = 0xFEDCBA9876543210ull;

	two_party();
	for (uint32_t i = 0; i < IPC_MSG_MAX_WORDS; i++)
		B(CLI)->words[i] = 0x1000000000ull * i + i;
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(CLI), EP, MI(label, IPC_MSG_MAX_WORDS, 0), IPC_DEADLINE_NONE), IPC_OK);

	cr_assert_eq(INFO(SRV)->label, label, "M1: the label is opaque and carried in full");
	cr_assert_eq(INFO(SRV)->length, IPC_MSG_MAX_WORDS);
	for (uint32_t i = 0; i < IPC_MSG_MAX_WORDS; i++)
		cr_assert_eq(B(SRV)->words[i], 0x1000000000ull * i + i, "word %u", i);
}

Test(messages, M1_only_length_words_are_written_and_registers_are_4)
{
	cr_assert_eq(IPC_MSG_REG_WORDS, 4);
	cr_assert_geq(IPC_MSG_MAX_WORDS, IPC_MSG_REG_WORDS);
	two_party();
	for (uint32_t i = 0; i < 8; i++) {
		B(CLI)->words[i] = 100 + i;
		B(SRV)->words[i] = 0xAA;
	}
	H_EXPECT(ipc_send(T(CLI), EP, MI(1, 3, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(SRV)->length, 3);
	cr_assert_eq(B(SRV)->words[2], 102);
	cr_assert_eq(B(SRV)->words[3], 0xAA, "M1: words past `length` are not touched");
}

Test(messages, M1_empty_message_carries_label_only)
{
	two_party();
	B(SRV)->words[0] = 0xAA;
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(CLI), EP, MI(77, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(SRV)->length, 0);
	cr_assert_eq(INFO(SRV)->label, 77);
	cr_assert_eq(B(SRV)->words[0], 0xAA);
}

/* M2 on every sending operation, with a receiver waiting so that a clamping
 * implementation would have delivered something. */
Test(messages, M2_length_above_max_rejected_by_every_sender_before_any_change)
{
	const struct ipc_msginfo too_long = MI(1, IPC_MSG_MAX_WORDS + 1, 0);

	two_party();
	h_cap(CLI, NTFN, &W.ntfn[0].obj, IPC_R, 0);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);

	H_FAILS_CLEANLY(ipc_send(T(CLI), EP, too_long, IPC_DEADLINE_NONE), IPC_E_MSG_TOO_LONG);
	H_FAILS_CLEANLY(ipc_nbsend(T(CLI), EP, too_long), IPC_E_MSG_TOO_LONG);
	H_FAILS_CLEANLY(ipc_call(T(CLI), EP, too_long, IPC_DEADLINE_NONE), IPC_E_MSG_TOO_LONG);
	H_FAILS_CLEANLY(ipc_nbsend_recv(T(CLI), EP, too_long, NTFN, IPC_SLOT_NONE, 0), IPC_E_MSG_TOO_LONG);
	H_FAILS_CLEANLY(ipc_call(T(CLI), EP, MI(1, UINT32_MAX, 0), IPC_DEADLINE_NONE), IPC_E_MSG_TOO_LONG);
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV, "M2: the receiver got nothing");
}

Test(messages, M2_length_above_max_rejected_in_replies_too)
{
	two_party();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(CLI), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);

	H_FAILS_CLEANLY(ipc_reply(T(SRV), REPLY, MI(0, IPC_MSG_MAX_WORDS + 1, 0)), IPC_E_MSG_TOO_LONG);
	H_FAILS_CLEANLY(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, IPC_MSG_MAX_WORDS + 1, 0), 0),
	                IPC_E_MSG_TOO_LONG);
	cr_assert_eq(STATE(CLI), IPC_TS_BLOCKED_REPLY, "M2: the caller still waits");
}

Test(messages, M2_more_than_3_caps_rejected_even_without_grant)
{
	two_party();
	h_cap(CLI, 4, &W.ep[0].obj, IPC_W, 0); /* no G: caps would not move anyway */
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);

	H_FAILS_CLEANLY(ipc_send(T(CLI), EP, MI(1, 1, 4), IPC_DEADLINE_NONE), IPC_E_TOO_MANY_CAPS);
	H_FAILS_CLEANLY(ipc_nbsend(T(CLI), 4, MI(1, 1, 4)), IPC_E_TOO_MANY_CAPS);
	H_FAILS_CLEANLY(ipc_call(T(CLI), EP, MI(1, 1, UINT32_MAX), IPC_DEADLINE_NONE), IPC_E_TOO_MANY_CAPS);
	cr_assert_eq(STATE(SRV), IPC_TS_BLOCKED_RECV);
}

Test(messages, M3_receiver_learns_kind_send_vs_call_and_length_and_badge)
{
	two_party();
	H_EXPECT(ipc_send(T(CLI), EP, MI(5, 2, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_SEND);
	cr_assert_eq(INFO(SRV)->length, 2);
	cr_assert_eq(INFO(SRV)->badge, 9);

	H_EXPECT(ipc_call(T(CLI), EP, MI(6, 1, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_CALL);
	cr_assert_eq(INFO(SRV)->length, 1);
	cr_assert_eq(INFO(SRV)->label, 6);

	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(8, 0, 0)), IPC_OK);
	cr_assert_eq(INFO(CLI)->kind, IPC_EV_REPLY);
	cr_assert_eq(INFO(CLI)->label, 8);
}

Test(messages, M3_notification_into_recv_is_tagged_not_guessed_from_badge)
{
	two_party();
	h_cap(CLI, NTFN, &W.ntfn[0].obj, IPC_W, 9); /* same badge as the endpoint cap */
	H_EXPECT(ipc_ntfn_bind(&W.ntfn[0], T(SRV)), IPC_OK);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_signal(T(CLI), NTFN), IPC_OK);
	cr_assert_eq(STATUS(SRV), IPC_OK);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_NOTIFY, "M3: the kind tells a signal from a message");
	cr_assert_eq(INFO(SRV)->badge, 9);
	cr_assert_eq(INFO(SRV)->length, 0);
}

Test(messages, M3_fault_is_tagged_as_fault)
{
	const struct ipc_fault f = {IPC_FAULT_UNDEFINED, {1, 2, 3, 4}};

	two_party();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_thread_fault(T(CLI), EP, &f), IPC_BLOCKED);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_FAULT);
	cr_assert_eq(INFO(SRV)->length, IPC_FAULT_WORDS);
}
