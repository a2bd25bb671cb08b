// Contender: boost::lockfree::spsc_queue with a compile-time capacity,
// using its array push/pop for bursts.
#include "bench_common.h"

#include <boost/lockfree/spsc_queue.hpp>
#include <cstddef>

typedef boost::lockfree::spsc_queue<uint64_t, boost::lockfree::capacity<BENCH_CAP>> queue_t;

static queue_t *q_create()
{
	return new queue_t();
}

static void q_destroy(queue_t *q)
{
	delete q;
}

static inline int q_push(queue_t *q, uint64_t v)
{
	return q->push(v);
}

static inline int q_pop(queue_t *q, uint64_t *v)
{
	return q->pop(*v);
}

static inline unsigned q_push_burst(queue_t *q, const uint64_t *v, unsigned n)
{
	return (unsigned)q->push(v, n);
}

static inline unsigned q_pop_burst(queue_t *q, uint64_t *v, unsigned n)
{
	return (unsigned)q->pop(v, n);
}

#define CONTENDER_SYM contender_boost
#define CONTENDER_NAME "boost spsc_queue"
#include "bench_loops.h"
