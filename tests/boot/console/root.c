/*
 * Boot test "console": kernel output cannot be forged (docs/kernel.md,
 * "Isolation"). "forger" prints PANIC and kernel lines through DebugPuts;
 * the kernel prints them as "[forger] ..." lines with control bytes
 * escaped, and the runner judges a PANIC only on the kernel's own lines, so
 * this test fails exactly when a component can make a line look like the
 * kernel's. The root also checks the naming rules: names are set by the
 * thread's creator, before it runs, from [A-Za-z0-9_.-].
 */
#include "../common/btest.h"
#include "console_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, CONSOLE_PLAN);
	struct component f, c;
	root_spawn("forger", 100, U_NONE, &f);
	root_spawn("chatter", 100, U_NONE, &c);
	root_give(&f, N_SLOT_SELF, f.thread, IPC_W, 0);

	long bad1 = u_thread_set_name(c.thread, "kernel: x", 9);
	long bad2 = u_thread_set_name(c.thread, "", 0);
	long bad3 = u_thread_set_name(c.thread, "a-name-too-long-16", 18);
	long bad4 = u_thread_set_name(c.thread, (const char *)0x40080000ul, 4);
	tap_ok(bad1 == IPC_E_BAD_ARG && bad2 == bad1 && bad3 == bad1 && bad4 == KABI_E_BAD_ADDRESS,
	       "thread names: bad characters, empty, too long, bad pointer refused (%ld %ld %ld %ld)", bad1,
	       bad2, bad3, bad4);
	long ok = u_thread_set_name(c.thread, "chatter", 7);
	tap_ok(ok == 0, "the creator names a thread before it runs (%ld)", ok);
	spawn_start(&f, 0);
	spawn_start(&c, 0);
	root_finish(2, 20000);
}
