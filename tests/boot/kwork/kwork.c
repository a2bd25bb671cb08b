/*
 * Boot test "kwork" (kwork.sys, under -icount): how long the kernel runs
 * with interrupts masked for its longest operations. The kernel masks
 * interrupts from exception entry to eret, so one system call is one
 * masked stretch; PMU event counter 0 (instructions retired, EL0 and EL1)
 * read right before the `svc` and right after it returns gives its length
 * exactly (docs/benchmarking.md, the same method as make bench). A
 * SpaceMap or SpaceUnmap longer than KABI_CHUNK_PAGES (64) re-executes
 * its `svc` once per chunk, so the counter around it gives the whole
 * call's cost; its longest masked stretch is one chunk, measured as a
 * call of exactly 64 pages. Teardown (deleting a space, revoking an
 * untyped, cancel-all) runs one bounded step per kernel entry, and the
 * deleting call re-executes its `svc` until it is done: the counter around
 * it is again the whole call. Its longest stretch is sampled: a helper
 * thread below us makes the call, we wake a few microseconds into it and
 * make Yields, each one kernel entry that does one step of the pending
 * work, and keep the longest (sample_steps). The stretch an interrupt
 * meets is measured directly too, as how late a timer wait ends while a
 * helper makes the call (sample_latency): that also sees the entries of a
 * call that re-executes its own svc (CapRevoke of derived caps) and the
 * first entry of any, and those rows fail above a limit derived from the
 * KABI_CHUNK_* bounds. Each figure is printed as "kwork: <operation>: <n>
 * instructions"; `make kwork` collects them. Measured: SpaceMap and
 * SpaceUnmap of the largest range one call takes, deleting a space with
 * that many mappings, deleting an endpoint with many queued senders
 * (cancel-all: every one wakes OBJECT_GONE), revoking a cap with 1000
 * derived caps (C9), destroying a thread with 60 callers waiting on its
 * replies (X6), and revoking an untyped with a component's worth of
 * objects and mappings (the revoke walks every live space: the loader's,
 * this component's and the ones measured). Everything is made from the
 * root task's untyped (slot UNTYPED); the test also checks each operation
 * did what it should.
 */
#include "comp.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define SENDER_SLOT_EP 2
/* The senders' threads (48) and the revoked endpoints (40) and thread go
 * in our slots from here on, above the generated ones. */
#define FIRST_FREE 16
_Static_assert(SYS_SLOT_LAST < FIRST_FREE, "kwork's named slots run into its free ones");
_Static_assert(FIRST_FREE + 48 <= KABI_SPACE_SLOTS, "the senders' thread slots fit the CSpace");

static char ipcbuf_page[KABI_PAGE_SIZE] __attribute__((aligned(KABI_PAGE_SIZE)));

/* Registers by ABI slot: slot n is xn (<arch/sysabi.h>, <user/sys.h>). */
#define XREG(slot) "x" STR(slot)
/*
 * The code the threads of other spaces run, in one block of under 256 bytes
 * aligned to 256, so in one page (the one shared_space() shares).
 * sender_entry: Send on slot 2, 0 words, no timeout; then exit.
 * caller_entry (start arg: a counter in the shared page): Call on slot 2,
 * 0 words, no timeout; if that ends PEER_GONE, count it; then exit.
 * server_entry: Recv on slot 2 with reply object slot SERVER_REPLY0 up to
 * SERVER_REPLY_LAST, never replying; then Recv without a reply object, for ever.
 */
