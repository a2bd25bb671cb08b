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
 * (`top`), and, while two or more bands wait, indexes every band by
 * priority (<ipc/ipc.h>, struct ipc_queue): a two-level bitmap of the
 * priorities waiting and the tail of each band; one band is the whole
 * queue and needs no index. A new thread belongs right after the tail of the lowest band
 * whose priority is at least its own: the bitmap names that band in a few
 * word operations (ipc_queue_band_at_or_above), so insertion, removal and
 * re-sorting cost the same with one waiter or a thousand, whatever their
 * priorities. Removal is O(1): a band tail hands its band links and its
 * index entry to its predecessor in the same band, or unlinks an emptied
 * band and clears its bit.
 */
#include "internal.h"

static bool is_band_tail(const struct ipc_thread *t)
{
	return t->qnext == NULL || t->qnext->prio != t->prio;
}

void ipc_queue_insert(struct ipc_queue *q, struct ipc_thread *t)
{
	if (q->head == NULL) {
		ipc_fast_queue_alone(q, t); /* a receiver that waits alone */
		return;
	}
	struct ipc_thread *after;
	if (q->band_words != 0) {
		after = ipc_queue_band_at_or_above(q, t->prio);
	} else {
		/* One band, not indexed: the whole queue. t joins it at its
		 * end, or makes a second band, and the index starts with the
		 * one there is. */
		uint8_t p = q->tail->prio;
		after = q->tail;
		if (t->prio != p) {
			ipc_queue_band_set(q, p);
			q->band_tail[p] = after;
			after = ipc_queue_band_at_or_above(q, t->prio);
		}
	}
	/* The tail of the next lower band follows after's (no band lies
	 * between after's priority and t's); with no band at or above t's
	 * priority, the highest band is the next lower one. */
	struct ipc_thread *lower = after != NULL ? after->bnext : q->top;

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
		ipc_queue_band_set(q, t->prio);
	}
	q->band_tail[t->prio] = t; /* meaningless while not indexed: harmless */
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
			q->band_tail[t->prio] = heir;
		} else {
			/* Otherwise the band empties and its neighbours meet. */
			ipc_queue_band_clear(q, t->prio);
		}
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

/* The head leaves as ipc_queue_remove() would take it out, by the fast
 * path's pop (<ipc/fastpath.h>), which needs no band look-up for it. */
struct ipc_thread *ipc_queue_pop(struct ipc_queue *q)
{
	return q->head != NULL ? ipc_fast_queue_pop(q) : NULL;
}
