/*
 * "isolation" test, memory: a component that holds its own space (all
 * rights), the untyped with W and a diminished copy with R only, and
 * another component's space with R only. It starts with exactly
 * B_SPARE_PAGES pages left in the budget (ctl spent the rest) and
 * tries to map, share and retype what it may not: through the R-only or a
 * re-minted untyped, with page counts and ranges the kernel must refuse,
 * over a range whose last page is taken, from a source with a hole, with
 * more rights than the source, into a space it may only read. Every one
 * must fail, map nothing, and at the end the budget must still hold exactly
 * B_SPARE_PAGES pages. It is started after the regs threads ended, so it
 * also checks that it finds no FPCR/FPSR/PMSELR of theirs.
 */
#include "comp.h"
#include "isolation_test.h"

#define RW (KPERM_R | KPERM_W)

/* Is `va` mapped in our space, even read-only? SpaceWrite reads its
 * source through the caller's own tables (a write *to* a read-only alias
 * would be refused whether mapped or not). */
static bool mapped(uintptr_t va)
{
	static char scratch;
	return u_space_write(SLOT_SPACE, (uintptr_t)&scratch, (const void *)va, 1) == 0;
}

static bool none_mapped(uintptr_t va, unsigned pages)
{
	for (unsigned i = 0; i < pages; i++)
		if (mapped(va + i * KABI_PAGE_SIZE))
			return false;
	return true;
}

