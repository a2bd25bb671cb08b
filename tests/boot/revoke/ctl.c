/*
 * Boot test "revoke" (revoke.sys): revoking an untyped destroys everything
 * made from it. The server is built entirely from its untyped U (space,
 * thread, program, stack, page tables); ctl makes a reply object, a
 * notification and an endpoint from U and installs them, maps a frame of U
 * into its own space, and the loader's page is shared into the server.
 * Around it, components the loader built from other untypeds block on it: a
 * Send queued on U's endpoint, a Call the server took and never answers, a
 * Wait on U's notification next to the server's own. One CapRevoke on U:
 * every one of them wakes with an error (client.c), the server's space,
 * thread and caps are gone (ctl's caps to them too), ctl's mapping of U's
 * frame is gone while the shared page is untouched, and U's budget is whole
 * again; deleting U (ctl's cap is its last: `sole`) returns to the root
 * untyped exactly U and every page it had in use, and the server's ASID.
 * Revoking the root untyped, or through an R cap, destroys nothing.
 */
#include "comp.h"

#define U_FRAME_VA SYS_UNMAPPED_VA /* in ctl's space: a frame of U */

int main(uintptr_t arg)
{
	(void)arg;
	/* The server has not run yet: we are above it. */
	struct u_untyped_info r0 = u_untyped_info(SLOT_UNTYPED), ub = u_untyped_info(SLOT_U);
	long e = ub.err;
	e |= u_retype(SLOT_U, KOBJ_ENDPOINT, SLOT_OWN_EP) | u_retype(SLOT_U, KOBJ_NTFN, SLOT_OWN_NTFN) |
	     u_retype(SLOT_U, KOBJ_REPLY, SLOT_OWN_REPLY);
	e |= u_cap_install(SLOT_SERVER_SPACE, SERVER_SLOT_REPLY, SLOT_OWN_REPLY, IPC_RIGHTS_ALL, 0);
	e |= u_cap_install(SLOT_SERVER_SPACE, SERVER_SLOT_NTFN, SLOT_OWN_NTFN, IPC_R, 0);
	e |= u_cap_install(SLOT_SENDER_SPACE, CLIENT_SLOT_OBJ, SLOT_OWN_EP, IPC_W | IPC_GR, 0);
	e |= u_cap_install(SLOT_WAITER_SPACE, CLIENT_SLOT_OBJ, SLOT_OWN_NTFN, IPC_R, 0);
	e |= u_space_map(SLOT_SPACE, U_FRAME_VA, 1, KPERM_R | KPERM_W, SLOT_U);
	*(volatile uint64_t *)U_FRAME_VA = 1;
	(void)u_wait(SLOT_TIMER, 50000); /* everyone runs and blocks */
	struct u_untyped_info u0 = u_untyped_info(SLOT_U);
	comp_ok(
	    e == 0 && *(volatile uint64_t *)REGION_SHARED_VA == 0x5e && ub.budget == BUDGET_PAGES_SERVER &&
	        u0.pages_left < BUDGET_PAGES_SERVER - 20,
	    "set-up: the server runs from U (%lu of %u pages left), took the Call and wrote the shared page",
	    (unsigned long)u0.pages_left, BUDGET_PAGES_SERVER);

	/* Neither an R cap nor the root untyped destroys anything. */
	e = u_cap_mint(SLOT_U, SLOT_UR, IPC_R, 0);
	e |= u_cap_revoke(SLOT_UR);
	long rr = u_cap_revoke(SLOT_UNTYPED);
	comp_ok(e == 0 && rr == 0 && u_untyped_info(SLOT_U).pages_left == u0.pages_left &&
	            u_space_write(SLOT_SPACE, U_FRAME_VA, &e, 1) == 0,
	        "revoking through an R cap, or revoking the root untyped, destroys nothing");
	e = u_cap_delete(SLOT_UR);

	e |= u_cap_revoke(SLOT_U);
	struct u_untyped_info u1 = u_untyped_info(SLOT_U);
	comp_ok(e == 0 && u1.pages_left == BUDGET_PAGES_SERVER,
	        "one revoke of U gives back all %u pages (%lu left before, %lu after)", BUDGET_PAGES_SERVER,
	        (unsigned long)u0.pages_left, (unsigned long)u1.pages_left);
	comp_ok(u_cap_delete(SLOT_SERVER_SPACE) == IPC_E_EMPTY_SLOT &&
	            u_cap_delete(SLOT_SERVER) == IPC_E_EMPTY_SLOT &&
	            u_cap_delete(SLOT_OWN_EP) == IPC_E_EMPTY_SLOT &&
	            u_cap_delete(SLOT_OWN_REPLY) == IPC_E_EMPTY_SLOT,
	        "ctl's caps to U's space, thread, endpoint and reply object are gone");
	char byte = 0;
	long w1 = u_space_write(SLOT_SPACE, U_FRAME_VA, &byte, 1);
	long w2 = u_space_write(SLOT_SPACE, REGION_SHARED_VA, &byte, 1);
	comp_ok(
	    w1 == KABI_E_BAD_ADDRESS && w2 == 0 && *(volatile uint64_t *)REGION_SHARED_VA == 0,
	    "ctl's mapping of U's frame is gone (%ld), the loader's page shared into the server stays (%ld)",
	    w1, w2);

	/* Nothing else has run since r0 but the blocked clients and the server;
	 * U's pages in use then (its space, thread, program, stack, tables) and
	 * its own page go back to the pool, its budget and page to the root. */
	e |= u_cap_delete(SLOT_U);
	struct u_untyped_info r1 = u_untyped_info(SLOT_UNTYPED);
	uint64_t used = ub.budget - ub.pages_left;
	comp_ok(
	    e == 0 && r1.pages_left == r0.pages_left + BUDGET_PAGES_SERVER + 1 &&
	        r1.pool_free == r0.pool_free + used + 1 && r1.asids_free == r0.asids_free + 1,
	    "deleting U gives the root its %u + 1 pages back (%lu -> %lu), the pool the %lu U had in use and "
	    "the server's ASID (%lu -> %lu)",
	    BUDGET_PAGES_SERVER, (unsigned long)r0.pages_left, (unsigned long)r1.pages_left,
	    (unsigned long)used, (unsigned long)r0.asids_free, (unsigned long)r1.asids_free);
	comp_done();
	return 0;
}
