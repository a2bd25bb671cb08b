/* Contender: DPDK rte_ring, single-producer/single-consumer mode, on caller
 * memory (no EAL needed): rte_ring_get_memsize + rte_ring_init. */
#include "bench_common.h"

#include <rte_ring.h>
#include <stdlib.h>
#include <string.h>

typedef struct rte_ring queue_t;

static queue_t *q_create(void)
{
	ssize_t size = rte_ring_get_memsize(BENCH_CAP);
	queue_t *r = aligned_alloc(4096, ((size_t)size + 4095) & ~(size_t)4095);
	memset(r, 0, (size_t)size);
	if (size < 0 || rte_ring_init(r, "bench", BENCH_CAP, RING_F_SP_ENQ | RING_F_SC_DEQ) != 0)
		bench_fail("dpdk: rte_ring_init");
	return r;
}

static void q_destroy(queue_t *q)
{
	free(q);
}

static inline int q_push(queue_t *q, uint64_t v)
{
	return rte_ring_sp_enqueue(q, (void *)(uintptr_t)v) == 0;
}

static inline int q_pop(queue_t *q, uint64_t *v)
{
	void *o;
	if (rte_ring_sc_dequeue(q, &o) != 0)
		return 0;
	*v = (uint64_t)(uintptr_t)o;
	return 1;
}

static inline unsigned q_push_burst(queue_t *q, const uint64_t *v, unsigned n)
{
	return rte_ring_sp_enqueue_burst(q, (void *const *)v, n, NULL);
}

static inline unsigned q_pop_burst(queue_t *q, uint64_t *v, unsigned n)
{
	return rte_ring_sc_dequeue_burst(q, (void **)v, n, NULL);
}

#define CONTENDER_SYM contender_dpdk
#define CONTENDER_NAME "DPDK rte_ring SP/SC"
#include "bench_loops.h"
