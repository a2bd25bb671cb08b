/* "suspend" test: count forever in the shared page. */
#include "../common/btest.h"

int main(uintptr_t i)
{
	volatile uint64_t *count = (volatile uint64_t *)COMP_SHARED_VA + i;
	for (;;)
		(*count)++;
}
