/* "xcore" test spinner, on core 2: counts in the shared page and yields
 * every 1024 counts (alone on its core, a yield comes straight back), so
 * it is stopped, moved and deleted from core 0 both at EL0 and in calls.
 * It keeps all 32 FP/SIMD registers filled (fpu/fp.S) with values that
 * change every round and counts the rounds whose registers did not hold
 * them: moved to core 3 while its FP state is live in core 2's registers,
 * the state must follow it (core 2 saves it, core 3 loads it on first use).
 * It starts when the client signals GO. */
#include "comp.h"
#include "xcore_test.h"

void fp_fill(uint64_t base);
unsigned fp_check(uint64_t base);

int main(uintptr_t arg)
{
	(void)arg;
	volatile uint64_t *shared = (volatile uint64_t *)REGION_SHARED_VA;
	/* Not during the round trips: QEMU runs the cores in turn, and a
	 * spinning core would take its whole turn each time. */
	(void)u_wait(SLOT_GO, 0);
	uint64_t base = XCORE_FP_BASE;
	fp_fill(base);
	for (;;) {
		if ((++shared[XCORE_SPIN_COUNT] & 1023) == 0) {
			shared[XCORE_SPIN_FP_BAD] += fp_check(base);
			shared[XCORE_SPIN_FP_ROUNDS]++;
			base += 64; /* new values each round: stale state shows */
			fp_fill(base);
			(void)u_yield();
		}
	}
}
