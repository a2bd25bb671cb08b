/* "xcore" test spinner, on core 2: counts in the shared page and yields
 * every 1024 counts (alone on its core, a yield comes straight back), so
 * it is stopped, moved and deleted from core 0 both at EL0 and in calls.
 * It starts when the client signals GO. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	volatile uint64_t *count = (volatile uint64_t *)REGION_SHARED_VA;
	/* Not during the round trips: QEMU runs the cores in turn, and a
	 * spinning core would take its whole turn each time. */
	(void)u_wait(SLOT_GO, 0);
	for (;;)
		if ((++*count & 1023) == 0)
			(void)u_yield();
}
