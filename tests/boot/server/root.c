/*
 * Boot test "server": the reference scenario of SEMANTICS B3 across address
 * spaces: one server answers three clients, each holding a cap minted with
 * its own badge, through ReplyRecv; every reply must reach the right client
 * and every request must carry its sender's badge. Client 0 also exercises
 * the non-blocking calls (NBSend, NBRecv, NBSendRecv, Poll) and the slot
 * operations (copy, move, delete) from user space.
 */
#include "../common/btest.h"

#define NCLIENTS 3

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 2 + NCLIENTS + 8);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	uint32_t reply = root_new(KOBJ_REPLY);
	uint32_t spare = root_new(KOBJ_ENDPOINT);
	uint32_t n = root_new(KOBJ_NTFN);

	struct component srv, cli[NCLIENTS];
	root_spawn("server", 120, U_NONE, &srv);
	root_give(&srv, 2, ep, IPC_R, 0);
	root_give(&srv, 3, reply, IPC_RIGHTS_ALL, 0);
	spawn_start(&srv, NCLIENTS);
	for (unsigned i = 0; i < NCLIENTS; i++) {
		root_spawn("client", 100, U_NONE, &cli[i]);
		root_give(&cli[i], 2, ep, IPC_W | IPC_GR, 0x100 + i); /* B3: one badge each */
		if (i == 0) {
			root_give(&cli[i], 3, spare, IPC_RIGHTS_ALL, 0);
			root_give(&cli[i], 4, n, IPC_RIGHTS_ALL, 0);
		}
		spawn_start(&cli[i], i);
	}
	root_finish(1 + NCLIENTS, 20000);
}
