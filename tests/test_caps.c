/*
 * SEMANTICS "Capabilities and transfer" (C1-C8): slot operations (copy, mint,
 * move, delete, revoke) over a derivation tree spanning several CSpaces,
 * rights that only shrink, revoke reaching every descendant even after a
 * middle node is deleted or moved, destruction of an object with its last
 * cap; and caps in messages: only with G (both directions), copy/move/mint
 * per cap, unwrapping of caps to the carrying endpoint, up to three receive
 * slots with per-position delivered/unwrapped/dropped reports, and reply
 * caps that never travel. Every refused operation leaves the world
 * byte-identical.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(caps, .init = h_reset);

enum { EP = 1, REPLY = 2, NTFN = 3, NTFN2 = 4, EP2 = 5, SND = 0, RCV = 1 };

static uint32_t refs(const struct ipc_object *o)
{
	return o->refs;
}

/* ---- C1: slot operations and the derivation tree ------------------------- */

/*
 * A five-level tree over six CSpaces, all in slot 1:
 *   T0 root RWG+GR -mint RWG-> T1 -copy-> T2 -mint W|G badge 7-> T3 -copy-> T4 -mint W-> T5
 */
static void chain(void)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	H_EXPECT(ipc_cap_mint(CS(0), 1, CS(1), 1, IPC_R | IPC_W | IPC_G, 0), IPC_OK);
	H_EXPECT(ipc_cap_copy(CS(1), 1, CS(2), 1), IPC_OK);
	H_EXPECT(ipc_cap_mint(CS(2), 1, CS(3), 1, IPC_W | IPC_G, 7), IPC_OK);
	H_EXPECT(ipc_cap_copy(CS(3), 1, CS(4), 1), IPC_OK);
	H_EXPECT(ipc_cap_mint(CS(4), 1, CS(5), 1, IPC_W, 0), IPC_OK);
}

static void expect_present(int first, int last, bool present)
{
	for (int i = first; i <= last; i++)
		cr_assert_eq(ipc_cap_type(CS(i), 1), present ? IPC_OBJ_ENDPOINT : IPC_OBJ_NONE,
		             "thread %d slot 1 should be %s", i, present ? "present" : "gone");
}

Test(caps, C1_mint_and_copy_along_a_chain_only_shrink_rights)
{
	static const uint32_t want_rights[] = {IPC_RIGHTS_ALL, IPC_R | IPC_W | IPC_G, IPC_R | IPC_W | IPC_G,
	                                       IPC_W | IPC_G,  IPC_W | IPC_G,         IPC_W};
	static const uint64_t want_badge[] = {0, 0, 0, 7, 7, 7};

	chain();
	for (int i = 0; i <= 5; i++) {
		cr_assert_eq(ipc_cap_rights(CS(i), 1), want_rights[i], "rights of T%d", i);
		cr_assert_eq(ipc_cap_badge(CS(i), 1), want_badge[i], "badge of T%d", i);
		cr_assert_eq(ipc_cap_object(CS(i), 1), &W.ep[0].obj);
	}
	cr_assert_eq(refs(&W.ep[0].obj), 6);
	/* A full mask cannot give back what the parent lacks. */
	H_EXPECT(ipc_cap_mint(CS(5), 1, CS(6), 1, IPC_RIGHTS_ALL, 0), IPC_OK);
	cr_assert_eq(ipc_cap_rights(CS(6), 1), IPC_W, "C1: rights never grow");
	H_EXPECT(ipc_cap_mint(CS(3), 1, CS(6), 2, IPC_R | IPC_W, 0), IPC_OK);
	cr_assert_eq(ipc_cap_rights(CS(6), 2), IPC_W, "R was lost at T3 and stays lost");
}

Test(caps, C1_revoke_of_a_middle_node_deletes_exactly_its_subtree)
{
	chain();
	struct ipc_ret r = ipc_cap_revoke(CS(2), 1);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_null(r.next);
	expect_present(0, 2, true);
	expect_present(3, 5, false);
	cr_assert_eq(refs(&W.ep[0].obj), 3);
	cr_assert_eq(W.nunref, 0, "the object lives on");

	H_EXPECT(ipc_cap_revoke(CS(0), 1), IPC_OK);
	expect_present(0, 0, true);
	expect_present(1, 5, false);
	cr_assert_eq(refs(&W.ep[0].obj), 1);
}

Test(caps, C1_delete_of_a_middle_node_keeps_descendants_revocable_from_the_root)
{
	chain();
	/* A sibling branch under T1, so the splice has neighbours. */
	H_EXPECT(ipc_cap_copy(CS(1), 1, CS(6), 1), IPC_OK);
	H_EXPECT(ipc_cap_delete(CS(2), 1), IPC_OK);
	H_EXPECT(ipc_cap_delete(CS(4), 1), IPC_OK);
	expect_present(2, 2, false);
	expect_present(3, 3, true);
	expect_present(5, 5, true);
	cr_assert_eq(refs(&W.ep[0].obj), 5);
	cr_assert_eq(CS(3)->slots[1].parent, &CS(1)->slots[1], "T3 moved up to T1");
	cr_assert_eq(CS(5)->slots[1].parent, &CS(3)->slots[1], "T5 moved up to T3");

	/* Revoking T3 still reaches T5; revoking the root reaches T1, T3, T6. */
	H_EXPECT(ipc_cap_revoke(CS(3), 1), IPC_OK);
	expect_present(5, 5, false);
	expect_present(3, 3, true);
	H_EXPECT(ipc_cap_revoke(CS(0), 1), IPC_OK);
	expect_present(1, 6, false);
	expect_present(0, 0, true);
	cr_assert_eq(refs(&W.ep[0].obj), 1);
}

