/*
 * SharedRing unit tests, one group per rule G1-G5 of docs/semantics.md, each run
 * at capacities 1, 2, 4 and a large one. Single-threaded except the G3 futex
 * test, which runs a real producer and consumer thread that block on each
 * other. Regions are exactly sized heap blocks, so an out-of-bounds access
 * by the ring would trip AddressSanitizer in the asan build.
 */
#include "ring_test_util.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

static const uint32_t caps[] = {1, 2, 4, 1024};
#define NCAPS (sizeof caps / sizeof caps[0])

struct rig {
	void *mem;
	size_t size;
	uint32_t cap;
	uint32_t slot;
	struct ipc_ring_prod p;
	struct ipc_ring_cons c;
};

/* Create a ring whose indices both start at `start` (to test wrap-around of
 * the free-running indices), then attach both sides. */
static void rig_open_at(struct rig *r, uint32_t slot, uint32_t cap, uint32_t start,
                        const struct ipc_ring_waker *pw, const struct ipc_ring_waker *cw)
{
	r->cap = cap;
	r->slot = slot;
	r->size = ipc_ring_region_size(slot, cap);
	cr_assert_neq(r->size, 0);
	r->mem = ring_region_alloc(r->size);
	cr_assert_not_null(r->mem);
	cr_assert_eq(ipc_ring_create(r->mem, r->size, slot, cap), IPC_RING_OK);
	struct ipc_ring_shared *sh = r->mem;
	atomic_store(&sh->head, start);
	atomic_store(&sh->tail, start);
	cr_assert_eq(ipc_ring_prod_attach(&r->p, r->mem, r->size, pw), IPC_RING_OK);
	cr_assert_eq(ipc_ring_cons_attach(&r->c, r->mem, r->size, cw), IPC_RING_OK);
}

static void rig_open(struct rig *r, uint32_t slot, uint32_t cap)
{
	rig_open_at(r, slot, cap, 0, NULL, NULL);
}

static void rig_close(struct rig *r)
{
	free(r->mem);
	r->mem = NULL;
}

static struct ipc_ring_shared *shared(struct rig *r)
{
	return r->mem;
}

/* ---- G1: layout, versioned header, validation at attach ---------------- */

Test(ring, G1_layout_is_stable_abi)
{
	cr_assert_eq(offsetof(struct ipc_ring_shared, hdr), 0);
	cr_assert_eq(offsetof(struct ipc_ring_header, magic), 0);
	cr_assert_eq(offsetof(struct ipc_ring_header, version), 4);
	cr_assert_eq(offsetof(struct ipc_ring_header, slot_size), 8);
	cr_assert_eq(offsetof(struct ipc_ring_header, capacity), 12);
	cr_assert_eq(offsetof(struct ipc_ring_header, slots_offset), 16);
	cr_assert_eq(offsetof(struct ipc_ring_shared, head), 64);
	cr_assert_eq(offsetof(struct ipc_ring_shared, tail), 128);
	cr_assert_eq(offsetof(struct ipc_ring_shared, cons_sleeping), 192);
	cr_assert_eq(offsetof(struct ipc_ring_shared, prod_sleeping), 256);
	cr_assert_eq(IPC_RING_SLOTS_OFFSET, 320);
	cr_assert_eq(ipc_ring_region_size(8, 1), 328);
	cr_assert_eq(ipc_ring_region_size(24, 1024), 320 + 24 * 1024);
}

Test(ring, G1_create_and_attach_at_each_capacity)
{
	static const uint32_t slots[] = {1, 8, 24, 64, 4096};
	for (size_t i = 0; i < NCAPS; i++) {
		for (size_t j = 0; j < sizeof slots / sizeof slots[0]; j++) {
			struct rig r;
			rig_open(&r, slots[j], caps[i]);
			struct ipc_ring_shared *sh = shared(&r);
			cr_assert_eq(atomic_load(&sh->hdr.magic), IPC_RING_MAGIC);
			cr_assert_eq(sh->hdr.version, IPC_RING_VERSION);
			cr_assert_eq(sh->hdr.capacity, caps[i]);
			cr_assert_eq(sh->hdr.slot_size, slots[j]);
			cr_assert_eq(r.p.mask, caps[i] - 1);
			cr_assert_eq(ipc_ring_prod_space(&r.p), (int)caps[i]);
			cr_assert_eq(ipc_ring_cons_avail(&r.c), 0);
			rig_close(&r);
		}
	}
}