#define NCALLERS 60
#define SERVER_REPLY0 (SENDER_SLOT_EP + 1) /* the server's reply objects: this slot and up */
#define SERVER_REPLY_LAST (SERVER_REPLY0 + NCALLERS - 1)
#define STUB_SLOT_NONE -1 /* KABI_SLOT_NONE as a 32-bit immediate */
#define A_SLOT XREG(KABI_ARG_SLOT)
#define A_MI XREG(KABI_ARG_MSGINFO)
#define A_SLOT2 XREG(KABI_ARG_SLOT2)
#define A_TIMEOUT XREG(KABI_ARG_TIMEOUT)
#define A_NO XREG(KABI_REG_SYSNO)
#define A_STATUS XREG(KABI_RET_STATUS)
_Static_assert(IPC_E_PEER_GONE == -12, "caller_entry compares with -12");
_Static_assert(SERVER_REPLY_LAST < KABI_SPACE_SLOTS, "the server's reply slots fit its CSpace");
_Static_assert((uint32_t)STUB_SLOT_NONE == KABI_SLOT_NONE, "server_entry's last Recv has no reply object");
_Static_assert(KABI_ARG_SLOT2 < 19 && KABI_ARG_SLOT < 19, "x19 and x20 are the server's and caller's own");
void sender_entry(void), caller_entry(void), server_entry(void), code_end(void);
// clang-format off
__asm__(".text\n .balign 256\n .global sender_entry\n sender_entry:\n"
        " mov " A_SLOT ", #" STR(SENDER_SLOT_EP) "\n mov " A_MI ", #0\n mov " A_TIMEOUT ", #0\n"
        " mov " A_NO ", #" STR(SYS_SEND) "\n svc #0\n"
        " mov " A_NO ", #" STR(SYS_THREAD_EXIT) "\n svc #0\n b .\n"
        " .global caller_entry\n caller_entry:\n mov x20, x0\n"
        " mov " A_SLOT ", #" STR(SENDER_SLOT_EP) "\n mov " A_MI ", #0\n mov " A_TIMEOUT ", #0\n"
        " mov " A_NO ", #" STR(SYS_CALL) "\n svc #0\n"
        " cmn " A_STATUS ", #12\n b.ne 2f\n"
        "1: ldxr x21, [x20]\n add x21, x21, #1\n stxr w22, x21, [x20]\n cbnz w22, 1b\n"
        "2: mov " A_NO ", #" STR(SYS_THREAD_EXIT) "\n svc #0\n b .\n"
        " .global server_entry\n server_entry:\n mov x19, #" STR(SERVER_REPLY0) "\n"
        "3: mov " A_SLOT ", #" STR(SENDER_SLOT_EP) "\n mov " A_SLOT2 ", x19\n mov " A_TIMEOUT ", #0\n"
        " mov " A_NO ", #" STR(SYS_RECV) "\n svc #0\n"
        " add x19, x19, #1\n cmp x19, #" STR(SERVER_REPLY_LAST) "\n b.ls 3b\n"
        " mov " A_SLOT ", #" STR(SENDER_SLOT_EP) "\n mov w" STR(KABI_ARG_SLOT2) ", #" STR(STUB_SLOT_NONE) "\n"
        " mov " A_TIMEOUT ", #0\n mov " A_NO ", #" STR(SYS_RECV) "\n svc #0\n b .\n"
        " .global code_end\n code_end:\n");
// clang-format on

/* Instructions of one system call, the counter reads' own cost taken out. */
static uint64_t overhead;
static uint64_t timed(uint64_t no, struct u_regs a, long *err)
{
	uint64_t t0 = u_insns();
	*err = u_sys(no, a);
	uint64_t t1 = u_insns();
	return t1 - t0 - overhead;
}

/* The arguments of the maps, unmaps and shares below: `pages` at
 * COMP_FREE_VA in space `s` (a share: from the same address in `src`). */
static struct u_regs map_args(uint32_t s, uint64_t pages)
{
	return U_ARGS([KABI_MAP_SPACE] = s, [KABI_MAP_VA] = COMP_FREE_VA, [KABI_MAP_PAGES] = pages,
	              [KABI_MAP_PERMS] = KPERM_R | KPERM_W, [KABI_MAP_UNTYPED] = SLOT_UNTYPED);
}
static struct u_regs unmap_args(uint32_t s, uint64_t pages)
{
	return U_ARGS([KABI_UNMAP_SPACE] = s, [KABI_UNMAP_VA] = COMP_FREE_VA, [KABI_UNMAP_PAGES] = pages);
}
static struct u_regs share_args(uint32_t s, uint32_t src, uint64_t pages)
{
	return U_ARGS([KABI_SHARE_DST] = s, [KABI_SHARE_DST_VA] = COMP_FREE_VA, [KABI_SHARE_SRC] = src,
	              [KABI_SHARE_SRC_VA] = COMP_FREE_VA, [KABI_SHARE_PAGES] = pages,
	              [KABI_SHARE_PERMS] = KPERM_R, [KABI_SHARE_UNTYPED] = SLOT_UNTYPED);
}

static void report(const char *what, uint64_t n)
{
	uprintf("kwork: %s: %lu instructions\n", what, (unsigned long)n);
}

