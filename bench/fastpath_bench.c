/*
 * fastpath_bench: what each libipc fast-path primitive (<ipc/fastpath.h>)
 * costs, in instructions, beside the slow operation it stands in for: the
 * part of an embedder's own Call / ReplyRecv fast path that is spent inside
 * libipc. Run under callgrind by tools/fastpath_bench.py, which prints the
 * table; each measured step is bracketed by callgrind client requests and
 * dumped under its own name, so set-up is never counted, and a first,
 * unreported pass runs every scenario once so that no lazy symbol binding is
 * counted. The primitives are inline: what is counted is the code the
 * compiler made of them between the two requests (gcc -O2 here, the
 * embedder's compiler there). Outside valgrind the program only checks that
 * the fast and the slow operations accept the same cases and end in the same
 * state (exit status 1 if not).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/callgrind.h>

#include <ipc/fastpath.h>

#include "bench_host.h"

enum { CLIENT, SERVER, NTHREADS };
enum { SLOT_EP, SLOT_REPLY, SLOT_NTFN, NSLOTS };

static struct ipc_endpoint ep;
static struct ipc_reply reply;
static struct ipc_ntfn ntfn;
static struct ipc_thread threads[NTHREADS];
static struct ipc_cspace spaces[NTHREADS];
static struct ipc_cap slots[NTHREADS][NSLOTS];
static struct ipc_buffer bufs[NTHREADS];
const char bench_name[] = "fastpath_bench";
static bool warming_up; /* the first pass resolves lazy bindings; not reported */

static void measure_begin(void)
{
	CALLGRIND_ZERO_STATS;
	CALLGRIND_TOGGLE_COLLECT;
}
static void measure_end(const char *name)
{
	char label[96];

	CALLGRIND_TOGGLE_COLLECT;
	snprintf(label, sizeof(label), "%s%s", warming_up ? "warmup:" : "", name);
	CALLGRIND_DUMP_STATS_AT(label);
}

static struct ipc_thread *const client = &threads[CLIENT], *const server = &threads[SERVER];
static const struct ipc_msginfo msg0 = {1, 0, 0}, msg4 = {1, 4, 0};

/* The bench kernel's set-up: a client Calls (or Sends to) a higher-priority
 * server that waits in Recv on the endpoint with its reply object, or
 * Signals a notification the server Waits on. */
static void world_for(bool wait)
{
	memset(threads, 0, sizeof(threads));
	memset(slots, 0, sizeof(slots));
	ipc_ep_init(&ep);
	ipc_reply_init(&reply);
	ipc_ntfn_init(&ntfn);
	for (int i = 0; i < NTHREADS; i++) {
		ipc_cspace_init(&spaces[i], slots[i], NSLOTS);
		ipc_thread_init(&threads[i], &spaces[i], &bufs[i], i == SERVER ? 120 : 100);
	}
	bench_expect(ipc_cap_install(&spaces[SERVER], SLOT_EP, &ep.obj, IPC_R, 0) == IPC_OK,
	             "install server ep");
	bench_expect(ipc_cap_install(&spaces[SERVER], SLOT_REPLY, &reply.obj, 0, 0) == IPC_OK,
	             "install reply");
	bench_expect(ipc_cap_install(&spaces[CLIENT], SLOT_EP, &ep.obj, IPC_W | IPC_G, 0x51) == IPC_OK,
	             "install client ep");
	bench_expect(ipc_cap_install(&spaces[SERVER], SLOT_NTFN, &ntfn.obj, IPC_R, 0) == IPC_OK,
	             "install ntfn");
	bench_expect(ipc_cap_install(&spaces[CLIENT], SLOT_NTFN, &ntfn.obj, IPC_W, 0x8) == IPC_OK,
	             "install ntfn");
	if (wait)
		bench_expect(ipc_wait(server, SLOT_NTFN, IPC_DEADLINE_NONE).err == IPC_BLOCKED,
		             "server waits");
	else
		bench_expect(ipc_recv(server, SLOT_EP, SLOT_REPLY, IPC_DEADLINE_NONE).err == IPC_BLOCKED,
		             "server receives");
}

static void world(void)
{
	world_for(false);
}

/* The world after a Call: the server holds the caller in its reply object. */
static void world_called(void)
{
	world();
	bench_expect(ipc_call(client, SLOT_EP, msg0, IPC_DEADLINE_NONE).err == IPC_BLOCKED, "client calls");
}

static void call(struct ipc_msginfo mi, const char *check, const char *commit)
{
	struct ipc_fast_call fc = {0};
	bool ok;

	world();
	measure_begin();
	ok = ipc_fast_call_check(client, SLOT_EP, mi, IPC_MSG_MAX_WORDS, &fc);
	measure_end(check);
	bench_expect(ok, "the fast Call accepts");
	measure_begin();
	ipc_fast_call_commit(client, &fc, mi, IPC_DEADLINE_NONE);
	measure_end(commit);
	bench_expect(client->state == IPC_TS_BLOCKED_REPLY && server->state == IPC_TS_RUNNABLE &&
	                 reply.caller == client && ipc_thread_recv_info(server)->kind == IPC_EV_CALL,
	             "the fast Call delivered and linked the reply");
}

