/*
 * Boot test "threads": one component with three threads in one address
 * space (spawn_thread). Thread 0 serves Calls from thread 1 on an endpoint
 * both hold; thread 2, at higher priority, has a notification bound to it
 * by thread 0 through a cap to thread 2 (NtfnBind with a thread slot), and
 * wakes with kind NOTIFY when thread 1 signals. Threads of one component
 * share memory and a CSpace, and each has its own stack and IPC buffer.
 */
#include "../common/btest.h"
#include "threads_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 3);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	uint32_t reply = root_new(KOBJ_REPLY);
	uint32_t n = root_new(KOBJ_NTFN);
	uint32_t ep2 = root_new(KOBJ_ENDPOINT);

	struct component c;
	root_spawn("multi", 100, U_NONE, &c);
	root_give(&c, T_SLOT_EP, ep, IPC_RIGHTS_ALL, 0);
	root_give(&c, T_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);
	root_give(&c, T_SLOT_NTFN, n, IPC_RIGHTS_ALL, 0x40);
	root_give(&c, T_SLOT_EP2, ep2, IPC_RIGHTS_ALL, 0);
	uint32_t t1, t2;
	long e = spawn_thread(&c, 1, 100, U_NONE, &t1) | spawn_thread_start(&c, 1, t1, 1);
	e |= spawn_thread(&c, 2, 110, U_NONE, &t2) | spawn_thread_start(&c, 2, t2, 2);
	root_give(&c, T_SLOT_THREAD2, t2, IPC_W, 0);
	e |= spawn_start(&c, 0);
	if (e)
		uprintf("root: set-up failed %ld\n", e);
	root_finish(3, 20000);
}
