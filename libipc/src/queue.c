/*
 * Priority-ordered wait queues (SEMANTICS Q1): highest priority at the head,
 * FIFO among equal priorities. Insertion walks from the tail, so the common
 * case of equal priorities is O(1). Callers are serialised by the embedder.
 */
#include "internal.h"

void ipc_queue_insert(struct ipc_queue *q, struct ipc_thread *t)
{
	struct ipc_thread *after = q->tail;

	/* Stop at the last thread whose priority is >= ours: FIFO among equals. */
	while (after != NULL && after->prio < t->prio)
		after = after->qprev;

	t->qprev = after;
	t->qnext = after != NULL ? after->qnext : q->head;
	if (t->qnext != NULL)
		t->qnext->qprev = t;
	else
		q->tail = t;
	if (after != NULL)
		after->qnext = t;
	else
		q->head = t;
}

void ipc_queue_remove(struct ipc_queue *q, struct ipc_thread *t)
{
	if (t->qprev != NULL)
		t->qprev->qnext = t->qnext;
	else
		q->head = t->qnext;
	if (t->qnext != NULL)
		t->qnext->qprev = t->qprev;
	else
		q->tail = t->qprev;
	t->qnext = NULL;
	t->qprev = NULL;
}

struct ipc_thread *ipc_queue_pop(struct ipc_queue *q)
{
	struct ipc_thread *t = q->head;

	if (t != NULL)
		ipc_queue_remove(q, t);
	return t;
}
