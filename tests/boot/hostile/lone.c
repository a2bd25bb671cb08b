/* "hostile" test: a component without a fault handler makes a wild
 * syscall; the kernel must stop it and report it, nothing else. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	comp_ok(true, "component without a fault handler about to make a wild syscall");
	u_syscall(0x9999, U_ARGS(0));
	comp_ok(false, "a component without a handler ran on after a wild syscall");
	return 0;
}
