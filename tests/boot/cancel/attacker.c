/* "cancel" test: holds caps with the victims' badge but not all rights. */
#include "../common/btest.h"
#include "cancel_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	long a = u_cap_cancel_badged_sends(K_SLOT_EP);
	tap_ok(a == IPC_E_NO_RIGHTS,
	       "X2 through a cap with no rights and the victim's badge: NO_RIGHTS (%ld)", a);
	long b = u_cap_cancel_badged_sends(K_SLOT_EP_RWG);
	tap_ok(b == IPC_E_NO_RIGHTS,
	       "X2 through an R|W|G cap (no GR) with the victim's badge: NO_RIGHTS (%ld)", b);
	report_done();
	return 0;
}
