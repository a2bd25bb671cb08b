/*
 * Boot test "revoke": revoking an untyped destroys everything made from it.
 * A server component is built entirely from a child untyped U (space,
 * thread, program, stack, page tables, its reply object, a notification,
 * an endpoint), plus a frame of U mapped into the root's own space and a
 * page of the root's shared into the server. Around it, components made
 * from the root's untyped block on it: a Send queued on U's endpoint, a
 * Call the server took and never answers, a Wait on U's notification next
 * to the server's own. One CapRevoke on U: every one of them wakes with an
 * error, the server's space, thread and caps are gone (the root's caps to
 * them too), the root's mapping of U's frame is gone while its own shared
 * page is untouched, and U's budget is whole again; deleting U returns the
 * root's budget, pool and ASIDs to where they started. Revoking the root
 * untyped, or through an R cap, destroys nothing.
 */
#include "../common/btest.h"

#include "revoke_test.h"

#define U_PAGES 128u
#define ROOT_SHARED_VA 0x180000000ul
#define ROOT_U_FRAME_VA 0x181000000ul

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 9);
	struct u_untyped_info r0 = u_untyped_info(ROOT_SLOT_UNTYPED);
	uint32_t u = root_alloc_slot(), ur = root_alloc_slot(), timer = root_new(KOBJ_NTFN);
	uint32_t svc = root_new(KOBJ_ENDPOINT);
	long e = u_untyped_split(ROOT_SLOT_UNTYPED, u, U_PAGES);
	uint32_t own_ep = root_alloc_slot(), own_ntfn = root_alloc_slot(), reply = root_alloc_slot();
	e |= u_retype(u, KOBJ_ENDPOINT, own_ep) | u_retype(u, KOBJ_NTFN, own_ntfn) |
	     u_retype(u, KOBJ_REPLY, reply);

	struct component srv, cl[3];
	e |= spawn_component_from(u, "server", 150, U_NONE, &srv);
	root_give(&srv, RV_SLOT_EP, svc, IPC_R, 0);
	root_give(&srv, RV_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);
	root_give(&srv, RV_SLOT_NTFN, own_ntfn, IPC_R, 0);
	e |= u_space_map(ROOT_SLOT_SPACE, ROOT_SHARED_VA, 1, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	e |= u_space_share(srv.space, RV_SHARED_VA, ROOT_SLOT_SPACE, ROOT_SHARED_VA, 1, KPERM_R | KPERM_W, u);
	e |= u_space_map(ROOT_SLOT_SPACE, ROOT_U_FRAME_VA, 1, KPERM_R | KPERM_W, u);
	*(volatile uint64_t *)ROOT_U_FRAME_VA = 1;
	uint32_t targets[3] = {own_ep, svc, own_ntfn};
	for (unsigned i = 0; i < 3; i++) {
		root_spawn("client", 100, U_NONE, &cl[i]);
		root_give(&cl[i], RV_SLOT_OBJ, targets[i], i == RV_WAITER ? IPC_R : IPC_W | IPC_GR, 0);
	}
	e |= spawn_start(&srv, 0);
	for (unsigned i = 0; i < 3; i++)
		e |= spawn_start(&cl[i], i);
	(void)u_wait(timer, 50000); /* everyone blocks */
	struct u_untyped_info u0 = u_untyped_info(u);
	tap_ok(
	    e == 0 && *(volatile uint64_t *)ROOT_SHARED_VA == 0x5e && u0.pages_left < U_PAGES - 20,
	    "set-up: the server runs from U (%lu of %u pages left), took the Call and wrote the shared page",
	    (unsigned long)u0.pages_left, U_PAGES);

	/* Neither an R cap nor the root untyped destroys anything. */
	e = u_cap_mint(u, ur, IPC_R, 0);
	e |= u_cap_revoke(ur);
	long rr = u_cap_revoke(ROOT_SLOT_UNTYPED);
	tap_ok(e == 0 && rr == 0 && u_untyped_info(u).pages_left == u0.pages_left &&
	           u_space_write(ROOT_SLOT_SPACE, ROOT_U_FRAME_VA, &e, 1) == 0,
	       "revoking through an R cap, or revoking the root untyped, destroys nothing");
	e = u_cap_delete(ur);

	e |= u_cap_revoke(u);
	struct u_untyped_info u1 = u_untyped_info(u);
	tap_ok(e == 0 && u1.pages_left == U_PAGES,
	       "one revoke of U gives back all %u pages (%lu left before, %lu after)", U_PAGES,
	       (unsigned long)u0.pages_left, (unsigned long)u1.pages_left);
	tap_ok(u_cap_delete(srv.space) == IPC_E_EMPTY_SLOT && u_cap_delete(srv.thread) == IPC_E_EMPTY_SLOT &&
	           u_cap_delete(own_ep) == IPC_E_EMPTY_SLOT && u_cap_delete(reply) == IPC_E_EMPTY_SLOT,
	       "the root's caps to U's space, thread, endpoint and reply object are gone");
	char byte = 0;
	long w1 = u_space_write(ROOT_SLOT_SPACE, ROOT_U_FRAME_VA, &byte, 1);
	long w2 = u_space_write(ROOT_SLOT_SPACE, ROOT_SHARED_VA, &byte, 1);
	tap_ok(
	    w1 == KABI_E_BAD_ADDRESS && w2 == 0 && *(volatile uint64_t *)ROOT_SHARED_VA == 0,
	    "the root's mapping of U's frame is gone (%ld), its own page shared into the server stays (%ld)",
	    w1, w2);

	for (unsigned i = 0; i < 3; i++) {
		struct u_msg m = u_recv(root_report_slot(), U_NONE, 5000000);
		if (m.err || m.label)
			tap_failures++;
	}
	for (unsigned i = 0; i < 3; i++)
		e |= u_cap_delete(cl[i].thread) | u_cap_delete(cl[i].space);
	e |= u_cap_delete(u);
	struct u_untyped_info r1 = u_untyped_info(ROOT_SLOT_UNTYPED);
	/* What stays: the report endpoint, the timer, the service endpoint, the shared page and its table. */
	tap_ok(
	    e == 0 && r1.pool_free + 5 == r0.pool_free && r1.pages_left + 5 == r0.pages_left &&
	        r1.asids_free == r0.asids_free,
	    "after deleting U and the clients the root has all but its own 5 pages back (%lu -> %lu), ASIDs "
	    "%lu -> %lu",
	    (unsigned long)r0.pages_left, (unsigned long)r1.pages_left, (unsigned long)r0.asids_free,
	    (unsigned long)r1.asids_free);
	u_debug_halt(tap_failures ? 1 : 0, ROOT_SLOT_UNTYPED);
	return 0;
}
