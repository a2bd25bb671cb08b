/*
 * Boot test "memory" (memory.sys): memory comes back. From a child untyped
 * ctl splits off the root's, 10^4 create/destroy cycles of each object kind (endpoint,
 * notification, reply object, thread, space, untyped), of a 4-page SpaceMap
 * and SpaceUnmap across a page-table boundary, and of a space with a thread
 * that runs and exits, each leave the child's budget, the kernel's pool and
 * its free ASIDs exactly where they started. A component the loader built
 * from its own untyped ("hog") cannot allocate past it (NO_MEMORY, nothing
 * else touched); one revoke of that untyped and deleting ctl's cap to it,
 * the last (`sole`), give every page and its ASID back to the root. Hostile arguments to the new calls
 * (split, unmap, info, halt through a child untyped) are refused and change nothing.
 */
#include "comp.h"

#define KABI_STR_(x) #x
#define KABI_STR(x) KABI_STR_(x)

#define CYCLES 10000u
#define U_PAGES 256u
#define MAP_VA 0x2001fe000ul /* 4 pages across a 2 MiB (level-3 table) boundary */
#define CHILD_IPCBUF_VA 0x300000000ul

static const uint32_t U = SLOT_U, X = SLOT_X, Y = SLOT_Y;

static struct u_untyped_info info(uint32_t u)
{
	return u_untyped_info(u);
}

/* Runs in a fresh space, its code page shared from ours: exits at once,
 * touching no stack and no data (aligned so it never straddles a page). */
void child_entry(void);
__asm__(".text\n .balign 64\n .global child_entry\n child_entry:\n mov x8, #" KABI_STR(
    SYS_THREAD_EXIT) "\n svc #0\n b .\n");

/* `kind` created and destroyed CYCLES times from U; the first one costs
 * exactly `cost` pages of U. */
static void cycle_kind(const char *what, unsigned kind, uint64_t pages, uint64_t cost)
{
	struct u_untyped_info before = info(U);
	long err = 0;
	uint64_t first = 0;
	for (unsigned i = 0; i < CYCLES && !err; i++) {
		err = u_sys(SYS_RETYPE, U_ARGS([KABI_RETYPE_UNTYPED] = U, [KABI_RETYPE_TYPE] = kind,
		                               [KABI_RETYPE_DST] = X, [KABI_RETYPE_PAGES] = pages));
		if (i == 0)
			first = before.pages_left - info(U).pages_left;
		if (!err)
			err = u_cap_delete(X);
	}
	struct u_untyped_info after = info(U);
	comp_ok(err == 0 && first == cost && after.pages_left == before.pages_left &&
	            after.pool_free == before.pool_free && after.asids_free == before.asids_free,
	        "%u cycles of %s: one costs %lu pages (%lu), budget %lu -> %lu, pool %lu -> %lu (err %ld)",
	        CYCLES, what, (unsigned long)cost, (unsigned long)first, (unsigned long)before.pages_left,
	        (unsigned long)after.pages_left, (unsigned long)before.pool_free,
	        (unsigned long)after.pool_free, err);
}

static void cycle_mappings(void)
{
	long err = u_retype(U, KOBJ_SPACE, X);
	struct u_untyped_info before = info(U);
	uint64_t first = 0;
	for (unsigned i = 0; i < CYCLES && !err; i++) {
		err = u_space_map(X, MAP_VA, 4, KPERM_R | KPERM_W, U);
		if (i == 0) /* 4 frames, one level-2 and two level-3 tables */
			first = before.pages_left - info(U).pages_left;
		if (!err)
			err = u_space_unmap(X, MAP_VA, 4);
	}
	struct u_untyped_info after = info(U);
	err |= u_cap_delete(X);
	comp_ok(
	    err == 0 && first == 7 && after.pages_left == before.pages_left &&
	        after.pool_free == before.pool_free,
	    "%u cycles of SpaceMap + SpaceUnmap of 4 pages across a table boundary: 7 pages (%lu), all back "
	    "(%lu -> %lu)",
	    CYCLES, (unsigned long)first, (unsigned long)before.pages_left, (unsigned long)after.pages_left);
}

/* A space with a thread that runs (so the space takes an ASID) and exits. */
static long run_once(void)
{
	uintptr_t code = (uintptr_t)child_entry & ~(KABI_PAGE_SIZE - 1);
	long e = u_retype(U, KOBJ_SPACE, X);
	if (!e)
		e = u_retype(U, KOBJ_THREAD, Y);
	if (!e)
		e = u_space_map(X, CHILD_IPCBUF_VA, 1, KPERM_R | KPERM_W, U);
	if (!e)
		e = u_space_share(X, code, SLOT_SPACE, code, 1, KPERM_R | KPERM_X, U);
	if (!e)
		e = u_thread_configure(Y, X, CHILD_IPCBUF_VA, PRIO_CTL, U_NONE);
	if (!e)
		e = u_thread_start(Y, (uintptr_t)child_entry, 0, 0);
	u_yield(); /* same priority: it runs now and exits */
	e |= u_cap_delete(Y);
	e |= u_cap_delete(X);
	return e;
}