Test(caps, C1_move_keeps_the_place_in_the_tree_across_cspaces)
{
	chain();
	H_EXPECT(ipc_cap_move(CS(2), 1, CS(7), 9), IPC_OK);
	cr_assert_eq(ipc_cap_type(CS(2), 1), IPC_OBJ_NONE, "the source slot is emptied");
	cr_assert_eq(ipc_cap_rights(CS(7), 9), IPC_R | IPC_W | IPC_G);
	cr_assert_eq(refs(&W.ep[0].obj), 6, "a move creates no reference");
	cr_assert_eq(CS(3)->slots[1].parent, &CS(7)->slots[9], "children follow the moved cap");

	H_EXPECT(ipc_cap_revoke(CS(7), 9), IPC_OK);
	expect_present(3, 5, false);
	H_EXPECT(ipc_cap_revoke(CS(0), 1), IPC_OK);
	cr_assert_eq(ipc_cap_type(CS(7), 9), IPC_OBJ_NONE, "the moved cap is still T0's descendant");
	cr_assert_eq(refs(&W.ep[0].obj), 1);
}

Test(caps, C1_delete_of_the_root_leaves_children_as_independent_roots)
{
	chain();
	H_EXPECT(ipc_cap_delete(CS(0), 1), IPC_OK);
	expect_present(1, 5, true);
	cr_assert_null(CS(1)->slots[1].parent);
	H_EXPECT(ipc_cap_revoke(CS(1), 1), IPC_OK);
	expect_present(2, 5, false);
	cr_assert_eq(refs(&W.ep[0].obj), 1);
}

Test(caps, C1_copy_keeps_rights_and_badge)
{
	h_cap(0, NTFN, &W.ntfn[0].obj, IPC_W, 0x10);
	H_EXPECT(ipc_cap_copy(CS(0), NTFN, CS(1), 20), IPC_OK);
	cr_assert_eq(ipc_cap_type(CS(1), 20), IPC_OBJ_NTFN);
	cr_assert_eq(ipc_cap_rights(CS(1), 20), IPC_W);
	cr_assert_eq(ipc_cap_badge(CS(1), 20), 0x10);
	cr_assert_eq(refs(&W.ntfn[0].obj), 2);
}

