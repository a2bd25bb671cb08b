/*
 * "hostile" test watcher: the hostile component's fault handler and echo
 * server on one endpoint. Fault messages arrive as kind FAULT with badge 1,
 * echo calls as kind CALL with badge 2.
 */
#include "comp.h"
#include "hostile_test.h"

int main(uintptr_t arg)
{
	(void)arg;
	unsigned faults = 0;
	for (;;) {
		struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
		if (m.err) {
			comp_ok(false, "watcher recv %ld", m.err);
			break;
		}
		if (m.kind == IPC_EV_FAULT) {
			const uint64_t *w = u_ipcbuf()->words;
			faults++;
			comp_ok(m.badge == BADGE_HOSTILE_FAULT && m.label == IPC_FAULT_BAD_SYSCALL &&
			            (faults == 1 ? w[KABI_FAULT_WORD_ADDR] == WILD_SYSCALL
			                         : w[KABI_FAULT_WORD_ADDR] == ~0ul),
			        "F1 handler got a BAD_SYSCALL fault message, number %lx pc %lx",
			        (unsigned long)w[KABI_FAULT_WORD_ADDR], (unsigned long)w[KABI_FAULT_WORD_PC]);
			(void)u_reply(SLOT_REPLY, (struct u_out){IPC_FAULT_RESUME, 0, 0, 0});
		} else {
			uint64_t v = m.w[0] + 1;
			(void)u_reply(SLOT_REPLY, (struct u_out){0, &v, 1, 0});
			break;
		}
	}
	comp_done();
	return 0;
}
