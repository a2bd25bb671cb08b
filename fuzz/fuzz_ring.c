/*
 * libFuzzer target for the SharedRing (SEMANTICS G1-G5, <ipc/ring.h>): one
 * region of the exact size the geometry needs (so ASan flags any access past
 * it), a producer and a consumer side, and a random interleaving of every
 * ring operation, plus a hostile peer that writes garbage into the shared
 * header, indices and wake flags.
 *
 * While nobody has scribbled on the shared state, a reference FIFO of item ids
 * checks G2 exactly: every pop/peek returns the next item, whole and in
 * order, counts and FULL/EMPTY match the FIFO. After a hostile write the ring
 * only has to stay in bounds (ASan) and answer with documented values (G5);
 * re-creating the ring returns to the exact checks. A side re-attached after
 * a hostile header rewrite legitimately works with the rewritten geometry
 * when it still fits the region (more, smaller slots, say): its answers are
 * bounded by the geometry it attached with, not by the one the ring was
 * created with. Single-threaded: the interleaving is the fuzzer's, one step
 * at a time.
 *
 * Input: 2 geometry bytes, then ops of 1 opcode byte plus argument bytes.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ipc/ring.h>

#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_CAP 16u
#define MAX_BURST 20u
/* Largest slot array a region here holds (16 slots of 100 bytes): a side
 * that re-attached to a rewritten header may use slots of any size that
 * fits, so item buffers must hold that much. */
#define MAX_ITEM (MAX_CAP * 100u)

static unsigned char *region;
static size_t region_size;
static uint32_t slot_size, capacity;
static struct ipc_ring_prod prod;
static struct ipc_ring_cons cons;
static bool prod_ok, cons_ok; /* side attached */
static bool honest;           /* no hostile write since the ring was created */
/* Reference FIFO of item ids (honest mode). */
static uint32_t fifo[MAX_CAP];
static uint32_t fifo_head, fifo_n, next_id;
static uint32_t head_pos, tail_pos; /* items published / released since create */
static bool reserve_open, peek_open;
static uint32_t reserved_n, peeked_n;
static int op_no;
static bool trace_env;
#define TRACE(...)                                                                                           \
	do {                                                                                                 \
		if (trace_env)                                                                               \
			fprintf(stderr, __VA_ARGS__);                                                        \
	} while (0)

__attribute__((noreturn, format(printf, 1, 2))) static void fail(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "\n**** SharedRing check failed at op #%d (slot %u, cap %u, %s): ", op_no, slot_size,
	        capacity, honest ? "honest" : "after hostile writes");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
#define CHECK(c, ...)                                                                                        \
	do {                                                                                                 \
		if (!(c))                                                                                    \
			fail(__VA_ARGS__);                                                                   \
	} while (0)

static void fill_bytes(unsigned char *dst, uint32_t id, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++)
		dst[k] = (unsigned char)(id * 31u + k * 7u + (k < 4 ? (id >> (8 * k)) : 0));
}

static void fill_item(unsigned char *dst, uint32_t id)
{
	fill_bytes(dst, id, slot_size);
}

static void check_item(const unsigned char *src, uint32_t id, const char *how)
{
	unsigned char want[256];
	uint32_t n = slot_size < sizeof(want) ? slot_size : (uint32_t)sizeof(want);
	fill_item(want, id); /* slot_size <= 256 in this target */
	CHECK(memcmp(src, want, n) == 0, "G2: %s returned a torn or wrong item (want id %u)", how, id);
}

/* The consumer's reads must stay inside the slot array (G5): touch them. */
static unsigned touch(const unsigned char *p, size_t n)
{
	unsigned s = 0;
	for (size_t k = 0; k < n; k++)
		s += p[k];
	return s;
}

/* n slots of the side's own slot size lie inside the slot array (G5). */
static bool in_slots(const unsigned char *p, uint32_t n, uint32_t side_slot)
{
	const unsigned char *lo = region + IPC_RING_SLOTS_OFFSET;
	return p >= lo && p + (size_t)n * side_slot <= region + region_size;
}

