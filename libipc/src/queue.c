/*
 * Priority-ordered wait queues (docs/semantics.md Q1): highest priority at
 * the head, FIFO among equal priorities. Callers are serialised by the
 * embedder.
 *
 * Threads of equal priority form a band, a contiguous run of the list. The
 * last thread of each band (its tail, the one whose successor has a lower
 * priority or is missing) also sits on a second list, of band tails in
 * priority order: `bprev` leads to the tail of the next higher band, `bnext`
 * to the tail of the next lower one; both are NULL in every other thread.
 * The queue knows the tails of its lowest band (its tail) and of its highest
 * (`top`). A new thread belongs right after the tail of the lowest band whose
 * priority is at least its own; insertion finds it by walking band tails
 * from whichever end is nearer in priority, so its cost is bounded by the
 * number of distinct priorities waiting between that end and the new one
 * (none for a newcomer of the highest, lowest or an existing extreme
 * priority), never by the number of waiters. Removal is O(1): a band tail
 * hands its band links to its predecessor in the same band, or unlinks an
 * emptied band.
 */
#include "internal.h"

static bool is_band_tail(const struct ipc_thread *t)
{
	return t->qnext == NULL || t->qnext->prio != t->prio;
}

/* The tail of the lowest band with priority >= prio (NULL if none) and the
 * tail of the band below it (NULL if none). */
static struct ipc_thread *band_at_or_above(const struct ipc_queue *q, uint8_t prio, struct ipc_thread **lower)
{
	struct ipc_thread *b;

	if (q->tail == NULL || q->top->prio < prio) { /* empty, or a new highest band */
		*lower = q->top;
		return NULL;
	}
	if (prio - q->tail->prio <= q->top->prio - prio) { /* nearer the bottom: walk up */
		struct ipc_thread *below = NULL;
		for (b = q->tail; b->prio < prio; b = b->bprev)
			below = b;
		*lower = below;
		return b;
	}
	for (b = q->top; b->bnext != NULL && b->bnext->prio >= prio; b = b->bnext)
		;
	*lower = b->bnext;
	return b;
}

void ipc_queue_insert(struct ipc_queue *q, struct ipc_thread *t)
{
	struct ipc_thread *lower, *after = band_at_or_above(q, t->prio, &lower);

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

	/* t is now a band tail: of after's band (FIFO among equals, after
	 * steps down), or of a new band between after's and lower's. */
	if (after != NULL && after->prio == t->prio) {
		t->bprev = after->bprev;
		after->bprev = NULL;
		after->bnext = NULL;
	} else {
		t->bprev = after;
	}
	t->bnext = lower;
	if (t->bprev != NULL)
		t->bprev->bnext = t;
	else
		q->top = t;
	if (lower != NULL)
		lower->bprev = t;
}

void ipc_queue_remove(struct ipc_queue *q, struct ipc_thread *t)
{
	if (is_band_tail(t)) {
		struct ipc_thread *up = t->bprev, *down = t->bnext, *heir = t->qprev;

		if (heir != NULL && heir->prio == t->prio) {
			/* t's predecessor becomes the tail of the band. */
			heir->bprev = up;
			heir->bnext = down;
			up = down = heir;
		}
		/* Otherwise the band empties and its neighbours meet. */
		if (t->bprev != NULL)
			t->bprev->bnext = down;
		else
			q->top = down;
		if (t->bnext != NULL)
			t->bnext->bprev = up;
		t->bnext = NULL;
		t->bprev = NULL;
	}
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
