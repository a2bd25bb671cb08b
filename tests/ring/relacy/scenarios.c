/*
 * The two sides of each Relacy scenario (G2, G3, G4), in C against the real
 * <ipc/ring.h> and ring.c. Built with relacy_shim.h force-included, so every
 * atomic operation, fence and slot copy below and inside the ring is seen by
 * Relacy; relacy_ring.cpp runs rs_setup() in its before(), rs_thread(0) as
 * the producer and rs_thread(1) as the consumer, under every scheduling and
 * weak-memory outcome it explores.
 *
 * Every scenario moves M = 2 * capacity + 3 sequence-numbered items of
 * RS_SLOT bytes (enough to fill the ring, wrap every slot and block both
 * ways), blocks with ipc_ring_prod_wait / ipc_ring_cons_wait when full or
 * empty and signals after every publish and free, and checks every byte of
 * every item. A lost wake-up shows as a deadlock, an unordered slot access
 * as a data race, a stale index as a failed check.
 */
#include "scenarios.h"

#include <ipc/ring.h>

#define RS_MAX_ITEMS (2 * 4 + 3)

/* Bridge (relacy_ring.cpp). */
int ipc_rl_wait(void *flag, uint32_t expected);
void ipc_rl_notify(void *flag);
void ipc_rl_check_failed(const char *expr, const char *file, int line);

#define CHECK(x)                                                                                             \
	do {                                                                                                 \
		if (!(x))                                                                                    \
			ipc_rl_check_failed(#x, __FILE__, __LINE__);                                         \
	} while (0)

static int rs_wait(void *ctx, _Atomic uint32_t *flag, uint32_t expected)
{
	(void)ctx;
	return ipc_rl_wait((void *)flag, expected);
}

static void rs_notify(void *ctx, _Atomic uint32_t *flag)
{
	(void)ctx;
	ipc_rl_notify((void *)flag);
}

static const struct ipc_ring_waker rs_waker = {rs_wait, rs_notify, NULL};

/* Per-iteration state, reset by rs_setup(). */
static struct {
	int scenario;
	uint32_t cap;
	void *mem;
	size_t size;
	struct ipc_ring_prod prod;
	struct ipc_ring_cons cons;
	uint32_t items;   /* M */
	uint32_t prefill; /* items pushed in rs_setup() */
} rs;

static unsigned char item_byte(uint32_t seq, uint32_t j)
{
	return (unsigned char)(seq * RS_SLOT + j + 1u);
}

static void make_items(unsigned char *buf, uint32_t first, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < RS_SLOT; j++)
			buf[i * RS_SLOT + j] = item_byte(first + i, j);
}

static void check_items(const unsigned char *buf, uint32_t first, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < RS_SLOT; j++)
			CHECK(buf[i * RS_SLOT + j] == item_byte(first + i, j));
}

static void prod_block(struct ipc_ring_prod *p)
{
	int w = ipc_ring_prod_wait(p);
	CHECK(w > 0);
}

static void cons_block(struct ipc_ring_cons *c)
{
	int w = ipc_ring_cons_wait(c);
	CHECK(w > 0);
}

/* Single push, then the signal the contract asks for after publishing. */
static void push_one(struct ipc_ring_prod *p, uint32_t seq)
{
	unsigned char item[RS_SLOT];
	make_items(item, seq, 1);
	for (;;) {
		int r = ipc_ring_push(p, item);
		if (r == IPC_RING_OK)
			break;
		CHECK(r == IPC_RING_E_FULL);
		prod_block(p);
	}
	(void)ipc_ring_prod_signal(p);
}

static void producer_single(struct ipc_ring_prod *p, uint32_t from)
{
	for (uint32_t seq = from; seq < rs.items; seq++)
		push_one(p, seq);
}

