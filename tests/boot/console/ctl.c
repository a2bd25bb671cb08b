/*
 * "console" test: the naming rules, checked on the chatter before it runs
 * (stage 1; the chatter starts in stage 2): a thread's name is set through
 * a W cap to it, only before it runs, from [A-Za-z0-9_.-], not empty, at
 * most KABI_NAME_MAX bytes, from a readable pointer (console.sys).
 *
 * Then a line left open by a thread that is freed: "ghost" prints a half
 * line and exits, its last cap goes, and "newborn" is made at once from the
 * same untyped, so it takes the freed thread's storage (the pool hands the
 * last page freed out first). newborn's TAP line counts only if it starts
 * with "[newborn] "; continued in ghost's line it would not be a result,
 * and the runner's count would fall short of the plan.
 */
#include "comp.h"

static uint64_t stack[256] __attribute__((aligned(16)));

static void ghost(void)
{
	(void)u_debug_puts("a half line, then the writer dies: ", 35);
	u_thread_exit();
}

static void newborn(void)
{
	static const char line[] = "ok - a thread made in a freed thread's storage starts its own line\n";
	(void)u_debug_puts(line, sizeof(line) - 1);
	u_thread_exit();
}

/* A thread in our own space named `name`, run to its exit (same priority:
 * it runs when we yield). Its cap stays in SLOT_THREAD. */
static long run_thread(const char *name, void (*entry)(void))
{
	long e = u_retype(SLOT_UNTYPED, KOBJ_THREAD, SLOT_THREAD);
	if (!e)
		e = u_thread_configure(SLOT_THREAD, SLOT_SPACE, SYS_UNMAPPED_VA, PRIO_CTL, U_NONE);
	if (!e)
		e = u_thread_set_name(SLOT_THREAD, name, strlen(name));
	if (!e)
		e = u_thread_start(SLOT_THREAD, (uintptr_t)entry, (uintptr_t)(stack + 256), 0);
	u_yield();
	return e;
}

static void freed_writer(void)
{
	long e = u_space_map(SLOT_SPACE, SYS_UNMAPPED_VA, 1, KPERM_R | KPERM_W, SLOT_UNTYPED);
	if (!e)
		e = run_thread("ghost", ghost);
	if (!e)
		e = u_cap_delete(SLOT_THREAD); /* the last cap: ghost's storage is freed */
	if (!e)
		e = run_thread("newborn", newborn);
	e |= u_cap_delete(SLOT_THREAD);
	if (e)
		comp_ok(false, "the freed writer's test could not run (%ld)", e);
}

int main(uintptr_t arg)
{
	(void)arg;
	long bad1 = u_thread_set_name(SLOT_CHATTER, "kernel: x", 9);
	long bad2 = u_thread_set_name(SLOT_CHATTER, "", 0);
	long bad3 = u_thread_set_name(SLOT_CHATTER, "a-name-too-long-16", 18);
	long bad4 = u_thread_set_name(SLOT_CHATTER, (const char *)SYS_KERNEL_VA, 4);
	comp_ok(bad1 == IPC_E_BAD_ARG && bad2 == bad1 && bad3 == bad1 && bad4 == KABI_E_BAD_ADDRESS,
	        "thread names: bad characters, empty, too long, bad pointer refused (%ld %ld %ld %ld)", bad1,
	        bad2, bad3, bad4);
	long ok = u_thread_set_name(SLOT_CHATTER, "chatter", 7);
	comp_ok(ok == 0, "a holder of a W cap names a thread before it runs (%ld)", ok);
	freed_writer();
	comp_done();
	return 0;
}