Test(ring, G1_geometry_and_region_are_checked_by_create)
{
	size_t size = ipc_ring_region_size(8, 4);
	void *mem = ring_region_alloc(size + 64);
	cr_assert_eq(ipc_ring_region_size(8, 0), 0);
	cr_assert_eq(ipc_ring_region_size(8, 3), 0);
	cr_assert_eq(ipc_ring_region_size(8, 6), 0);
	cr_assert_eq(ipc_ring_region_size(8, 1u << 31), 0);
	cr_assert_eq(ipc_ring_region_size(0, 4), 0);
	cr_assert_eq(ipc_ring_region_size(IPC_RING_MAX_SLOT_SIZE + 1, 4), 0);
	cr_assert_eq(ipc_ring_create(NULL, size, 8, 4), IPC_RING_E_INVAL);
	cr_assert_eq(ipc_ring_create((char *)mem + 8, size, 8, 4), IPC_RING_E_ALIGN);
	cr_assert_eq(ipc_ring_create(mem, size, 8, 3), IPC_RING_E_BAD_GEOMETRY);
	cr_assert_eq(ipc_ring_create(mem, size, 0, 4), IPC_RING_E_BAD_GEOMETRY);
	cr_assert_eq(ipc_ring_create(mem, size - 1, 8, 4), IPC_RING_E_TOO_SMALL);
	cr_assert_eq(ipc_ring_create(mem, 10, 8, 4), IPC_RING_E_TOO_SMALL);
	cr_assert_eq(ipc_ring_create(mem, size, 8, 4), IPC_RING_OK);
	free(mem);
}

Test(ring, G1_attach_validates_header)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, 8, caps[i]);
		struct ipc_ring_shared *sh = shared(&r);
		struct ipc_ring_prod p;
		struct ipc_ring_cons c;

		atomic_store(&sh->hdr.magic, 0x12345678);
		cr_assert_eq(ipc_ring_prod_attach(&p, r.mem, r.size, NULL), IPC_RING_E_BAD_MAGIC);
		cr_assert_eq(ipc_ring_cons_attach(&c, r.mem, r.size, NULL), IPC_RING_E_BAD_MAGIC);
		atomic_store(&sh->hdr.magic, IPC_RING_MAGIC);

		sh->hdr.version = IPC_RING_VERSION + 1;
		cr_assert_eq(ipc_ring_cons_attach(&c, r.mem, r.size, NULL), IPC_RING_E_BAD_VERSION);
		sh->hdr.version = IPC_RING_VERSION;

		sh->hdr.capacity = caps[i] * 2; /* valid geometry, but larger than the region */
		cr_assert_eq(ipc_ring_prod_attach(&p, r.mem, r.size, NULL), IPC_RING_E_TOO_SMALL);
		sh->hdr.capacity = 3;
		cr_assert_eq(ipc_ring_prod_attach(&p, r.mem, r.size, NULL), IPC_RING_E_BAD_GEOMETRY);
		sh->hdr.capacity = caps[i];

		sh->hdr.slot_size = 0;
		cr_assert_eq(ipc_ring_cons_attach(&c, r.mem, r.size, NULL), IPC_RING_E_BAD_GEOMETRY);
		sh->hdr.slot_size = 9;
		cr_assert_eq(ipc_ring_cons_attach(&c, r.mem, r.size, NULL), IPC_RING_E_TOO_SMALL);
		sh->hdr.slot_size = 8;

		sh->hdr.slots_offset = 64;
		cr_assert_eq(ipc_ring_cons_attach(&c, r.mem, r.size, NULL), IPC_RING_E_BAD_GEOMETRY);
		sh->hdr.slots_offset = IPC_RING_SLOTS_OFFSET;

		cr_assert_eq(ipc_ring_prod_attach(&p, r.mem, r.size - 1, NULL), IPC_RING_E_TOO_SMALL);
		cr_assert_eq(ipc_ring_prod_attach(NULL, r.mem, r.size, NULL), IPC_RING_E_INVAL);
		cr_assert_eq(ipc_ring_prod_attach(&p, NULL, r.size, NULL), IPC_RING_E_INVAL);
		cr_assert_eq(ipc_ring_cons_attach(&c, (char *)r.mem + 4, r.size, NULL), IPC_RING_E_ALIGN);
		cr_assert_eq(ipc_ring_prod_attach(&p, r.mem, r.size, NULL), IPC_RING_OK);
		rig_close(&r);
	}
}

/* Two mappings of one memfd at different addresses stand in for two
 * protection domains: nothing in the shared region may be a pointer. */
Test(ring, G1_two_mappings_at_different_addresses)
{
	for (size_t i = 0; i < NCAPS; i++) {
		size_t size = ipc_ring_region_size(8, caps[i]);
		int fd = memfd_create("ring", 0);
		cr_assert_geq(fd, 0);
		cr_assert_eq(ftruncate(fd, (off_t)size), 0);
		void *a = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		void *b = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		cr_assert(a != MAP_FAILED && b != MAP_FAILED && a != b);
		cr_assert_eq(ipc_ring_create(a, size, 8, caps[i]), IPC_RING_OK);
		struct ipc_ring_prod p;
		struct ipc_ring_cons c;
		cr_assert_eq(ipc_ring_prod_attach(&p, a, size, NULL), IPC_RING_OK);
		cr_assert_eq(ipc_ring_cons_attach(&c, b, size, NULL), IPC_RING_OK);
		for (uint64_t k = 0; k < 3 * caps[i] + 5; k++) {
			uint64_t out = 0;
			cr_assert_eq(ipc_ring_push(&p, &k), IPC_RING_OK);
			cr_assert_eq(ipc_ring_pop(&c, &out), IPC_RING_OK);
			cr_assert_eq(out, k);
		}
		munmap(a, size);
		munmap(b, size);
		close(fd);
	}
}

