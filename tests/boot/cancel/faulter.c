/* "cancel" test: a thread whose fault message waits in the queue with the
 * badge of its handler cap; the handler leaves it stopped. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	__asm__ volatile("udf #0");
	comp_ok(false, "faulter ran on after udf");
	return 0;
}
