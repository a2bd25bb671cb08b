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

Test(queues, Q1_priority_change_of_a_thread_not_queued_only_sets_it)
{
	world();
	send_at(1, 10);
	h_prio(2, 77);
	cr_assert_eq(ipc_thread_prio(T(2)), 77);
	h_expect_queue(&W.ep[0].queue, 1);
}
