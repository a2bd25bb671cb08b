/*
 * Shared plumbing of the ring benchmark: pinned thread pairs released
 * together, a clock, and the table each contender fills. Compiles as C and
 * C++ (the Boost contender is C++). Not part of libipc.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BENCH_CAP 4096u /* slots per ring, every contender */
#define BENCH_BURST 32u /* items per burst */

struct contender {
	const char *name;
	double (*single)(uint64_t items);   /* seconds to move `items`, one at a time */
	double (*burst)(uint64_t items);    /* seconds, bursts of BENCH_BURST */
	double (*pingpong)(uint64_t iters); /* seconds for `iters` round trips */
};

extern const struct contender contender_ipc_ring;
extern const struct contender contender_dpdk;
extern const struct contender contender_ck;
extern const struct contender contender_boost;

double bench_now(void);
/* Run fa pinned to CPU 1 and fb pinned to CPU 0, released at the same
 * moment; returns the seconds fb took from release to return. */
double bench_pair(void *(*fa)(void *), void *(*fb)(void *), void *arg);
void bench_fail(const char *what);

static inline void bench_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield");
#endif
}

#ifdef __cplusplus
}
#endif

#endif
