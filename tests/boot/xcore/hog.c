/* "xcore" test hog: two of them (arg 0 and 1) on core 3 at one priority.
 * Each waits for HOGS, then counts in its own word of the shared page and
 * never yields or blocks, so both count only if core 3's periodic tick
 * slices the core between them. Core 3 idled before (its tick off): the
 * tick must restart once it has threads again. */
#include "comp.h"
#include "xcore_test.h"

int main(uintptr_t arg)
{
	volatile uint64_t *count = (volatile uint64_t *)REGION_SHARED_VA + XCORE_HOG_COUNT + (arg & 1);
	(void)u_wait(SLOT_HOGS, 0);
	for (;;)
		++*count;
}
