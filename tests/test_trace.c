/*
 * libipc's trace points (<ipc/trace.h>), recorded by the harness over libipc
 * built with IPC_TRACE: each scenario must produce exactly the listed
 * events, in order, with the threads, objects, labels, badges, lengths, cap
 * counts and statuses the operations had. The first is the badge server's
 * exchange (a client registers, gets a minted badge in the reply, then calls
 * with it), the picture the README shows.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

TestSuite(trace, .init = h_reset);

enum { SRV = 0, CLI = 1, EP = 1, REPLY = 2, BADGED = 5 };
#define EV(k, s, d, o, l, b, len, nc, st) ((struct h_tev){(k), (s), (d), (o), (l), (b), (len), (nc), (st)})

static void badge_server_setup(void)
{
	h_cap(SRV, EP, &W.ep[0].obj, IPC_R | IPC_W | IPC_G, 0);
	h_cap(SRV, REPLY, &W.reply[0].obj, 0, 0);
	h_cap(CLI, EP, &W.ep[0].obj, IPC_W | IPC_G, 0);
	h_recv_slots(CLI, BADGED, IPC_SLOT_NONE, IPC_SLOT_NONE);
}

Test(trace, badge_server_exchange_is_traced_exactly)
{
	const void *ep = &W.ep[0];

	badge_server_setup();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	/* Register on the unbadged cap; the server mints badge 0x51 into the reply. */
	H_EXPECT(ipc_call(T(CLI), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_xfer(SRV, 0, EP, IPC_XFER_MINT, IPC_W | IPC_G, 0x51);
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 0, 1), IPC_DEADLINE_NONE), IPC_BLOCKED);
	/* A request on the badged cap, answered with two words. */
	B(CLI)->words[0] = 42;
	H_EXPECT(ipc_call(T(CLI), BADGED, MI(2, 1, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 2, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);

	h_expect_trace(EV(IPC_TR_RECV, SRV, -1, ep, 0, 0, 0, 0, IPC_BLOCKED),
	               EV(IPC_TR_CALL, CLI, SRV, ep, 1, 0, 0, 0, IPC_OK),
	               EV(IPC_TR_REPLY, SRV, CLI, NULL, 0, 0, 0, 1, IPC_OK),
	               EV(IPC_TR_CAP, SRV, CLI, NULL, 0, 0x51, 0, 0, IPC_CAP_DELIVERED),
	               EV(IPC_TR_RECV, SRV, -1, ep, 0, 0, 0, 0, IPC_BLOCKED),
	               EV(IPC_TR_CALL, CLI, SRV, ep, 2, 0x51, 1, 0, IPC_OK),
	               EV(IPC_TR_REPLY, SRV, CLI, NULL, 0, 0, 2, 0, IPC_OK),
	               EV(IPC_TR_RECV, SRV, -1, ep, 0, 0, 0, 0, IPC_BLOCKED));
	cr_assert_eq(ipc_cap_badge(CS(CLI), BADGED), 0x51);
}

Test(trace, a_call_that_queues_is_traced_when_taken)
{
	const void *ep = &W.ep[0];

	badge_server_setup();
	H_EXPECT(ipc_call(T(CLI), EP, MI(9, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_OK);
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(3, 0, 0)), IPC_OK);
	/* The same reply object again: nobody to answer, and the reply fails
	 * before it changes anything, so no event. */
	H_EXPECT(ipc_reply(T(SRV), REPLY, MI(3, 0, 0)), IPC_E_NO_CALLER);
	h_expect_trace(EV(IPC_TR_QUEUE, CLI, -1, ep, 9, 0, 0, 0, IPC_BLOCKED),
	               EV(IPC_TR_CALL, CLI, SRV, ep, 9, 0, 0, 0, IPC_OK),
	               EV(IPC_TR_REPLY, SRV, CLI, NULL, 3, 0, 0, 0, IPC_OK));
}

Test(trace, signals_waits_and_coalesced_words)
{
	const void *n = &W.ntfn[0];

	h_cap(SRV, 1, &W.ntfn[0].obj, IPC_R, 0);
	h_cap(CLI, 1, &W.ntfn[0].obj, IPC_W, 0x4);
	h_cap(2, 1, &W.ntfn[0].obj, IPC_W, 0x10);
	H_EXPECT(ipc_wait(T(SRV), 1, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_signal(T(CLI), 1), IPC_OK); /* wakes the waiter */
	H_EXPECT(ipc_signal(T(CLI), 1), IPC_OK); /* nobody waits: coalesced */
	H_EXPECT(ipc_signal(T(2), 1), IPC_OK);
	H_EXPECT(ipc_wait(T(SRV), 1, IPC_DEADLINE_NONE), IPC_OK);
	h_expect_trace(EV(IPC_TR_WAIT, SRV, -1, n, 0, 0, 0, 0, IPC_BLOCKED),
	               EV(IPC_TR_SIGNAL, CLI, SRV, n, 0, 0x4, 0, 0, IPC_OK),
	               EV(IPC_TR_SIGNAL, CLI, -1, n, 0, 0x4, 0, 0, IPC_OK),
	               EV(IPC_TR_SIGNAL, 2, -1, n, 0, 0x10, 0, 0, IPC_OK),
	               EV(IPC_TR_WAIT, SRV, -1, n, 0, 0x14, 0, 0, IPC_OK));
}

Test(trace, deadline_expiry_destroy_and_fault)
{
	const void *ep = &W.ep[0];
	struct ipc_fault f = {IPC_FAULT_DATA_ABORT, {0x10, 0x96, 0x400, 0}};

	badge_server_setup();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, 100), IPC_BLOCKED);
	cr_assert_eq(h_timer_tick(100), 1);
	/* The client faults; its handler endpoint is EP. */
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_thread_fault(T(CLI), EP, &f), IPC_BLOCKED);
	/* The server dies owing the reply; then the endpoint goes with its
	 * last caps while thread 2 waits to send on it. */
	(void)ipc_thread_destroy(T(SRV));
	h_cap(2, 1, &W.ep[0].obj, IPC_W, 0x7);
	H_EXPECT(ipc_send(T(2), 1, MI(5, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_cap_delete(CS(SRV), EP), IPC_OK);
	H_EXPECT(ipc_cap_delete(CS(CLI), EP), IPC_OK);
	H_EXPECT(ipc_cap_delete(CS(2), 1), IPC_OK);
	h_expect_trace(EV(IPC_TR_RECV, SRV, -1, ep, 0, 0, 0, 0, IPC_BLOCKED),
	               EV(IPC_TR_TIMEOUT, SRV, -1, ep, 0, 0, 0, 0, IPC_E_TIMED_OUT),
	               EV(IPC_TR_RECV, SRV, -1, ep, 0, 0, 0, 0, IPC_BLOCKED),
	               EV(IPC_TR_FAULT, CLI, SRV, ep, IPC_FAULT_DATA_ABORT, 0, IPC_FAULT_WORDS, 0, IPC_OK),
	               EV(IPC_TR_ABORT, CLI, -1, &W.reply[0], 0, 0, 0, 0, IPC_E_PEER_GONE),
	               EV(IPC_TR_DESTROY, SRV, -1, NULL, 0, 0, 0, 0, IPC_OK),
	               EV(IPC_TR_QUEUE, 2, -1, ep, 5, 0x7, 0, 0, IPC_BLOCKED),
	               EV(IPC_TR_DESTROY, -1, -1, ep, IPC_OBJ_ENDPOINT, 0, 0, 0, IPC_OK),
	               EV(IPC_TR_ABORT, 2, -1, ep, 0, 0, 0, 0, IPC_E_OBJECT_GONE));
}

Test(trace, failed_operations_emit_nothing)
{
	badge_server_setup();
	H_FAILS_CLEANLY(ipc_call(T(CLI), 7, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_E_EMPTY_SLOT);
	H_FAILS_CLEANLY(ipc_nbsend(T(CLI), EP, MI(1, 0, 0)), IPC_E_NO_RECEIVER);
	H_FAILS_CLEANLY(ipc_nbrecv(T(SRV), EP, REPLY), IPC_E_NOTHING);
	cr_assert_eq(HT.n, 0, "a failed operation emitted %d events", HT.n);
}

/* The harness writes the trace file format tools/trace.py reads. With
 * IPC_TRACE_FILE set the file stays there (tests/trace_tools.py reads it). */
Test(trace, the_harness_writes_a_trace_file)
{
	static const char *const names[H_THREADS] = {"server", "client"};
	const char *keep = getenv("IPC_TRACE_FILE");
	struct ipc_trace_header h;
	struct ipc_trace_event e;
	char path[] = "/tmp/test_trace_XXXXXX";
	int fd = mkstemp(path);
	FILE *f;

	cr_assert_geq(fd, 0);
	badge_server_setup();
	H_EXPECT(ipc_recv(T(SRV), EP, REPLY, IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(CLI), EP, MI(1, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_xfer(SRV, 0, EP, IPC_XFER_MINT, IPC_W | IPC_G, 0x51);
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 0, 1), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_call(T(CLI), BADGED, MI(2, 1, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	H_EXPECT(ipc_reply_recv(T(SRV), EP, REPLY, MI(0, 2, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_trace_write(path, names);
	f = fdopen(fd, "rb");
	cr_assert_eq(fread(&h, sizeof(h), 1, f), 1);
	cr_assert_eq(memcmp(h.magic, IPC_TRACE_MAGIC, 8), 0);
	cr_assert_eq(h.event_size, 64);
	cr_assert_eq(h.count, 1 + H_THREADS + 8);
	cr_assert_eq(h.dropped, 0);
	for (unsigned k = 0; k < 3 + H_THREADS; k++)
		cr_assert_eq(fread(&e, sizeof(e), 1, f), 1);
	cr_assert_eq(e.kind, IPC_TR_CALL);
	cr_assert_eq(e.src, CLI + 1);
	cr_assert_eq(e.obj, 0x1001, "endpoint 0 is ep1 in the file");
	fclose(f);
	if (keep != NULL)
		h_trace_write(keep, names);
	remove(path);
}
