/*
 * What the host benchmarks of libipc share (queue_bench.c, fastpath_bench.c):
 * libipc's hooks, which have nothing to do because a benchmark drives every
 * thread by hand, and the count of failed checks each reports at the end.
 */
#ifndef BENCH_HOST_H
#define BENCH_HOST_H

extern const char bench_name[]; /* defined by each benchmark: its messages' prefix */

/* Counts a failed check and says which. */
void bench_expect(int ok, const char *what);

/* Reports the failed checks, if any; the benchmark's exit status. */
int bench_finish(void);

#endif
