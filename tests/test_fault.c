/*
 * SEMANTICS "Faults" (F1): a faulting thread is made to Call its handler
 * endpoint with label = fault kind and words = fault details, taken from the
 * fault record, not from the thread's buffer; the handler's reply label
 * decides resume (IPC_FAULT_RESUME) or stay stopped; without a usable
 * handler the operation fails with NO_HANDLER, changes nothing, and the rest
 * of the system runs on. Thread 0 is the handler, thread 1 faults.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "harness.h"

TestSuite(fault, .init = h_reset);

enum { EP = 1, REPLY = 2, HANDLER = 9, H = 0, F = 1 };

static const struct ipc_fault data_abort = {IPC_FAULT_DATA_ABORT,
                                            {0xDEAD0000BEEFull, 0x96000045, 0x400123, 7}};

/* The handler's cap in the faulting thread is badged with the thread's id. */
static void world(void)
{
	h_cap(H, EP, &W.ep[0].obj, IPC_R | IPC_W | IPC_G, 0);
	h_cap(H, REPLY, &W.reply[0].obj, 0, 0);
	H_EXPECT(ipc_cap_mint(CS(H), EP, CS(F), HANDLER, IPC_W | IPC_G, 0xF1), IPC_OK);
	for (uint32_t i = 0; i < IPC_FAULT_WORDS; i++)
		B(F)->words[i] = 0x5555;
}

