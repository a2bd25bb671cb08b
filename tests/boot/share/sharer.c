/*
 * "share" test: a component with a W cap to its own space and no untyped
 * shares one of its pages with itself at 2 MiB steps, each needing a new
 * page table. Before the fix the tables were charged to the untyped its
 * space was made from (the root's), so this drained the whole system; now
 * the caller names the untyped that pays, and it has none.
 */
#include "comp.h"
#include "share_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	unsigned done = 0;
	long e = 0;
	for (unsigned i = 0; i < S_ATTACK_TRIES; i++) {
		e = u_space_share(SLOT_SPACE, S_ATTACK_VA + i * 0x200000ul, SLOT_SPACE, COMP_IPCBUF_VA, 1,
		                  KPERM_R, SLOT_NOTHING);
		if (e)
			break;
		done++;
	}
	comp_ok(done == 0 && e == IPC_E_EMPTY_SLOT,
	        "SpaceShare with no untyped to pay: refused (%u made, %ld)", done, e);
	long w = u_space_share(SLOT_SPACE, S_ATTACK_VA, SLOT_SPACE, COMP_IPCBUF_VA, 1, KPERM_R, SLOT_SPACE);
	long r =
	    u_space_share(SLOT_SPACE, S_ATTACK_VA, SLOT_SPACE, COMP_IPCBUF_VA, 1, KPERM_R, SLOT_UNTYPED_R);
	comp_ok(w == IPC_E_WRONG_TYPE, "a space cap does not pay for page tables (%ld)", w);
	comp_ok(r == IPC_E_NO_RIGHTS, "an R-only untyped cap does not pay for page tables (%ld)", r);
	(void)u_signal(SLOT_DONE);
	comp_done();
	return 0;
}