/* The helper of sample_steps(): makes one system call, signals, exits. */
#define HELPER_PRIO 50
static volatile uint64_t helper_call[2];
static volatile long helper_status;
static char helper_stack[8192] __attribute__((aligned(16)));
static char helper_ipcbuf[KABI_PAGE_SIZE] __attribute__((aligned(KABI_PAGE_SIZE)));

/* helper_call[0] == HELPER_SPIN: spin at EL0 until helper_spin is cleared
 * (the floor of sample_latency()). */
#define HELPER_SPIN SYS_COUNT
static volatile int helper_spin;

static void helper_entry(uintptr_t arg)
{
	(void)arg;
	if (helper_call[0] != HELPER_SPIN)
		helper_status = u_sys(helper_call[0], U_ARGS([KABI_CAP_SRC] = helper_call[1]));
	u_signal(SLOT_DONE);
	/* sample_latency() keeps the CPU from going idle while it samples:
	 * arch_idle() can miss a wake-up whose interrupt comes just before its
	 * wfi, and the wait then ends at the next tick (before the SMP work's
	 * idle loop). */
	while (helper_spin)
		;
	u_thread_exit();
}

struct sample {
	uint64_t longest; /* the longest Yield that did a step */
	unsigned steps;   /* Yields that did one */
	long err;         /* the helper's call, and the set-up */
};

/*
 * The longest kernel entry of a teardown call: a helper thread (below us,
 * in our space) makes call `no` on slot `slot`; we wake `delay_us` into it
 * (-icount shift=0: 1000 instructions a microsecond) and make timed
 * Yields, each a kernel entry doing one step of the pending work, until
 * none has done one for a while; a Yield costing more than `quiet` did.
 */
static struct sample sample_steps(uint64_t no, uint64_t slot, unsigned delay_us, uint64_t quiet)
{
	struct sample r = {0, 0, 0};
	helper_call[0] = no;
	helper_call[1] = slot;
	helper_status = 1;
	long e = u_retype(SLOT_UNTYPED, KOBJ_THREAD, SLOT_HELPER);
	e |= u_thread_configure(SLOT_HELPER, SLOT_SPACE, (uintptr_t)helper_ipcbuf, HELPER_PRIO, U_NONE);
	e |= u_thread_start(SLOT_HELPER, (uintptr_t)helper_entry,
	                    (uintptr_t)helper_stack + sizeof helper_stack, 0);
	(void)u_wait(SLOT_TIMER, delay_us);
	for (unsigned k = 0, idle = 0; idle < 64 && k < 100000; k++) {
		long err;
		uint64_t d = timed(SYS_YIELD, U_ARGS(0), &err);
		idle = d > quiet ? 0 : idle + 1;
		if (d > quiet)
			r.steps++;
		if (d > quiet && d > r.longest)
			r.longest = d;
	}
	e |= u_wait(SLOT_DONE, 1000000).err;
	r.err = e | helper_status | u_cap_delete(SLOT_HELPER);
	return r;
}

static inline uint64_t counter(void)
{
	uint64_t c;
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(c)::"memory");
	return c;
}

/*
 * The longest interrupts-masked stretch of a call, as an interrupt meets
 * it: the helper (below us) makes call `no` on slot `a0`, and we wait on a
 * timeout of LATE_US again and again until it is done. Under -icount
 * (shift=0) the virtual counter runs at one nanosecond per instruction, so
 * how late each wait ends, in nanoseconds, is in instructions: the masked
 * rest of the kernel entry the timer fired in, plus the interrupt's own
 * path and our wake-up (the floor: the same with the helper spinning at
 * EL0, HELPER_SPIN). A deadline every few microseconds lands in every
 * stretch longer than that; the longest lateness is the longest stretch
 * (not a sample of Yields, which would miss the first entry of the call
 * and every entry of a call that re-executes its own svc, as CapRevoke
 * does). An interrupt's own kernel exit does a teardown step too, so the
 * lateness can hold two steps of it. Exact and repeatable: the counter's
 * resolution is 16 instructions.
 */
#define LATE_US 1
struct late {
	uint64_t longest; /* instructions */
	unsigned waits;
	long err;
};

