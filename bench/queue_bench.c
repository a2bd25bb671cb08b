/*
 * queue_bench: what one libipc operation costs, in instructions, with 1 and
 * with 1000 threads already waiting on the same queue (docs/semantics.md
 * Q1). Run under callgrind by tools/queue_bench.py, which prints the table:
 * each measured operation is bracketed by callgrind client requests and
 * dumped under its own name, so set-up is never counted; a first, unreported
 * pass runs every scenario once so that no lazy symbol binding is counted. Outside valgrind
 * the requests do nothing and the program only checks that every scenario
 * ends in the queue order Q1 demands (exit status 1 if not).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/callgrind.h>

#include <ipc/ipc.h>

#include "bench_host.h"

#define MAX_WAITERS 1000
#define NTHREADS (MAX_WAITERS + 2)
#define PRIO_TESTED 200 /* the thread whose operation is measured */

static struct ipc_endpoint ep;
static struct ipc_ntfn ntfn;
static struct ipc_thread threads[NTHREADS];
static struct ipc_cspace spaces[NTHREADS];
static struct ipc_cap slots[NTHREADS][2];
static struct ipc_buffer bufs[2]; /* waiters never read theirs: they share one */
const char bench_name[] = "queue_bench";
static bool warming_up; /* the first pass resolves lazy bindings; not reported */

/* A fresh world: thread i has cap 0 to the endpoint (R|W|G) and cap 1 to
 * the notification (R|W). Thread 0 is measured, 1.. wait. */
static void world(void)
{
	memset(threads, 0, sizeof(threads));
	memset(slots, 0, sizeof(slots));
	ipc_ep_init(&ep);
	ipc_ntfn_init(&ntfn);
	for (int i = 0; i < NTHREADS; i++) {
		ipc_cspace_init(&spaces[i], slots[i], 2);
		ipc_thread_init(&threads[i], &spaces[i], &bufs[i == 0 ? 0 : 1], i == 0 ? PRIO_TESTED : 100);
		bench_expect(ipc_cap_install(&spaces[i], 0, &ep.obj, IPC_R | IPC_W | IPC_G, 0) == IPC_OK,
		             "install ep");
		bench_expect(ipc_cap_install(&spaces[i], 1, &ntfn.obj, IPC_R | IPC_W, 0) == IPC_OK,
		             "install ntfn");
	}
}

static const struct ipc_msginfo empty_msg = {0, 0, 0};

/* Waiter i (1..n) blocks sending on the endpoint with priority prio(i). */
static void queue_senders(int n, int (*prio)(int))
{
	for (int i = 1; i <= n; i++) {
		ipc_thread_set_prio(&threads[i], (uint8_t)prio(i));
		bench_expect(ipc_send(&threads[i], 0, empty_msg, IPC_DEADLINE_NONE).err == IPC_BLOCKED,
		             "sender queues");
	}
}

static int prio_equal(int i)
{
	(void)i;
	return PRIO_TESTED;
}
static int prio_lower(int i)
{
	(void)i;
	return 100;
}
/* 199 distinct priorities below PRIO_TESTED, repeating. */
static int prio_spread(int i)
{
	return 1 + (i % (PRIO_TESTED - 1));
}

static void measure_begin(void)
{
	CALLGRIND_ZERO_STATS;
	CALLGRIND_TOGGLE_COLLECT;
}
static void measure_end(const char *name, int n)
{
	char label[96];

	CALLGRIND_TOGGLE_COLLECT;
	snprintf(label, sizeof(label), "%s%s/%d", warming_up ? "warmup:" : "", name, n);
	CALLGRIND_DUMP_STATS_AT(label);
}

static struct ipc_thread *head(void)
{
	return ep.queue.head;
}

static void send_behind_equals(int n)
{
	world();
	queue_senders(n, prio_equal);
	measure_begin();
	struct ipc_ret r = ipc_send(&threads[0], 0, empty_msg, IPC_DEADLINE_NONE);
	measure_end("send_fifo_behind_equal_prio", n);
	bench_expect(r.err == IPC_BLOCKED && ep.queue.tail == &threads[0], "FIFO: the new sender is last");
}