/* A side that attaches again (a restarted process) resumes from the shared
 * indices. */
Test(ring, G1_reattach_resumes)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, 8, caps[i]);
		uint64_t k = 7, out = 0;
		cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_OK);
		cr_assert_eq(ipc_ring_cons_attach(&r.c, r.mem, r.size, NULL), IPC_RING_OK);
		cr_assert_eq(ipc_ring_cons_avail(&r.c), 1);
		cr_assert_eq(ipc_ring_prod_attach(&r.p, r.mem, r.size, NULL), IPC_RING_OK);
		cr_assert_eq(ipc_ring_prod_space(&r.p), (int)caps[i] - 1);
		cr_assert_eq(ipc_ring_pop(&r.c, &out), IPC_RING_OK);
		cr_assert_eq(out, 7);
		rig_close(&r);
	}
}

/* The ring's codes are in libipc's one status space: ipc_strerror() names
 * each, and ipc_ring_strerror() is the same table. */
Test(ring, G1_strerror_names_every_code)
{
	for (int e = IPC_RING_E_NO_WAKER; e <= IPC_RING_E_EMPTY; e++) {
		cr_assert_str_neq(ipc_strerror(e), "unknown status", "code %d", e);
		cr_assert_eq(ipc_ring_strerror(e), ipc_strerror(e), "code %d", e);
	}
	cr_assert_eq(IPC_RING_OK, IPC_OK);
	cr_assert_str_eq(ipc_ring_strerror(IPC_RING_OK), ipc_strerror(IPC_OK));
	cr_assert_str_eq(ipc_ring_strerror(-100), "unknown status");
}

/* ---- G2: FIFO, nothing lost, duplicated, reordered or torn ---------------- */

Test(ring, G2_fill_and_drain_in_order)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, 8, caps[i]);
		for (int round = 0; round < 3; round++) {
			uint64_t k;
			for (k = 0; k < caps[i]; k++)
				cr_assert_eq(ipc_ring_push(&r.p, &(uint64_t){k * 3 + round}), IPC_RING_OK);
			cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_E_FULL, "cap %u", caps[i]);
			cr_assert_eq(ipc_ring_prod_space(&r.p), 0);
			cr_assert_eq(ipc_ring_cons_avail(&r.c), (int)caps[i]);
			for (k = 0; k < caps[i]; k++) {
				uint64_t out;
				cr_assert_eq(ipc_ring_pop(&r.c, &out), IPC_RING_OK);
				cr_assert_eq(out, k * 3 + round);
			}
			uint64_t out = 99;
			cr_assert_eq(ipc_ring_pop(&r.c, &out), IPC_RING_E_EMPTY);
			cr_assert_eq(out, 99, "a failed pop must not write the item");
		}
		rig_close(&r);
	}
}

/* Slots of an odd size, items with a self-check: a torn copy shows. */
struct item24 {
	uint64_t seq;
	uint64_t check; /* ~seq */
	uint32_t len;
	uint32_t pad;
};

Test(ring, G2_odd_slot_size_not_torn)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, sizeof(struct item24), caps[i]);
		uint64_t in = 0, out = 0;
		while (out < 5000) {
			struct item24 it = {.seq = in, .check = ~in, .len = (uint32_t)in, .pad = 0};
			if (ipc_ring_push(&r.p, &it) == IPC_RING_OK)
				in++;
			if ((in + out) % 3 == 0 || ipc_ring_prod_space(&r.p) == 0) {
				struct item24 o;
				if (ipc_ring_pop(&r.c, &o) == IPC_RING_OK) {
					cr_assert_eq(o.seq, out);
					cr_assert_eq(o.check, ~out);
					cr_assert_eq(o.len, (uint32_t)out);
					out++;
				}
			}
		}
		rig_close(&r);
	}
}

/* Reference model: a random single-threaded schedule of every operation,
 * checked against the sequence numbers it must produce. Starting the
 * indices just below 2^32 makes the free-running indices wrap mid-run. */