static struct late sample_latency(uint64_t no, uint64_t a0)
{
	struct late r = {0, 0, 0};
	uint64_t hz;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
	const uint64_t period = LATE_US * hz / 1000000u;
	helper_call[0] = no;
	helper_call[1] = a0;
	helper_status = no == HELPER_SPIN ? 0 : 1;
	helper_spin = 1;
	long e = u_retype(SLOT_UNTYPED, KOBJ_THREAD, SLOT_HELPER);
	e |= u_thread_configure(SLOT_HELPER, SLOT_SPACE, (uintptr_t)helper_ipcbuf, HELPER_PRIO, U_NONE);
	e |= u_thread_start(SLOT_HELPER, (uintptr_t)helper_entry,
	                    (uintptr_t)helper_stack + sizeof helper_stack, 0);
	for (unsigned k = 0; k < 100000 && !e; k++) {
		uint64_t t0 = counter();
		e |= u_wait(SLOT_TIMER, LATE_US).err != IPC_E_TIMED_OUT;
		uint64_t d = counter() - t0;
		uint64_t late = d > period ? (d - period) * 1000000000u / hz : 0;
		r.longest = late > r.longest ? late : r.longest;
		r.waits++;
		if (no == HELPER_SPIN ? k == 300 : u_poll(SLOT_DONE).err == 0)
			break;
	}
	helper_spin = 0;
	if (no == HELPER_SPIN)
		e |= u_wait(SLOT_DONE, 1000000).err;
	r.err = e | helper_status | u_cap_delete(SLOT_HELPER);
	return r;
}

/* A fresh space running our shared code: its page, and our ipcbuf_page as
 * every thread's IPC buffer at *buf; `ep` in its slot 2 with `rights`. */
static long shared_space(uint32_t space, uint32_t ep, uint32_t rights, uintptr_t *buf)
{
	uintptr_t code = (uintptr_t)sender_entry & ~(KABI_PAGE_SIZE - 1);
	*buf = ((code >> 12) & 511) == 511 ? code - KABI_PAGE_SIZE : code + KABI_PAGE_SIZE;
	long e = ((uintptr_t)code_end - 1) / KABI_PAGE_SIZE != code / KABI_PAGE_SIZE; /* one page */
	e |= u_retype(SLOT_UNTYPED, KOBJ_SPACE, space);
	e |= u_space_share(space, code, SLOT_SPACE, code, 1, KPERM_R | KPERM_X, SLOT_UNTYPED);
	e |= u_space_share(space, *buf, SLOT_SPACE, (uintptr_t)ipcbuf_page, 1, KPERM_R | KPERM_W,
	                   SLOT_UNTYPED);
	e |= u_cap_install(space, SENDER_SLOT_EP, ep, rights, 0);
	return e;
}

/* A thread in `space` (shared_space) started at `entry` with `arg`, its
 * cap in our `slot`. */
static long spawn(uint32_t slot, uint32_t space, uintptr_t buf, void (*entry)(void), unsigned prio,
                  uint64_t arg)
{
	long e = u_retype(SLOT_UNTYPED, KOBJ_THREAD, slot);
	e |= u_thread_configure(slot, space, buf, prio, U_NONE);
	e |= u_thread_start(slot, (uintptr_t)entry, 0, arg);
	return e;
}

/* `n` sender threads in a fresh space, all blocked in Send on `ep`. */
static long queue_senders(uint32_t ep, unsigned n, uint32_t space, uint32_t first_thread_slot)
{
	uintptr_t buf;
	long e = shared_space(space, ep, IPC_W, &buf);
	for (unsigned i = 0; i < n && !e; i++)
		e |= spawn(first_thread_slot + i, space, buf, sender_entry, 100, 0);
	return e;
}

/*
 * A server thread (our slot `server`, in space `ss`) that has taken
 * NCALLERS Calls through NCALLERS reply objects, whose callers (in space
 * `cs`, below the server) all wait for its replies. Only spaces hold the
 * endpoint's, the reply objects' (ss) and the callers' caps (in `hs`, a
 * space no thread runs in: deleting it frees them, and then `cs`);
 * installed, then ours deleted. Our `tmp` is scratch. Each caller that ends
 * PEER_GONE counts itself in PEER_GONE_COUNT (the shared page's last word).
 */
