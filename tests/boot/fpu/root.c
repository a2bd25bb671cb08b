/*
 * Boot test "fpu": two components at one priority fill all 32 FP/SIMD
 * registers with their own values and check them after hundreds of yields
 * and timer preemptions (the kernel switches FP state lazily, on the first
 * FP instruction after another thread used it). A third component, started
 * afterwards, must find its FP registers zero: nothing leaks between
 * address spaces through the FPU.
 */
#include "../common/btest.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 3);
	struct component a, b, fresh;
	root_spawn("fp", 100, U_NONE, &a);
	root_spawn("fp", 100, U_NONE, &b);
	spawn_start(&a, 0x1000);
	spawn_start(&b, 0x2000);
	for (unsigned i = 0; i < 2; i++)
		if (u_recv(root_report_slot(), U_NONE, 20000000).err)
			uprintf("root: report missing\n");
	root_spawn("fp", 100, U_NONE, &fresh);
	spawn_start(&fresh, 0);
	root_finish(1, 20000);
}
