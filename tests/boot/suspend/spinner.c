/* "suspend" test: count forever in the shared page (word i). */
#include "comp.h"

int main(uintptr_t i)
{
	volatile uint64_t *count = (volatile uint64_t *)REGION_SHARED_VA + i;
	for (;;)
		(*count)++;
}
