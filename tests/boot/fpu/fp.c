/* "fpu" test component: fill the FP registers, yield and spin, check. With
 * base 0 it only checks that a fresh thread's registers read as zero. */
#include "comp.h"

void fp_fill(uint64_t base);
unsigned fp_check(uint64_t base);
unsigned fp_nonzero(void);

int main(uintptr_t base)
{
	if (base == 0) {
		unsigned n = fp_nonzero();
		comp_ok(n == 0, "a new component's FP/SIMD registers are zero (%u non-zero halves)", n);
		comp_done();
		return 0;
	}
	fp_fill(base);
	unsigned bad = 0;
	for (unsigned i = 0; i < 300; i++) {
		if (i % 3 == 0)
			u_yield();
		else
			for (volatile unsigned k = 0; k < 20000; k++) /* let the tick preempt us */
				;
		bad += fp_check(base);
	}
	comp_ok(bad == 0, "FP/SIMD registers of component %lx survive 300 switches (%u bad)",
	        (unsigned long)base, bad);
	comp_done();
	return 0;
}
