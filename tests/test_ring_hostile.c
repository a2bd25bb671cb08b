/*
 * SharedRing against a hostile peer that moves its shared index backwards
 * while this side holds a peek or a reservation (G5): the ring reports
 * CORRUPT or a count within the ring, and never reads or writes outside its
 * slots (a guard after the region stays untouched).
 */
#include <criterion/criterion.h>
#include <ipc/ring.h>
#include <stdalign.h>
#include <string.h>

TestSuite(ring_hostile);

#define RG_CAP 4u
#define RG_SLOT 8u
/* The region, then a guard the ring must never touch (G5). */
static alignas(IPC_RING_ALIGN) unsigned char rg_mem[IPC_RING_SLOTS_OFFSET + RG_CAP * RG_SLOT + 256];
static struct ipc_ring_prod rg_p;
static struct ipc_ring_cons rg_c;

static void rg_setup(void)
{
	size_t size = ipc_ring_region_size(RG_SLOT, RG_CAP);
	memset(rg_mem, 0xAB, sizeof(rg_mem));
	cr_assert_eq(ipc_ring_create(rg_mem, size, RG_SLOT, RG_CAP), IPC_RING_OK);
	cr_assert_eq(ipc_ring_prod_attach(&rg_p, rg_mem, size, NULL), IPC_RING_OK);
	cr_assert_eq(ipc_ring_cons_attach(&rg_c, rg_mem, size, NULL), IPC_RING_OK);
}

static bool rg_guard_intact(void)
{
	for (size_t k = IPC_RING_SLOTS_OFFSET + RG_CAP * RG_SLOT; k < sizeof(rg_mem); k++)
		if (rg_mem[k] != 0xAB)
			return false;
	return true;
}

static void rg_expect_sane(int r, const char *what)
{
	cr_assert(r == IPC_RING_E_CORRUPT || r == IPC_RING_E_INVAL || r == IPC_RING_E_EMPTY ||
	              r == IPC_RING_E_FULL || (r >= 0 && r <= (int)RG_CAP),
	          "%s returned %d: neither an error nor a count within the ring", what, r);
}

/*
 * G5: a hostile producer moves the shared head backwards (still within
 * capacity of the tail) while the consumer holds a peek. The consumer used to
 * accept the smaller head, release its peek past it, and then compute a
 * wrapped "available" count: cons_avail() returned garbage and pop_burst()
 * copied from beyond the slot array.
 */
Test(ring_hostile, G5_hostile_head_moved_back_under_a_peek)
{
	uint64_t item = 7, out[32];
	const void *slots;

	rg_setup();
	for (int k = 0; k < (int)RG_CAP; k++)
		cr_assert_eq(ipc_ring_push(&rg_p, &item), IPC_RING_OK);
	cr_assert_eq(ipc_ring_peek(&rg_c, RG_CAP, &slots), (int)RG_CAP);
	atomic_store(&rg_p.sh->head, 1u); /* the hostile producer */
	rg_expect_sane(ipc_ring_pop_burst(&rg_c, out, RG_CAP + 1), "pop_burst (refresh)");
	rg_expect_sane(ipc_ring_release(&rg_c, RG_CAP), "release");
	rg_expect_sane(ipc_ring_cons_avail(&rg_c), "cons_avail");
	memset(out, 0, sizeof(out));
	int r = ipc_ring_pop_burst(&rg_c, out, 20);
	rg_expect_sane(r, "pop_burst");
	for (size_t k = (r > 0 ? (size_t)r : 0); k < 20; k++)
		cr_assert_eq(out[k], 0, "pop_burst wrote item %zu beyond the %d it returned", k, r);
}

/* G5, the mirror: a hostile consumer moves the shared tail backwards while
 * the producer holds a reservation; push_burst() then wrote past the slots. */
Test(ring_hostile, G5_hostile_tail_moved_back_under_a_reservation)
{
	uint64_t in[32] = {0};
	void *slots;

	rg_setup();
	cr_assert_eq(ipc_ring_reserve(&rg_p, RG_CAP, &slots), (int)RG_CAP);
	atomic_store(&rg_c.sh->tail, 0u - RG_CAP); /* the hostile consumer: a full ring back */
	/* A burst larger than the cached space makes the producer re-read tail. */
	rg_expect_sane(ipc_ring_push_burst(&rg_p, in, RG_CAP + 1), "push_burst (refresh)");
	rg_expect_sane(ipc_ring_commit(&rg_p, RG_CAP), "commit");
	rg_expect_sane(ipc_ring_prod_space(&rg_p), "prod_space");
	rg_expect_sane(ipc_ring_push_burst(&rg_p, in, 20), "push_burst");
	cr_assert(rg_guard_intact(), "G5: the producer wrote past the end of the ring");
}
