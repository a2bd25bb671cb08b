/*
 * Boot test "isolation": attacks on the promises of docs/kernel.md,
 * "Isolation", by components that have read the kernel's code.
 *
 *  regs (regs.c, regs.S)  every register across yields, failed syscalls,
 *                         preemption and Call/ReplyRecv; PMSELR, FPCR,
 *                         FPSR per thread, also across ThreadSuspend/Resume
 *  trap + judge           PMU, timer, DAIF, PSCI and semihosting writes
 *                         from EL0 each trap; counters and timer run on
 *  budget                 maps, shares and retypes it may not make; the
 *                         budget it started with is intact afterwards
 *
 * The root spends the whole budget but B_SPARE_PAGES before anything runs
 * (so the budget component can count it exactly), resumes regs A once it
 * has suspended itself, and starts budget only after the regs threads are
 * done (so it starts after others set FPCR/FPSR). Runs under -icount.
 */
#include "../common/btest.h"
#include "isolation_test.h"

#define EXHAUST_VA 0x4000000000ul /* a 1 GiB region of the root's own space */

static uint64_t read_selr(void)
{
	uint64_t v;
	__asm__ volatile("mrs %0, pmselr_el0" : "=r"(v));
	return v;
}

/* Spend the budget but `keep` pages. */
static void exhaust(unsigned keep)
{
	uint32_t spare[B_SPARE_PAGES];
	for (unsigned i = 0; i < keep; i++)
		spare[i] = root_new(KOBJ_ENDPOINT);
	static const uint64_t chunks[] = {4096, 512, 64, 8, 1};
	uintptr_t va = EXHAUST_VA;
	for (unsigned i = 0; i < sizeof chunks / sizeof chunks[0]; i++)
		while (u_space_map(ROOT_SLOT_SPACE, va, chunks[i], KPERM_R, ROOT_SLOT_UNTYPED) == 0)
			va += chunks[i] * 0x1000;
	uint32_t s = root_alloc_slot();
	while (u_retype(ROOT_SLOT_UNTYPED, KOBJ_ENDPOINT, s) == 0)
		s = root_alloc_slot(); /* at most a few: the 1-page maps left less than a table */
	for (unsigned i = 0; i < keep; i++)
		(void)u_cap_delete(spare[i]);
}

static void report(unsigned n, unsigned *failures)
{
	for (unsigned i = 0; i < n; i++) {
		struct u_msg m = u_recv(root_report_slot(), U_NONE, 30000000);
		if (m.err) {
			uprintf("root: waiting for reports: %ld\n", m.err);
			u_debug_halt(1, ROOT_SLOT_UNTYPED);
		}
		*failures += (unsigned)m.label;
	}
}

int main(uintptr_t bootimg)
{
	root_begin(bootimg, ISO_PLAN);
	uint32_t rep = root_new(KOBJ_ENDPOINT), rrep = root_new(KOBJ_REPLY);
	uint32_t fep = root_new(KOBJ_ENDPOINT), frep = root_new(KOBJ_REPLY);
	uint32_t ntfn = root_new(KOBJ_NTFN);
	struct component a, b, judge, trap, budget;

	root_spawn("regs", 100, U_NONE, &a);
	root_spawn("regs", 100, U_NONE, &b);
	root_give(&a, R_SLOT_EP, rep, IPC_W | IPC_G | IPC_GR, R_BADGE);
	root_give(&a, R_SLOT_NTFN, ntfn, IPC_W, 0);
	root_give(&b, R_SLOT_EP, rep, IPC_R, 0);
	root_give(&b, R_SLOT_REPLY, rrep, IPC_RIGHTS_ALL, 0);

	root_spawn("judge", 150, U_NONE, &judge);
	root_give(&judge, J_SLOT_EP, fep, IPC_R, 0);
	root_give(&judge, J_SLOT_REPLY, frep, IPC_RIGHTS_ALL, 0);
	root_spawn("trap", 120, T_SLOT_FAULT0, &trap);
	uint32_t tthreads[T_ATTACKS];
	for (unsigned i = 0; i < T_ATTACKS; i++)
		root_give(&trap, T_SLOT_FAULT0 + i, fep, IPC_W | IPC_G, i + 1);

	root_spawn("budget", 100, U_NONE, &budget);
	root_give(&budget, B_SLOT_SPACE, budget.space, IPC_RIGHTS_ALL, 0);
	root_give(&budget, B_SLOT_UNT_R, ROOT_SLOT_UNTYPED, IPC_R, 0);
	root_give(&budget, B_SLOT_UNT_W, ROOT_SLOT_UNTYPED, IPC_RIGHTS_ALL, 0);
	root_give(&budget, B_SLOT_OTHER_R, a.space, IPC_R, 0);
	long m1 = u_space_map(budget.space, B_OBST_VA + 3 * KABI_PAGE_SIZE, 1, KPERM_R | KPERM_W,
	                      ROOT_SLOT_UNTYPED);
	long m2 = u_space_map(budget.space, B_SRC_VA, 2, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	long m3 =
	    u_space_map(budget.space, B_SRC_VA + 3 * KABI_PAGE_SIZE, 1, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	if (m1 || m2 || m3) {
		uprintf("root: budget set-up %ld %ld %ld\n", m1, m2, m3);
		u_debug_halt(2, ROOT_SLOT_UNTYPED);
	}
	/* Nothing runs before the root blocks: start everyone but budget,
	 * then spend the budget (nobody else allocates after that). */
	spawn_start(&judge, 0);
	spawn_start(&trap, 0);
	for (unsigned i = 1; i < T_ATTACKS; i++) {
		long e = spawn_thread(&trap, i, 120, T_SLOT_FAULT0 + i, &tthreads[i]);
		e = e ? e : spawn_thread_start(&trap, i, tthreads[i], i);
		if (e) {
			uprintf("root: trap thread %u: %ld\n", i, e);
			u_debug_halt(2, ROOT_SLOT_UNTYPED);
		}
	}
	exhaust(B_SPARE_PAGES);
	__asm__ volatile("msr pmselr_el0, %0; isb" ::"r"((uint64_t)R_SELR_ROOT));
	spawn_start(&a, 0);
	spawn_start(&b, 1);

	/* regs A signals, then suspends itself: resume it once it has. */
	struct u_msg w = u_wait(ntfn, 30000000);
	long r = IPC_E_THREAD_STATE;
	for (unsigned i = 0; i < 1000 && !w.err && r == IPC_E_THREAD_STATE; i++) {
		(void)u_wait(ntfn, 1000); /* let it run */
		r = u_thread_resume(a.thread);
	}
	tap_ok(!w.err && r == 0, "root: resumed regs A after it suspended itself (%ld %ld)", w.err, r);

	unsigned failures = tap_failures;
	report(3, &failures); /* judge, regs A, regs B */
	spawn_start(&budget, 0);
	report(1, &failures);
	tap_ok(read_selr() == R_SELR_ROOT,
	       "root: its PMSELR is its own after everyone else wrote theirs (%lu)",
	       (unsigned long)read_selr());
	u_debug_halt(failures || tap_failures ? 1 : 0, ROOT_SLOT_UNTYPED);
	return 0;
}