static void run_random_schedule(uint32_t cap, uint32_t start, unsigned seed, int steps)
{
	struct rig r;
	rig_open_at(&r, 8, cap, start, NULL, NULL);
	uint64_t next_in = 0, next_out = 0;
	uint64_t buf[64];
	srand(seed);
	for (int s = 0; s < steps; s++) {
		uint32_t n = 1 + (uint32_t)rand() % 40;
		int op = rand() % 6;
		int got;
		uint64_t inflight = next_in - next_out;
		cr_assert_leq(inflight, cap);
		switch (op) {
		case 0:
			got = ipc_ring_push(&r.p, &next_in);
			cr_assert_eq(got, inflight == cap ? IPC_RING_E_FULL : IPC_RING_OK);
			next_in += got == IPC_RING_OK;
			break;
		case 1: {
			uint64_t o;
			got = ipc_ring_pop(&r.c, &o);
			cr_assert_eq(got, inflight == 0 ? IPC_RING_E_EMPTY : IPC_RING_OK);
			if (got == IPC_RING_OK)
				cr_assert_eq(o, next_out++);
			break;
		}
		case 2:
			for (uint32_t k = 0; k < n; k++)
				buf[k] = next_in + k;
			got = ipc_ring_push_burst(&r.p, buf, n);
			cr_assert_eq((uint64_t)got, n < cap - inflight ? n : cap - inflight);
			next_in += (uint64_t)got;
			break;
		case 3:
			got = ipc_ring_pop_burst(&r.c, buf, n);
			cr_assert_eq((uint64_t)got, n < inflight ? n : inflight);
			for (int k = 0; k < got; k++)
				cr_assert_eq(buf[k], next_out++);
			break;
		case 4: {
			void *slots = NULL;
			got = ipc_ring_reserve(&r.p, n, &slots);
			cr_assert_geq(got, 0);
			cr_assert_leq((uint64_t)got, cap - inflight);
			uint32_t use = got ? (uint32_t)rand() % ((uint32_t)got + 1) : 0;
			for (uint32_t k = 0; k < use; k++)
				memcpy((uint64_t *)slots + k, &(uint64_t){next_in + k}, 8);
			cr_assert_eq(ipc_ring_commit(&r.p, use), IPC_RING_OK);
			next_in += use;
			break;
		}
		default: {
			const void *slots = NULL;
			got = ipc_ring_peek(&r.c, n, &slots);
			cr_assert_geq(got, 0);
			cr_assert_leq((uint64_t)got, inflight);
			uint32_t use = got ? (uint32_t)rand() % ((uint32_t)got + 1) : 0;
			for (uint32_t k = 0; k < use; k++) {
				uint64_t o;
				memcpy(&o, (const uint64_t *)slots + k, 8);
				cr_assert_eq(o, next_out++);
			}
			cr_assert_eq(ipc_ring_release(&r.c, use), IPC_RING_OK);
			break;
		}
		}
	}
	cr_assert_gt(next_out, (uint64_t)steps / 8, "schedule moved too little");
	rig_close(&r);
}

Test(ring, G2_G4_random_schedule_matches_model)
{
	for (size_t i = 0; i < NCAPS; i++)
		run_random_schedule(caps[i], 0, 1 + (unsigned)i, 20000);
}

Test(ring, G2_wraparound_of_free_running_indices)
{
	for (size_t i = 0; i < NCAPS; i++) {
		run_random_schedule(caps[i], UINT32_MAX - 3, 11 + (unsigned)i, 20000);
		run_random_schedule(caps[i], UINT32_MAX - caps[i], 21 + (unsigned)i, 20000);
		run_random_schedule(caps[i], 0x80000000u - 2, 31 + (unsigned)i, 20000);
	}
}

Test(ring, G2_wraparound_full_ring_at_2_32)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open_at(&r, 8, caps[i], UINT32_MAX - 1, NULL, NULL); /* head wraps during fill */
		for (uint64_t k = 0; k < caps[i]; k++)
			cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_OK);
		cr_assert_eq(ipc_ring_push(&r.p, &(uint64_t){0}), IPC_RING_E_FULL);
		cr_assert_eq(ipc_ring_cons_avail(&r.c), (int)caps[i]);
		for (uint64_t k = 0; k < caps[i]; k++) {
			uint64_t o;
			cr_assert_eq(ipc_ring_pop(&r.c, &o), IPC_RING_OK);
			cr_assert_eq(o, k);
		}
		cr_assert_eq(atomic_load(&shared(&r)->head), UINT32_MAX - 1 + caps[i]);
		rig_close(&r);
	}
}

/* ---- G3: signalling with suppression -------------------------------------- */

struct count_ctx {
	int waits;
	int notifies;
	uint32_t flag_at_wait;
	struct ipc_ring_prod *prod; /* if set, wait() plays the racing producer */
};

static int count_wait(void *ctx, _Atomic uint32_t *flag, uint32_t expected)
{
	struct count_ctx *x = ctx;
	x->waits++;
	x->flag_at_wait = atomic_load(flag);
	cr_assert_eq(expected, 1);
	if (x->prod) {
		uint64_t k = 42;
		cr_assert_eq(ipc_ring_push(x->prod, &k), IPC_RING_OK);
		cr_assert_eq(ipc_ring_prod_signal(x->prod), 1, "announced sleeper must be signalled");
		return 0;
	}
	return -5; /* caller-defined error, e.g. a timeout */
}