static void consumer_single(struct ipc_ring_cons *c)
{
	for (uint32_t seq = 0; seq < rs.items; seq++) {
		unsigned char item[RS_SLOT];
		for (;;) {
			int r = ipc_ring_pop(c, item);
			if (r == IPC_RING_OK)
				break;
			CHECK(r == IPC_RING_E_EMPTY);
			cons_block(c);
		}
		check_items(item, seq, 1);
		(void)ipc_ring_cons_signal(c);
	}
}

/* Bursts of 1..cap+1 items (more than fits, too), wrapping mid-burst. */
static void producer_burst(struct ipc_ring_prod *p)
{
	unsigned char buf[RS_MAX_ITEMS * RS_SLOT];
	make_items(buf, 0, rs.items);
	uint32_t sent = 0;
	for (uint32_t round = 0; sent < rs.items; round++) {
		uint32_t n = 1u + round % (rs.cap + 1u);
		if (n > rs.items - sent)
			n = rs.items - sent;
		int r = ipc_ring_push_burst(p, buf + sent * RS_SLOT, n);
		CHECK(r >= 0 && (uint32_t)r <= n);
		if (r == 0) {
			prod_block(p);
			continue;
		}
		sent += (uint32_t)r;
		(void)ipc_ring_prod_signal(p);
	}
}

static void consumer_burst(struct ipc_ring_cons *c)
{
	unsigned char buf[RS_MAX_ITEMS * RS_SLOT];
	uint32_t got = 0;
	for (uint32_t round = 0; got < rs.items; round++) {
		uint32_t n = 1u + (round + 1u) % (rs.cap + 1u);
		int r = ipc_ring_pop_burst(c, buf + got * RS_SLOT, n);
		CHECK(r >= 0 && (uint32_t)r <= n);
		if (r == 0) {
			cons_block(c);
			continue;
		}
		check_items(buf + got * RS_SLOT, got, (uint32_t)r);
		got += (uint32_t)r;
		(void)ipc_ring_cons_signal(c);
	}
}

/* Zero-copy: fill reserved slots in place and commit all or part of them
 * (the rest go back), read peeked slots in place and release all or part. */
static void producer_zero_copy(struct ipc_ring_prod *p)
{
	uint32_t sent = 0;
	for (uint32_t round = 0; sent < rs.items; round++) {
		void *slots = NULL;
		uint32_t want = 1u + round % rs.cap;
		int r = ipc_ring_reserve(p, want, &slots);
		CHECK(r >= 0 && (uint32_t)r <= want);
		if (r == 0) {
			CHECK(ipc_ring_commit(p, 0) == IPC_RING_OK);
			prod_block(p);
			continue;
		}
		uint32_t n = (uint32_t)r;
		if (n > 1 && round % 2 == 1)
			n--; /* commit less than reserved */
		if (n > rs.items - sent)
			n = rs.items - sent;
		unsigned char tmp[RS_MAX_ITEMS * RS_SLOT];
		make_items(tmp, sent, n);
		ipc_rl_memcpy(slots, tmp, (size_t)n * RS_SLOT, __FILE__, __LINE__);
		CHECK(ipc_ring_commit(p, n) == IPC_RING_OK);
		sent += n;
		(void)ipc_ring_prod_signal(p);
	}
}

static void consumer_zero_copy(struct ipc_ring_cons *c)
{
	uint32_t got = 0;
	for (uint32_t round = 0; got < rs.items; round++) {
		const void *slots = NULL;
		uint32_t want = 1u + (round + 1u) % rs.cap;
		int r = ipc_ring_peek(c, want, &slots);
		CHECK(r >= 0 && (uint32_t)r <= want);
		if (r == 0) {
			CHECK(ipc_ring_release(c, 0) == IPC_RING_OK);
			cons_block(c);
			continue;
		}
		uint32_t n = (uint32_t)r;
		if (n > 1 && round % 2 == 0)
			n--; /* release less than peeked: the rest is peeked again */
		unsigned char tmp[RS_MAX_ITEMS * RS_SLOT];
		ipc_rl_memcpy(tmp, slots, (size_t)n * RS_SLOT, __FILE__, __LINE__);
		check_items(tmp, got, n);
		CHECK(ipc_ring_release(c, n) == IPC_RING_OK);
		got += n;
		(void)ipc_ring_cons_signal(c);
	}
}

