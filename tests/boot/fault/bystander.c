/* "fault" test bystander: lowest priority, so it runs after every fault
 * has been handled; proves the rest of the system runs on. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	volatile uint64_t sum = 0;
	for (unsigned i = 0; i < 100000; i++)
		sum += i;
	comp_ok(sum == 4999950000ul, "other components run on after faults");
	u_yield();
	comp_ok(true, "bystander still scheduled after yield");
	comp_done();
	return 0;
}
