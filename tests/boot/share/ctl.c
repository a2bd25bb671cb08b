/*
 * "share" test (share.sys): SpaceShare and SpaceMap charge the caller's
 * untyped, and a call that runs out of memory half-way changes nothing.
 * ctl holds the root task's untyped and a cap to its own space.
 *
 * 1. The attack ("sharer", see sharer.c) must fail, and the budget must be
 *    untouched by it: Retype and SpaceMap still work.
 * 2. ctl spends the whole budget (mapping pages), frees three pages
 *    (deleting endpoints), and asks for a map of two pages that straddle a
 *    2 MiB boundary (two frames and two page tables: 4 pages > 3): it must
 *    fail with nothing mapped and all 3 pages still there. With 1 page left,
 *    a share of two such pages (two tables) must likewise fail and leave
 *    that page. Before the fix both left their first page mapped and the
 *    budget drained.
 */
#include "comp.h"
#include "share_test.h"

#define STRADDLE_MAP (COMP_FREE_VA + 0x20000000ul - KABI_PAGE_SIZE)   /* 512 MiB in, 1 page before 2 MiB */
#define STRADDLE_SHARE (COMP_FREE_VA + 0x30000000ul - KABI_PAGE_SIZE) /* 768 MiB in, likewise */

/* Slots above the generated ones are ours (SYS_SLOT_LAST). */
static uint32_t next_slot = SYS_SLOT_LAST + 1;

/* Is `va` mapped in our space, even read-only? SpaceWrite reads its
 * source through the caller's tables; writing *to* a read-only share would
 * be refused whether it is mapped or not. */
static bool mapped(uintptr_t va)
{
	static char scratch;
	return u_space_write(SLOT_SPACE, (uintptr_t)&scratch, (const void *)va, 1) == 0;
}

static uint32_t new_endpoint(long *err)
{
	uint32_t s = next_slot++;
	*err = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, s);
	return s;
}

int main(uintptr_t arg)
{
	(void)arg;
	struct u_msg m = u_wait(SLOT_DONE, 30000000);
	if (m.err)
		uprintf("ctl: no word from the sharer (%ld)\n", m.err);

	long e1, e2;
	uint32_t spare[3];
	for (unsigned i = 0; i < 3; i++) {
		spare[i] = new_endpoint(&e1);
		if (e1)
			break;
	}
	e2 = u_space_map(SLOT_SPACE, COMP_FREE_VA, 1, KPERM_R | KPERM_W, SLOT_UNTYPED);
	comp_ok(!e1 && !e2, "after the attack the root can still retype and map (%ld %ld)", e1, e2);

	/* Spend every page: big maps, then smaller, then endpoints (1 page). */
	static const uint64_t chunks[] = {KABI_MAP_MAX_PAGES, 512, 64, 8, 1};
	uintptr_t va = COMP_FREE_VA + KABI_PAGE_SIZE;
	for (unsigned i = 0; i < sizeof chunks / sizeof chunks[0]; i++)
		while (u_space_map(SLOT_SPACE, va, chunks[i], KPERM_R | KPERM_W, SLOT_UNTYPED) == 0)
			va += chunks[i] * KABI_PAGE_SIZE;
	long last;
	do
		(void)new_endpoint(&last);
	while (last == 0);

	for (unsigned i = 0; i < 3; i++)
		(void)u_cap_delete(spare[i]); /* exactly 3 pages left */
	long mp = u_space_map(SLOT_SPACE, STRADDLE_MAP, 2, KPERM_R | KPERM_W, SLOT_UNTYPED);
	comp_ok(mp == KABI_E_NO_MEMORY && !mapped(STRADDLE_MAP) && !mapped(STRADDLE_MAP + KABI_PAGE_SIZE),
	        "a SpaceMap that needs 4 pages with 3 left fails and maps nothing (%ld)", mp);
	long a = 0, b = 0;
	(void)new_endpoint(&a);
	(void)new_endpoint(&b);
	comp_ok(!a && !b, "... and charges nothing: two of the 3 pages still there (%ld %ld)", a, b);

	long sh = u_space_share(SLOT_SPACE, STRADDLE_SHARE, SLOT_SPACE, COMP_STACK_TOP - 2 * KABI_PAGE_SIZE,
	                        2, KPERM_R, SLOT_UNTYPED);
	comp_ok(sh == KABI_E_NO_MEMORY && !mapped(STRADDLE_SHARE) && !mapped(STRADDLE_SHARE + KABI_PAGE_SIZE),
	        "a SpaceShare that needs 2 page tables with 1 page left fails and maps nothing (%ld)", sh);
	long l1 = 0, l2 = 0;
	(void)new_endpoint(&l1);
	(void)new_endpoint(&l2);
	comp_ok(!l1 && l2 == KABI_E_NO_MEMORY,
	        "... and charges nothing: the last page is still there (%ld %ld)", l1, l2);
	comp_done();
	return 0;
}
