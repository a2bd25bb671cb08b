/*
 * Boot test "spacerights": what caps to spaces allow over memory that is
 * not the holder's. A "writer" component holds a full cap to its own space
 * (as a loader would) and an R-only cap to a victim space. SpaceWrite
 * writes a space's own pages regardless of their W bit (that is how program
 * text is loaded), but must not write through a read-only *shared* mapping
 * into a frame another space owns; an R-only space cap lets its holder
 * share (read) the victim's pages but not get a writable alias of them.
 * Last, the root's read-only boot image (kernel memory) must not be
 * writable through SpaceWrite: before the fix that was a kernel
 * permission fault, i.e. a PANIC.
 */
#include "../common/btest.h"
#include "spacerights_test.h"

#define ROOT_LOOK_VA 0x180000000ul

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 8);
	uint32_t victim = root_new(KOBJ_SPACE);
	long e = u_space_map(victim, SR_VICTIM_RO, 1, KPERM_R, ROOT_SLOT_UNTYPED);
	e |= u_space_map(victim, SR_VICTIM_RW, 1, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	e |= u_space_write(victim, SR_VICTIM_RO, "original", 9);
	e |= u_space_write(victim, SR_VICTIM_RW, "secret", 7);

	struct component w;
	root_spawn("writer", 100, U_NONE, &w);
	root_give(&w, SR_SLOT_OWN, w.space, IPC_RIGHTS_ALL, 0);
	root_give(&w, SR_SLOT_VICTIM, victim, IPC_R, 0);
	root_give(&w, SR_SLOT_UNTYPED, ROOT_SLOT_UNTYPED, IPC_W, 0); /* pays for its shares' tables */
	e |= u_space_share(w.space, SR_SHARED_RO, victim, SR_VICTIM_RO, 1, KPERM_R, ROOT_SLOT_UNTYPED);
	e |= spawn_start(&w, 0);
	if (e)
		uprintf("root: set-up failed %ld\n", e);
	struct u_msg m = u_recv(root_report_slot(), U_NONE, 2000000);
	if (m.err)
		uprintf("root: no report from the writer (%ld)\n", m.err);

	/* Look at the victim's pages through a share into our own space. */
	long s =
	    u_space_share(ROOT_SLOT_SPACE, ROOT_LOOK_VA, victim, SR_VICTIM_RO, 1, KPERM_R, ROOT_SLOT_UNTYPED);
	s |= u_space_share(ROOT_SLOT_SPACE, ROOT_LOOK_VA + 0x1000, victim, SR_VICTIM_RW, 1, KPERM_R,
	                   ROOT_SLOT_UNTYPED);
	tap_ok(!s && !memcmp((const char *)ROOT_LOOK_VA, "original", 9) &&
	           !memcmp((const char *)ROOT_LOOK_VA + 0x1000, "secret", 7),
	       "the victim's pages are unchanged (%ld)", s);

	/* The boot image is kernel read-only data: a write must be refused,
	 * not fault in the kernel. */
	long b = u_space_write(ROOT_SLOT_SPACE, ROOT_BOOTIMG_VA, "x", 1);
	tap_ok(b == KABI_E_BAD_ADDRESS, "SpaceWrite into the read-only boot image is refused (%ld)", b);
	u_debug_halt((tap_failures || m.err || m.label) ? 1 : 0, ROOT_SLOT_UNTYPED);
	return 0;
}