static void count_notify(void *ctx, _Atomic uint32_t *flag)
{
	struct count_ctx *x = ctx;
	(void)flag;
	x->notifies++;
}

Test(ring, G3_signal_suppressed_when_consumer_not_sleeping)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct count_ctx x = {0};
		struct ipc_ring_waker w = {count_wait, count_notify, &x};
		struct rig r;
		rig_open_at(&r, 8, caps[i], 0, &w, &w);
		for (uint64_t k = 0; k < caps[i]; k++) {
			cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_OK);
			cr_assert_eq(ipc_ring_prod_signal(&r.p), 0);
		}
		for (uint64_t k = 0; k < caps[i]; k++) {
			uint64_t o;
			cr_assert_eq(ipc_ring_pop(&r.c, &o), IPC_RING_OK);
			cr_assert_eq(ipc_ring_cons_signal(&r.c), 0);
		}
		cr_assert_eq(x.notifies, 0);
		cr_assert_eq(x.waits, 0);
		rig_close(&r);
	}
}

Test(ring, G3_announced_sleeper_is_signalled_once)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct count_ctx x = {0};
		struct ipc_ring_waker w = {count_wait, count_notify, &x};
		struct rig r;
		rig_open_at(&r, 8, caps[i], 0, &w, &w);
		atomic_store(&shared(&r)->cons_sleeping, 1); /* as ipc_ring_cons_wait does */
		cr_assert_eq(ipc_ring_push(&r.p, &(uint64_t){1}), IPC_RING_OK);
		cr_assert_eq(ipc_ring_prod_signal(&r.p), 1);
		cr_assert_eq(atomic_load(&shared(&r)->cons_sleeping), 0, "waker clears the flag");
		cr_assert_eq(ipc_ring_prod_signal(&r.p), 0, "one signal per sleep");
		atomic_store(&shared(&r)->prod_sleeping, 1);
		cr_assert_eq(ipc_ring_pop(&r.c, &(uint64_t){0}), IPC_RING_OK);
		cr_assert_eq(ipc_ring_cons_signal(&r.c), 1);
		cr_assert_eq(ipc_ring_cons_signal(&r.c), 0);
		cr_assert_eq(x.notifies, 2);
		rig_close(&r);
	}
}

Test(ring, G3_wait_does_not_sleep_when_ready)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct count_ctx x = {0};
		struct ipc_ring_waker w = {count_wait, count_notify, &x};
		struct rig r;
		rig_open_at(&r, 8, caps[i], 0, &w, &w);
		cr_assert_eq(ipc_ring_prod_wait(&r.p), (int)caps[i]);
		cr_assert_eq(ipc_ring_push(&r.p, &(uint64_t){1}), IPC_RING_OK);
		cr_assert_eq(ipc_ring_cons_wait(&r.c), 1);
		cr_assert_eq(x.waits, 0);
		rig_close(&r);
	}
}

/* The consumer announces, then re-checks, then waits: a producer that
 * publishes between the announcement and the wait sees the flag. */
Test(ring, G3_announce_before_wait_then_recheck)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct count_ctx x = {0};
		struct ipc_ring_waker w = {count_wait, count_notify, &x};
		struct rig r;
		rig_open_at(&r, 8, caps[i], 0, &w, &w);
		x.prod = &r.p;
		cr_assert_eq(ipc_ring_cons_wait(&r.c), 1);
		cr_assert_eq(x.waits, 1);
		cr_assert_eq(x.flag_at_wait, 1, "flag must be set before wait()");
		cr_assert_eq(x.notifies, 1);
		cr_assert_eq(atomic_load(&shared(&r)->cons_sleeping), 0);
		rig_close(&r);
	}
}

Test(ring, G3_wait_errors_propagate_and_withdraw_flag)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct count_ctx x = {0};
		struct ipc_ring_waker w = {count_wait, count_notify, &x};
		struct rig r;
		rig_open_at(&r, 8, caps[i], 0, &w, &w);
		cr_assert_eq(ipc_ring_cons_wait(&r.c), -5);
		cr_assert_eq(atomic_load(&shared(&r)->cons_sleeping), 0);
		for (uint64_t k = 0; k < caps[i]; k++)
			cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_OK);
		cr_assert_eq(ipc_ring_prod_wait(&r.p), -5);
		cr_assert_eq(atomic_load(&shared(&r)->prod_sleeping), 0);
		rig_close(&r);

		rig_open(&r, 8, caps[i]); /* no waker */
		cr_assert_eq(ipc_ring_cons_wait(&r.c), IPC_RING_E_NO_WAKER);
		cr_assert_eq(ipc_ring_prod_signal(&r.p), 0);
		rig_close(&r);
	}
}

