/* "preempt" test: once ctl says go, append our letter to the shared log and
 * yield, 5 times; then tell ctl we are done (preempt.sys). */
#include "comp.h"
#include "preempt_test.h"

int main(uintptr_t letter)
{
	struct shared *sh = (struct shared *)REGION_SHARED_VA;
	(void)u_wait(SLOT_GO, 0);
	for (unsigned i = 0; i < 5; i++) {
		sh->log[sh->log_len] = (char)letter;
		sh->log_len = sh->log_len + 1;
		u_yield();
	}
	(void)u_signal(SLOT_DONE);
	comp_done();
	return 0;
}
