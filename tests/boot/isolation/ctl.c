/*
 * "isolation" test, the part above everyone (isolation.sys): before anything
 * else runs it maps the budget component's obstacle and source pages and
 * then spends the whole budget but B_SPARE_PAGES (so budget can count it
 * exactly), sets its own PMSELR, resumes regs A once A has suspended
 * itself, and last, once budget (stage 2) is done, checks its PMSELR is
 * still its own after everyone else wrote theirs.
 */
#include "comp.h"
#include "isolation_test.h"

/* Slots above the generated ones are ours (SYS_SLOT_LAST). */
static uint32_t next_slot = SYS_SLOT_LAST + 1;

static uint64_t read_selr(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, pmselr_el0" : "=r"(v));
	return v;
}

static uint32_t new_endpoint(void)
{
	uint32_t s = next_slot++;
	long e = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, s);
	if (e)
		uprintf("ctl: retype failed: %ld\n", e);
	return s;
}

/* Spend the budget but `keep` pages. */
static void exhaust(unsigned keep)
{
	uint32_t spare[B_SPARE_PAGES];
	for (unsigned i = 0; i < keep; i++)
		spare[i] = new_endpoint();
	static const uint64_t chunks[] = {KABI_MAP_MAX_PAGES, 512, 64, 8, 1};
	uintptr_t va = COMP_FREE_VA;
	for (unsigned i = 0; i < sizeof chunks / sizeof chunks[0]; i++)
		while (u_space_map(SLOT_SPACE, va, chunks[i], KPERM_R, SLOT_UNTYPED) == 0)
			va += chunks[i] * KABI_PAGE_SIZE;
	uint32_t s = next_slot++;
	while (u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, s) == 0)
		s = next_slot++; /* at most a few: the 1-page maps left less than a table */
	for (unsigned i = 0; i < keep; i++)
		(void)u_cap_delete(spare[i]);
}

int main(uintptr_t arg)
{
	(void)arg;
	long m1 =
	    u_space_map(SLOT_BUDGET, B_OBST_VA + 3 * KABI_PAGE_SIZE, 1, KPERM_R | KPERM_W, SLOT_UNTYPED);
	long m2 = u_space_map(SLOT_BUDGET, B_SRC_VA, 2, KPERM_R | KPERM_W, SLOT_UNTYPED);
	long m3 = u_space_map(SLOT_BUDGET, B_SRC_VA + 3 * KABI_PAGE_SIZE, 1, KPERM_R | KPERM_W, SLOT_UNTYPED);
	if (m1 || m2 || m3)
		uprintf("ctl: budget set-up %ld %ld %ld\n", m1, m2, m3);
	/* Nothing else has run yet, and nobody else allocates after this. */
	exhaust(B_SPARE_PAGES);
	__asm__ volatile("msr pmselr_el0, %0; isb" ::"r"((uint64_t)R_SELR_CTL));

	/* regs A signals, then suspends itself: resume it once it has. */
	struct u_msg w = u_wait(SLOT_NTFN, 30000000);
	long r = IPC_E_THREAD_STATE;
	for (unsigned i = 0; i < 1000 && !w.err && r == IPC_E_THREAD_STATE; i++) {
		(void)u_wait(SLOT_NTFN, 1000); /* let it run */
		r = u_thread_resume(SLOT_A);
	}
	comp_ok(!w.err && r == 0, "ctl: resumed regs A after it suspended itself (%ld %ld)", w.err, r);

	/* budget starts once judge and the regs threads reported (stage 2). */
	struct u_msg d = u_wait(SLOT_DONE, 60000000);
	if (d.err)
		uprintf("ctl: no word from budget (%ld)\n", d.err);
	comp_ok(read_selr() == R_SELR_CTL,
	        "ctl: its PMSELR is its own after everyone else wrote theirs (%lu)",
	        (unsigned long)read_selr());
	comp_done();
	return 0;
}
