/* "preempt" test: spin forever without entering the kernel. */
#include "comp.h"
#include "preempt_test.h"

int main(uintptr_t i)
{
	volatile uint64_t *count = &((struct shared *)REGION_SHARED_VA)->spin[i];
	for (;;)
		(*count)++;
}
