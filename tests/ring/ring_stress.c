/*
 * SharedRing two-thread stress test (G2, G3, G4): a producer and a consumer
 * thread move sequence-numbered, self-checking items through one ring with
 * random burst sizes, a random mix of single, burst and zero-copy operations,
 * random sleeps, and futex blocking on both sides. Fails on any lost,
 * duplicated, reordered or torn item, on a corrupt-index error, or on a wait
 * that times out (a lost wake-up). Meant for the TSan build as well: the
 * only synchronisation between the threads is the ring's own atomics.
 *
 * usage: ring_stress [items [capacity [seed]]]   (defaults 10000000 64 1)
 */
#include "ring_test_util.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>

struct item {
	uint64_t seq;
	uint64_t check; /* derived from seq: a torn copy does not match */
};

static uint64_t check_of(uint64_t seq)
{
	return (seq * 0x9e3779b97f4a7c15ull) ^ 0xa5a5a5a5deadbeefull;
}

struct xorshift {
	uint64_t s;
};

static uint32_t rnd(struct xorshift *x)
{
	x->s ^= x->s << 13;
	x->s ^= x->s >> 7;
	x->s ^= x->s << 17;
	return (uint32_t)(x->s >> 32);
}

/* Burst sizes 1..64, skewed toward small. */
static uint32_t burst_size(struct xorshift *x)
{
	uint32_t r = rnd(x);
	return 1 + (r & ((r >> 8) & 1 ? 63u : 7u));
}

static void maybe_sleep(struct xorshift *x)
{
	if ((rnd(x) & 4095) == 0) {
		struct timespec ts = {0, (long)(rnd(x) % 200000)};
		nanosleep(&ts, NULL);
	}
}

struct shared_run {
	struct ipc_ring_prod p;
	struct ipc_ring_cons c;
	struct futex_ctx pf, cf;
	uint64_t items;
	uint64_t seed;
	unsigned long prod_signals, cons_signals;
	const char *error;
	uint64_t error_at;
};

#define BURST_MAX 64

static void *producer(void *arg)
{
	struct shared_run *r = arg;
	struct xorshift x = {r->seed * 2 + 1};
	struct item buf[BURST_MAX];
	uint64_t next = 0;
	while (next < r->items) {
		int space = ipc_ring_prod_wait(&r->p);
		if (space <= 0) {
			r->error = space == RING_TEST_E_TIMEOUT ? "producer: lost wake-up (timeout)"
			                                        : ipc_ring_strerror(space);
			r->error_at = next;
			return NULL;
		}
		uint32_t n = burst_size(&x);
		if (n > r->items - next)
			n = (uint32_t)(r->items - next);
		int done;
		switch (rnd(&x) % 3) {
		case 0: {
			struct item it = {next, check_of(next)};
			done = ipc_ring_push(&r->p, &it) == IPC_RING_OK;
			break;
		}
		case 1:
			for (uint32_t k = 0; k < n; k++)
				buf[k] = (struct item){next + k, check_of(next + k)};
			done = ipc_ring_push_burst(&r->p, buf, n);
			break;
		default: {
			void *slots;
			done = ipc_ring_reserve(&r->p, n, &slots);
			if (done > 0) {
				struct item *s = slots;
				for (int k = 0; k < done; k++)
					s[k] =
					    (struct item){next + (uint64_t)k, check_of(next + (uint64_t)k)};
			}
			if (done >= 0 && ipc_ring_commit(&r->p, (uint32_t)done) != IPC_RING_OK)
				done = -1;
			break;
		}
		}
		if (done < 0) {
			r->error = "producer: push failed";
			r->error_at = next;
			return NULL;
		}
		next += (uint64_t)done;
		r->prod_signals += (unsigned long)ipc_ring_prod_signal(&r->p);
		maybe_sleep(&x);
	}
	return NULL;
}

