/*
 * Boot test "fuzz": two components make thousands of system calls with
 * pseudo-random numbers and arguments (random slots, rights, badges,
 * lengths, pointers into kernel memory, unmapped or read-only pages, random
 * cap-transfer descriptors and receive slots in their IPC buffers) against
 * endpoints, notifications and a reply object they share. The kernel must
 * neither panic nor stop them; afterwards a plain Call between them must
 * still work. Deterministic: fixed seeds.
 */
#include "../common/btest.h"
#include "fuzz_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 5);
	uint32_t ep[2] = {root_new(KOBJ_ENDPOINT), root_new(KOBJ_ENDPOINT)};
	uint32_t n = root_new(KOBJ_NTFN);
	uint32_t reply[2] = {root_new(KOBJ_REPLY), root_new(KOBJ_REPLY)};
	uint32_t echo = root_new(KOBJ_ENDPOINT);
	uint32_t echo_reply = root_new(KOBJ_REPLY);

	struct component f[2], e;
	root_spawn("echo", 150, U_NONE, &e);
	root_give(&e, 2, echo, IPC_R, 0);
	root_give(&e, 3, echo_reply, IPC_RIGHTS_ALL, 0);
	spawn_start(&e, 0);
	for (unsigned i = 0; i < 2; i++) {
		root_spawn("fuzzer", 100, U_NONE, &f[i]);
		root_give(&f[i], FZ_SLOT_EP0, ep[0], IPC_RIGHTS_ALL, 0);
		root_give(&f[i], FZ_SLOT_EP0 + 1, ep[1], IPC_RIGHTS_ALL, 0x10 + i);
		root_give(&f[i], FZ_SLOT_NTFN, n, IPC_RIGHTS_ALL, 1u << i);
		root_give(&f[i], FZ_SLOT_REPLY, reply[i], IPC_RIGHTS_ALL, 0);
		root_give(&f[i], FZ_SLOT_ECHO, echo, IPC_W | IPC_G, 0);
		spawn_start(&f[i], 0x9e3779b97f4a7c15ul * (i + 1));
	}
	root_finish(3, 60000);
}