static void copy_words(void)
{
	world();
	measure_begin();
	ipc_fast_copy_words(server, client, 4);
	measure_end("ipc_fast_copy_words, 4 words");
}

static void slow_call(void)
{
	struct ipc_ret r;

	world();
	measure_begin();
	r = ipc_call(client, SLOT_EP, msg0, IPC_DEADLINE_NONE);
	measure_end("(slow) ipc_call, 0 words, hooks empty");
	bench_expect(r.err == IPC_BLOCKED && r.next == server, "the slow Call hands off to the server");
}

static void reply_recv(void)
{
	struct ipc_fast_reply_recv f = {0};
	bool ok;

	world_called();
	measure_begin();
	ok = ipc_fast_reply_recv_check(server, SLOT_EP, SLOT_REPLY, msg0, IPC_MSG_MAX_WORDS, &f);
	measure_end("ipc_fast_reply_recv_check, 0 words");
	bench_expect(ok, "the fast ReplyRecv accepts");
	measure_begin();
	ipc_fast_reply_recv_commit(server, &f, msg0, IPC_DEADLINE_NONE);
	measure_end("ipc_fast_reply_recv_commit");
	bench_expect(client->state == IPC_TS_RUNNABLE && server->state == IPC_TS_BLOCKED_RECV &&
	                 reply.armed && ipc_thread_recv_info(client)->kind == IPC_EV_REPLY,
	             "the fast ReplyRecv answered and re-armed");
}

static void slow_reply_recv(void)
{
	struct ipc_ret r;

	world_called();
	measure_begin();
	r = ipc_reply_recv(server, SLOT_EP, SLOT_REPLY, msg0, IPC_DEADLINE_NONE);
	measure_end("(slow) ipc_reply_recv, 0 words, hooks empty");
	bench_expect(r.err == IPC_BLOCKED && r.next == client, "the slow ReplyRecv hands off to the client");
}

static void send(void)
{
	struct ipc_fast_send fs = {0};
	bool ok;

	world();
	measure_begin();
	ok = ipc_fast_send_check(client, SLOT_EP, msg0, IPC_MSG_MAX_WORDS, &fs);
	measure_end("ipc_fast_send_check, 0 words");
	bench_expect(ok, "the fast Send accepts");
	measure_begin();
	ipc_fast_send_commit(client, &fs, msg0);
	measure_end("ipc_fast_send_commit");
	bench_expect(client->state == IPC_TS_RUNNABLE && server->state == IPC_TS_RUNNABLE && !reply.armed &&
	                 ipc_thread_recv_info(server)->kind == IPC_EV_SEND,
	             "the fast Send delivered");
}

static void signal_waiter(void)
{
	struct ipc_fast_signal fs = {0};
	bool ok;

	world_for(true);
	measure_begin();
	ok = ipc_fast_signal_check(client, SLOT_NTFN, &fs);
	measure_end("ipc_fast_signal_check");
	bench_expect(ok, "the fast Signal accepts");
	measure_begin();
	ipc_fast_signal_commit(&fs);
	measure_end("ipc_fast_signal_commit");
	bench_expect(server->state == IPC_TS_RUNNABLE &&
	                 ipc_thread_recv_info(server)->kind == IPC_EV_NOTIFY &&
	                 ipc_thread_recv_info(server)->badge == 0x8,
	             "the fast Signal woke the waiter");
}

static void slow_send_signal(void)
{
	struct ipc_ret r;

	world();
	measure_begin();
	r = ipc_send(client, SLOT_EP, msg0, IPC_DEADLINE_NONE);
	measure_end("(slow) ipc_send, 0 words, hooks empty");
	bench_expect(r.err == IPC_OK && r.next == server, "the slow Send names the server");
	world_for(true);
	measure_begin();
	r = ipc_signal(client, SLOT_NTFN);
	measure_end("(slow) ipc_signal, hooks empty");
	bench_expect(r.err == IPC_OK && r.next == server, "the slow Signal names the waiter");
}

/* What the brackets themselves count: subtract it from the figures. */
static void nothing(void)
{
	measure_begin();
	measure_end("(nothing: the brackets' own cost)");
}

int main(void)
{
	for (int pass = 0; pass < 2; pass++) {
		warming_up = pass == 0;
		nothing();
		call(msg0, "ipc_fast_call_check, 0 words", "ipc_fast_call_commit, 0 words");
		call(msg4, "ipc_fast_call_check, 4 words", "ipc_fast_call_commit, 4 words");
		copy_words();
		slow_call();
		reply_recv();
		slow_reply_recv();
		send();
		signal_waiter();
		slow_send_signal();
	}
	return bench_finish();
}