/* The capacity each side attached with: the created one, or a rewritten one
 * a re-attach accepted because it fits the region. In honest mode both equal
 * `capacity`. */
static uint32_t prod_cap(void)
{
	return prod.mask + 1u;
}

static uint32_t cons_cap(void)
{
	return cons.mask + 1u;
}

static uint32_t model_space(void)
{
	return capacity - fifo_n;
}

static int wait_cb(void *ctx, _Atomic uint32_t *flag, uint32_t expected)
{
	(void)ctx;
	CHECK(expected == 1, "G3: wait() called with expected %u", expected);
	if (honest)
		CHECK(atomic_load(flag) == 1, "G3: wait() called before the flag was announced");
	return -1000; /* a timeout: the single-threaded world cannot sleep */
}

static int notified;
static void notify_cb(void *ctx, _Atomic uint32_t *flag)
{
	(void)ctx;
	(void)flag;
	notified++;
}

static const struct ipc_ring_waker waker = {wait_cb, notify_cb, NULL};

static void reset_sides(void)
{
	prod_ok = cons_ok = false;
	reserve_open = peek_open = false;
	fifo_head = fifo_n = 0;
	head_pos = tail_pos = 0;
}

static void create_ring(void)
{
	int r = ipc_ring_create(region, region_size, slot_size, capacity);
	CHECK(r == IPC_RING_OK, "create on a fresh region: %d", r);
	reset_sides();
	honest = true;
	r = ipc_ring_prod_attach(&prod, region, region_size, u8() & 1 ? &waker : NULL);
	CHECK(r == IPC_RING_OK, "G1: producer attach to a fresh ring: %d", r);
	r = ipc_ring_cons_attach(&cons, region, region_size, u8() & 1 ? &waker : NULL);
	CHECK(r == IPC_RING_OK, "G1: consumer attach to a fresh ring: %d", r);
	prod_ok = cons_ok = true;
}

static bool is_err(int r)
{
	return r == IPC_RING_E_EMPTY || r == IPC_RING_E_FULL || r == IPC_RING_E_CORRUPT ||
	       r == IPC_RING_E_INVAL || r == IPC_RING_E_NO_WAKER || r == -1000;
}

static void op_push(void)
{
	static unsigned char item[MAX_ITEM];
	uint32_t id = next_id;
	fill_item(item, id);
	int r = ipc_ring_push(&prod, item);
	if (!honest) {
		CHECK(r == 0 || r == IPC_RING_E_FULL || r == IPC_RING_E_CORRUPT || r == IPC_RING_E_INVAL,
		      "push: %d", r);
		return;
	}
	int want = reserve_open ? IPC_RING_E_INVAL : model_space() == 0 ? IPC_RING_E_FULL : 0;
	if (reserve_open && model_space() == 0)
		want = IPC_RING_E_FULL; /* full is reported before the open reservation */
	CHECK(r == want, "push: %d, want %d (%u queued)", r, want, fifo_n);
	if (r == 0) {
		fifo[(fifo_head + fifo_n++) % MAX_CAP] = id;
		next_id++;
		head_pos++;
	}
}

static void op_pop(void)
{
	static unsigned char item[MAX_ITEM];
	int r = ipc_ring_pop(&cons, item);
	if (!honest) {
		CHECK(r == 0 || r == IPC_RING_E_EMPTY || r == IPC_RING_E_CORRUPT || r == IPC_RING_E_INVAL,
		      "pop: %d", r);
		return;
	}
	int want = fifo_n == 0 ? IPC_RING_E_EMPTY : peek_open ? IPC_RING_E_INVAL : 0;
	CHECK(r == want, "pop: %d, want %d (%u queued)", r, want, fifo_n);
	if (r == 0) {
		check_item(item, fifo[fifo_head], "pop");
		fifo_head = (fifo_head + 1) % MAX_CAP;
		fifo_n--;
		tail_pos++;
	}
}