int main(uintptr_t arg)
{
	(void)arg;
	uint64_t fpcr, fpsr, selr;
	__asm__ volatile("mrs %0, fpcr; mrs %1, fpsr; mrs %2, pmselr_el0"
	                 : "=r"(fpcr), "=r"(fpsr), "=r"(selr));
	comp_ok(fpcr == 0 && fpsr == 0 && selr == 0,
	        "budget: a thread started after others set FPCR, FPSR, PMSELR finds them 0 (%lx %lx %lu)",
	        (unsigned long)fpcr, (unsigned long)fpsr, (unsigned long)selr);

	uint32_t s = B_SLOT_FREE;
	long r1 = u_retype(SLOT_UNT_R, KOBJ_ENDPOINT, s);
	long r2 = u_space_map(SLOT_SPACE, B_DST_VA, 1, RW, SLOT_UNT_R);
	long r3 = u_space_share(SLOT_SPACE, B_DST_VA, SLOT_SPACE, B_SRC_VA, 1, KPERM_R, SLOT_UNT_R);
	comp_ok(r1 == IPC_E_NO_RIGHTS && r2 == r1 && r3 == r1 && u_cap_copy(s, s + 10) == IPC_E_EMPTY_SLOT &&
	            none_mapped(B_DST_VA, 1),
	        "budget: Retype, SpaceMap, SpaceShare paid from an R-only untyped: NO_RIGHTS, nothing made "
	        "(%ld %ld %ld)",
	        r1, r2, r3);

	long m1 = u_cap_mint(SLOT_UNT_W, s, IPC_R, 0);
	long m2 = u_retype(s, KOBJ_ENDPOINT, s + 1);
	long m3 = u_cap_mint(s, s + 1, IPC_RIGHTS_ALL, 0);
	long m4 = m3 ? m3 : u_retype(s + 1, KOBJ_ENDPOINT, s + 2);
	long t1 = u_retype(SLOT_UNT_W, 0, s + 2), t2 = u_retype(SLOT_UNT_W, KOBJ_REPLY + 1, s + 2);
	long t3 = u_retype(SLOT_UNT_W, KOBJ_UNTYPED, s + 2),
	     t4 = u_retype(SLOT_UNT_W, KABI_RETYPE_TYPE_MAX + 1 + KOBJ_ENDPOINT, s + 2);
	long t5 = u_retype(SLOT_UNT_W, KOBJ_ENDPOINT, SLOT_SPACE),
	     t6 = u_retype(SLOT_UNT_W, KOBJ_ENDPOINT, KABI_SPACE_SLOTS);
	comp_ok(
	    !m1 && m2 == IPC_E_NO_RIGHTS && m4 == IPC_E_NO_RIGHTS && t1 == IPC_E_BAD_ARG && t2 == t1 &&
	        t3 == t1 && t4 == t1 && t5 == IPC_E_SLOT_FULL && t6 == IPC_E_BAD_SLOT,
	    "budget: an untyped minted down to R cannot retype, nor minted back up; bad types, a full and "
	    "a missing slot refused (%ld %ld %ld %ld; %ld %ld %ld %ld %ld %ld)",
	    m1, m2, m3, m4, t1, t2, t3, t4, t5, t6);
	(void)u_cap_delete(s + 1);
	(void)u_cap_delete(s);

	static const uint64_t counts[] = {0, KABI_MAP_MAX_PAGES + 1, 1ul << 52, 1ul << 63, ~0ul};
	bool ok = true;
	for (unsigned i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		long a = u_space_map(SLOT_SPACE, B_DST_VA, counts[i], KPERM_R, SLOT_UNT_W);
		long b =
		    u_space_share(SLOT_SPACE, B_DST_VA, SLOT_SPACE, B_SRC_VA, counts[i], KPERM_R, SLOT_UNT_W);
		if (a != IPC_E_BAD_ARG || b != IPC_E_BAD_ARG) {
			uprintf("budget: %lu pages: map %ld share %ld\n", (unsigned long)counts[i], a, b);
			ok = false;
		}
	}
	comp_ok(ok && none_mapped(B_DST_VA, 1),
	        "budget: 0, 4097, 2^52, 2^63, 2^64-1 pages refused (BAD_ARG)");

	static const struct {
		uint64_t va, pages;
	} ranges[] = {
	    {B_DST_VA + 8, 1},                   /* misaligned */
	    {SYS_KERNEL_VA, 1},                  /* the kernel's image */
	    {KABI_USER_MIN - KABI_PAGE_SIZE, 1}, /* below the user window */
	    {KABI_USER_MAX - KABI_PAGE_SIZE, 2}, /* runs off its end */
	    {~(KABI_PAGE_SIZE - 1), 2},          /* wraps around */
	    {~(KABI_PAGE_SIZE - 1) - KABI_PAGE_SIZE * (KABI_MAP_MAX_PAGES - 1),
	     KABI_MAP_MAX_PAGES}, /* wraps around, in pages */
	};
	ok = true;
	for (unsigned i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		long a = u_space_map(SLOT_SPACE, ranges[i].va, ranges[i].pages, RW, SLOT_UNT_W);
		long b = u_space_share(SLOT_SPACE, ranges[i].va, SLOT_SPACE, B_SRC_VA, ranges[i].pages,
		                       KPERM_R, SLOT_UNT_W);
		long c = u_space_share(SLOT_SPACE, B_DST_VA, SLOT_SPACE, ranges[i].va, ranges[i].pages,
		                       KPERM_R, SLOT_UNT_W);
		if (a != IPC_E_BAD_ARG || b != IPC_E_BAD_ARG || c >= 0) {
			uprintf("budget: range %u: map %ld share to %ld from %ld\n", i, a, b, c);
			ok = false;
		}
	}
	comp_ok(ok && none_mapped(B_DST_VA, 1),
	        "budget: misaligned, kernel, below-window, past-the-end and wrapping ranges refused, as "
	        "destination and as source");

	static const unsigned perms[] = {0, KPERM_W, KPERM_X, RW | KPERM_X, KPERM_ALL + 1, 0xffff};
	ok = true;
	for (unsigned i = 0; i < sizeof perms / sizeof perms[0]; i++) {
		long a = u_space_map(SLOT_SPACE, B_DST_VA, 1, perms[i], SLOT_UNT_W);
		if (a != IPC_E_BAD_ARG) {
			uprintf("budget: perms %x: map %ld\n", perms[i], a);
			ok = false;
		}
	}
	long sx = u_space_share(SLOT_SPACE, B_DST_VA, SLOT_SPACE, B_SRC_VA, 1, KPERM_R | KPERM_X, SLOT_UNT_W);
	long sw = u_space_share(SLOT_SPACE, B_DST_VA, SLOT_SPACE, SYS_PROGRAM_VA, 1, RW, SLOT_UNT_W);
	long swx = u_space_share(SLOT_SPACE, B_DST_VA, SLOT_SPACE, B_SRC_VA, 1, RW | KPERM_X, SLOT_UNT_W);
	comp_ok(ok && sx == KABI_E_BAD_ADDRESS && sw == KABI_E_BAD_ADDRESS && swx == IPC_E_BAD_ARG &&
	            none_mapped(B_DST_VA, 1),
	        "budget: W^X and rights: W+X, no-R and unknown permissions refused; data shared as X, text "
	        "as W refused (%ld %ld %ld)",
	        sx, sw, swx);

	long o = u_space_map(SLOT_SPACE, B_OBST_VA, 4, RW, SLOT_UNT_W);
	long h = u_space_share(SLOT_SPACE, B_DST_VA, SLOT_SPACE, B_SRC_VA, 4, KPERM_R, SLOT_UNT_W);
	comp_ok(o == IPC_E_BAD_ARG && none_mapped(B_OBST_VA, 3) && h == KABI_E_BAD_ADDRESS &&
	            none_mapped(B_DST_VA, 4),
	        "budget: a 4-page map whose last page is taken, a 4-page share whose source has a hole at "
	        "page 3: refused, none of the pages before mapped (%ld %ld)",
	        o, h);

	long x1 = u_space_map(SLOT_OTHER_R, B_DST_VA, 1, RW, SLOT_UNT_W);
	long x2 = u_space_share(SLOT_OTHER_R, B_DST_VA, SLOT_SPACE, B_SRC_VA, 1, KPERM_R, SLOT_UNT_W);
	long x3 = u_space_share(SLOT_SPACE, B_DST_VA, SLOT_OTHER_R, COMP_IPCBUF_VA, 1, RW, SLOT_UNT_W);
	long x4 = u_space_write(SLOT_OTHER_R, COMP_IPCBUF_VA, "x", 1);
	long x5 = u_cap_install(SLOT_OTHER_R, 40, SLOT_UNT_W, IPC_RIGHTS_ALL, 0);
	comp_ok(x1 == IPC_E_NO_RIGHTS && x2 == x1 && x3 == x1 && x4 == x1 && x5 == x1 &&
	            none_mapped(B_DST_VA, 1),
	        "budget: with an R cap to another's space: no map, share into, writable share from, "
	        "SpaceWrite or CapInstall (%ld %ld %ld %ld %ld)",
	        x1, x2, x3, x4, x5);

	/* The budget now: B_SPARE_PAGES pages. A map of all of them needs two
	 * more for its page tables; a space needs two pages with one left. */
	long big = u_space_map(SLOT_SPACE, B_DST_VA, B_SPARE_PAGES, RW, SLOT_UNT_W);
	bool big_none = none_mapped(B_DST_VA, B_SPARE_PAGES);
	unsigned got = 0;
	long e = 0, sp = 0;
	while (got < B_SPARE_PAGES - 1 && !(e = u_retype(SLOT_UNT_W, KOBJ_ENDPOINT, s + got)))
		got++;
	if (!e)
		sp = u_retype(SLOT_UNT_W, KOBJ_SPACE, s + got);
	while (!(e = u_retype(SLOT_UNT_W, KOBJ_ENDPOINT, s + got)))
		got++;
	comp_ok(big == KABI_E_NO_MEMORY && big_none && sp == KABI_E_NO_MEMORY && got == B_SPARE_PAGES &&
	            e == KABI_E_NO_MEMORY,
	        "budget: after all that exactly %u pages are left (%u; a map needing %u and a space with 1 "
	        "left refused: %ld %ld)",
	        B_SPARE_PAGES, got, B_SPARE_PAGES + 2, big, sp);
	for (unsigned i = 0; i < got; i++)
		(void)u_cap_delete(s + i);
	(void)u_signal(SLOT_DONE);
	comp_done();
	return 0;
}
