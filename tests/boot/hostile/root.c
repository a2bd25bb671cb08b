/*
 * Boot test "hostile": a component that uses slots it does not hold, caps
 * without the right, bad IPC buffer and string pointers (kernel memory,
 * unmapped, read-only, misaligned), root-only operations without the caps,
 * malformed message descriptors and a wild syscall number. Every one must be
 * an error code (or, for the wild syscall, a fault message to its handler),
 * after which the component and its peers still work. A second component
 * without a fault handler makes a wild syscall and is stopped, and the
 * system runs on. (R1, M2, F1; "every argument is validated".)
 */
#include "../common/btest.h"
#include "hostile_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, HOSTILE_TEST_PLAN);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	uint32_t reply = root_new(KOBJ_REPLY);
	uint32_t n = root_new(KOBJ_NTFN);

	struct component h, w, lone;
	root_spawn("hostile", 100, H_SLOT_FAULT, &h);
	root_spawn("watcher", 120, U_NONE, &w);
	root_spawn("lone", 130, U_NONE, &lone); /* runs first */
	root_give(&h, H_SLOT_RONLY, ep, IPC_R, 0);
	root_give(&h, H_SLOT_NTFN_W, n, IPC_W, 0);
	root_give(&h, H_SLOT_FAULT, ep, IPC_W | IPC_G, 1);
	root_give(&h, H_SLOT_ECHO, ep, IPC_W | IPC_G, 2);
	/* Diminished caps to kernel objects: R alone must not allow changes. */
	root_give(&h, H_SLOT_SPACE_R, h.space, IPC_R, 0);
	root_give(&h, H_SLOT_UNTYPED_R, ROOT_SLOT_UNTYPED, IPC_R, 0);
	root_give(&w, W_SLOT_EP, ep, IPC_R, 0);
	root_give(&w, W_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);
	spawn_start(&w, 0);
	spawn_start(&h, 0);
	spawn_start(&lone, 0);
	root_finish(2, 20000); /* hostile and watcher; lone never reports */
}
