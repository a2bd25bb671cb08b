/*
 * Boot test "fault": five components each commit one kind of bad access
 * (unmapped, kernel memory, writing their own text, executing their stack,
 * an undefined instruction). Each fault must arrive at the handler
 * component as a fault message (F1) with the right kind and address, the
 * faulting component must stay stopped (the handler does not resume it),
 * and a bystander component must run on; a further component without a
 * handler is stopped and reported by the kernel. Last, a server that dies
 * (faults, no handler) while holding a call releases its caller with
 * PEER_GONE.
 */
#include "../common/btest.h"
#include "fault_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, FAULT_TEST_PLAN);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	uint32_t reply = root_new(KOBJ_REPLY);

	struct component handler, f[CASE_COUNT], orphan, bystander;
	root_spawn("handler", 150, U_NONE, &handler);
	root_give(&handler, H_SLOT_EP, ep, IPC_R, 0);
	root_give(&handler, H_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);
	spawn_start(&handler, 0);
	for (unsigned i = 0; i < CASE_COUNT; i++) {
		root_spawn("faulter", 100, F_SLOT_FAULT, &f[i]);
		root_give(&f[i], F_SLOT_FAULT, ep, IPC_W | IPC_G, i + 1);
		spawn_start(&f[i], i + 1);
	}
	root_spawn("faulter", 100, U_NONE, &orphan);
	spawn_start(&orphan, CASE_UNMAPPED_READ);
	root_spawn("bystander", 50, U_NONE, &bystander);
	spawn_start(&bystander, 0);

	uint32_t ep2 = root_new(KOBJ_ENDPOINT);
	uint32_t reply2 = root_new(KOBJ_REPLY);
	struct component dying, caller;
	root_spawn("dying", 100, U_NONE, &dying);
	root_give(&dying, 2, ep2, IPC_R, 0);
	root_give(&dying, 3, reply2, IPC_RIGHTS_ALL, 0);
	root_spawn("caller", 90, U_NONE, &caller);
	root_give(&caller, 2, ep2, IPC_W | IPC_GR, 0);
	spawn_start(&dying, 0);
	spawn_start(&caller, 0);
	root_finish(3, 20000); /* handler, bystander and caller */
}
