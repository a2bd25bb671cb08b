/*
 * SharedRing benchmark against the packaged SPSC rings: DPDK rte_ring
 * (SP/SC), Concurrency Kit ck_ring (SPSC) and boost::lockfree::spsc_queue.
 *
 * Method (docs/benchmarking.md): producer pinned to CPU 1, consumer to CPU 0; all
 * contenders run the same loops on 8-byte items through 4096-slot rings,
 * interleaved A B C D in every round, after a raw cache-line ping-pong probe
 * that shows which vCPU placement the round ran in. Reported: per-contender
 * medians over the rounds, and the median over rounds of SharedRing's ratio
 * to the best peer of that same round (robust to the host moving the vCPUs
 * between rounds). Then the signalling path: bursts with
 * ipc_ring_prod_signal() after each one and a futex-sleeping consumer,
 * reporting signals per item and the rate against a control run of the same
 * loops without signalling (interleaved with it).
 *
 * usage: ring_bench [rounds]   (default 9; about 10 s on this machine)
 */
#define _GNU_SOURCE
#include "bench_common.h"

#include <ipc/ring.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define SINGLE_ITEMS 4000000ull
#define BURST_ITEMS 16000000ull
#define PING_ITERS 100000ull
#define PROBE_ITERS 100000ull
#define SIGNAL_ITEMS 4000000ull
#define MAX_ROUNDS 64

double bench_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void bench_fail(const char *what)
{
	fprintf(stderr, "ring_bench: %s\n", what);
	exit(1);
}

struct pair_thread {
	void *(*fn)(void *);
	void *arg;
	int cpu;
	atomic_int *ready;
	atomic_int *go;
	double seconds;
};

static void *pair_main(void *p)
{
	struct pair_thread *t = p;
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(t->cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0)
		bench_fail("cannot pin thread (need 2 CPUs)");
	atomic_fetch_add(t->ready, 1);
	while (!atomic_load_explicit(t->go, memory_order_acquire))
		bench_relax();
	double t0 = bench_now();
	t->fn(t->arg);
	t->seconds = bench_now() - t0;
	return NULL;
}

double bench_pair(void *(*fa)(void *), void *(*fb)(void *), void *arg)
{
	atomic_int ready = 0, go = 0;
	struct pair_thread a = {fa, arg, 1, &ready, &go, 0}, b = {fb, arg, 0, &ready, &go, 0};
	pthread_t ta, tb;
	pthread_create(&tb, NULL, pair_main, &b);
	pthread_create(&ta, NULL, pair_main, &a);
	while (atomic_load(&ready) != 2)
		bench_relax();
	atomic_store_explicit(&go, 1, memory_order_release);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	return b.seconds;
}

/* ---- raw cache-line ping-pong: which placement did this round get? ------- */

static struct {
	alignas(64) atomic_uint_fast64_t v;
} probe_line;

static void *probe_a(void *arg)
{
	(void)arg;
	for (uint64_t i = 0; i < PROBE_ITERS; i++) {
		atomic_store_explicit(&probe_line.v, 2 * i + 1, memory_order_release);
		while (atomic_load_explicit(&probe_line.v, memory_order_acquire) != 2 * i + 2)
			bench_relax();
	}
	return NULL;
}

static void *probe_b(void *arg)
{
	(void)arg;
	for (uint64_t i = 0; i < PROBE_ITERS; i++) {
		while (atomic_load_explicit(&probe_line.v, memory_order_acquire) != 2 * i + 1)
			bench_relax();
		atomic_store_explicit(&probe_line.v, 2 * i + 2, memory_order_release);
	}
	return NULL;
}

static double probe_rtt_ns(void)
{
	atomic_store(&probe_line.v, 0);
	return bench_pair(probe_a, probe_b, NULL) / (double)PROBE_ITERS * 1e9;
}

/* ---- signalling path: suppressed futex wake-ups --------------------------- */

struct sig_run {
	struct ipc_ring_prod p;
	struct ipc_ring_cons c;
	unsigned spin_polls; /* consumer polls before it sleeps */
	unsigned signal;     /* signal after every signal-th burst and the last; 0: never */
	uint64_t n, sum;
	atomic_ulong notifies, sleeps;
};

static int sig_wait(void *ctx, _Atomic uint32_t *flag, uint32_t expected)
{
	struct sig_run *r = ctx;
	atomic_fetch_add_explicit(&r->sleeps, 1, memory_order_relaxed);
	syscall(SYS_futex, (uint32_t *)flag, FUTEX_WAIT, expected, NULL, NULL, 0);
	return 0;
}