static void cycle_running_spaces(void)
{
	struct u_untyped_info before = info(U);
	long err = 0;
	for (unsigned i = 0; i < CYCLES && !err; i++)
		err = run_once();
	struct u_untyped_info after = info(U);
	comp_ok(err == 0 && after.pages_left == before.pages_left && after.pool_free == before.pool_free &&
	            after.asids_free == before.asids_free,
	        "%u spaces whose thread ran and exited: budget %lu -> %lu, pool %lu -> %lu, ASIDs %lu -> %lu "
	        "(err %ld)",
	        CYCLES, (unsigned long)before.pages_left, (unsigned long)after.pages_left,
	        (unsigned long)before.pool_free, (unsigned long)after.pool_free,
	        (unsigned long)before.asids_free, (unsigned long)after.asids_free, err);
}

static void hostile(void)
{
	struct u_untyped_info before = info(U), root_before = info(SLOT_UNTYPED);
	long s0 = u_untyped_split(U, X, 0), s1 = u_untyped_split(U, X, ~0ul),
	     s2 = u_untyped_split(U, X, 1ul << 63), s3 = u_untyped_split(U, X, before.pages_left);
	long s4 = u_untyped_split(U, X, before.pages_left - 1);
	struct u_untyped_info all = info(X);
	s4 |= u_cap_delete(X);
	comp_ok(s0 == IPC_E_BAD_ARG && s1 == KABI_E_NO_MEMORY && s2 == s1 && s3 == s1 && s4 == 0 &&
	            all.budget == before.pages_left - 1 && info(U).pages_left == before.pages_left,
	        "split: 0 pages BAD_ARG; 2^64-1, 2^63 and the whole budget (no page left for the untyped "
	        "itself) NO_MEMORY; all but one page works and comes back (%ld %ld %ld %ld %ld)",
	        s0, s1, s2, s3, s4);

	long e = u_retype(U, KOBJ_SPACE, X);
	e |= u_space_map(X, MAP_VA, 1, KPERM_R, U);
	static const uint64_t bad_va[] = {MAP_VA + 8, 0, SYS_RAM_BASE, KABI_USER_MAX, ~(KABI_PAGE_SIZE - 1)};
	static const uint64_t bad_pages[] = {1, 1, 1, 1, 2};
	bool ok = true;
	for (unsigned i = 0; i < 5; i++)
		ok &= u_space_unmap(X, bad_va[i], bad_pages[i]) == IPC_E_BAD_ARG;
	ok &= u_space_unmap(X, MAP_VA, 0) == IPC_E_BAD_ARG;
	ok &= u_space_unmap(X, MAP_VA, KABI_MAP_MAX_PAGES + 1) == IPC_E_BAD_ARG;
	ok &= u_space_unmap(X, KABI_USER_MAX - KABI_PAGE_SIZE, 2) == IPC_E_BAD_ARG;
	e |= u_cap_mint(X, Y, IPC_R, 0);
	ok &= u_space_unmap(Y, MAP_VA, 1) == IPC_E_NO_RIGHTS;
	ok &= u_space_unmap(U, MAP_VA, 1) == IPC_E_WRONG_TYPE;
	ok &= u_space_unmap(KABI_SPACE_SLOTS, MAP_VA, 1) == IPC_E_BAD_SLOT;
	uint64_t mapped = info(U).pages_left;
	ok &= u_space_unmap(X, MAP_VA - KABI_PAGE_SIZE, 3) == 0; /* holes around it: fine */
	ok &= info(U).pages_left == mapped + 3;                  /* the frame and its two tables */
	e |= u_cap_delete(Y) | u_cap_delete(X);
	comp_ok(
	    e == 0 && ok && info(U).pages_left == before.pages_left,
	    "unmap: misaligned, kernel, past-the-end, wrapping ranges, 0 and 4097 pages BAD_ARG; an R space "
	    "cap NO_RIGHTS; holes skipped");

	struct u_untyped_info bad1 = u_untyped_info(KABI_SPACE_SLOTS), bad2 = u_untyped_info(SLOT_SPACE),
	                      bad3 = u_untyped_info(Y);
	long h = u_debug_halt(7, U); /* a component's untyped is no root authority */
	comp_ok(bad1.err == IPC_E_BAD_SLOT && bad2.err == IPC_E_WRONG_TYPE && bad3.err == IPC_E_EMPTY_SLOT &&
	            h == IPC_E_NO_RIGHTS && info(SLOT_UNTYPED).pages_left == root_before.pages_left,
	        "untyped info on a bad, a wrong-type and an empty slot refused; DebugHalt through a split "
	        "untyped NO_RIGHTS (%ld)",
	        h);
}

