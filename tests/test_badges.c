/*
 * SEMANTICS "Badges" (B1-B3), at the level of single operations: the
 * receiver gets the badge of the cap the sender invoked (0 when unbadged),
 * in both rendezvous orders and for Call; a badge is set once by mint on an
 * unbadged endpoint or notification cap and re-badging fails cleanly; many
 * queued senders with distinct badges are each received with their own.
 * The end-to-end badge server lives in test_b3_badge_server.c.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(badges, .init = h_reset);

enum { EP = 1, REPLY = 2, MINTED = 3, NTFN = 4, FRAME = 5, SRV = 0 };

static void server(void)
{
	h_cap(SRV, EP, &W.ep[0].obj, IPC_R | IPC_W | IPC_G, 0);
	h_cap(SRV, REPLY, &W.reply[0].obj, 0, 0);
}

Test(badges, B1_receiver_gets_badge_of_the_invoked_cap_or_0)
{
	server();
	h_cap(1, EP, &W.ep[0].obj, IPC_W, 0xABCDEF0123ull);
	h_cap(1, 6, &W.ep[0].obj, IPC_W, 0); /* same thread, unbadged cap */

	H_EXPECT(ipc_send(T(1), EP, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(SRV)->badge, 0xABCDEF0123ull);

	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_send(T(1), 6, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	cr_assert_eq(INFO(SRV)->badge, 0, "B1: unbadged cap, badge 0");
}

Test(badges, B1_call_delivers_the_callers_badge_receiver_first)
{
	server();
	h_cap(1, EP, &W.ep[0].obj, IPC_W | IPC_G, 77);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(1), EP, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	cr_assert_eq(INFO(SRV)->kind, IPC_EV_CALL);
	cr_assert_eq(INFO(SRV)->badge, 77);
}

Test(badges, B2_mint_sets_a_badge_on_an_unbadged_cap)
{
	server();
	H_EXPECT(ipc_cap_mint(CS(SRV), EP, CS(1), EP, IPC_W | IPC_G, 5), IPC_OK);
	cr_assert_eq(ipc_cap_badge(CS(1), EP), 5);
	cr_assert_eq(ipc_cap_rights(CS(1), EP), IPC_W | IPC_G);
	cr_assert_eq(ipc_cap_badge(CS(SRV), EP), 0, "the source keeps no badge");

	/* Mint with badge 0 keeps the badge: a diminished copy, still 5. */
	H_EXPECT(ipc_cap_mint(CS(1), EP, CS(2), EP, IPC_W, 0), IPC_OK);
	cr_assert_eq(ipc_cap_badge(CS(2), EP), 5);
	cr_assert_eq(ipc_cap_rights(CS(2), EP), IPC_W);
}

Test(badges, B2_rebadging_a_badged_cap_is_an_error)
{
	server();
	H_EXPECT(ipc_cap_mint(CS(SRV), EP, CS(1), EP, IPC_W, 5), IPC_OK);
	H_FAILS_CLEANLY(ipc_cap_mint(CS(1), EP, CS(1), MINTED, IPC_W, 6), IPC_E_ALREADY_BADGED);
	H_FAILS_CLEANLY(ipc_cap_mint(CS(1), EP, CS(1), MINTED, IPC_W, 5), IPC_E_ALREADY_BADGED);
	/* Installed badged root caps count as badged too. */
	h_cap(2, NTFN, &W.ntfn[0].obj, IPC_W, 1);
	H_FAILS_CLEANLY(ipc_cap_mint(CS(2), NTFN, CS(2), MINTED, IPC_W, 2), IPC_E_ALREADY_BADGED);
	cr_assert_eq(ipc_cap_type(CS(1), MINTED), IPC_OBJ_NONE);
}

Test(badges, B2_rebadging_in_a_transfer_is_an_error)
{
	server();
	h_cap(1, EP, &W.ep[0].obj, IPC_W | IPC_G, 0);
	h_cap(1, NTFN, &W.ntfn[0].obj, IPC_W, 3);
	H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_xfer(1, 0, NTFN, IPC_XFER_MINT, IPC_W, 4);
	H_FAILS_CLEANLY(ipc_send(T(1), EP, MI(0, 0, 1), IPC_DEADLINE_NONE), IPC_E_ALREADY_BADGED);
}

Test(badges, B2_badges_only_on_endpoints_and_notifications)
{
	struct ipc_object frame;

	server();
	ipc_object_init(&frame, IPC_OBJ_EMBEDDER + 1);
	h_cap(SRV, FRAME, &frame, IPC_R | IPC_W, 0);
	H_FAILS_CLEANLY(ipc_cap_mint(CS(SRV), REPLY, CS(1), MINTED, IPC_RIGHTS_ALL, 9), IPC_E_WRONG_TYPE);
	H_FAILS_CLEANLY(ipc_cap_mint(CS(SRV), FRAME, CS(1), MINTED, IPC_RIGHTS_ALL, 9), IPC_E_WRONG_TYPE);
	/* Rights-only mint of an embedder cap is fine. */
	H_EXPECT(ipc_cap_mint(CS(SRV), FRAME, CS(1), MINTED, IPC_R, 0), IPC_OK);
	cr_assert_eq(ipc_cap_rights(CS(1), MINTED), IPC_R);
	cr_assert_eq(ipc_cap_object(CS(1), MINTED), &frame);
	cr_assert_eq(frame.refs, 2);
}

Test(badges, B3_many_queued_senders_each_received_with_their_badge)
{
	static const uint64_t badge[] = {0x11, 0x2200, 0x330000, 0x44000000, 0x5500000000};
	const int n = (int)(sizeof(badge) / sizeof(badge[0]));

	server();
	for (int i = 0; i < n; i++) {
		H_EXPECT(ipc_cap_mint(CS(SRV), EP, CS(i + 1), EP, IPC_W, badge[i]), IPC_OK);
		B(i + 1)->words[0] = 1000u + (unsigned)i;
		H_EXPECT(ipc_send(T(i + 1), EP, MI(0, 1, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	}
	h_expect_queue(&W.ep[0].queue, 1, 2, 3, 4, 5);
	for (int i = 0; i < n; i++) {
		H_EXPECT(ipc_recv(T(SRV), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
		cr_assert_eq(INFO(SRV)->badge, badge[i], "B3: sender %d", i + 1);
		cr_assert_eq(B(SRV)->words[0], 1000u + (unsigned)i, "the badge matches its message");
	}
	h_expect_woken(1, 2, 3, 4, 5);
}