static void op_push_burst(void)
{
	static unsigned char items[MAX_BURST * 256];
	uint32_t n = u8() % (MAX_BURST + 1);
	for (uint32_t k = 0; k < n; k++)
		fill_item(items + (size_t)k * slot_size, next_id + k);
	int r = ipc_ring_push_burst(&prod, items, n);
	if (!honest) {
		CHECK((r >= 0 && (uint32_t)r <= n && (uint32_t)r <= prod_cap()) || r == IPC_RING_E_CORRUPT ||
		          r == IPC_RING_E_INVAL,
		      "push_burst(%u): %d", n, r);
		return;
	}
	uint32_t want = n < model_space() ? n : model_space();
	if (reserve_open) {
		CHECK(r == IPC_RING_E_INVAL, "push_burst with a reservation open: %d", r);
		return;
	}
	CHECK(r == (int)want, "G4: push_burst(%u): %d, want %u", n, r, want);
	for (uint32_t k = 0; k < (uint32_t)r; k++)
		fifo[(fifo_head + fifo_n++) % MAX_CAP] = next_id++;
	head_pos += (uint32_t)r;
}

static void op_pop_burst(void)
{
	static unsigned char items[MAX_BURST * 256];
	uint32_t n = u8() % (MAX_BURST + 1);
	int r = ipc_ring_pop_burst(&cons, items, n);
	if (!honest) {
		CHECK((r >= 0 && (uint32_t)r <= n && (uint32_t)r <= cons_cap()) || r == IPC_RING_E_CORRUPT ||
		          r == IPC_RING_E_INVAL,
		      "pop_burst(%u): %d", n, r);
		return;
	}
	uint32_t want = n < fifo_n ? n : fifo_n;
	if (peek_open) {
		CHECK(r == IPC_RING_E_INVAL, "pop_burst with a peek open: %d", r);
		return;
	}
	CHECK(r == (int)want, "G4: pop_burst(%u): %d, want %u", n, r, want);
	for (uint32_t k = 0; k < (uint32_t)r; k++) {
		check_item(items + (size_t)k * slot_size, fifo[fifo_head], "pop_burst");
		fifo_head = (fifo_head + 1) % MAX_CAP;
		fifo_n--;
	}
	tail_pos += (uint32_t)r;
}

static void op_reserve(void)
{
	uint32_t want = u8() % (MAX_CAP + 2);
	void *slots = NULL;
	int r = ipc_ring_reserve(&prod, want, u8() < 8 ? NULL : &slots);
	if (r > 0) {
		CHECK(in_slots(slots, (uint32_t)r, prod.slot_size),
		      "G5: reserve handed out slots outside the ring");
		for (int k = 0; k < r; k++)
			fill_bytes((unsigned char *)slots + (size_t)k * prod.slot_size, next_id + (uint32_t)k,
			           prod.slot_size);
	}
	if (!honest) {
		CHECK((r >= 0 && (uint32_t)r <= prod_cap()) || r == IPC_RING_E_CORRUPT ||
		          r == IPC_RING_E_INVAL,
		      "reserve: %d", r);
		if (r >= 0) {
			reserve_open = r > 0;
			reserved_n = (uint32_t)r;
		}
		return;
	}
	if (reserve_open || want == 0 || slots == NULL) {
		CHECK(r == IPC_RING_E_INVAL, "reserve(%u) with %s: %d, want E_INVAL", want,
		      reserve_open ? "one open" : "bad arguments", r);
		return;
	}
	/* Contiguous up to the end of the slot array, at most the free space. */
	uint32_t run = capacity - head_pos % capacity, space = model_space();
	uint32_t exact = want < run ? want : run;
	exact = exact < space ? exact : space;
	CHECK(r == (int)exact, "G4: reserve(%u): %d, want %u (%u free, %u before the wrap)", want, r, exact,
	      space, run);
	CHECK(r == 0 || (unsigned char *)slots ==
	                    region + IPC_RING_SLOTS_OFFSET + (size_t)(head_pos % capacity) * slot_size,
	      "G4: reserve handed out the wrong slot");
	reserve_open = r > 0;
	reserved_n = (uint32_t)r;
}

