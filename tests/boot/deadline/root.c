/*
 * Boot test "deadline": blocking calls with a timeout end with TIMED_OUT
 * once it passes, and not before (X4): Recv with no sender, Wait with no
 * signal, Call to a server that never replies, and Send with no receiver;
 * a Recv whose message arrives before its deadline completes normally.
 */
#include "../common/btest.h"

#define T_SLOT_EP 2
#define T_SLOT_N 3
#define T_SLOT_SILENT 4 /* endpoint whose server takes calls and never answers */
#define S_SLOT_EP 2
#define S_SLOT_REPLY 3

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 6);
	uint32_t ep = root_new(KOBJ_ENDPOINT);
	uint32_t n = root_new(KOBJ_NTFN);
	uint32_t silent = root_new(KOBJ_ENDPOINT);
	uint32_t reply = root_new(KOBJ_REPLY);
	struct component t, s;
	root_spawn("timer", 100, U_NONE, &t);
	root_spawn("silent", 110, U_NONE, &s);
	root_give(&t, T_SLOT_EP, ep, IPC_RIGHTS_ALL, 0);
	root_give(&t, T_SLOT_N, n, IPC_R, 0);
	root_give(&t, T_SLOT_SILENT, silent, IPC_W | IPC_G, 0);
	root_give(&s, S_SLOT_EP, silent, IPC_R, 0);
	root_give(&s, S_SLOT_REPLY, reply, IPC_RIGHTS_ALL, 0);
	spawn_start(&s, 0);
	spawn_start(&t, 0);

	/* The timer component's last check: a message that arrives in time. */
	uint32_t timer = root_new(KOBJ_NTFN);
	(void)u_wait(timer, 400000); /* let its timeouts run first */
	long e = u_send(ep, (struct u_out){7, 0, 0, 0}, 0);
	if (e)
		uprintf("root: send %ld\n", e);
	root_finish(1, 20000);
}