/* Two real threads that block on each other through futexes, with a ring
 * small enough that both directions sleep often. A lost wake-up shows as a
 * futex timeout (RING_TEST_E_TIMEOUT). */
struct g3_run {
	struct rig r;
	struct futex_ctx pf, cf;
	uint64_t items;
	int err;
};

static void *g3_consumer(void *arg)
{
	struct g3_run *g = arg;
	uint64_t expect = 0;
	while (expect < g->items) {
		int n = ipc_ring_cons_wait(&g->r.c);
		if (n < 0) {
			g->err = n;
			return NULL;
		}
		uint64_t buf[8];
		int got = ipc_ring_pop_burst(&g->r.c, buf, 8);
		for (int k = 0; k < got; k++)
			if (buf[k] != expect++)
				g->err = -1;
		ipc_ring_cons_signal(&g->r.c);
	}
	return NULL;
}

Test(ring, G3_two_threads_block_and_wake_through_futex, .timeout = 60)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct g3_run g = {.items = 20000, .pf = {.timeout_s = 10}, .cf = {.timeout_s = 10}};
		struct ipc_ring_waker pw = futex_waker(&g.pf), cw = futex_waker(&g.cf);
		rig_open_at(&g.r, 8, caps[i], 0, &pw, &cw);
		pthread_t t;
		cr_assert_eq(pthread_create(&t, NULL, g3_consumer, &g), 0);
		unsigned long signals = 0;
		for (uint64_t k = 0; k < g.items;) {
			int space = ipc_ring_prod_wait(&g.r.p);
			cr_assert_gt(space, 0, "producer wait: %s",
			             space == RING_TEST_E_TIMEOUT ? "lost wake-up (timeout)"
			                                          : ipc_ring_strerror(space));
			cr_assert_eq(ipc_ring_push(&g.r.p, &k), IPC_RING_OK);
			k++;
			signals += (unsigned long)ipc_ring_prod_signal(&g.r.p);
		}
		pthread_join(t, NULL);
		cr_assert_eq(g.err, 0, "consumer: %d", g.err);
		cr_assert_leq(signals, g.items);
		rig_close(&g.r);
	}
}

/* ---- G4: burst and zero-copy --------------------------------------------- */

Test(ring, G4_burst_partial_when_nearly_full)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, 8, caps[i]);
		uint64_t in[2048], out[2048];
		for (uint64_t k = 0; k < 2048; k++)
			in[k] = k;
		cr_assert_eq(ipc_ring_push_burst(&r.p, in, 0), 0);
		cr_assert_eq(ipc_ring_push_burst(&r.p, in, 2048), (int)caps[i]);
		cr_assert_eq(ipc_ring_push_burst(&r.p, in, 1), 0);
		cr_assert_eq(ipc_ring_pop_burst(&r.c, out, 1), 1);
		cr_assert_eq(out[0], 0);
		cr_assert_eq(ipc_ring_push_burst(&r.p, in + caps[i], 5), 1); /* wraps */
		cr_assert_eq(ipc_ring_pop_burst(&r.c, out, 2048), (int)caps[i]);
		for (uint32_t k = 0; k < caps[i]; k++)
			cr_assert_eq(out[k], k + 1);
		cr_assert_eq(ipc_ring_pop_burst(&r.c, out, 2048), 0);
		rig_close(&r);
	}
}

Test(ring, G4_reserve_is_contiguous_and_commit_is_checked)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, 8, caps[i]);
		void *slots = NULL;
		const void *cslots = NULL;
		cr_assert_eq(ipc_ring_reserve(&r.p, 0, &slots), IPC_RING_E_INVAL);
		cr_assert_eq(ipc_ring_reserve(&r.p, 1, NULL), IPC_RING_E_INVAL);
		/* Move both indices to the last slot: a reservation stops at the wrap. */
		for (uint32_t k = 0; k + 1 < caps[i]; k++) {
			cr_assert_eq(ipc_ring_push(&r.p, &(uint64_t){k}), IPC_RING_OK);
			cr_assert_eq(ipc_ring_pop(&r.c, &(uint64_t){0}), IPC_RING_OK);
		}
		int n = ipc_ring_reserve(&r.p, caps[i], &slots);
		cr_assert_eq(n, 1);
		cr_assert_eq((unsigned char *)slots, r.p.slots + (size_t)(caps[i] - 1) * 8);
		cr_assert_eq(ipc_ring_reserve(&r.p, 1, &slots), IPC_RING_E_INVAL, "one at a time");
		cr_assert_eq(ipc_ring_push(&r.p, &(uint64_t){0}), IPC_RING_E_INVAL);
		cr_assert_eq(ipc_ring_commit(&r.p, 2), IPC_RING_E_INVAL);
		memcpy(slots, &(uint64_t){77}, 8);
		cr_assert_eq(ipc_ring_commit(&r.p, 1), IPC_RING_OK);
		n = ipc_ring_reserve(&r.p, caps[i], &slots);
		cr_assert_eq(n, (int)caps[i] - 1);
		if (n > 0)
			cr_assert_eq((unsigned char *)slots, r.p.slots);
		cr_assert_eq(ipc_ring_commit(&r.p, 0), IPC_RING_OK, "give all back");

		cr_assert_eq(ipc_ring_peek(&r.c, 4, &cslots), 1);
		cr_assert_eq(*(const uint64_t *)cslots, 77);
		cr_assert_eq(ipc_ring_pop(&r.c, &(uint64_t){0}), IPC_RING_E_INVAL);
		cr_assert_eq(ipc_ring_release(&r.c, 2), IPC_RING_E_INVAL);
		cr_assert_eq(ipc_ring_release(&r.c, 0), IPC_RING_OK);
		cr_assert_eq(ipc_ring_peek(&r.c, 4, &cslots), 1, "release(0) keeps the item");
		cr_assert_eq(ipc_ring_release(&r.c, 1), IPC_RING_OK);
		cr_assert_eq(ipc_ring_peek(&r.c, 4, &cslots), 0);
		cr_assert_eq(ipc_ring_release(&r.c, 0), IPC_RING_OK);
		rig_close(&r);
	}
}