static void op_commit(void)
{
	uint32_t n = u8() % (MAX_CAP + 2);
	int r = ipc_ring_commit(&prod, n);
	if (!honest) {
		CHECK(r == 0 || r == IPC_RING_E_INVAL, "commit: %d", r);
		if (r == 0)
			reserve_open = false;
		return;
	}
	uint32_t open = reserve_open ? reserved_n : 0;
	CHECK(r == (n > open ? IPC_RING_E_INVAL : 0), "G4: commit(%u) of %u reserved: %d", n, open, r);
	if (r == 0) {
		for (uint32_t k = 0; k < n; k++)
			fifo[(fifo_head + fifo_n++) % MAX_CAP] = next_id++;
		head_pos += n;
		reserve_open = false;
	}
}

static void op_peek(void)
{
	uint32_t want = u8() % (MAX_CAP + 2);
	const void *slots = NULL;
	int r = ipc_ring_peek(&cons, want, u8() < 8 ? NULL : &slots);
	if (r > 0) {
		CHECK(in_slots(slots, (uint32_t)r, cons.slot_size),
		      "G5: peek exposed slots outside the ring");
		(void)touch(slots, (size_t)r * cons.slot_size);
	}
	if (!honest) {
		CHECK((r >= 0 && (uint32_t)r <= cons_cap()) || r == IPC_RING_E_CORRUPT ||
		          r == IPC_RING_E_INVAL,
		      "peek: %d", r);
		if (r >= 0) {
			peek_open = r > 0;
			peeked_n = (uint32_t)r;
		}
		return;
	}
	if (peek_open || want == 0 || slots == NULL) {
		CHECK(r == IPC_RING_E_INVAL, "peek(%u) with %s: %d, want E_INVAL", want,
		      peek_open ? "one open" : "bad arguments", r);
		return;
	}
	uint32_t run = capacity - tail_pos % capacity;
	uint32_t exact = want < run ? want : run;
	exact = exact < fifo_n ? exact : fifo_n;
	CHECK(r == (int)exact, "G4: peek(%u): %d, want %u (%u queued, %u before the wrap)", want, r, exact,
	      fifo_n, run);
	for (int k = 0; k < r; k++)
		check_item((const unsigned char *)slots + (size_t)k * slot_size,
		           fifo[(fifo_head + (uint32_t)k) % MAX_CAP], "peek");
	peek_open = r > 0;
	peeked_n = (uint32_t)r;
}

static void op_release(void)
{
	uint32_t n = u8() % (MAX_CAP + 2);
	int r = ipc_ring_release(&cons, n);
	if (!honest) {
		CHECK(r == 0 || r == IPC_RING_E_INVAL, "release: %d", r);
		if (r == 0)
			peek_open = false;
		return;
	}
	uint32_t open = peek_open ? peeked_n : 0;
	CHECK(r == (n > open ? IPC_RING_E_INVAL : 0), "G4: release(%u) of %u peeked: %d", n, open, r);
	if (r == 0) {
		fifo_head = (fifo_head + n) % MAX_CAP;
		fifo_n -= n;
		tail_pos += n;
		peek_open = false;
	}
}

static void op_counts(void)
{
	int s = ipc_ring_prod_space(&prod);
	int a = ipc_ring_cons_avail(&cons);
	if (!honest) {
		CHECK((s >= 0 && (uint32_t)s <= prod_cap()) || s == IPC_RING_E_CORRUPT, "prod_space: %d", s);
		CHECK((a >= 0 && (uint32_t)a <= cons_cap()) || a == IPC_RING_E_CORRUPT, "cons_avail: %d", a);
		return;
	}
	/* Cached views may be stale but never optimistic, and never 0 when
	 * there is room / data (they refresh then). */
	CHECK(s >= 0 && (uint32_t)s <= model_space() && ((s == 0) == (model_space() == 0)),
	      "prod_space %d with %u free", s, model_space());
	CHECK(a >= 0 && (uint32_t)a <= fifo_n && ((a == 0) == (fifo_n == 0)), "cons_avail %d with %u queued",
	      a, fifo_n);
}