Test(caps, C1_slot_operation_errors_are_distinct_and_change_nothing)
{
	h_cap(0, 1, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	h_cap(0, 2, &W.ntfn[0].obj, IPC_RIGHTS_ALL, 0);

	H_FAILS_CLEANLY(ipc_cap_copy(CS(0), H_SLOTS, CS(1), 1), IPC_E_BAD_SLOT);
	H_FAILS_CLEANLY(ipc_cap_copy(CS(0), 1, CS(1), UINT32_MAX), IPC_E_BAD_SLOT);
	H_FAILS_CLEANLY(ipc_cap_copy(CS(0), 3, CS(1), 1), IPC_E_EMPTY_SLOT);
	H_FAILS_CLEANLY(ipc_cap_copy(CS(0), 1, CS(0), 2), IPC_E_SLOT_FULL);
	H_FAILS_CLEANLY(ipc_cap_copy(CS(0), 1, CS(0), 1), IPC_E_SAME_SLOT);
	H_FAILS_CLEANLY(ipc_cap_mint(CS(0), 1, CS(0), 1, IPC_R, 0), IPC_E_SAME_SLOT);
	H_FAILS_CLEANLY(ipc_cap_mint(CS(0), 1, CS(1), 1, IPC_RIGHTS_ALL << 1, 0), IPC_E_BAD_ARG);
	H_FAILS_CLEANLY(ipc_cap_mint(CS(0), 1, CS(0), 2, IPC_R, 0), IPC_E_SLOT_FULL);
	H_FAILS_CLEANLY(ipc_cap_move(CS(0), 1, CS(0), 1), IPC_E_SAME_SLOT);
	H_FAILS_CLEANLY(ipc_cap_move(CS(0), 1, CS(0), 2), IPC_E_SLOT_FULL);
	H_FAILS_CLEANLY(ipc_cap_move(CS(0), 9, CS(1), 1), IPC_E_EMPTY_SLOT);
	H_FAILS_CLEANLY(ipc_cap_delete(CS(0), 9), IPC_E_EMPTY_SLOT);
	H_FAILS_CLEANLY(ipc_cap_delete(CS(0), H_SLOTS + 5), IPC_E_BAD_SLOT);
	H_FAILS_CLEANLY(ipc_cap_revoke(CS(0), 9), IPC_E_EMPTY_SLOT);
	H_FAILS_CLEANLY(ipc_cap_revoke(CS(0), UINT32_MAX), IPC_E_BAD_SLOT);
	H_FAILS_CLEANLY(ipc_cap_install(CS(0), 1, &W.ep[1].obj, IPC_R, 0), IPC_E_SLOT_FULL);
	H_FAILS_CLEANLY(ipc_cap_install(CS(0), 5, &W.ep[1].obj, 1u << 7, 0), IPC_E_BAD_ARG);
	H_FAILS_CLEANLY(ipc_cap_install(CS(0), 5, NULL, IPC_R, 0), IPC_E_BAD_ARG);
	cr_assert_eq(ipc_cap_type(CS(0), H_SLOTS), IPC_OBJ_NONE, "an invalid slot reads as NONE");
}

/* ---- C2: revoke and destruction ------------------------------------------ */

Test(caps, C2_revoke_reaches_caps_derived_through_messages)
{
	h_cap(SND, EP, &W.ep[0].obj, IPC_W | IPC_G, 0);
	h_cap(SND, NTFN, &W.ntfn[0].obj, IPC_R | IPC_W, 0);
	h_cap(RCV, EP, &W.ep[0].obj, IPC_R, 0);
	h_recv_slots(RCV, 10, IPC_SLOT_NONE, IPC_SLOT_NONE);
	H_EXPECT(ipc_recv(T(RCV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_xfer(SND, 0, NTFN, IPC_XFER_COPY, 0, 0);
	H_EXPECT(ipc_send(T(SND), EP, MI(0, 0, 1), IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(ipc_cap_type(CS(RCV), 10), IPC_OBJ_NTFN);

	H_EXPECT(ipc_cap_revoke(CS(SND), NTFN), IPC_OK);
	cr_assert_eq(ipc_cap_type(CS(RCV), 10), IPC_OBJ_NONE, "C2: the transferred copy is derived");
	cr_assert_eq(refs(&W.ntfn[0].obj), 1);
}

Test(caps, C2_deleting_the_last_cap_destroys_the_object)
{
	h_cap(0, EP, &W.ep[0].obj, IPC_R, 0);
	h_cap(1, EP, &W.ep[0].obj, IPC_W, 0);
	h_prio(0, 150);
	H_EXPECT(ipc_recv(T(0), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);

	struct ipc_ret r = ipc_cap_delete(CS(0), EP);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_null(r.next, "one cap is left: nothing destroyed, nobody woken");
	cr_assert_eq(STATE(0), IPC_TS_BLOCKED_RECV);
	cr_assert_eq(W.nunref, 0);

	r = ipc_cap_delete(CS(1), EP);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(r.next, T(0));
	cr_assert_eq(STATUS(0), IPC_E_OBJECT_GONE);
	cr_assert_eq(W.nunref, 1);
	cr_assert_eq(W.unref[0], &W.ep[0].obj);
	cr_assert_eq(refs(&W.ep[0].obj), 0);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE);
}

Test(caps, C2_deleting_the_last_cap_to_an_embedder_object_reports_it)
{
	struct ipc_object frame;

	ipc_object_init(&frame, IPC_OBJ_EMBEDDER);
	h_cap(0, 6, &frame, IPC_R | IPC_W, 0);
	H_EXPECT(ipc_cap_copy(CS(0), 6, CS(1), 6), IPC_OK);
	H_EXPECT(ipc_cap_revoke(CS(0), 6), IPC_OK);
	cr_assert_eq(W.nunref, 0);
	H_EXPECT(ipc_cap_delete(CS(0), 6), IPC_OK);
	cr_assert_eq(W.nunref, 1);
	cr_assert_eq(W.unref[0], &frame);
}

/* Does deleting the cap in (cs, slot) destroy its object? Asks, deletes, and
 * checks that the answer matched what the delete did. */
static void delete_as_predicted(int t, uint32_t slot)
{
	bool last = false;
	int before = W.nunref;

	H_EXPECT(ipc_cap_is_last(CS(t), slot, &last), IPC_OK);
	H_EXPECT(ipc_cap_delete(CS(t), slot), IPC_OK);
	cr_assert_eq(W.nunref - before, last ? 1 : 0, "T%d slot %u: is_last said %d", t, slot, last);
}

static bool is_last(int t, uint32_t slot)
{
	bool last = false;
	H_EXPECT(ipc_cap_is_last(CS(t), slot, &last), IPC_OK);
	return last;
}

Test(caps, C2_is_last_tells_whether_deleting_a_cap_destroys_its_object)
{
	struct ipc_object frame;

	chain(); /* six caps to ep[0], T0..T5 slot 1 */
	for (int t = 0; t < 6; t++)
		cr_assert_not(is_last(t, 1), "T%d: five other caps name ep[0]", t);
	H_EXPECT(ipc_cap_revoke(CS(0), 1), IPC_OK);
	cr_assert(is_last(0, 1), "revoke left the root alone");
	H_EXPECT(ipc_cap_move(CS(0), 1, CS(6), 2), IPC_OK);
	cr_assert(is_last(6, 2), "a move is not a new reference");

	/* Every kind of object, and the answer always matches the delete. */
	ipc_object_init(&frame, IPC_OBJ_EMBEDDER);
	h_cap(0, 3, &frame, IPC_R, 0);
	h_cap(0, 4, &W.ntfn[0].obj, IPC_R | IPC_W, 0);
	h_cap(0, 5, &W.reply[0].obj, 0, 0);
	H_EXPECT(ipc_cap_copy(CS(0), 3, CS(1), 3), IPC_OK);
	H_EXPECT(ipc_cap_mint(CS(0), 4, CS(1), 4, IPC_W, 9), IPC_OK);
	H_EXPECT(ipc_cap_copy(CS(0), 5, CS(1), 5), IPC_OK);
	for (uint32_t slot = 3; slot <= 5; slot++) {
		delete_as_predicted(0, slot); /* not last: the copy remains */
		delete_as_predicted(1, slot); /* last */
	}
	delete_as_predicted(6, 2);
	cr_assert_eq(W.nunref, 4, "frame, ntfn[0], reply[0], ep[0]");
}

Test(caps, C2_is_last_errors_are_distinct_and_change_nothing)
{
	bool last = true;
	struct ipc_cspace none = {NULL, 0};

	h_cap(0, 1, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	H_FAILS_CLEANLY(ipc_cap_is_last(CS(0), 2, &last), IPC_E_EMPTY_SLOT);
	H_FAILS_CLEANLY(ipc_cap_is_last(CS(0), H_SLOTS, &last), IPC_E_BAD_SLOT);
	H_FAILS_CLEANLY(ipc_cap_is_last(CS(0), IPC_SLOT_NONE, &last), IPC_E_BAD_SLOT);
	H_FAILS_CLEANLY(ipc_cap_is_last(&none, 0, &last), IPC_E_BAD_SLOT);
	cr_assert(last, "a failed query leaves *last alone");
	H_FAILS_CLEANLY(ipc_cap_is_last(CS(0), 1, &last), IPC_OK); /* a query changes nothing */
	cr_assert(last);
	H_EXPECT(ipc_cap_copy(CS(0), 1, CS(0), 2), IPC_OK);
	last = true;
	H_FAILS_CLEANLY(ipc_cap_is_last(CS(0), 2, &last), IPC_OK);
	cr_assert_not(last);
}

/* ---- Transfers: SND sends to RCV over ep[0] ------------------------------- */

static void xfer_world(uint32_t sender_rights)
{
	h_cap(SND, EP, &W.ep[0].obj, sender_rights, 0);
	h_cap(SND, NTFN, &W.ntfn[0].obj, IPC_R | IPC_W, 0);
	h_cap(SND, NTFN2, &W.ntfn[1].obj, IPC_R | IPC_W | IPC_G, 0);
	h_cap(SND, EP2, &W.ep[1].obj, IPC_RIGHTS_ALL, 0);
	h_cap(RCV, EP, &W.ep[0].obj, IPC_R, 0);
	h_recv_slots(RCV, 10, 11, 12);
	H_EXPECT(ipc_recv(T(RCV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
}

static void expect_outcomes(uint8_t a, uint8_t b, uint8_t c)
{
	const struct ipc_recv_info *in = INFO(RCV);

	cr_assert_eq(in->cap_outcome[0], a, "outcome[0] = %u, want %u", in->cap_outcome[0], a);
	cr_assert_eq(in->cap_outcome[1], b, "outcome[1] = %u, want %u", in->cap_outcome[1], b);
	cr_assert_eq(in->cap_outcome[2], c, "outcome[2] = %u, want %u", in->cap_outcome[2], c);
}

Test(caps, C3_without_G_the_words_arrive_and_no_cap_moves)
{
	xfer_world(IPC_W);
	B(SND)->words[0] = 0x5A;
	h_xfer(SND, 0, NTFN, IPC_XFER_MOVE, 0, 0);
	h_xfer(SND, 1, NTFN2, IPC_XFER_COPY, 0, 0);
	H_EXPECT(ipc_send(T(SND), EP, MI(1, 1, 2), IPC_DEADLINE_NONE), IPC_OK);

	cr_assert_eq(B(RCV)->words[0], 0x5A, "C3: the words still arrive");
	cr_assert_eq(INFO(RCV)->ncaps, 2);
	expect_outcomes(IPC_CAP_DROPPED, IPC_CAP_DROPPED, IPC_CAP_NONE);
	cr_assert_eq(ipc_cap_type(CS(SND), NTFN), IPC_OBJ_NTFN, "a MOVE without G moves nothing");
	for (uint32_t s = 10; s <= 12; s++)
		cr_assert_eq(ipc_cap_type(CS(RCV), s), IPC_OBJ_NONE);
	cr_assert_eq(refs(&W.ntfn[0].obj), 1);
	cr_assert_eq(refs(&W.ntfn[1].obj), 1);
}

Test(caps, C3_without_G_bad_descriptors_do_not_matter)
{
	xfer_world(IPC_W);
	h_xfer(SND, 0, 31, IPC_XFER_COPY, 0, 0); /* empty slot */
	H_EXPECT(ipc_send(T(SND), EP, MI(1, 0, 1), IPC_DEADLINE_NONE), IPC_OK);
	expect_outcomes(IPC_CAP_DROPPED, IPC_CAP_NONE, IPC_CAP_NONE);
}

/* The server answers a Call with a cap: only a caller whose cap had G gets it. */
static void reply_with_cap(uint32_t caller_rights, uint8_t want)
{
	h_cap(SND, EP, &W.ep[0].obj, IPC_R, 0);
	h_cap(SND, REPLY, &W.reply[0].obj, 0, 0);
	h_cap(SND, NTFN, &W.ntfn[0].obj, IPC_W, 0);
	h_cap(RCV, EP, &W.ep[0].obj, caller_rights, 0);
	h_recv_slots(RCV, 10, IPC_SLOT_NONE, IPC_SLOT_NONE);
	H_EXPECT(ipc_recv(T(SND), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(RCV), EP, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_xfer(SND, 0, NTFN, IPC_XFER_COPY, 0, 0);
	H_EXPECT(ipc_reply(T(SND), REPLY, MI(0, 0, 1)), IPC_OK);
	expect_outcomes(want, IPC_CAP_NONE, IPC_CAP_NONE);
	cr_assert_eq(ipc_cap_type(CS(RCV), 10), want == IPC_CAP_DELIVERED ? IPC_OBJ_NTFN : IPC_OBJ_NONE);
}

Test(caps, C3_caps_in_a_reply_need_G_on_the_callers_cap)
{
	reply_with_cap(IPC_W | IPC_G, IPC_CAP_DELIVERED);
}

Test(caps, C3_caps_in_a_reply_to_a_GR_only_caller_are_dropped)
{
	reply_with_cap(IPC_W | IPC_GR, IPC_CAP_DROPPED);
}

Test(caps, C4_copy_move_and_mint_in_one_message)
{
	xfer_world(IPC_W | IPC_G);
	h_xfer(SND, 0, NTFN, IPC_XFER_COPY, 0, 0);
	h_xfer(SND, 1, NTFN2, IPC_XFER_MOVE, 0, 0);
	h_xfer(SND, 2, EP2, IPC_XFER_MINT, IPC_W | IPC_G, 0x66);
	struct ipc_ret r = ipc_send(T(SND), EP, MI(1, 0, 3), IPC_DEADLINE_NONE);
	cr_assert_eq(r.err, IPC_OK);

	expect_outcomes(IPC_CAP_DELIVERED, IPC_CAP_DELIVERED, IPC_CAP_DELIVERED);
	cr_assert_eq(INFO(RCV)->cap_slot[0], 10);
	cr_assert_eq(INFO(RCV)->cap_slot[1], 11);
	cr_assert_eq(INFO(RCV)->cap_slot[2], 12);
	/* copy: both hold it, the copy is a child of the sender's cap */
	cr_assert_eq(ipc_cap_type(CS(SND), NTFN), IPC_OBJ_NTFN);
	cr_assert_eq(ipc_cap_object(CS(RCV), 10), &W.ntfn[0].obj);
	cr_assert_eq(ipc_cap_rights(CS(RCV), 10), IPC_R | IPC_W);
	cr_assert_eq(refs(&W.ntfn[0].obj), 2);
	/* move: the sender lost it */
	cr_assert_eq(ipc_cap_type(CS(SND), NTFN2), IPC_OBJ_NONE);
	cr_assert_eq(ipc_cap_object(CS(RCV), 11), &W.ntfn[1].obj);
	cr_assert_eq(ipc_cap_rights(CS(RCV), 11), IPC_R | IPC_W | IPC_G);
	cr_assert_eq(refs(&W.ntfn[1].obj), 1);
	/* mint: badged and diminished */
	cr_assert_eq(ipc_cap_object(CS(RCV), 12), &W.ep[1].obj);
	cr_assert_eq(ipc_cap_rights(CS(RCV), 12), IPC_W | IPC_G);
	cr_assert_eq(ipc_cap_badge(CS(RCV), 12), 0x66);
	cr_assert_eq(ipc_cap_badge(CS(SND), EP2), 0, "the source is not badged");

	H_EXPECT(ipc_cap_revoke(CS(SND), EP2), IPC_OK);
	cr_assert_eq(ipc_cap_type(CS(RCV), 12), IPC_OBJ_NONE, "the minted cap is a child");
}

Test(caps, C4_transfer_from_a_queued_sender_happens_at_rendezvous)
{
	h_cap(SND, EP, &W.ep[0].obj, IPC_W | IPC_G, 0);
	h_cap(SND, NTFN, &W.ntfn[0].obj, IPC_W, 0);
	h_cap(RCV, EP, &W.ep[0].obj, IPC_R, 0);
	h_xfer(SND, 0, NTFN, IPC_XFER_MOVE, 0, 0);
	H_EXPECT(ipc_send(T(SND), EP, MI(0, 0, 1), IPC_DEADLINE_NONE), IPC_BLOCKED);
	cr_assert_eq(ipc_cap_type(CS(SND), NTFN), IPC_OBJ_NTFN, "nothing moves before the rendezvous");
	h_recv_slots(RCV, 4, IPC_SLOT_NONE, IPC_SLOT_NONE);
	H_EXPECT(ipc_recv(T(RCV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
	expect_outcomes(IPC_CAP_DELIVERED, IPC_CAP_NONE, IPC_CAP_NONE);
	cr_assert_eq(ipc_cap_type(CS(SND), NTFN), IPC_OBJ_NONE);
	cr_assert_eq(ipc_cap_type(CS(RCV), 4), IPC_OBJ_NTFN);
}

Test(caps, C5_cap_to_the_carrying_endpoint_is_unwrapped_to_its_badge)
{
	xfer_world(IPC_W | IPC_G);
	/* A badged cap to ep[0] in the sender's CSpace, plus one other cap. */
	H_EXPECT(ipc_cap_mint(CS(SND), EP, CS(SND), 20, IPC_W, 0x99), IPC_OK);
	h_xfer(SND, 0, 20, IPC_XFER_COPY, 0, 0);
	h_xfer(SND, 1, EP, IPC_XFER_MINT, IPC_W, 0x42);
	h_xfer(SND, 2, NTFN, IPC_XFER_COPY, 0, 0);
	H_EXPECT(ipc_send(T(SND), EP, MI(1, 0, 3), IPC_DEADLINE_NONE), IPC_OK);

	expect_outcomes(IPC_CAP_UNWRAPPED, IPC_CAP_UNWRAPPED, IPC_CAP_DELIVERED);
	cr_assert_eq(INFO(RCV)->cap_badge[0], 0x99);
	cr_assert_eq(INFO(RCV)->cap_badge[1], 0x42, "a minted unwrap reports the minted badge");
	cr_assert_eq(INFO(RCV)->cap_slot[2], 10, "unwrapping consumes no receive slot");
	cr_assert_eq(ipc_cap_type(CS(RCV), 11), IPC_OBJ_NONE);
	cr_assert_eq(refs(&W.ep[0].obj), 3, "no new cap to the endpoint");
}

Test(caps, C6_three_caps_land_in_three_named_slots)
{
	xfer_world(IPC_W | IPC_G);
	h_recv_slots(RCV, 30, 3, 17);
	h_xfer(SND, 0, NTFN, IPC_XFER_COPY, 0, 0);
	h_xfer(SND, 1, NTFN2, IPC_XFER_COPY, 0, 0);
	h_xfer(SND, 2, EP2, IPC_XFER_COPY, 0, 0);
	H_EXPECT(ipc_send(T(SND), EP, MI(1, 0, 3), IPC_DEADLINE_NONE), IPC_OK);
	expect_outcomes(IPC_CAP_DELIVERED, IPC_CAP_DELIVERED, IPC_CAP_DELIVERED);
	cr_assert_eq(ipc_cap_object(CS(RCV), 30), &W.ntfn[0].obj);
	cr_assert_eq(ipc_cap_object(CS(RCV), 3), &W.ntfn[1].obj);
	cr_assert_eq(ipc_cap_object(CS(RCV), 17), &W.ep[1].obj);
}

Test(caps, C6_missing_or_occupied_slot_drops_only_that_cap)
{
	xfer_world(IPC_W | IPC_G);
	h_cap(RCV, 11, &W.ntfn[2].obj, IPC_R, 0); /* occupied */
	h_recv_slots(RCV, IPC_SLOT_NONE, 11, 12);
	h_xfer(SND, 0, NTFN, IPC_XFER_MOVE, 0, 0);
	h_xfer(SND, 1, NTFN2, IPC_XFER_MOVE, 0, 0);
	h_xfer(SND, 2, EP2, IPC_XFER_MOVE, 0, 0);
	H_EXPECT(ipc_send(T(SND), EP, MI(1, 0, 3), IPC_DEADLINE_NONE), IPC_OK);

	expect_outcomes(IPC_CAP_DROPPED, IPC_CAP_DROPPED, IPC_CAP_DELIVERED);
	cr_assert_eq(ipc_cap_object(CS(RCV), 11), &W.ntfn[2].obj, "the occupant is untouched");
	cr_assert_eq(ipc_cap_object(CS(RCV), 12), &W.ep[1].obj);
	cr_assert_eq(ipc_cap_type(CS(SND), NTFN), IPC_OBJ_NTFN, "a dropped MOVE leaves the cap");
	cr_assert_eq(ipc_cap_type(CS(SND), NTFN2), IPC_OBJ_NTFN);
	cr_assert_eq(ipc_cap_type(CS(SND), EP2), IPC_OBJ_NONE);
}

Test(caps, C6_receive_slot_outside_the_cspace_drops_the_cap)
{
	xfer_world(IPC_W | IPC_G);
	h_recv_slots(RCV, H_SLOTS, 10, IPC_SLOT_NONE);
	h_xfer(SND, 0, NTFN, IPC_XFER_COPY, 0, 0);
	h_xfer(SND, 1, NTFN2, IPC_XFER_COPY, 0, 0);
	H_EXPECT(ipc_send(T(SND), EP, MI(1, 0, 2), IPC_DEADLINE_NONE), IPC_OK);
	expect_outcomes(IPC_CAP_DROPPED, IPC_CAP_DELIVERED, IPC_CAP_NONE);
	cr_assert_eq(INFO(RCV)->cap_slot[1], 10);
}

Test(caps, C7_each_position_reports_delivered_unwrapped_or_dropped)
{
	xfer_world(IPC_W | IPC_G);
	h_recv_slots(RCV, 10, IPC_SLOT_NONE, IPC_SLOT_NONE);
	h_xfer(SND, 0, EP, IPC_XFER_COPY, 0, 0);   /* unwrapped, badge 0 */
	h_xfer(SND, 1, NTFN, IPC_XFER_COPY, 0, 0); /* slot 10 */
	h_xfer(SND, 2, EP2, IPC_XFER_COPY, 0, 0);  /* no slot left */
	H_EXPECT(ipc_send(T(SND), EP, MI(1, 0, 3), IPC_DEADLINE_NONE), IPC_OK);
	expect_outcomes(IPC_CAP_UNWRAPPED, IPC_CAP_DELIVERED, IPC_CAP_DROPPED);
	cr_assert_eq(INFO(RCV)->cap_badge[0], 0);
	cr_assert_eq(INFO(RCV)->cap_slot[1], 10);
	cr_assert_eq(INFO(RCV)->ncaps, 3);
}

Test(caps, C7_a_cap_gone_between_send_and_rendezvous_is_dropped)
{
	h_cap(SND, EP, &W.ep[0].obj, IPC_W | IPC_G, 0);
	h_cap(SND, NTFN, &W.ntfn[0].obj, IPC_W, 0);
	h_cap(SND, NTFN2, &W.ntfn[1].obj, IPC_W, 0);
	h_cap(RCV, EP, &W.ep[0].obj, IPC_R, 0);
	h_recv_slots(RCV, 10, 11, IPC_SLOT_NONE);
	h_xfer(SND, 0, NTFN, IPC_XFER_COPY, 0, 0);
	h_xfer(SND, 1, NTFN2, IPC_XFER_COPY, 0, 0);
	H_EXPECT(ipc_send(T(SND), EP, MI(0, 0, 2), IPC_DEADLINE_NONE), IPC_BLOCKED);
	/* The kernel deletes one of the caps while the sender waits. */
	H_EXPECT(ipc_cap_delete(CS(SND), NTFN), IPC_OK);
	H_EXPECT(ipc_recv(T(RCV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
	expect_outcomes(IPC_CAP_DROPPED, IPC_CAP_DELIVERED, IPC_CAP_NONE);
	cr_assert_eq(INFO(RCV)->cap_slot[1], 10, "a cap that needs no slot leaves it to the next");
	cr_assert_eq(ipc_cap_type(CS(RCV), 11), IPC_OBJ_NONE);
}

Test(caps, C8_reply_caps_cannot_be_transferred)
{
	xfer_world(IPC_W | IPC_G);
	h_cap(SND, REPLY, &W.reply[1].obj, 0, 0);
	h_xfer(SND, 0, NTFN, IPC_XFER_COPY, 0, 0);
	h_xfer(SND, 1, REPLY, IPC_XFER_MOVE, 0, 0);
	H_FAILS_CLEANLY(ipc_send(T(SND), EP, MI(1, 0, 2), IPC_DEADLINE_NONE), IPC_E_NOT_TRANSFERABLE);
	H_FAILS_CLEANLY(ipc_nbsend(T(SND), EP, MI(1, 0, 2)), IPC_E_NOT_TRANSFERABLE);
	cr_assert_eq(STATE(RCV), IPC_TS_BLOCKED_RECV);
	/* Within CSpaces a reply cap may still be copied. */
	H_EXPECT(ipc_cap_copy(CS(SND), REPLY, CS(SND), 20), IPC_OK);
	cr_assert_eq(ipc_cap_type(CS(SND), 20), IPC_OBJ_REPLY);
}

Test(caps, C8_reply_caps_cannot_travel_in_a_reply_either)
{
	h_cap(SND, EP, &W.ep[0].obj, IPC_R, 0);
	h_cap(SND, REPLY, &W.reply[0].obj, 0, 0);
	h_cap(SND, 9, &W.reply[1].obj, 0, 0);
	h_cap(RCV, EP, &W.ep[0].obj, IPC_W | IPC_G, 0);
	H_EXPECT(ipc_recv(T(SND), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(RCV), EP, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_xfer(SND, 0, 9, IPC_XFER_COPY, 0, 0);
	H_FAILS_CLEANLY(ipc_reply(T(SND), REPLY, MI(0, 0, 1)), IPC_E_NOT_TRANSFERABLE);
	H_FAILS_CLEANLY(ipc_reply_recv(T(SND), EP, REPLY, MI(0, 0, 1), 0), IPC_E_NOT_TRANSFERABLE);
	cr_assert_eq(STATE(RCV), IPC_TS_BLOCKED_REPLY);
}

Test(caps, C4_transfer_descriptor_errors_are_distinct_and_change_nothing)
{
	xfer_world(IPC_W | IPC_G);
	h_cap(SND, 20, &W.ntfn[2].obj, IPC_W, 8); /* badged */

	h_xfer(SND, 0, H_SLOTS, IPC_XFER_COPY, 0, 0);
	H_FAILS_CLEANLY(ipc_send(T(SND), EP, MI(1, 0, 1), 0), IPC_E_BAD_SLOT);
	h_xfer(SND, 0, 21, IPC_XFER_COPY, 0, 0);
	H_FAILS_CLEANLY(ipc_send(T(SND), EP, MI(1, 0, 1), 0), IPC_E_EMPTY_SLOT);
	h_xfer(SND, 0, NTFN, 3, 0, 0); /* no such mode */
	H_FAILS_CLEANLY(ipc_send(T(SND), EP, MI(1, 0, 1), 0), IPC_E_BAD_ARG);
	h_xfer(SND, 0, NTFN, IPC_XFER_MINT, 1u << 9, 0);
	H_FAILS_CLEANLY(ipc_send(T(SND), EP, MI(1, 0, 1), 0), IPC_E_BAD_ARG);
	h_xfer(SND, 0, 20, IPC_XFER_MINT, IPC_W, 9);
	H_FAILS_CLEANLY(ipc_send(T(SND), EP, MI(1, 0, 1), 0), IPC_E_ALREADY_BADGED);
	/* A bad third descriptor spoils the whole message: check before commit. */
	h_xfer(SND, 0, NTFN, IPC_XFER_MOVE, 0, 0);
	h_xfer(SND, 1, NTFN2, IPC_XFER_MOVE, 0, 0);
	h_xfer(SND, 2, 21, IPC_XFER_COPY, 0, 0);
	H_FAILS_CLEANLY(ipc_send(T(SND), EP, MI(1, 0, 3), 0), IPC_E_EMPTY_SLOT);
	cr_assert_eq(STATE(RCV), IPC_TS_BLOCKED_RECV);
}

Test(caps, C4_copy_then_move_of_the_same_cap_in_one_message)
{
	xfer_world(IPC_W | IPC_G);
	h_xfer(SND, 0, NTFN, IPC_XFER_COPY, 0, 0);
	h_xfer(SND, 1, NTFN, IPC_XFER_MOVE, 0, 0);
	h_xfer(SND, 2, NTFN, IPC_XFER_MOVE, 0, 0); /* gone by now: dropped */
	H_EXPECT(ipc_send(T(SND), EP, MI(1, 0, 3), IPC_DEADLINE_NONE), IPC_OK);
	expect_outcomes(IPC_CAP_DELIVERED, IPC_CAP_DELIVERED, IPC_CAP_DROPPED);
	cr_assert_eq(ipc_cap_type(CS(SND), NTFN), IPC_OBJ_NONE);
	cr_assert_eq(refs(&W.ntfn[0].obj), 2);
	/* The copy is a child of the moved cap, now in slot 11. */
	cr_assert_eq(CS(RCV)->slots[10].parent, &CS(RCV)->slots[11]);
	H_EXPECT(ipc_cap_revoke(CS(RCV), 11), IPC_OK);
	cr_assert_eq(ipc_cap_type(CS(RCV), 10), IPC_OBJ_NONE);
	cr_assert_eq(refs(&W.ntfn[0].obj), 1);
}

/* C2: revoke walks a deep chain with side branches in one pass and leaves
 * nothing derived behind, whatever the shape: every slot but the root is
 * empty afterwards and the object's reference count is back to one. */
Test(caps, C2_revoke_of_a_deep_branching_tree_removes_every_descendant)
{
	h_cap(0, 0, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	/* A chain 0 -> 1 -> ... -> 15 in thread 0's CSpace, and at every
	 * link a side child in thread 1's CSpace. */
	for (uint32_t i = 1; i < 16; i++) {
		cr_assert_eq(ipc_cap_copy(CS(0), i - 1, CS(0), i), IPC_OK);
		cr_assert_eq(ipc_cap_mint(CS(0), i - 1, CS(1), i, IPC_R, 0), IPC_OK);
	}
	cr_assert_eq(W.ep[0].obj.refs, 31);
	struct ipc_ret r = ipc_cap_revoke(CS(0), 0);
	cr_assert_eq(r.err, IPC_OK);
	cr_assert_eq(W.ep[0].obj.refs, 1);
	for (uint32_t i = 1; i < H_SLOTS; i++) {
		cr_assert_eq(ipc_cap_type(CS(0), i), IPC_OBJ_NONE, "slot %u of thread 0", i);
		cr_assert_eq(ipc_cap_type(CS(1), i), IPC_OBJ_NONE, "slot %u of thread 1", i);
	}
	cr_assert_eq(CS(0)->slots[0].child, NULL);
	cr_assert_eq(W.nunref, 0, "the root keeps the object alive");
}

/* ---- C9: revoke in bounded steps ----------------------------------------- */

/* A tree of 79 derived caps under thread 0's slot 0: a chain 0 -> 1 -> ...
 * -> 31 in thread 0's CSpace, at every link a side child in thread 1's
 * CSpace, and under each of those a grandchild in thread 2's (C1: each
 * with fewer rights further down). */
static uint32_t deep_tree(void)
{
	uint32_t n = 0;

	h_cap(0, 0, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	for (uint32_t i = 1; i < H_SLOTS; i++) {
		H_EXPECT(ipc_cap_copy(CS(0), i - 1, CS(0), i), IPC_OK);
		H_EXPECT(ipc_cap_mint(CS(0), i - 1, CS(1), i, IPC_R | IPC_W, 0), IPC_OK);
		n += 2;
		if (i % 2 == 0) {
			H_EXPECT(ipc_cap_mint(CS(1), i, CS(2), i, IPC_W, 0), IPC_OK);
			n++;
		}
	}
	return n;
}

static uint32_t caps_in_use(void)
{
	uint32_t n = 0;

	for (int t = 0; t < H_THREADS; t++)
		for (uint32_t s = 0; s < H_SLOTS; s++)
			n += ipc_cap_type(CS(t), s) != IPC_OBJ_NONE;
	return n;
}

/* Every cap has at most its parent's rights (C1), and names its parent's
 * object. */
static void expect_tree_sound(void)
{
	for (int t = 0; t < H_THREADS; t++)
		for (uint32_t s = 0; s < H_SLOTS; s++) {
			const struct ipc_cap *c = &CS(t)->slots[s];
			if (c->obj == NULL || c->parent == NULL)
				continue;
			cr_assert_eq(c->rights & ~c->parent->rights, 0, "C1 at T%d:%u", t, s);
			cr_assert_eq(c->obj, c->parent->obj);
			cr_assert_eq(c->parent->obj != NULL, true);
		}
}

Test(caps, C9_revoke_in_steps_ends_byte_identical_to_one_revoke)
{
	static const uint32_t maxes[] = {1, 2, 3, 7, 64, 1000};
	struct h_snapshot once;
	uint32_t n = deep_tree();

	H_EXPECT(ipc_cap_revoke(CS(0), 0), IPC_OK);
	h_snap(&once);
	for (unsigned k = 0; k < sizeof maxes / sizeof maxes[0]; k++) {
		h_reset();
		cr_assert_eq(deep_tree(), n);
		h_log_clear();
		bool done = false;
		uint32_t calls = 0;
		while (!done) {
			uint32_t before = caps_in_use();
			H_EXPECT(ipc_cap_revoke_some(CS(0), 0, maxes[k], &done), IPC_OK);
			calls++;
			cr_assert_leq(before - caps_in_use(), maxes[k], "at most max caps deleted a step");
			cr_assert_eq(done, CS(0)->slots[0].child == NULL,
			             "done says whether a derived cap is left");
			expect_tree_sound();
			cr_assert_leq(calls, 2 * n, "at most 2 units per derived cap (max %u)", maxes[k]);
		}
		cr_assert_geq(calls * maxes[k], n, "every cap deleted by a unit of its own");
		cr_assert(h_same(&once), "max %u: the steps end where one revoke ends", maxes[k]);
		h_expect_no_hooks();
	}
}

/* A chain 31 deep: every step of one unit makes progress (a unit deletes
 * or moves one cap; none walks the chain), and the whole takes at most two
 * units per cap. */
Test(caps, C9_a_deep_chain_costs_each_step_one_unit)
{
	h_cap(0, 0, &W.ep[0].obj, IPC_RIGHTS_ALL, 0);
	for (uint32_t i = 1; i < H_SLOTS; i++)
		H_EXPECT(ipc_cap_copy(CS(0), i - 1, CS(0), i), IPC_OK);
	bool done = false;
	uint32_t calls = 0, deleted = 0;
	while (!done) {
		struct h_snapshot before;
		uint32_t in_use = caps_in_use();
		h_snap(&before);
		H_EXPECT(ipc_cap_revoke_some(CS(0), 0, 1, &done), IPC_OK);
		cr_assert(!h_same(&before), "step %u made no progress", calls);
		deleted += in_use - caps_in_use();
		calls++;
	}
	cr_assert_eq(deleted, H_SLOTS - 1);
	cr_assert_leq(calls, 2 * (H_SLOTS - 1));
	cr_assert_eq(W.ep[0].obj.refs, 1);
}

/* Between steps the caps left work as before, rights never grow (C1), and a
 * cap moved up is outside the subtree of the cap it came from. */
Test(caps, C9_between_steps_caps_work_and_a_moved_cap_is_the_revoked_cap_s_child)
{
	chain(); /* T0 -> T1 -> T2 -> T3 (badge 7) -> T4 -> T5, all slot 1 */
	bool done = true;
	H_EXPECT(ipc_cap_revoke_some(CS(0), 1, 1, &done), IPC_OK);
	cr_assert(!done);
	cr_assert_eq(CS(2)->slots[1].parent, &CS(0)->slots[1], "T2 moved up under the revoked cap");
	cr_assert_eq(ipc_cap_rights(CS(2), 1), IPC_R | IPC_W | IPC_G, "rights unchanged");
	expect_tree_sound();
	/* T1's revoke no longer reaches T2's subtree; T2's own still does. */
	H_EXPECT(ipc_cap_revoke(CS(1), 1), IPC_OK);
	expect_present(2, 5, true);
	h_cap(0, 2, &W.ep[0].obj, IPC_R, 0);
	H_EXPECT(ipc_recv(T(0), 2, IPC_SLOT_NONE, 0), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(5), 1, MI(3, 0, 0), 0), IPC_OK); /* T5's cap works */
	cr_assert_eq(INFO(0)->badge, 7);
	while (!done)
		H_EXPECT(ipc_cap_revoke_some(CS(0), 1, 2, &done), IPC_OK);
	expect_present(1, 5, false);
	cr_assert_eq(W.ep[0].obj.refs, 2, "the root and slot 2");
}

Test(caps, C9_a_failed_step_changes_nothing)
{
	chain();
	bool done = true;
	H_FAILS_CLEANLY(ipc_cap_revoke_some(CS(0), 1, 0, &done), IPC_E_BAD_ARG);
	H_FAILS_CLEANLY(ipc_cap_revoke_some(CS(0), 1, 1, NULL), IPC_E_BAD_ARG);
	H_FAILS_CLEANLY(ipc_cap_revoke_some(CS(0), H_SLOTS, 1, &done), IPC_E_BAD_SLOT);
	H_FAILS_CLEANLY(ipc_cap_revoke_some(CS(0), 2, 1, &done), IPC_E_EMPTY_SLOT);
	cr_assert(done, "*done untouched");
	H_EXPECT(ipc_cap_revoke_some(CS(5), 1, 1, &done), IPC_OK);
	cr_assert(done, "a cap without children is done at once");
	expect_present(0, 5, true);
}