#define PEER_GONE_COUNT (*(volatile uint64_t *)(ipcbuf_page + KABI_PAGE_SIZE - 8))
static long server_with_callers(uint32_t ep, uint32_t server, uint32_t ss, uint32_t cs, uint32_t hs,
                                uint32_t tmp)
{
	uintptr_t buf;
	long e = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, ep) | u_retype(SLOT_UNTYPED, KOBJ_SPACE, hs);
	e |= shared_space(ss, ep, IPC_R, &buf);
	e |= shared_space(cs, ep, IPC_W | IPC_GR, &buf);
	for (uint32_t i = 0; i < NCALLERS && !e; i++) {
		e |= u_retype(SLOT_UNTYPED, KOBJ_REPLY, tmp);
		e |= u_cap_install(ss, SERVER_REPLY0 + i, tmp, IPC_RIGHTS_ALL, 0) | u_cap_delete(tmp);
	}
	e |= spawn(server, ss, buf, server_entry, 100, 0);
	PEER_GONE_COUNT = 0;
	for (uint32_t i = 0; i < NCALLERS && !e; i++) {
		e |= spawn(tmp, cs, buf, caller_entry, 90, buf + KABI_PAGE_SIZE - 8);
		e |= u_cap_install(hs, i, tmp, IPC_RIGHTS_ALL, 0) | u_cap_delete(tmp);
	}
	(void)u_wait(SLOT_TIMER, 20000); /* every caller has called */
	e |= u_cap_delete(ep);           /* the spaces' caps keep it */
	return e;
}

/* Install `n` caps derived from our `ep` (CapInstall mints a child of our
 * cap) into the CSpaces of our spaces in slots ep + 1, ep + 2, ...,
 * KABI_SPACE_SLOTS each. */
static long derive_many(uint32_t ep, uint32_t n)
{
	long e = 0;
	for (uint32_t k = 0; k < n && !e; k++)
		e |= u_cap_install(ep + 1 + k / KABI_SPACE_SLOTS, k % KABI_SPACE_SLOTS, ep, IPC_W, 0);
	return e;
}

