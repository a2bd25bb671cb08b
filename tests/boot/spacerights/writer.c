/* "spacerights" test: the component that tries to write what is not its own. */
#include "comp.h"
#include "spacerights_test.h"

static char stack_word[16] = "before";

int main(uintptr_t arg)
{
	(void)arg;
	const char *ro = (const char *)SR_SHARED_RO;
	comp_ok(!memcmp(ro, "original", 9), "the victim's read-only page is visible, read-only");

	long e = u_space_write(SLOT_OWN, SR_SHARED_RO, "pwned", 6);
	comp_ok(e == KABI_E_BAD_ADDRESS && !memcmp(ro, "original", 9),
	        "SpaceWrite through a read-only shared mapping is refused (%ld, now '%s')", e, ro);

	e = u_space_share(SLOT_OWN, SR_TRY_RW, SLOT_VICTIM, SR_VICTIM_RW, 1, KPERM_R | KPERM_W, SLOT_UNTYPED);
	comp_ok(e == IPC_E_NO_RIGHTS, "an R-only space cap gives no writable share (%ld)", e);
	if (e == 0)
		*(volatile char *)SR_TRY_RW = 'X'; /* before the fix: writes the victim */

	e = u_space_share(SLOT_OWN, SR_TRY_R, SLOT_VICTIM, SR_VICTIM_RW, 1, KPERM_R, SLOT_UNTYPED);
	comp_ok(e == 0 && !memcmp((const char *)SR_TRY_R, "secret", 7),
	        "an R-only space cap still gives a read-only share (%ld)", e);
	long e2 = u_space_write(SLOT_OWN, SR_TRY_R, "pwned", 6);
	comp_ok(e2 == KABI_E_BAD_ADDRESS, "...which SpaceWrite cannot write through either (%ld)", e2);

	/* Own pages stay loadable: the loader's use of SpaceWrite. */
	e = u_space_write(SLOT_OWN, (uintptr_t)stack_word, "after", 6);
	comp_ok(e == 0 && !memcmp(stack_word, "after", 6), "SpaceWrite into its own page works (%ld)", e);
	(void)u_signal(SLOT_DONE);
	comp_done();
	for (;;)
		u_yield();
}