/* ---- G5: hostile peer ----------------------------------------------------- */

Test(ring, G5_consumer_index_ahead_of_producer)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, 8, caps[i]);
		uint64_t k = 1;
		for (uint32_t j = 0; j < caps[i]; j++)
			cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_OK);
		atomic_store(&shared(&r)->tail, caps[i] + 1); /* released more than was published */
		cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_E_CORRUPT);
		cr_assert_eq(ipc_ring_push_burst(&r.p, &k, 1), IPC_RING_E_CORRUPT);
		cr_assert_eq(ipc_ring_prod_space(&r.p), IPC_RING_E_CORRUPT);
		void *s;
		cr_assert_eq(ipc_ring_reserve(&r.p, 1, &s), IPC_RING_E_CORRUPT);
		atomic_store(&shared(&r)->tail, UINT32_MAX); /* "behind" by more than capacity */
		cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_E_CORRUPT);
		cr_assert_eq(ipc_ring_prod_attach(&r.p, r.mem, r.size, NULL), IPC_RING_E_CORRUPT);
		rig_close(&r);
	}
}

Test(ring, G5_producer_index_beyond_capacity_or_behind)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, 8, caps[i]);
		uint64_t buf[8];
		const void *s;
		atomic_store(&shared(&r)->head, caps[i] + 1);
		cr_assert_eq(ipc_ring_pop(&r.c, buf), IPC_RING_E_CORRUPT);
		cr_assert_eq(ipc_ring_pop_burst(&r.c, buf, 8), IPC_RING_E_CORRUPT);
		cr_assert_eq(ipc_ring_peek(&r.c, 8, &s), IPC_RING_E_CORRUPT);
		cr_assert_eq(ipc_ring_cons_avail(&r.c), IPC_RING_E_CORRUPT);
		cr_assert_eq(ipc_ring_cons_attach(&r.c, r.mem, r.size, NULL), IPC_RING_E_CORRUPT);
		atomic_store(&shared(&r)->head, UINT32_MAX); /* behind the consumer */
		cr_assert_eq(ipc_ring_pop(&r.c, buf), IPC_RING_E_CORRUPT);
		atomic_store(&shared(&r)->head, caps[i]); /* exactly full is legal */
		cr_assert_eq(ipc_ring_cons_avail(&r.c), (int)caps[i]);
		rig_close(&r);
	}
}

/* The header is copied and validated once, at attach: rewriting it
 * afterwards changes nothing for an attached side. */
Test(ring, G5_header_rewritten_after_attach_is_ignored)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct rig r;
		rig_open(&r, 8, caps[i]);
		struct ipc_ring_shared *sh = shared(&r);
		sh->hdr.capacity = 1u << 30;
		sh->hdr.slot_size = 65536;
		atomic_store(&sh->hdr.magic, 0);
		uint64_t k = 5, o = 0;
		for (uint32_t j = 0; j < 3 * caps[i]; j++) {
			cr_assert_eq(ipc_ring_push(&r.p, &k), IPC_RING_OK);
			cr_assert_eq(ipc_ring_pop(&r.c, &o), IPC_RING_OK);
		}
		rig_close(&r);
	}
}

/* Garbage everywhere the peer can write, between random operations: every
 * call returns a defined result, and no access leaves the exactly-sized
 * region (ASan would abort). */
