/*
 * Boot test "ipc": a client and a server in two address spaces exchange
 * Call/Reply and Send/Recv with 0, 4 and IPC_MSG_MAX_WORDS words, then the
 * client transfers a badged cap to the server, which uses it to send back
 * (S1, S4, S5, B1, C3, C4, M1, M3). The root task only builds the system.
 */
#include "../common/btest.h"
#include "ipc_test.h"

int main(uintptr_t bootimg)
{
	root_begin(bootimg, IPC_TEST_PLAN);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	uint32_t reply = root_new(KOBJ_REPLY);
	uint32_t back = root_new(KOBJ_ENDPOINT);

	struct component srv, cli;
	root_spawn("server", 100, U_NONE, &srv);
	root_spawn("client", 100, U_NONE, &cli);
	root_give(&srv, S_SLOT_EP, ep, IPC_R, 0);
	root_give(&srv, S_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);
	root_give(&cli, C_SLOT_EP, ep, IPC_W | IPC_G, CLIENT_BADGE);
	root_give(&cli, C_SLOT_BACK, back, IPC_RIGHTS_ALL, 0);
	spawn_start(&srv, 0);
	spawn_start(&cli, 0);
	root_finish(2, 20000);
}
