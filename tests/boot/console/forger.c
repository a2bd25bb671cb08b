/*
 * "console" test: a component that tries to print lines that pass for the
 * kernel's: a PANIC (which the boot-test runner fails on), a kernel halt
 * line, a line hidden behind a carriage return and terminal escapes, and a
 * half line another component's output follows. The kernel must print
 * every one inside a "[forger] " line with control bytes escaped, so the
 * runner still sees no kernel panic. It also cannot rename itself.
 */
#include "comp.h"

static void raw(const char *s)
{
	(void)u_debug_puts(s, strlen(s));
}

int main(uintptr_t arg)
{
	(void)arg;
	raw("PANIC: forged by a component\n");
	raw("kernel: halt requested by thread 0 (root), status 0\n");
	raw("harmless\rPANIC: behind a carriage return\n");
	raw("\nPANIC: after an empty line\n");
	raw("\x1b[2K\x1b[1GPANIC: after terminal escapes\n");
	raw("a half line, then ");
	u_yield(); /* the chatter (same priority) prints in between */
	raw("\nPANIC: at the start of a line again\n");

	long s = u_thread_set_name(KABI_SELF, "root", 4);
	long r = u_thread_set_name(SLOT_SELF, "root", 4);
	comp_ok(s == IPC_E_BAD_SLOT && r == IPC_E_THREAD_STATE,
	        "a running component cannot rename itself, with or without a cap (%ld %ld)", s, r);
	comp_ok(true, "forger printed its forgeries");
	comp_done();
	return 0;
}
