/*
 * "console" test: the naming rules, checked on the chatter before it runs
 * (stage 1; the chatter starts in stage 2): a thread's name is set through
 * a W cap to it, only before it runs, from [A-Za-z0-9_.-], not empty, at
 * most KABI_NAME_MAX bytes, from a readable pointer (console.sys).
 */
#include "comp.h"

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
	comp_done();
	return 0;
}