static int check_item(struct shared_run *r, const struct item *it, uint64_t *expect)
{
	if (it->seq != *expect || it->check != check_of(it->seq)) {
		r->error = it->seq != *expect ? "consumer: item lost, duplicated or reordered"
		                              : "consumer: torn item";
		r->error_at = *expect;
		return -1;
	}
	++*expect;
	return 0;
}

static void *consumer(void *arg)
{
	struct shared_run *r = arg;
	struct xorshift x = {r->seed * 2 + 2};
	struct item buf[BURST_MAX];
	uint64_t expect = 0;
	while (expect < r->items) {
		int avail = ipc_ring_cons_wait(&r->c);
		if (avail <= 0) {
			r->error = avail == RING_TEST_E_TIMEOUT ? "consumer: lost wake-up (timeout)"
			                                        : ipc_ring_strerror(avail);
			r->error_at = expect;
			return NULL;
		}
		uint32_t n = burst_size(&x);
		int got;
		switch (rnd(&x) % 3) {
		case 0:
			got = ipc_ring_pop(&r->c, buf) == IPC_RING_OK;
			break;
		case 1:
			got = ipc_ring_pop_burst(&r->c, buf, n);
			break;
		default: {
			const void *slots;
			got = ipc_ring_peek(&r->c, n, &slots);
			if (got > 0)
				memcpy(buf, slots, (size_t)got * sizeof buf[0]);
			if (got >= 0 && ipc_ring_release(&r->c, (uint32_t)got) != IPC_RING_OK)
				got = -1;
			break;
		}
		}
		if (got <= 0) {
			r->error = "consumer: pop failed with items available";
			r->error_at = expect;
			return NULL;
		}
		for (int k = 0; k < got; k++)
			if (check_item(r, &buf[k], &expect) != 0)
				return NULL;
		r->cons_signals += (unsigned long)ipc_ring_cons_signal(&r->c);
		maybe_sleep(&x);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct shared_run r = {.items = 10000000, .seed = 1};
	uint32_t cap = 64;
	if (argc > 1)
		r.items = strtoull(argv[1], NULL, 0);
	if (argc > 2)
		cap = (uint32_t)strtoul(argv[2], NULL, 0);
	if (argc > 3)
		r.seed = strtoull(argv[3], NULL, 0);
	r.pf.timeout_s = r.cf.timeout_s = 20;

	size_t size = ipc_ring_region_size(sizeof(struct item), cap);
	void *mem = size ? ring_region_alloc(size) : NULL;
	if (mem == NULL || ipc_ring_create(mem, size, sizeof(struct item), cap) != IPC_RING_OK) {
		fprintf(stderr, "bad capacity %u\n", cap);
		return 2;
	}
	struct ipc_ring_waker pw = futex_waker(&r.pf), cw = futex_waker(&r.cf);
	if (ipc_ring_prod_attach(&r.p, mem, size, &pw) != IPC_RING_OK ||
	    ipc_ring_cons_attach(&r.c, mem, size, &cw) != IPC_RING_OK)
		return 2;

	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pthread_t tp, tc;
	pthread_create(&tc, NULL, consumer, &r);
	pthread_create(&tp, NULL, producer, &r);
	pthread_join(tp, NULL);
	if (r.error) {
		/* Unblock a consumer stuck waiting for items that will not come. */
		atomic_store(&r.c.sh->cons_sleeping, 0);
		futex_wake_cb(NULL, &r.c.sh->cons_sleeping);
	}
	pthread_join(tc, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;

	printf("G2/G3 stress: %" PRIu64 " items, capacity %u, seed %" PRIu64 ", %.2f s\n", r.items, cap,
	       r.seed, secs);
	printf("  producer: %lu signals sent, %lu futex waits; consumer: %lu signals sent, "
	       "%lu futex waits\n",
	       r.prod_signals, atomic_load(&r.pf.waits), r.cons_signals, atomic_load(&r.cf.waits));
	free(mem);
	if (r.error) {
		printf("FAIL: %s at item %" PRIu64 "\n", r.error, r.error_at);
		return 1;
	}
	printf("PASS: no item lost, duplicated, reordered or torn\n");
	return 0;
}