Test(ring, G5_random_garbage_indices_and_flags)
{
	for (size_t i = 0; i < NCAPS; i++) {
		struct count_ctx x = {0};
		struct ipc_ring_waker w = {count_wait, count_notify, &x};
		struct rig r;
		rig_open_at(&r, 8, caps[i], 0, &w, &w);
		struct ipc_ring_shared *sh = shared(&r);
		srand(99 + (unsigned)i);
		static uint64_t buf[4096];
		int corrupt = 0;
		for (int s = 0; s < 20000; s++) {
			uint32_t g = (uint32_t)rand() * 2654435761u ^ (uint32_t)rand();
			switch (rand() % 5) {
			case 0:
				atomic_store(&sh->head, g);
				break;
			case 1:
				atomic_store(&sh->tail, g);
				break;
			case 2:
				atomic_store(&sh->cons_sleeping, g);
				break;
			case 3:
				atomic_store(&sh->prod_sleeping, g);
				break;
			default:
				atomic_store(&sh->head, atomic_load(&sh->tail) + (g % (caps[i] + 1)));
			}
			int res[8];
			void *ps = NULL;
			const void *cs = NULL;
			/* Either side may run first: each heals its own index on
			 * success, so the garbage must meet the other side. */
			if (rand() % 2) {
				res[1] = ipc_ring_pop(&r.c, buf);
				res[0] = ipc_ring_push(&r.p, buf);
			} else {
				res[0] = ipc_ring_push(&r.p, buf);
				res[1] = ipc_ring_pop(&r.c, buf);
			}
			res[2] = ipc_ring_push_burst(&r.p, buf, 4096);
			res[3] = ipc_ring_pop_burst(&r.c, buf, 4096);
			res[4] = ipc_ring_reserve(&r.p, 4096, &ps);
			if (res[4] > 0) {
				cr_assert_leq((unsigned char *)ps + (size_t)res[4] * 8,
				              (unsigned char *)r.mem + r.size);
				memset(ps, 0x5a, (size_t)res[4] * 8);
			}
			if (res[4] >= 0)
				cr_assert_eq(ipc_ring_commit(&r.p, (uint32_t)res[4]), IPC_RING_OK);
			res[5] = ipc_ring_peek(&r.c, 4096, &cs);
			if (res[5] > 0) {
				cr_assert_leq((const unsigned char *)cs + (size_t)res[5] * 8,
				              (const unsigned char *)r.mem + r.size);
				memcpy(buf, cs, (size_t)res[5] * 8);
			}
			if (res[5] >= 0)
				cr_assert_eq(ipc_ring_release(&r.c, (uint32_t)res[5]), IPC_RING_OK);
			res[6] = ipc_ring_prod_signal(&r.p);
			res[7] = ipc_ring_cons_signal(&r.c);
			for (int k = 0; k < 8; k++) {
				cr_assert(res[k] >= 0 || res[k] == IPC_RING_E_CORRUPT ||
				              res[k] == IPC_RING_E_FULL || res[k] == IPC_RING_E_EMPTY,
				          "op %d returned %d", k, res[k]);
				cr_assert_leq(res[k], 4096);
				corrupt += res[k] == IPC_RING_E_CORRUPT;
			}
		}
		cr_assert_gt(corrupt, 0, "garbage must be detected (cap %u)", caps[i]);
		rig_close(&r);
	}
}

Test(ring, G5_random_garbage_header_at_attach)
{
	size_t size = ipc_ring_region_size(8, 16);
	void *mem = ring_region_alloc(size);
	srand(7);
	int ok = 0;
	for (int s = 0; s < 20000; s++) {
		cr_assert_eq(ipc_ring_create(mem, size, 8, 16), IPC_RING_OK);
		struct ipc_ring_shared *sh = mem;
		uint32_t *words = (uint32_t *)&sh->hdr;
		int which = rand() % 6;
		uint32_t g = (uint32_t)rand();
		if (rand() % 2)
			g &= 0x3f; /* small values are the interesting ones */
		if (which < 5)
			words[which] = g;
		else
			atomic_store(&sh->head, g);
		struct ipc_ring_prod p;
		struct ipc_ring_cons c;
		int a = ipc_ring_prod_attach(&p, mem, size, NULL);
		int b = ipc_ring_cons_attach(&c, mem, size, NULL);
		cr_assert(a <= 0 && a >= IPC_RING_E_NO_WAKER);
		cr_assert(b <= 0 && b >= IPC_RING_E_NO_WAKER);
		if (a == 0 && b == 0) {
			ok++;
			/* An accepted geometry must fit the region. */
			cr_assert_leq(IPC_RING_SLOTS_OFFSET + (size_t)(p.mask + 1) * p.slot_size, size);
			static unsigned char buf[32 * 128]; /* 32 slots of any size that fits */
			memset(buf, 0, sizeof buf);
			int pushed = ipc_ring_push_burst(&p, buf, 32);
			int popped = ipc_ring_pop_burst(&c, buf, 32);
			cr_assert(pushed >= 0 || pushed == IPC_RING_E_CORRUPT);
			cr_assert(popped >= 0 || popped == IPC_RING_E_CORRUPT);
		}
	}
	cr_assert_gt(ok, 0);
	free(mem);
}
