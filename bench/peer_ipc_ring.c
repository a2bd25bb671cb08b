/* Contender: libipc SharedRing (ipc/ring.h), 8-byte slots. */
#include "bench_common.h"

#include <ipc/ring.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

/* Each side's private struct would live in its own process; here the two
 * share an allocation, so keep them 128 bytes apart (adjacent-line
 * prefetchers fetch 128-byte pairs). */
typedef struct {
	struct ipc_ring_prod p;
	alignas(128) struct ipc_ring_cons c;
	alignas(128) void *mem;
} queue_t;

static queue_t *q_create(void)
{
	queue_t *q = aligned_alloc(128, sizeof *q);
	size_t size = ipc_ring_region_size(8, BENCH_CAP);
	size = (size + 4095) & ~(size_t)4095;
	q->mem = aligned_alloc(4096, size);
	memset(q->mem, 0, size);
	if (ipc_ring_create(q->mem, size, 8, BENCH_CAP) != IPC_RING_OK ||
	    ipc_ring_prod_attach(&q->p, q->mem, size, NULL) != IPC_RING_OK ||
	    ipc_ring_cons_attach(&q->c, q->mem, size, NULL) != IPC_RING_OK)
		bench_fail("ipc_ring: create");
	return q;
}

static void q_destroy(queue_t *q)
{
	free(q->mem);
	free(q);
}

static inline int q_push(queue_t *q, uint64_t v)
{
	return ipc_ring_push(&q->p, &v) == IPC_RING_OK;
}

static inline int q_pop(queue_t *q, uint64_t *v)
{
	return ipc_ring_pop(&q->c, v) == IPC_RING_OK;
}

static inline unsigned q_push_burst(queue_t *q, const uint64_t *v, unsigned n)
{
	int r = ipc_ring_push_burst(&q->p, v, n);
	return r > 0 ? (unsigned)r : 0;
}

static inline unsigned q_pop_burst(queue_t *q, uint64_t *v, unsigned n)
{
	int r = ipc_ring_pop_burst(&q->c, v, n);
	return r > 0 ? (unsigned)r : 0;
}

#define CONTENDER_SYM contender_ipc_ring
#define CONTENDER_NAME "SharedRing"
#include "bench_loops.h"
