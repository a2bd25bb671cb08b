/* "hostile" test: a component without a fault handler makes a wild
 * syscall; the kernel must stop it and report it, nothing else. */
#include "../common/btest.h"

int main(uintptr_t arg)
{
	(void)arg;
	tap_ok(true, "component without a fault handler about to make a wild syscall");
	u_syscall(0x9999, 0, 0, 0, 0, 0, 0, 0, 0);
	tap_ok(false, "a component without a handler ran on after a wild syscall");
	return 0;
}
