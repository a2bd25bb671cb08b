/*
 * SEMANTICS "Queues" (Q1): endpoint send queues, endpoint receive queues
 * and notification wait queues are ordered by priority, highest first, FIFO
 * among equals; ipc_thread_set_prio on a queued thread re-sorts it (to the
 * end of its new priority group). Each test checks the queue content
 * directly and then the order in which the threads are actually served.
 */
#include <criterion/criterion.h>

#include "harness.h"

TestSuite(queues, .init = h_reset);

enum { EP = 1, NTFN = 2 };

/* Threads 1..7 may send and receive on ep[0] and signal/wait on ntfn[0];
 * thread 0 is the partner that drains the queues. */
static void world(void)
{
	for (int i = 0; i < H_THREADS; i++) {
		h_cap(i, EP, &W.ep[0].obj, IPC_R | IPC_W, (uint64_t)i);
		h_cap(i, NTFN, &W.ntfn[0].obj, IPC_R | IPC_W, 1ull << i);
	}
}

static void send_at(int i, uint8_t prio)
{
	h_prio(i, prio);
	H_EXPECT(ipc_send(T(i), EP, MI((uint64_t)i, 0, 0), IPC_DEADLINE_NONE), IPC_BLOCKED);
}

static void recv_at(int i, uint8_t prio)
{
	h_prio(i, prio);
	H_EXPECT(ipc_recv(T(i), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_BLOCKED);
}

/* Thread 0 receives n times; the senders must come out as `order`. */
static void expect_served_senders(const int *order, int n)
{
	for (int k = 0; k < n; k++) {
		H_EXPECT(ipc_recv(T(0), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
		cr_assert_eq(INFO(0)->label, (uint64_t)order[k], "served #%d: thread %lu, want %d", k,
		             (unsigned long)INFO(0)->label, order[k]);
	}
}

Test(queues, Q1_senders_are_served_by_priority_then_fifo)
{
	world();
	send_at(1, 10);
	send_at(2, 50);
	send_at(3, 10);
	send_at(4, 200);
	send_at(5, 50);
	send_at(6, 10);
	h_expect_queue(&W.ep[0].queue, 4, 2, 5, 1, 3, 6);
	expect_served_senders((const int[]){4, 2, 5, 1, 3, 6}, 6);
	h_expect_woken(4, 2, 5, 1, 3, 6);
	cr_assert_eq(W.ep[0].state, IPC_EP_IDLE);
}

Test(queues, Q1_fifo_among_equals_is_arrival_order)
{
	world();
	for (int i = 1; i <= 7; i++)
		send_at(i, 100);
	h_expect_queue(&W.ep[0].queue, 1, 2, 3, 4, 5, 6, 7);
	expect_served_senders((const int[]){1, 2, 3, 4, 5, 6, 7}, 7);
}

Test(queues, Q1_receivers_are_served_by_priority_then_fifo)
{
	world();
	recv_at(1, 30);
	recv_at(2, 90);
	recv_at(3, 30);
	recv_at(4, 90);
	h_expect_queue(&W.ep[0].queue, 2, 4, 1, 3);
	for (int k = 0; k < 4; k++)
		H_EXPECT(ipc_send(T(0), EP, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	h_expect_woken(2, 4, 1, 3);
}

Test(queues, Q1_notification_waiters_are_served_by_priority_then_fifo)
{
	world();
	static const uint8_t prio[] = {0, 5, 60, 5, 250, 60};
	for (int i = 1; i <= 5; i++) {
		h_prio(i, prio[i]);
		H_EXPECT(ipc_wait(T(i), NTFN, IPC_DEADLINE_NONE), IPC_BLOCKED);
	}
	h_expect_queue(&W.ntfn[0].waiters, 4, 2, 5, 1, 3);
	for (int k = 0; k < 5; k++)
		H_EXPECT(ipc_signal(T(0), NTFN), IPC_OK);
	h_expect_woken(4, 2, 5, 1, 3);
}

Test(queues, Q1_raising_a_queued_senders_priority_moves_it_forward)
{
	world();
	send_at(1, 50);
	send_at(2, 50);
	send_at(3, 50);
	send_at(4, 80);
	h_prio(3, 80); /* joins the 80 group behind 4 */
	h_expect_queue(&W.ep[0].queue, 4, 3, 1, 2);
	h_prio(2, 255);
	h_expect_queue(&W.ep[0].queue, 2, 4, 3, 1);
	cr_assert_eq(ipc_thread_prio(T(2)), 255);
	expect_served_senders((const int[]){2, 4, 3, 1}, 4);
}

Test(queues, Q1_lowering_a_queued_threads_priority_moves_it_back)
{
	world();
	recv_at(1, 100);
	recv_at(2, 100);
	recv_at(3, 20);
	h_prio(1, 20); /* behind 3, which was there first at 20 */
	h_expect_queue(&W.ep[0].queue, 2, 3, 1);
	h_prio(2, 100); /* unchanged priority: goes to the end of its own group */
	h_expect_queue(&W.ep[0].queue, 2, 3, 1);
	for (int k = 0; k < 3; k++)
		H_EXPECT(ipc_send(T(0), EP, MI(0, 0, 0), IPC_DEADLINE_NONE), IPC_OK);
	h_expect_woken(2, 3, 1);
}

Test(queues, Q1_priority_change_re_sorts_notification_waiters)
{
	world();
	for (int i = 1; i <= 3; i++)
		H_EXPECT(ipc_wait(T(i), NTFN, IPC_DEADLINE_NONE), IPC_BLOCKED);
	h_prio(3, 101);
	h_prio(1, 99);
	h_expect_queue(&W.ntfn[0].waiters, 3, 2, 1);
	H_EXPECT(ipc_signal(T(0), NTFN), IPC_OK);
	cr_assert_eq(INFO(3)->badge, 1u, "the first by Q1 got the signal");
	h_expect_woken(3);
}

/* The band index exists only while two or more bands wait (struct
 * ipc_queue): a server waiting alone costs the fast path no bitmap. */
static bool index_clear(const struct ipc_queue *q)
{
	uint64_t any = q->band_words;
	for (int w = 0; w < IPC_PRIO_WORDS; w++)
		any |= q->band_bits[w];
	return any == 0;
}

Test(queues, Q1_band_index_only_while_two_bands_wait)
{
	const struct ipc_queue *q = &W.ep[0].queue;

	world();
	send_at(1, 10);
	send_at(2, 10);
	cr_assert(index_clear(q), "one band: nothing indexed");
	send_at(3, 200);
	cr_assert_eq(q->band_words, (1ull << 0) | (1ull << 3));
	cr_assert_eq(q->band_bits[0], 1ull << 10);
	cr_assert_eq(q->band_bits[3], 1ull << (200 % 64));
	cr_assert_eq(q->band_tail[10], T(2));
	cr_assert_eq(q->band_tail[200], T(3));
	h_prio(3, 10); /* joins the 10 band at its end: one band again */
	cr_assert(index_clear(q), "back to one band: the index is cleared");
	h_expect_queue(&W.ep[0].queue, 1, 2, 3);
	send_at(4, 5); /* a second band below: indexed again */
	cr_assert_eq(q->band_tail[10], T(3));
	cr_assert_eq(q->band_tail[5], T(4));
	expect_served_senders((const int[]){1, 2, 3}, 3);
	cr_assert(index_clear(q), "the 5 band alone");
	expect_served_senders((const int[]){4}, 1);
	cr_assert(index_clear(q) && q->head == NULL && q->tail == NULL && q->top == NULL);
}

Test(queues, Q1_priority_change_of_a_thread_not_queued_only_sets_it)
{
	world();
	send_at(1, 10);
	h_prio(2, 77);
	cr_assert_eq(ipc_thread_prio(T(2)), 77);
	h_expect_queue(&W.ep[0].queue, 1);
}

/*
 * Q1 under churn: a seeded random mix of arrivals (few priorities, so bands
 * of equal priority form, grow and empty), cancellations anywhere in the
 * queue, priority changes and receives, checked after every step against a
 * plain sorted list, together with the band links the queue keeps (the last
 * thread of each run of equal priorities links its neighbouring runs' last
 * threads, and the queue knows its highest run's last thread) and its band
 * index (bitmap and last thread per priority).
 */
/* The band index (struct ipc_queue): with two or more bands, exactly the
 * priorities waiting have their bit and their word's summary bit, and each
 * its band's last thread; with one band or none, nothing is indexed. */
static void expect_band_index(const struct ipc_queue *q, int step)
{
	const struct ipc_thread *want[IPC_PRIO_LEVELS] = {0};
	int bands = 0;

	for (const struct ipc_thread *t = q->head; t != NULL; t = t->qnext)
		if (t->qnext == NULL || t->qnext->prio != t->prio) {
			want[t->prio] = t;
			bands++;
		}
	if (bands < 2)
		for (int p = 0; p < IPC_PRIO_LEVELS; p++)
			want[p] = NULL;
	for (int p = 0; p < IPC_PRIO_LEVELS; p++) {
		bool bit = ((q->band_bits[p / 64] >> (p % 64)) & 1) != 0;
		if (want[p] != NULL) /* an empty band's entry means nothing */
			cr_assert_eq(q->band_tail[p], want[p],
			             "step %d: band_tail[%d] is not its band's last thread", step, p);
		cr_assert_eq(bit, want[p] != NULL, "step %d: band bit %d", step, p);
	}
	for (int w = 0; w < IPC_PRIO_WORDS; w++)
		cr_assert_eq(((q->band_words >> w) & 1) != 0, q->band_bits[w] != 0, "step %d: summary bit %d",
		             step, w);
	cr_assert_eq(q->band_words >> IPC_PRIO_WORDS, 0, "step %d: summary bits past the words", step);
}

static void expect_queue(const struct ipc_queue *q, const int *ref, int n, int step)
{
	const struct ipc_thread *t = q->head, *higher_tail = NULL;
	int k = 0;

	for (; t != NULL; t = t->qnext, k++) {
		cr_assert_lt(k, n, "step %d: queue longer than %d", step, n);
		cr_assert_eq(t, T(ref[k]), "step %d: queue[%d] is not thread %d", step, k, ref[k]);
		if (t->qnext != NULL && t->qnext->prio == t->prio) {
			cr_assert(t->bnext == NULL && t->bprev == NULL, "step %d: band links inside a band",
			          step);
			continue;
		}
		cr_assert_eq(t->bprev, higher_tail, "step %d: queue[%d] links the wrong higher band", step,
		             k);
		if (higher_tail == NULL)
			cr_assert_eq(q->top, t, "step %d: top is not the highest band's last thread", step);
		else
			cr_assert_eq(higher_tail->bnext, t, "step %d: wrong lower band link", step);
		higher_tail = t;
	}
	cr_assert_eq(k, n, "step %d: queue holds %d, want %d", step, k, n);
	cr_assert(higher_tail == NULL || higher_tail->bnext == NULL, "step %d: lowest band links a lower one",
	          step);
	cr_assert(n != 0 || (q->head == NULL && q->tail == NULL && q->top == NULL), "step %d: empty queue",
	          step);
	expect_band_index(q, step);
}

/* Insert thread i into the reference at the end of its priority run. */
static void ref_insert(int *ref, int *n, int i, const uint8_t *prio)
{
	int at = *n;

	while (at > 0 && prio[ref[at - 1]] < prio[i])
		at--;
	for (int k = *n; k > at; k--)
		ref[k] = ref[k - 1];
	ref[at] = i;
	(*n)++;
}

static void ref_remove(int *ref, int *n, int i)
{
	int at = 0;

	while (ref[at] != i)
		at++;
	for ((*n)--; at < *n; at++)
		ref[at] = ref[at + 1];
}

Test(queues, Q1_bands_of_equal_priority_stay_ordered_under_random_churn)
{
	/* Few priorities, so bands form; spread over all four index words. */
	static const uint8_t prios[] = {0, 10, 20, 20, 63, 64, 64, 130, 200, 255};
	uint8_t prio[H_THREADS] = {0};
	bool queued[H_THREADS] = {false};
	int ref[H_THREADS], n = 0;
	uint32_t rng = 12345;

	world();
	for (int step = 0; step < 20000; step++) {
		rng = rng * 1103515245u + 12345u;
		int i = 1 + (int)((rng >> 8) % (H_THREADS - 1));
		uint8_t p = prios[(rng >> 20) % sizeof(prios)];

		switch ((rng >> 16) % 4) {
		case 0: /* arrival */
		case 1:
			if (queued[i])
				break;
			prio[i] = p;
			send_at(i, p);
			queued[i] = true;
			ref_insert(ref, &n, i, prio);
			break;
		case 2: /* priority change: a queued thread moves to the end of its new run */
			prio[i] = p;
			h_prio(i, p);
			if (queued[i]) {
				ref_remove(ref, &n, i);
				ref_insert(ref, &n, i, prio);
			}
			break;
		default: /* a cancellation anywhere, or the head served */
			if (n == 0)
				break;
			if ((rng >> 24) & 1) {
				H_EXPECT(ipc_recv(T(0), EP, IPC_SLOT_NONE, IPC_DEADLINE_NONE), IPC_OK);
				cr_assert_eq(INFO(0)->label, (uint64_t)ref[0],
				             "step %d: served the wrong sender", step);
				i = ref[0];
			} else {
				if (!queued[i])
					break;
				H_EXPECT(ipc_thread_cancel(T(i), IPC_E_CANCELLED), IPC_OK);
			}
			ref_remove(ref, &n, i);
			queued[i] = false;
			break;
		}
		W.nwoken = 0; /* the hook logs are bounded; this test reads none */
		expect_queue(&W.ep[0].queue, ref, n, step);
	}
}
