/* "cancel" test: holds caps with the victims' badge but not all rights. */
#include "comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	long a = u_cap_cancel_badged_sends(SLOT_EP);
	comp_ok(a == IPC_E_NO_RIGHTS,
	        "X2 through a cap with no rights and the victim's badge: NO_RIGHTS (%ld)", a);
	long b = u_cap_cancel_badged_sends(SLOT_EP_RWG);
	comp_ok(b == IPC_E_NO_RIGHTS,
	        "X2 through an R|W|G cap (no GR) with the victim's badge: NO_RIGHTS (%ld)", b);
	comp_done();
	return 0;
}