/* The hog: the loader built it from its own untyped; everything it and
 * its space take is charged there, and it cannot go past it. It runs while
 * we wait for it (it is below us). Then one revoke of its untyped deletes
 * the whole component, and deleting our cap to the untyped, its last,
 * gives the root every page back. */
static void hog(void)
{
	struct u_untyped_info root0 = info(SLOT_UNTYPED), h0 = info(SLOT_HOG_UNTYPED);
	long e = h0.err;
	e |= u_cap_install(SLOT_HOG_SPACE, HOG_SLOT_UNTYPED, SLOT_HOG_UNTYPED, IPC_RIGHTS_ALL, 0);
	e |= u_cap_install(SLOT_HOG_SPACE, HOG_SLOT_SPACE, SLOT_HOG_SPACE, IPC_RIGHTS_ALL, 0);
	struct u_msg m = u_wait(SLOT_HOG_DONE, 10000000);
	struct u_untyped_info root2 = info(SLOT_UNTYPED), h2 = info(SLOT_HOG_UNTYPED);
	comp_ok(e == 0 && m.err == 0 && h0.budget == BUDGET_PAGES_HOG && h2.pages_left == h0.pages_left &&
	            root2.pages_left == root0.pages_left && root2.pool_free == root0.pool_free,
	        "hog built from its own %u-page untyped ran out of it without touching the root's (%lu %lu)",
	        BUDGET_PAGES_HOG, (unsigned long)root0.pages_left, (unsigned long)root2.pages_left);
	/* Tear it down: one revoke of its untyped destroys its thread, its
	 * space (whose CSpace holds a cap to the space itself: a cycle no
	 * delete breaks) and everything else it was made of; our caps and the
	 * loader's to them go too. */
	e = u_cap_revoke(SLOT_HOG_UNTYPED);
	e |=
	    (u_cap_delete(SLOT_HOG) != IPC_E_EMPTY_SLOT) | (u_cap_delete(SLOT_HOG_SPACE) != IPC_E_EMPTY_SLOT);
	struct u_untyped_info h3 = info(SLOT_HOG_UNTYPED);
	e |= u_cap_delete(SLOT_HOG_UNTYPED);
	struct u_untyped_info root3 = info(SLOT_UNTYPED);
	uint64_t used = h0.budget - h0.pages_left;
	comp_ok(
	    e == 0 && h3.pages_left == BUDGET_PAGES_HOG &&
	        root3.pages_left == root0.pages_left + BUDGET_PAGES_HOG + 1 &&
	        root3.pool_free == root0.pool_free + used + 1 && root3.asids_free == root0.asids_free + 1,
	    "one revoke of the hog's untyped destroys all of it; deleting the untyped gives every page and "
	    "its ASID back (%lu -> %lu, pool %lu -> %lu)",
	    (unsigned long)root0.pages_left, (unsigned long)root3.pages_left, (unsigned long)root0.pool_free,
	    (unsigned long)root3.pool_free);
}

int main(uintptr_t arg)
{
	(void)arg;
	hog(); /* first: the cycles below count the kernel's whole pool */
	struct u_untyped_info r0 = info(SLOT_UNTYPED);
	long e = u_untyped_split(SLOT_UNTYPED, U, U_PAGES);
	struct u_untyped_info r1 = info(SLOT_UNTYPED), u0 = info(U);
	comp_ok(e == 0 && r1.pages_left == r0.pages_left - U_PAGES - 1 && u0.pages_left == U_PAGES &&
	            u0.budget == U_PAGES && r0.pool_free == r1.pool_free + 1,
	        "split: the child holds %u pages, the parent paid %u + 1 for it", U_PAGES, U_PAGES);

	cycle_kind("endpoint", KOBJ_ENDPOINT, 0, 1);
	cycle_kind("notification", KOBJ_NTFN, 0, 1);
	cycle_kind("reply object", KOBJ_REPLY, 0, 1);
	cycle_kind("thread", KOBJ_THREAD, 0, 1);
	cycle_kind("space", KOBJ_SPACE, 0, 2); /* its page and its level-1 table */
	cycle_kind("untyped of 8 pages", KOBJ_UNTYPED, 8, 9);
	cycle_mappings();
	cycle_running_spaces();
	hostile();

	e = u_cap_delete(U);
	struct u_untyped_info r2 = info(SLOT_UNTYPED);
	comp_ok(e == 0 && r2.pages_left == r0.pages_left && r2.pool_free == r0.pool_free &&
	            r2.asids_free == r0.asids_free,
	        "deleting the child untyped returns it all: root budget %lu -> %lu, pool %lu -> %lu, ASIDs "
	        "%lu -> %lu",
	        (unsigned long)r0.pages_left, (unsigned long)r2.pages_left, (unsigned long)r0.pool_free,
	        (unsigned long)r2.pool_free, (unsigned long)r0.asids_free, (unsigned long)r2.asids_free);
	comp_done();
	return 0;
}
