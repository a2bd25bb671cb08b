/*
 * "spacerights" test (spacerights.sys): ctl makes the victim space from the
 * root task's untyped and fills two of its pages ("original" read-only,
 * "secret" writable), gives the writer an R-only cap to it and a read-only
 * share of the first page, lets the writer try, and then checks the
 * victim's pages are unchanged. Last, the root task's read-only boot image
 * (kernel memory) must not be writable through SpaceWrite: before the fix
 * that was a kernel permission fault, i.e. a PANIC.
 */
#include "comp.h"
#include "spacerights_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	long e = u_retype(SLOT_UNTYPED, KOBJ_SPACE, SLOT_VICTIM);
	e |= u_space_map(SLOT_VICTIM, SR_VICTIM_RO, 1, KPERM_R, SLOT_UNTYPED);
	e |= u_space_map(SLOT_VICTIM, SR_VICTIM_RW, 1, KPERM_R | KPERM_W, SLOT_UNTYPED);
	e |= u_space_write(SLOT_VICTIM, SR_VICTIM_RO, "original", 9);
	e |= u_space_write(SLOT_VICTIM, SR_VICTIM_RW, "secret", 7);
	e |= u_cap_install(SLOT_WRITER, WRITER_SLOT_VICTIM, SLOT_VICTIM, IPC_R, 0);
	e |= u_space_share(SLOT_WRITER, SR_SHARED_RO, SLOT_VICTIM, SR_VICTIM_RO, 1, KPERM_R, SLOT_UNTYPED);
	if (e)
		uprintf("ctl: set-up failed %ld\n", e);
	/* The writer (below us, started with us) runs now. */
	struct u_msg m = u_wait(SLOT_DONE, 2000000);
	if (m.err)
		uprintf("ctl: no word from the writer (%ld)\n", m.err);

	/* Look at the victim's pages through a share into our own space. */
	long s = u_space_share(SLOT_SPACE, SR_LOOK_VA, SLOT_VICTIM, SR_VICTIM_RO, 1, KPERM_R, SLOT_UNTYPED);
	s |= u_space_share(SLOT_SPACE, SR_LOOK_VA + KABI_PAGE_SIZE, SLOT_VICTIM, SR_VICTIM_RW, 1, KPERM_R,
	                   SLOT_UNTYPED);
	comp_ok(!s && !memcmp((const char *)SR_LOOK_VA, "original", 9) &&
	            !memcmp((const char *)SR_LOOK_VA + KABI_PAGE_SIZE, "secret", 7),
	        "the victim's pages are unchanged (%ld)", s);

	/* The boot image is kernel read-only data: a write must be refused,
	 * not fault in the kernel. */
	long b = u_space_write(SLOT_ROOT_SPACE, ROOT_BOOTIMG_VA, "x", 1);
	comp_ok(b == KABI_E_BAD_ADDRESS, "SpaceWrite into the read-only boot image is refused (%ld)", b);
	comp_done();
	return 0;
}
