/* "fault" test: commit the bad access numbered by the start argument. */
#include "comp.h"
#include "fault_test.h"

int main(uintptr_t which)
{
	volatile uint64_t *p;
	uint32_t code[1];
	switch (which) {
	case CASE_UNMAPPED_READ:
		p = (volatile uint64_t *)SYS_UNMAPPED_VA;
		(void)*p;
		break;
	case CASE_KERNEL_READ:
		p = (volatile uint64_t *)SYS_KERNEL_VA;
		(void)*p;
		break;
	case CASE_TEXT_WRITE:
		p = (volatile uint64_t *)(uintptr_t)main;
		*p = 0;
		break;
	case CASE_EXEC_DATA:
		code[0] = 0xd65f03c0; /* ret */
		((void (*)(void))(uintptr_t)code)();
		break;
	case CASE_UNDEFINED:
		__asm__ volatile("udf #0");
		break;
	}
	comp_ok(false, "faulting access %lu did not stop the component", (unsigned long)which);
	return 0;
}