static void send_ahead(int n, int (*prio)(int), const char *name)
{
	world();
	queue_senders(n, prio);
	measure_begin();
	struct ipc_ret r = ipc_send(&threads[0], 0, empty_msg, IPC_DEADLINE_NONE);
	measure_end(name, n);
	bench_expect(r.err == IPC_BLOCKED && head() == &threads[0],
	             "Q1: the higher-priority sender is first");
}

/* The worst case: the new sender's priority lies amid 199 waiting bands,
 * as far from the lowest as from the highest. */
static void send_amid_bands(int n)
{
	world();
	queue_senders(n, prio_spread);
	ipc_thread_set_prio(&threads[0], PRIO_TESTED / 2);
	measure_begin();
	struct ipc_ret r = ipc_send(&threads[0], 0, empty_msg, IPC_DEADLINE_NONE);
	measure_end("send_amid_199_bands", n);
	struct ipc_thread *t = &threads[0];
	bench_expect(r.err == IPC_BLOCKED && (t->qprev == NULL || t->qprev->prio >= t->prio) &&
	                 (t->qnext == NULL || t->qnext->prio < t->prio),
	             "Q1: the sender sits after its equals and before every lower priority");
}

static void recv_first(int n)
{
	world();
	queue_senders(n, prio_lower);
	ipc_thread_set_prio(&threads[0], 100);
	measure_begin();
	struct ipc_ret r = ipc_recv(&threads[0], 0, IPC_SLOT_NONE, IPC_DEADLINE_NONE);
	measure_end("recv_takes_the_first_sender", n);
	bench_expect(r.err == IPC_OK && ipc_thread_recv_info(&threads[0])->kind == IPC_EV_SEND,
	             "recv took one");
	bench_expect(n == 1 ? head() == NULL : head() == &threads[2], "the second sender is now first");
}

static void reprioritise(int n)
{
	world();
	queue_senders(n, prio_lower);
	struct ipc_thread *mid = &threads[(n + 1) / 2];
	measure_begin();
	ipc_thread_set_prio(mid, PRIO_TESTED);
	measure_end("set_prio_resorts_a_queued_sender", n);
	bench_expect(head() == mid, "Q1: the raised sender moves to the front");
}

static void cancel_middle(int n)
{
	world();
	queue_senders(n, prio_lower);
	struct ipc_thread *mid = &threads[(n + 1) / 2];
	measure_begin();
	struct ipc_ret r = ipc_thread_cancel(mid, IPC_E_CANCELLED);
	measure_end("cancel_a_queued_sender", n);
	bench_expect(r.err == IPC_OK && mid->qnext == NULL && mid->qprev == NULL &&
	                 ipc_thread_status(mid) == IPC_E_CANCELLED,
	             "X3: the cancelled sender left the queue");
}

static void signal_first(int n)
{
	world();
	for (int i = 1; i <= n; i++)
		bench_expect(ipc_wait(&threads[i], 1, IPC_DEADLINE_NONE).err == IPC_BLOCKED, "waiter queues");
	measure_begin();
	struct ipc_ret r = ipc_signal(&threads[0], 1);
	measure_end("signal_wakes_the_first_waiter", n);
	bench_expect(r.err == IPC_OK && ipc_thread_status(&threads[1]) == IPC_OK,
	             "N2: the first waiter woke");
}

int main(void)
{
	static const int sizes[] = {1, MAX_WAITERS};

	for (unsigned k = 0; k < 3; k++) {
		int n = sizes[k == 0 ? 0 : k - 1];
		warming_up = k == 0;
		send_behind_equals(n);
		send_ahead(n, prio_lower, "send_ahead_of_lower_prio_one_band");
		send_ahead(n, prio_spread, "send_ahead_of_lower_prio_199_bands");
		send_amid_bands(n);
		recv_first(n);
		reprioritise(n);
		cancel_middle(n);
		signal_first(n);
	}
	return bench_finish();
}
