/*
 * Boot test "ntfn": a notification signalled in one component and waited
 * on in another address space (N1-N4, M3). The waiter has the higher
 * priority, so each signal that wakes it runs it at once; that makes the
 * order of events below deterministic.
 */
#include "../common/btest.h"
#include "ntfn_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, NTFN_TEST_PLAN);
	uint32_t n = root_new(KOBJ_NTFN);
	uint32_t sync = root_new(KOBJ_ENDPOINT);
	uint32_t bound = root_new(KOBJ_NTFN);
	uint32_t ep = root_new(KOBJ_ENDPOINT);

	struct component w, s;
	root_spawn("waiter", 110, U_NONE, &w);
	root_spawn("signaller", 100, U_NONE, &s);
	root_give(&w, W_SLOT_N, n, IPC_R, 0);
	root_give(&w, W_SLOT_SYNC, sync, IPC_R, 0);
	root_give(&w, W_SLOT_BOUND, bound, IPC_R, 0);
	root_give(&w, W_SLOT_EP, ep, IPC_R, 0);
	root_give(&s, S_SLOT_N1, n, IPC_W, 1);
	root_give(&s, S_SLOT_N4, n, IPC_W, 4);
	root_give(&s, S_SLOT_SYNC, sync, IPC_W, 0);
	root_give(&s, S_SLOT_BOUND, bound, IPC_W, 0x10);
	spawn_start(&w, 0);
	spawn_start(&s, 0);
	root_finish(2, 20000);
}
