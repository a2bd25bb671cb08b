/* Contender: Concurrency Kit ck_ring, SPSC functions. ck_ring has no burst
 * call, so its burst test loops over single operations. */
#include "bench_common.h"

#include <ck_ring.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	struct ck_ring ring;
	ck_ring_buffer_t *buf;
} queue_t;

static queue_t *q_create(void)
{
	queue_t *q = aligned_alloc(64, (sizeof(queue_t) + 63) & ~(size_t)63);
	q->buf = aligned_alloc(4096, BENCH_CAP * sizeof(ck_ring_buffer_t));
	memset(q->buf, 0, BENCH_CAP * sizeof(ck_ring_buffer_t));
	ck_ring_init(&q->ring, BENCH_CAP);
	return q;
}

static void q_destroy(queue_t *q)
{
	free(q->buf);
	free(q);
}

static inline int q_push(queue_t *q, uint64_t v)
{
	return ck_ring_enqueue_spsc(&q->ring, q->buf, (void *)(uintptr_t)v);
}

static inline int q_pop(queue_t *q, uint64_t *v)
{
	void *o;
	if (!ck_ring_dequeue_spsc(&q->ring, q->buf, &o))
		return 0;
	*v = (uint64_t)(uintptr_t)o;
	return 1;
}

static inline unsigned q_push_burst(queue_t *q, const uint64_t *v, unsigned n)
{
	unsigned i = 0;
	while (i < n && q_push(q, v[i]))
		i++;
	return i;
}

static inline unsigned q_pop_burst(queue_t *q, uint64_t *v, unsigned n)
{
	unsigned i = 0;
	while (i < n && q_pop(q, &v[i]))
		i++;
	return i;
}

#define CONTENDER_SYM contender_ck
#define CONTENDER_NAME "ck_ring SPSC"
#include "bench_loops.h"
