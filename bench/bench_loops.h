/*
 * The measurement loops, compiled once per contender so that every queue
 * operation is inlined exactly as a user of that library would get it. The
 * including file defines `queue_t`, q_create/q_destroy, q_push/q_pop (return
 * nonzero on success), q_push_burst/q_pop_burst (return how many moved) and
 * CONTENDER_SYM / CONTENDER_NAME. Same loops, same spin-wait, same item
 * type (uint64_t) for everyone.
 */
#include "bench_common.h"

struct loop_arg {
	queue_t *q1, *q2;
	uint64_t n;
	uint64_t sum;
};

static void *single_prod(void *p)
{
	struct loop_arg *a = (struct loop_arg *)p;
	for (uint64_t i = 1; i <= a->n; i++)
		while (!q_push(a->q1, i))
			bench_relax();
	return NULL;
}

static void *single_cons(void *p)
{
	struct loop_arg *a = (struct loop_arg *)p;
	uint64_t s = 0, v = 0;
	for (uint64_t i = 0; i < a->n; i++) {
		while (!q_pop(a->q1, &v))
			bench_relax();
		s += v;
	}
	a->sum = s;
	return NULL;
}

static void *burst_prod(void *p)
{
	struct loop_arg *a = (struct loop_arg *)p;
	uint64_t buf[BENCH_BURST];
	for (uint64_t i = 1; i <= a->n;) {
		unsigned k = a->n - i + 1 < BENCH_BURST ? (unsigned)(a->n - i + 1) : BENCH_BURST;
		for (unsigned j = 0; j < k; j++)
			buf[j] = i + j;
		for (unsigned sent = 0; sent < k;) {
			unsigned m = q_push_burst(a->q1, buf + sent, k - sent);
			if (m == 0)
				bench_relax();
			sent += m;
		}
		i += k;
	}
	return NULL;
}

static void *burst_cons(void *p)
{
	struct loop_arg *a = (struct loop_arg *)p;
	uint64_t buf[BENCH_BURST], s = 0;
	for (uint64_t got = 0; got < a->n;) {
		unsigned m = q_pop_burst(a->q1, buf, BENCH_BURST);
		if (m == 0)
			bench_relax();
		for (unsigned j = 0; j < m; j++)
			s += buf[j];
		got += m;
	}
	a->sum = s;
	return NULL;
}

static void *ping_a(void *p)
{
	struct loop_arg *a = (struct loop_arg *)p;
	uint64_t v = 0, s = 0;
	for (uint64_t i = 1; i <= a->n; i++) {
		while (!q_push(a->q1, i))
			bench_relax();
		while (!q_pop(a->q2, &v))
			bench_relax();
		s += v;
	}
	a->sum = s;
	return NULL;
}

static void *ping_b(void *p)
{
	struct loop_arg *a = (struct loop_arg *)p;
	uint64_t v = 0;
	for (uint64_t i = 1; i <= a->n; i++) {
		while (!q_pop(a->q1, &v))
			bench_relax();
		while (!q_push(a->q2, v))
			bench_relax();
	}
	return NULL;
}

static double run_pair_checked(void *(*fa)(void *), void *(*fb)(void *), uint64_t n, int two)
{
	struct loop_arg a = {q_create(), two ? q_create() : NULL, n, 0};
	double s = bench_pair(fa, fb, &a);
	if (a.sum != n * (n + 1) / 2)
		bench_fail(CONTENDER_NAME ": items lost or corrupted");
	q_destroy(a.q1);
	if (a.q2)
		q_destroy(a.q2);
	return s;
}

static double run_single(uint64_t n)
{
	return run_pair_checked(single_prod, single_cons, n, 0);
}

static double run_burst(uint64_t n)
{
	return run_pair_checked(burst_prod, burst_cons, n, 0);
}

static double run_pingpong(uint64_t n)
{
	return run_pair_checked(ping_a, ping_b, n, 1);
}

#ifdef __cplusplus
extern "C"
#endif
    const struct contender CONTENDER_SYM = {CONTENDER_NAME, run_single, run_burst, run_pingpong};
