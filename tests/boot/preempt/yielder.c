/* "preempt" test: append our letter to the shared log and yield, 5 times. */
#include "../common/btest.h"

struct shared {
	volatile uint64_t spin[2];
	volatile uint32_t log_len;
	volatile char log[64];
};

int main(uintptr_t letter)
{
	struct shared *sh = (struct shared *)COMP_SHARED_VA;
	for (unsigned i = 0; i < 5; i++) {
		sh->log[sh->log_len] = (char)letter;
		sh->log_len = sh->log_len + 1;
		u_yield();
	}
	report_done();
	return 0;
}