void rs_setup(int scenario, uint32_t cap, void *mem, size_t size)
{
	rs.scenario = scenario;
	rs.cap = cap;
	rs.mem = mem;
	rs.size = size;
	rs.items = 2u * cap + 3u;
	rs.prefill = 0;
	CHECK(rs.items <= RS_MAX_ITEMS);
	CHECK(ipc_ring_region_size(RS_SLOT, cap) == size);
	if (scenario == RS_CREATE)
		return; /* the producer thread creates the ring, racing the consumer's attach */
	CHECK(ipc_ring_create(mem, size, RS_SLOT, cap) == IPC_RING_OK);
	if (scenario == RS_ATTACH) {
		/* A first producer publishes one item and goes away; a restarted
		 * producer and the consumer attach inside the threads, while the
		 * peer may already run. */
		struct ipc_ring_prod first;
		CHECK(ipc_ring_prod_attach(&first, mem, size, NULL) == IPC_RING_OK);
		unsigned char item[RS_SLOT];
		make_items(item, 0, 1);
		CHECK(ipc_ring_push(&first, item) == IPC_RING_OK);
		rs.prefill = 1;
		return;
	}
	CHECK(ipc_ring_prod_attach(&rs.prod, mem, size, &rs_waker) == IPC_RING_OK);
	CHECK(ipc_ring_cons_attach(&rs.cons, mem, size, &rs_waker) == IPC_RING_OK);
}

static void producer(void)
{
	switch (rs.scenario) {
	case RS_SINGLE:
		producer_single(&rs.prod, 0);
		break;
	case RS_BURST:
		producer_burst(&rs.prod);
		break;
	case RS_ZERO_COPY:
		producer_zero_copy(&rs.prod);
		break;
	case RS_ATTACH:
		CHECK(ipc_ring_prod_attach(&rs.prod, rs.mem, rs.size, &rs_waker) == IPC_RING_OK);
		producer_single(&rs.prod, rs.prefill);
		break;
	case RS_CREATE:
		CHECK(ipc_ring_create(rs.mem, rs.size, RS_SLOT, rs.cap) == IPC_RING_OK);
		CHECK(ipc_ring_prod_attach(&rs.prod, rs.mem, rs.size, &rs_waker) == IPC_RING_OK);
		producer_single(&rs.prod, 0);
		break;
	default:
		CHECK(!"unknown scenario");
	}
}

static void consumer(void)
{
	switch (rs.scenario) {
	case RS_SINGLE:
		consumer_single(&rs.cons);
		break;
	case RS_BURST:
		consumer_burst(&rs.cons);
		break;
	case RS_ZERO_COPY:
		consumer_zero_copy(&rs.cons);
		break;
	case RS_ATTACH:
		CHECK(ipc_ring_cons_attach(&rs.cons, rs.mem, rs.size, &rs_waker) == IPC_RING_OK);
		CHECK(rs.cons.tail == 0);
		consumer_single(&rs.cons);
		break;
	case RS_CREATE: {
		/* Poll until the creator's magic shows: whoever sees it must also
		 * see the header and the zeroed indices (the RELEASE/ACQUIRE of
		 * magic), not what the region held before. */
		int r;
		while ((r = ipc_ring_cons_attach(&rs.cons, rs.mem, rs.size, &rs_waker)) ==
		       IPC_RING_E_BAD_MAGIC)
			ipc_rl_yield(__FILE__, __LINE__);
		CHECK(r == IPC_RING_OK);
		CHECK(rs.cons.tail == 0);
		consumer_single(&rs.cons);
		break;
	}
	default:
		CHECK(!"unknown scenario");
	}
}

void rs_thread(int idx)
{
	if (idx == 0)
		producer();
	else
		consumer();
}