static void op_wait(bool producer)
{
	int r = producer ? ipc_ring_prod_wait(&prod) : ipc_ring_cons_wait(&cons);
	_Atomic uint32_t *flag = producer ? &prod.sh->prod_sleeping : &cons.sh->cons_sleeping;
	const struct ipc_ring_waker *w = producer ? &prod.waker : &cons.waker;
	CHECK(r > 0 || is_err(r), "wait: %d", r);
	if (r > 0)
		CHECK((uint32_t)r <= (producer ? prod_cap() : cons_cap()), "wait: %d > capacity", r);
	if (!honest)
		return;
	uint32_t ready = producer ? model_space() : fifo_n;
	if (ready > 0) {
		CHECK(r > 0 && (uint32_t)r <= ready, "G3: wait with %u ready returned %d", ready, r);
	} else {
		CHECK(r == (w->wait == NULL ? IPC_RING_E_NO_WAKER : -1000), "G3: wait on nothing returned %d",
		      r);
		if (w->wait != NULL)
			CHECK(atomic_load(flag) == 0, "G3: wait left its wake-me flag set");
	}
}

static void op_signal(bool producer)
{
	_Atomic uint32_t *flag = producer ? &prod.sh->cons_sleeping : &cons.sh->prod_sleeping;
	const struct ipc_ring_waker *w = producer ? &prod.waker : &cons.waker;
	uint32_t before = atomic_load(flag);
	int n0 = notified;
	int r = producer ? ipc_ring_prod_signal(&prod) : ipc_ring_cons_signal(&cons);
	CHECK(r == 0 || r == 1, "signal: %d", r);
	CHECK(r == (before != 0 && w->notify != NULL), "G3: signal returned %d with the peer's flag %u", r,
	      before);
	CHECK(notified == n0 + r, "G3: notify() calls do not match signal's answer");
	CHECK(atomic_load(flag) == 0, "G3: signal left the peer's flag set");
}

/* The peer goes to sleep: it announces "wake me" (as its wait would). */
static void op_announce(void)
{
	atomic_store(u8() & 1 ? &prod.sh->cons_sleeping : &prod.sh->prod_sleeping, 1);
}

/* A hostile or broken peer writes anything into the shared header lines. */
static void op_hostile(void)
{
	uint32_t off = (u8() % (IPC_RING_SLOTS_OFFSET / 4)) * 4;
	uint8_t how = u8();
	uint32_t v;
	uint32_t cur;
	memcpy(&cur, region + off, 4);
	switch (how % 6) {
	case 0:
		v = u32();
		break;
	case 1:
		v = cur + 1u + u8() % 4u;
		break;
	case 2:
		v = cur - 1u - u8() % 4u;
		break;
	case 3:
		v = cur + capacity;
		break;
	case 4:
		v = cur + 0x80000000u;
		break;
	default:
		v = 0;
		break;
	}
	memcpy(region + off, &v, 4);
	if (v != cur && off < 3 * IPC_RING_LINE)
		honest = false; /* header or an index; the wake flags are fair game */
}

/* Re-attach a side (a restarted peer resumes from the shared indices). */
static void op_reattach(void)
{
	bool producer = u8() & 1;
	size_t size = region_size - (u8() < 16 ? 1 : 0);
	int r = producer ? ipc_ring_prod_attach(&prod, region, size, &waker)
	                 : ipc_ring_cons_attach(&cons, region, size, &waker);
	CHECK(r == 0 || r == IPC_RING_E_BAD_MAGIC || r == IPC_RING_E_BAD_VERSION ||
	          r == IPC_RING_E_BAD_GEOMETRY || r == IPC_RING_E_TOO_SMALL || r == IPC_RING_E_CORRUPT,
	      "attach: %d", r);
	if (honest && size == region_size)
		CHECK(r == 0, "G1: re-attach to an intact ring failed: %d", r);
	if (r != 0 && honest && size != region_size)
		CHECK(r == IPC_RING_E_TOO_SMALL, "G1: attach with a short region: %d", r);
	if (r == 0) {
		/* Whatever the header now says, the side accepted only a geometry
		 * whose slots fit the region it was given (G1, G5). */
		uint32_t cap = producer ? prod_cap() : cons_cap();
		uint32_t ss = producer ? prod.slot_size : cons.slot_size;
		CHECK(ss != 0 && (cap & (cap - 1u)) == 0 && ipc_ring_region_size(ss, cap) != 0 &&
		          ipc_ring_region_size(ss, cap) <= size,
		      "G5: attach accepted %u slots of %u bytes in a region of %zu", cap, ss, size);
		if (honest)
			CHECK(cap == capacity && ss == slot_size,
			      "G1: re-attach to an intact ring changed its geometry");
		/* A re-attached side forgets open reservations / peeks. */
		if (producer)
			reserve_open = false;
		else
			peek_open = false;
	}
	if (r != 0) {
		/* The side struct is untouched on failure; keep using it. */
		return;
	}
}