int main(uintptr_t arg)
{
	(void)arg;
	long e, err = 0;
	uint64_t t0 = u_insns(), t1 = u_insns();
	overhead = t1 - t0;
	const uint32_t timer = SLOT_TIMER, s = SLOT_MAPPED, u = SLOT_SPLIT;
	struct u_untyped_info i0 = u_untyped_info(SLOT_UNTYPED);
	/* A Yield with nothing pending; one that does a step costs more. */
	uint64_t quiet = 0;
	for (unsigned k = 0; k < 8; k++) {
		uint64_t d = timed(SYS_YIELD, U_ARGS(0), &err);
		quiet = d > quiet ? d : quiet;
	}
	quiet += 40;

	/* The floor of sample_latency(): an interrupt that meets nothing
	 * masked but its own path. */
	struct late floor = sample_latency(HELPER_SPIN, 0);
	report("an interrupt's latency, a thread spinning at EL0 (the floor of the stretches below)",
	       floor.longest);
	comp_ok(floor.err == 0 && floor.waits > 100, "latency floor: %u waits (%ld)", floor.waits, floor.err);

	/* SpaceMap / SpaceUnmap / delete of the largest range. */
	e = u_retype(SLOT_UNTYPED, KOBJ_SPACE, s);
	uint64_t map = timed(SYS_SPACE_MAP, map_args(s, KABI_MAP_MAX_PAGES), &err);
	e |= err;
	uint64_t unmap = timed(SYS_SPACE_UNMAP, unmap_args(s, KABI_MAP_MAX_PAGES), &err);
	e |= err;
	e |= u_space_map(s, COMP_FREE_VA, KABI_MAP_MAX_PAGES, KPERM_R | KPERM_W, SLOT_UNTYPED);
	uint64_t destroy = timed(SYS_CAP_DELETE, U_ARGS([KABI_CAP_SRC] = s), &err);
	e |= err;
	report("SpaceMap of 4096 pages, all its entries", map);
	report("SpaceUnmap of 4096 pages, all its entries", unmap);
	report("deleting a space with 4096 pages mapped, all its entries", destroy);
	comp_ok(e == 0 && u_untyped_info(SLOT_UNTYPED).pages_left == i0.pages_left,
	        "map, unmap, map again and delete the space of %u pages: all back", KABI_MAP_MAX_PAGES);
	e = u_retype(SLOT_UNTYPED, KOBJ_SPACE, s);
	e |= u_space_map(s, COMP_FREE_VA, KABI_MAP_MAX_PAGES, KPERM_R | KPERM_W, SLOT_UNTYPED);
	struct sample del = sample_steps(SYS_CAP_DELETE, s, 20, quiet);
	report("deleting a space with 4096 pages mapped: the longest entry", del.longest);
	comp_ok(e == 0 && del.err == 0 && del.steps >= 16 && del.longest < destroy / 8 &&
	            u_untyped_info(SLOT_UNTYPED).pages_left == i0.pages_left,
	        "deleting a space of %u pages: %u steps seen, the longest under an 8th of the whole (%ld)",
	        KABI_MAP_MAX_PAGES, del.steps, del.err);

	/* One chunk: the longest stretch of a long SpaceMap / SpaceUnmap. */
	e = u_retype(SLOT_UNTYPED, KOBJ_SPACE, s);
	uint64_t map1 = timed(SYS_SPACE_MAP, map_args(s, KABI_CHUNK_PAGES), &err);
	e |= err;
	uint64_t unmap1 = timed(SYS_SPACE_UNMAP, unmap_args(s, KABI_CHUNK_PAGES), &err);
	e |= err | u_cap_delete(s);
	report("SpaceMap of 64 pages: one entry, the longest stretch of any SpaceMap", map1);
	report("SpaceUnmap of 64 pages: one entry, the longest stretch of any SpaceUnmap", unmap1);
	comp_ok(e == 0 && map1 < map / 32 && u_untyped_info(SLOT_UNTYPED).pages_left == i0.pages_left,
	        "one 64-page SpaceMap entry costs under a 32nd of the 64 entries of a 4096-page one");

	/* SpaceShare: each entry checks the whole remaining source, then
	 * shares a chunk. Its longest stretch is the first entry of the longest
	 * call, at most the check of 4096 source pages (measured as a share
	 * refused at the last one) plus one 64-page chunk. */
	const uint32_t src = SLOT_SOURCE;
	e = u_retype(SLOT_UNTYPED, KOBJ_SPACE, s) | u_retype(SLOT_UNTYPED, KOBJ_SPACE, src);
	e |= u_space_map(src, COMP_FREE_VA, KABI_MAP_MAX_PAGES - 1, KPERM_R | KPERM_W, SLOT_UNTYPED);
	uint64_t check = timed(SYS_SPACE_SHARE, share_args(s, src, KABI_MAP_MAX_PAGES), &err);
	e |= err != KABI_E_BAD_ADDRESS;
	uint64_t share64 = timed(SYS_SPACE_SHARE, share_args(s, src, KABI_CHUNK_PAGES), &err);
	e |= err | u_space_unmap(s, COMP_FREE_VA, KABI_CHUNK_PAGES);
	uint64_t share = timed(SYS_SPACE_SHARE, share_args(s, src, KABI_MAP_MAX_PAGES - 1), &err);
	e |= err | u_cap_delete(s) | u_cap_delete(src);
	report("SpaceShare of 4095 pages, all its entries", share);
	report("SpaceShare refused at the last of 4096 source pages: the longest check", check);
	report("SpaceShare of 64 pages: one chunk", share64);
	comp_ok(e == 0 && u_untyped_info(SLOT_UNTYPED).pages_left == i0.pages_left,
	        "shares of 4095 and 64 pages, and one refused at its last source page");

	/* Cancel-all: an endpoint with 8, 16 and 48 queued senders deleted. A
	 * step wakes at most KERNEL_CHUNK_WAITERS (16), so the call with 16 is
	 * the longest entry of any (one step, then an entry that returns). */
	static const unsigned counts[3] = {8, 16, 48};
	uint64_t cancel[3];
	for (unsigned k = 0; k < 3; k++) {
		const uint32_t ep = SLOT_ENDPOINT, sp = SLOT_SENDERS, first = FIRST_FREE;
		e = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, ep);
		e |= queue_senders(ep, counts[k], sp, first);
		(void)u_wait(timer, 20000); /* they all block in Send */
		e |= u_cap_revoke(ep);      /* the senders' caps: ours is the last */
		cancel[k] = timed(SYS_CAP_DELETE, U_ARGS([KABI_CAP_SRC] = ep), &err);
		e |= err;
		(void)u_wait(timer, 20000); /* they all exit */
		for (unsigned i = 0; i < counts[k]; i++)
			e |= u_cap_delete(first + i);
		e |= u_cap_delete(sp);
		uprintf("kwork: deleting an endpoint with %u queued senders: %lu instructions\n", counts[k],
		        (unsigned long)cancel[k]);
		comp_ok(e == 0, "cancel-all of %u senders", counts[k]);
	}
	uprintf("kwork: cancel-all, per sender: %lu instructions\n",
	        (unsigned long)((cancel[2] - cancel[0]) / (counts[2] - counts[0])));
	comp_ok(cancel[2] < 4 * cancel[1], "48 senders cost about three times 16: one step each 16");

	/* Each kernel entry of a cancel-all wakes at most KABI_CHUNK_WAITERS.
	 * An interrupt meets the rest of one entry, and its own exit does the
	 * next step: the longest lateness is the floor plus two steps, each at
	 * most KABI_CHUNK_WAITERS senders' cost (measured above, per sender of
	 * a whole call, which carries each step's share of its entry). The
	 * limit allows 2.25 steps; 48 senders woken in one entry exceed it (the
	 * kernel's KERNEL_CHUNK_WAITERS raised to 10^6: 7728 against 6252). */
	const uint64_t per_sender = (cancel[2] - cancel[0]) / (counts[2] - counts[0]);
	{
		const uint32_t ep = SLOT_ENDPOINT, sp = SLOT_SENDERS, first = FIRST_FREE;
		e = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, ep);
		e |= queue_senders(ep, 48, sp, first);
		(void)u_wait(timer, 20000);
		e |= u_cap_revoke(ep);
		struct late l = sample_latency(SYS_CAP_DELETE, ep);
		(void)u_wait(timer, 20000);
		for (unsigned i = 0; i < 48; i++)
			e |= u_cap_delete(first + i);
		e |= u_cap_delete(sp);
		const uint64_t limit = floor.longest + KABI_CHUNK_WAITERS * 9 / 4 * per_sender;
		report("deleting an endpoint with 48 queued senders: the longest masked stretch", l.longest);
		comp_ok(
		    e == 0 && l.err == 0 && l.longest < limit,
		    "cancel-all of 48: longest stretch %lu < floor + 2.25 * KABI_CHUNK_WAITERS (%u) senders "
		    "= %lu (%ld)",
		    (unsigned long)l.longest, KABI_CHUNK_WAITERS, (unsigned long)limit, l.err);
	}

	/* Revoke of a cap with NDERIVED derived caps (C9), in the CSpaces of
	 * spaces made for them: each entry of CapRevoke does KABI_CHUNK_CAPS
	 * units, one cap each here, and re-executes its svc. */
	{
#define NDERIVED 1000u
		const uint32_t ep = FIRST_FREE, nsp = (NDERIVED + KABI_SPACE_SLOTS - 1) / KABI_SPACE_SLOTS;
		e = u_retype(SLOT_UNTYPED, KOBJ_ENDPOINT, ep);
		for (uint32_t i = 0; i < nsp; i++)
			e |= u_retype(SLOT_UNTYPED, KOBJ_SPACE, ep + 1 + i);
		e |= derive_many(ep, NDERIVED);
		uint64_t whole = timed(SYS_CAP_REVOKE, U_ARGS([KABI_CAP_SRC] = ep), &err);
		e |= err | derive_many(ep, NDERIVED); /* SLOT_FULL if the revoke left one */
		struct late l = sample_latency(SYS_CAP_REVOKE, ep);
		e |= derive_many(ep, NDERIVED) | u_cap_revoke(ep);
		for (uint32_t i = 0; i <= nsp; i++)
			e |= u_cap_delete(ep + i);
		const uint64_t per_cap = whole / NDERIVED;
		const uint64_t limit = floor.longest + KABI_CHUNK_CAPS * 9 / 4 * per_cap;
		report("revoking a cap with 1000 derived caps, all its entries", whole);
		report("revoking a cap with 1000 derived caps: the longest masked stretch", l.longest);
		comp_ok(
		    e == 0 && l.err == 0 && l.longest < limit &&
		        u_untyped_info(SLOT_UNTYPED).pages_left == i0.pages_left,
		    "revoke of %u derived caps: longest stretch %lu < floor + 2.25 * KABI_CHUNK_CAPS (%u) "
		    "caps "
		    "= %lu (%ld)",
		    NDERIVED, (unsigned long)l.longest, KABI_CHUNK_CAPS, (unsigned long)limit, l.err);
	}

	/* Destroying a thread with NCALLERS callers waiting for its replies
	 * (X6): every caller wakes PEER_GONE, and a step wakes at most
	 * KABI_CHUNK_WAITERS of them, a sender's cost each at most. */
	{
		const uint32_t ep = SLOT_ENDPOINT, server = FIRST_FREE, ss = SLOT_SENDERS, cs = SLOT_SOURCE,
		               hs = SLOT_MAPPED, tmp = FIRST_FREE + 1;
		e = server_with_callers(ep, server, ss, cs, hs, tmp);
		uint64_t whole = timed(SYS_CAP_DELETE, U_ARGS([KABI_CAP_SRC] = server), &err);
		e |= err;
		(void)u_wait(timer, 20000); /* the callers count and exit */
		uint64_t gone1 = PEER_GONE_COUNT;
		e |= u_cap_delete(cs) | u_cap_delete(hs) | u_cap_delete(ss);
		e |= server_with_callers(ep, server, ss, cs, hs, tmp);
		struct late l = sample_latency(SYS_CAP_DELETE, server);
		(void)u_wait(timer, 20000);
		uint64_t gone2 = PEER_GONE_COUNT;
		e |= u_cap_delete(cs) | u_cap_delete(hs) | u_cap_delete(ss);
		const uint64_t limit = floor.longest + KABI_CHUNK_WAITERS * 9 / 4 * per_sender;
		report("destroying a thread with 60 callers waiting for its replies, all its entries", whole);
		report(
		    "destroying a thread with 60 callers waiting for its replies: the longest masked stretch",
		    l.longest);
		comp_ok(
		    e == 0 && l.err == 0 && gone1 == NCALLERS && gone2 == NCALLERS && l.longest < limit &&
		        u_untyped_info(SLOT_UNTYPED).pages_left == i0.pages_left,
		    "destroying a thread with %u callers: %lu and %lu woke PEER_GONE; longest stretch %lu < "
		    "floor + 2.25 * KABI_CHUNK_WAITERS (%u) senders = %lu (%ld)",
		    NCALLERS, (unsigned long)gone1, (unsigned long)gone2, (unsigned long)l.longest,
		    KABI_CHUNK_WAITERS, (unsigned long)limit, l.err);
	}

	/* Revoke: an untyped with a space of 1024 mappings, 40 endpoints and a thread. */
	e = u_untyped_split(SLOT_UNTYPED, u, 1200);
	e |= u_retype(u, KOBJ_SPACE, s);
	e |= u_space_map(s, COMP_FREE_VA, 1024, KPERM_R | KPERM_W, u);
	for (uint32_t i = 0; i < 40; i++)
		e |= u_retype(u, KOBJ_ENDPOINT, FIRST_FREE + i);
	e |= u_retype(u, KOBJ_THREAD, FIRST_FREE + 40);
	uint64_t revoke = timed(SYS_CAP_REVOKE, U_ARGS([KABI_CAP_SRC] = u), &err);
	e |= err;
	report("revoking an untyped with a 1024-page space, 40 endpoints and a thread, all its entries",
	       revoke);
	comp_ok(e == 0 && u_untyped_info(u).pages_left == 1200, "the revoke destroyed all of it");
	e = u_retype(u, KOBJ_SPACE, s);
	e |= u_space_map(s, COMP_FREE_VA, 1024, KPERM_R | KPERM_W, u);
	for (uint32_t i = 0; i < 40; i++)
		e |= u_retype(u, KOBJ_ENDPOINT, FIRST_FREE + i);
	e |= u_retype(u, KOBJ_THREAD, FIRST_FREE + 40);
	struct sample rv = sample_steps(SYS_CAP_REVOKE, u, 10, quiet);
	report("revoking an untyped with a 1024-page space, 40 endpoints and a thread: the longest entry",
	       rv.longest);
	comp_ok(e == 0 && rv.err == 0 && rv.steps >= 8 && rv.longest < revoke / 4 &&
	            u_untyped_info(u).pages_left == 1200 && u_cap_delete(u) == 0,
	        "the same revoke from a helper: %u steps seen, the longest under a 4th of the whole (%ld)",
	        rv.steps, rv.err);
	comp_ok(u_untyped_info(SLOT_UNTYPED).pages_left == i0.pages_left,
	        "the root's budget is back where it started");
	comp_done();
	return 0;
}