static void sig_notify(void *ctx, _Atomic uint32_t *flag)
{
	struct sig_run *r = ctx;
	atomic_fetch_add_explicit(&r->notifies, 1, memory_order_relaxed);
	syscall(SYS_futex, (uint32_t *)flag, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static void *sig_prod(void *arg)
{
	struct sig_run *r = arg;
	uint64_t buf[BENCH_BURST];
	unsigned bursts = 0;
	for (uint64_t i = 1; i <= r->n;) {
		unsigned k = r->n - i + 1 < BENCH_BURST ? (unsigned)(r->n - i + 1) : BENCH_BURST;
		for (unsigned j = 0; j < k; j++)
			buf[j] = i + j;
		for (unsigned sent = 0; sent < k;) {
			int m = ipc_ring_push_burst(&r->p, buf + sent, k - sent);
			if (m < 0)
				bench_fail("signal: push");
			if (m == 0)
				bench_relax();
			sent += (unsigned)m;
		}
		i += k;
		/* Signalling only every signal-th burst is still free of lost
		 * wake-ups (G3) as long as the last publish before the producer
		 * stops or blocks is followed by a signal: an unsignalled burst
		 * only delays a sleeping consumer until the next signal. Here
		 * signal * BENCH_BURST < BENCH_CAP, so the producer cannot fill
		 * the ring while the consumer sleeps on unsignalled items. */
		if (r->signal != 0 && (++bursts % r->signal == 0 || i > r->n))
			ipc_ring_prod_signal(&r->p);
	}
	return NULL;
}

static void *sig_cons(void *arg)
{
	struct sig_run *r = arg;
	uint64_t buf[BENCH_BURST], s = 0;
	unsigned idle = 0;
	for (uint64_t got = 0; got < r->n;) {
		int m = ipc_ring_pop_burst(&r->c, buf, BENCH_BURST);
		if (m < 0)
			bench_fail("signal: pop");
		if (m == 0) {
			if (++idle < r->spin_polls) {
				bench_relax();
				continue;
			}
			idle = 0;
			if (ipc_ring_cons_wait(&r->c) < 0)
				bench_fail("signal: wait");
			continue;
		}
		idle = 0;
		for (int j = 0; j < m; j++)
			s += buf[j];
		got += (uint64_t)m;
	}
	r->sum = s;
	return NULL;
}

struct sig_result {
	double mitems_s, signals_per_item, sleeps_per_item;
};

static struct sig_result run_signal(unsigned spin_polls, unsigned signal)
{
	static struct sig_run r;
	size_t size = ipc_ring_region_size(8, BENCH_CAP);
	void *mem = aligned_alloc(4096, (size + 4095) & ~(size_t)4095);
	memset(mem, 0, size);
	memset(&r, 0, sizeof r);
	struct ipc_ring_waker w = {sig_wait, sig_notify, &r};
	if (ipc_ring_create(mem, size, 8, BENCH_CAP) != IPC_RING_OK ||
	    ipc_ring_prod_attach(&r.p, mem, size, &w) != IPC_RING_OK ||
	    ipc_ring_cons_attach(&r.c, mem, size, &w) != IPC_RING_OK)
		bench_fail("signal: create");
	r.n = SIGNAL_ITEMS;
	r.spin_polls = spin_polls;
	r.signal = signal;
	double s = bench_pair(sig_prod, sig_cons, &r);
	if (r.sum != r.n * (r.n + 1) / 2)
		bench_fail("signal: items lost");
	free(mem);
	return (struct sig_result){(double)r.n / s / 1e6, (double)atomic_load(&r.notifies) / (double)r.n,
	                           (double)atomic_load(&r.sleeps) / (double)r.n};
}

/* ---- driver --------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
	double t[MAX_ROUNDS];
	memcpy(t, v, (size_t)n * sizeof *v);
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

enum { T_SINGLE, T_BURST, T_PING, NTESTS };
static const char *const test_name[NTESTS] = {"single-item throughput (M items/s)",
                                              "burst-32 throughput (M items/s)", "ping-pong round trip (ns)"};

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 9;
	if (rounds < 1 || rounds > MAX_ROUNDS)
		rounds = 9;
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		bench_fail("needs 2 CPUs");
	const struct contender *c[] = {&contender_ipc_ring, &contender_dpdk, &contender_ck, &contender_boost};
	enum { NC = sizeof c / sizeof c[0] };
	static double val[NTESTS][NC][MAX_ROUNDS], ratio[NTESTS][MAX_ROUNDS], probe[MAX_ROUNDS];

	printf("ring_bench: %d rounds, %u slots of 8 bytes, producer CPU 1, consumer CPU 0\n", rounds,
	       BENCH_CAP);
	for (int r = 0; r < rounds; r++) {
		probe[r] = probe_rtt_ns();
		for (int t = 0; t < NTESTS; t++) {
			for (int i = 0; i < NC; i++) {
				if (t == T_SINGLE)
					val[t][i][r] = SINGLE_ITEMS / c[i]->single(SINGLE_ITEMS) / 1e6;
				else if (t == T_BURST)
					val[t][i][r] = BURST_ITEMS / c[i]->burst(BURST_ITEMS) / 1e6;
				else
					val[t][i][r] = c[i]->pingpong(PING_ITERS) / PING_ITERS * 1e9;
			}
			/* SharedRing vs the best peer of this very round; > 1 is better */
			double best = t == T_PING ? 1e30 : 0;
			for (int i = 1; i < NC; i++)
				best = t == T_PING ? (val[t][i][r] < best ? val[t][i][r] : best)
				                   : (val[t][i][r] > best ? val[t][i][r] : best);
			ratio[t][r] = t == T_PING ? best / val[t][0][r] : val[t][0][r] / best;
		}
		printf("  round %d: probe %.0f ns; single %.0f / burst %.0f M/s, rtt %.0f ns (SharedRing)\n",
		       r + 1, probe[r], val[T_SINGLE][0][r], val[T_BURST][0][r], val[T_PING][0][r]);
		fflush(stdout);
	}

	double pmin = probe[0], pmax = probe[0];
	for (int r = 1; r < rounds; r++) {
		pmin = probe[r] < pmin ? probe[r] : pmin;
		pmax = probe[r] > pmax ? probe[r] : pmax;
	}
	printf("\nraw cache-line ping-pong probe: median %.0f ns (min %.0f, max %.0f)\n\n",
	       median(probe, rounds), pmin, pmax);
	printf("| test | SharedRing | DPDK rte_ring SP/SC | ck_ring SPSC | boost spsc_queue | SharedRing vs "
	       "best peer |\n");
	printf("|---|---|---|---|---|---|\n");
	for (int t = 0; t < NTESTS; t++) {
		printf("| %s |", test_name[t]);
		for (int i = 0; i < NC; i++)
			printf(" %.*f |", t == T_PING ? 0 : 1, median(val[t][i], rounds));
		printf(" %.2fx %s |\n", median(ratio[t], rounds),
		       t == T_PING ? "(best peer RTT / ours)" : "");
	}

	printf(
	    "\nsignalling path (SharedRing, bursts of %u, ipc_ring_prod_signal after each unless said, futex "
	    "waker):\n",
	    BENCH_BURST);
	printf("| consumer | M items/s | vs control | signals per item | consumer sleeps per item |\n"
	       "|---|---|---|---|---|\n");
	/* Row 0 is the control: same loops, no ipc_ring_prod_signal() and a
	 * consumer that never sleeps. The configurations are interleaved
	 * (0 1 2 3 0 1 2 3 ...) and each ratio is taken within one repetition. */
	enum { SIG_REPS = 5, SIG_MODES = 4 };
	static const unsigned polls[SIG_MODES] = {~0u, 4096, 1, 4096};
	static const unsigned every[SIG_MODES] = {0, 1, 1, 8};
	static const char *const what[SIG_MODES] = {"control: no signalling, consumer never sleeps",
	                                            "busy (polls 4096 times before sleeping)",
	                                            "sleepy (sleeps as soon as the ring is empty)",
	                                            "busy, signal after every 8th burst and the last"};
	double m[SIG_MODES][4][SIG_REPS];
	for (int rep = 0; rep < SIG_REPS; rep++)
		for (int k = 0; k < SIG_MODES; k++) {
			struct sig_result s = run_signal(polls[k], every[k]);
			m[k][0][rep] = s.mitems_s;
			m[k][1][rep] = s.signals_per_item;
			m[k][2][rep] = s.sleeps_per_item;
			m[k][3][rep] = k == 0 ? 1.0 : s.mitems_s / m[0][0][rep];
		}
	for (int k = 0; k < SIG_MODES; k++)
		printf("| %s | %.1f | %.2fx | %.2g | %.2g |\n", what[k], median(m[k][0], SIG_REPS),
		       median(m[k][3], SIG_REPS), median(m[k][1], SIG_REPS), median(m[k][2], SIG_REPS));
	return 0;
}