static void fault_delivered(void)
{
	world();
	H_EXPECT(ipc_recv(T(H), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	struct ipc_ret r = ipc_thread_fault(T(F), HANDLER, &data_abort);
	cr_assert_eq(r.err, IPC_BLOCKED);
	cr_assert_eq(r.next, T(H), "the handler runs next");
	cr_assert_eq(STATE(F), IPC_TS_BLOCKED_REPLY);
	h_log_clear();
}

Test(fault, F1_fault_message_carries_kind_as_label_and_details_as_words)
{
	fault_delivered();
	const struct ipc_recv_info *in = INFO(H);
	cr_assert_eq(in->kind, IPC_EV_FAULT);
	cr_assert_eq(in->label, IPC_FAULT_DATA_ABORT);
	cr_assert_eq(in->badge, 0xF1, "the handler knows who faulted");
	cr_assert_eq(in->length, IPC_FAULT_WORDS);
	for (uint32_t i = 0; i < IPC_FAULT_WORDS; i++)
		cr_assert_eq(B(H)->words[i], data_abort.words[i], "word %u", i);
	cr_assert_eq(B(F)->words[0], 0x5555, "the faulting thread's buffer is not used");
	cr_assert_eq(W.reply[0].caller, T(F));
}

Test(fault, F1_handler_reply_resume_resumes)
{
	fault_delivered();
	B(H)->words[0] = 0x1234;
	struct ipc_ret r = ipc_reply(T(H), REPLY, MI(IPC_FAULT_RESUME, 1, 0));
	cr_assert_eq(r.err, IPC_OK);
	h_expect_woken(F);
	cr_assert_eq(STATUS(F), IPC_OK);
	cr_assert(ipc_fault_resumes(T(F)));
	cr_assert_eq(B(F)->words[0], 0x5555, "the answer does not overwrite the thread's buffer");
}

Test(fault, F1_handler_reply_with_another_label_leaves_it_stopped)
{
	fault_delivered();
	H_EXPECT(ipc_reply_recv(T(H), EP, REPLY, MI(0x57, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_expect_woken(F);
	cr_assert_not(ipc_fault_resumes(T(F)));
	cr_assert_eq(INFO(F)->label, 0x57, "the embedder reads the verdict");
}

Test(fault, F1_fault_queued_until_the_handler_receives)
{
	world();
	H_EXPECT(ipc_thread_fault(T(F), HANDLER, &data_abort), IPC_BLOCKED);
	cr_assert_eq(STATE(F), IPC_TS_BLOCKED_SEND);
	H_EXPECT(ipc_recv(T(H), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(H)->kind, IPC_EV_FAULT);
	cr_assert_eq(B(H)->words[2], 0x400123);
	H_EXPECT(ipc_reply(T(H), REPLY, MI(IPC_FAULT_RESUME, 0, 0)), IPC_OK);
	cr_assert(ipc_fault_resumes(T(F)));
}

Test(fault, F1_handler_gone_or_without_reply_object_does_not_resume)
{
	fault_delivered();
	H_EXPECT(ipc_thread_destroy(T(H)), IPC_OK);
	cr_assert_eq(STATUS(F), IPC_E_PEER_GONE);
	cr_assert_not(ipc_fault_resumes(T(F)));

	h_reset();
	world();
	H_EXPECT(ipc_recv(T(H), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_thread_fault(T(F), HANDLER, &data_abort), IPC_E_NO_REPLY);
	cr_assert_eq(INFO(H)->kind, IPC_EV_FAULT, "the handler still hears of it");
	cr_assert_not(ipc_fault_resumes(T(F)));
}

/*
 * S5: a fault that meets a handler waiting without a reply object ends at
 * once with NO_REPLY. The thread's status and receive info say so, exactly as
 * when the same fault is queued first and ends with NO_REPLY on waking: the
 * answer to an earlier fault ("resume") must not pass for this one's.
 */
Test(fault, F1_S5_no_reply_at_once_leaves_the_status_and_info_of_a_no_reply_wake)
{
	fault_delivered();
	H_EXPECT(ipc_reply(T(H), REPLY, MI(IPC_FAULT_RESUME, 0, 0)), IPC_OK);
	cr_assert(ipc_fault_resumes(T(F)), "the first fault was answered: resume");

	/* At once: the handler waits without a reply object. */
	H_EXPECT(ipc_recv(T(H), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_log_clear();
	H_EXPECT(ipc_thread_fault(T(F), HANDLER, &data_abort), IPC_E_NO_REPLY);
	h_expect_hooks(HR(H)); /* the faulting thread never blocked */
	cr_assert_eq(STATE(F), IPC_TS_RUNNABLE);
	cr_assert_eq(STATUS(F), IPC_E_NO_REPLY);
	cr_assert_eq(INFO(F)->kind, IPC_EV_NONE, "no answer came");
	cr_assert_not(ipc_fault_resumes(T(F)), "the earlier answer is not this fault's");
	cr_assert_eq(ipc_thread_deadline(T(F)), IPC_DEADLINE_NONE);
	const struct ipc_recv_info at_once = *INFO(F);

	/* Queued first, then taken without a reply object: the same result. */
	H_EXPECT(ipc_thread_fault(T(F), HANDLER, &data_abort), IPC_BLOCKED);
	cr_assert_eq(STATE(F), IPC_TS_BLOCKED_SEND);
	h_log_clear();
	H_EXPECT(ipc_recv(T(H), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
	h_expect_hooks(HR(F));
	cr_assert_eq(W.hooks[0].status, IPC_E_NO_REPLY, "final inside the runnable hook");
	cr_assert_eq(STATUS(F), IPC_E_NO_REPLY);
	cr_assert(memcmp(INFO(F), &at_once, sizeof(at_once)) == 0, "same receive info");
	cr_assert_not(ipc_fault_resumes(T(F)));
}

/* S5: the same holds for a plain Call that ends at once with NO_REPLY. */
Test(fault, S5_a_call_ending_at_once_with_no_reply_sets_status_and_clears_info)
{
	world();
	h_cap(2, EP, &W.ep[0].obj, IPC_R | IPC_W | IPC_GR, 0);
	H_EXPECT(ipc_recv(T(2), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(H), EP, MI(0x66, 1, 0), IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(2)->label, 0x66, "thread 2 holds an earlier message");
	cr_assert_eq(STATUS(2), IPC_OK);

	H_EXPECT(ipc_recv(T(H), EP, IPC_SLOT_NONE, 5), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(2), EP, MI(1, 0, 0), 9), IPC_E_NO_REPLY);
	cr_assert_eq(INFO(H)->kind, IPC_EV_SEND, "delivered: S5");
	cr_assert_eq(STATUS(2), IPC_E_NO_REPLY);
	cr_assert_eq(INFO(2)->kind, IPC_EV_NONE);
	cr_assert_eq(INFO(2)->label, 0, "the earlier message's label is gone");
	cr_assert_eq(ipc_thread_deadline(T(2)), IPC_DEADLINE_NONE);
}

Test(fault, F1_without_a_usable_handler_nothing_changes_and_the_system_runs_on)
{
	world();
	h_cap(F, 10, &W.ntfn[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(F, 11, &W.ep[0].obj, IPC_R | IPC_G, 0);  /* no W */
	h_cap(F, 12, &W.ep[0].obj, IPC_W, 0);          /* no G or GR */
	h_cap(F, 13, &W.ep[0].obj, IPC_W | IPC_GR, 0); /* usable */
	H_EXPECT(ipc_recv(T(H), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);

	static const uint32_t bad[] = {20, H_SLOTS, IPC_SLOT_NONE, 10, 11, 12};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		H_FAILS_CLEANLY(ipc_thread_fault(T(F), bad[i], &data_abort), IPC_E_NO_HANDLER);
	cr_assert_eq(STATE(H), IPC_TS_BLOCKED_RECV, "the handler heard nothing");

	/* The system runs on: another thread's IPC works. */
	h_cap(2, EP, &W.ep[0].obj, IPC_W, 0);
	H_EXPECT(ipc_send(T(2), EP, MI(3, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(H)->label, 3);

	/* GR alone is enough for a handler. */
	H_EXPECT(ipc_recv(T(H), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_thread_fault(T(F), 13, &data_abort), IPC_BLOCKED);
}

Test(fault, F1_a_blocked_thread_cannot_fault)
{
	world();
	H_EXPECT(ipc_send(T(F), HANDLER, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_FAILS_CLEANLY(ipc_thread_fault(T(F), HANDLER, &data_abort), IPC_E_THREAD_STATE);
}