static void op_misc(void)
{
	uint32_t ss = u32(), cap = u32();
	size_t n = ipc_ring_region_size(ss, cap);
	bool valid = cap != 0 && cap <= IPC_RING_MAX_CAPACITY && (cap & (cap - 1)) == 0 && ss != 0 &&
	             ss <= IPC_RING_MAX_SLOT_SIZE;
	CHECK((n != 0) == valid, "G1: region_size(%u, %u) = %zu", ss, cap, n);
	if (valid)
		CHECK(n == IPC_RING_SLOTS_OFFSET + (size_t)ss * cap, "region_size arithmetic");
	CHECK(ipc_ring_strerror((int)u32()) != NULL, "strerror NULL");
	/* create() refuses bad geometry / regions without touching them. */
	unsigned char before[IPC_RING_SLOTS_OFFSET];
	memcpy(before, region, sizeof(before));
	int r = ipc_ring_create(region + (u8() & 1 ? 0 : 8), region_size, ss, cap);
	if (r != 0)
		CHECK(memcmp(before, region, sizeof(before)) == 0,
		      "create failed with %d but wrote the region", r);
	else
		reset_sides(), honest = true, prod_ok = cons_ok = false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t sizes[8] = {1, 3, 4, 8, 16, 24, 64, 100};
	trace_env = getenv("FUZZ_TRACE") != NULL;
	input_start(data, size);
	slot_size = sizes[u8() % 8];
	capacity = 1u << (u8() % 5); /* 1..16 */
	region_size = ipc_ring_region_size(slot_size, capacity);
	if (posix_memalign((void **)&region, IPC_RING_ALIGN, region_size) != 0)
		abort();
	memset(region, 0xEE, region_size);
	next_id = 1;
	op_no = 0;
	notified = 0;
	create_ring();
	while (in_left > 0 && op_no < 4096) {
		op_no++;
		uint8_t op = u8() % 18;
		TRACE("#%d op %u  [prod head %u tail_cache %u res %u | cons tail %u head_cache %u peek %u | "
		      "shared head %u tail %u]\n",
		      op_no, op, prod.head, prod.tail_cache, prod.reserved, cons.tail, cons.head_cache,
		      cons.peeked, atomic_load(&prod.sh->head), atomic_load(&prod.sh->tail));
		if (!prod_ok || !cons_ok) {
			if (op < 16)
				create_ring();
			continue;
		}
		switch (op) {
		case 0:
		case 1:
			op_push();
			break;
		case 2:
		case 3:
			op_pop();
			break;
		case 4:
			op_push_burst();
			break;
		case 5:
			op_pop_burst();
			break;
		case 6:
			op_reserve();
			break;
		case 7:
			op_commit();
			break;
		case 8:
			op_peek();
			break;
		case 9:
			op_release();
			break;
		case 10:
			op_counts();
			break;
		case 11:
			op_wait(u8() & 1);
			break;
		case 12:
			op_signal(u8() & 1);
			break;
		case 13:
			op_announce();
			break;
		case 14:
			op_hostile();
			break;
		case 15:
			op_reattach();
			break;
		case 16:
			op_misc();
			break;
		default:
			create_ring();
			break;
		}
	}
	free(region);
	return 0;
}
