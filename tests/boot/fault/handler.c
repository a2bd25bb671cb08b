/*
 * "fault" test handler: receives one fault message per faulter case and
 * checks its kind and details; replies "do not resume" (label 1), so the
 * faulters stay stopped.
 */
#include "comp.h"
#include "fault_test.h"

static const char *names[] = {"",           "unmapped read", "kernel read",
                              "text write", "exec stack",    "undefined instruction"};

int main(uintptr_t arg)
{
	(void)arg;
	unsigned seen = 0;
	for (unsigned i = 0; i < CASE_COUNT; i++) {
		struct u_msg m = u_recv(SLOT_EP, SLOT_REPLY, 0);
		const uint64_t *w = u_ipcbuf()->words; /* address, syndrome, pc */
		unsigned c = (unsigned)m.badge;
		bool ok =
		    m.err == 0 && m.kind == IPC_EV_FAULT && c >= 1 && c <= CASE_COUNT && !(seen & (1u << c));
		if (ok) {
			seen |= 1u << c;
			switch (c) {
			case CASE_UNMAPPED_READ:
				ok = m.label == IPC_FAULT_DATA_ABORT &&
				     w[KABI_FAULT_WORD_ADDR] == SYS_UNMAPPED_VA;
				break;
			case CASE_KERNEL_READ:
				ok = m.label == IPC_FAULT_DATA_ABORT &&
				     w[KABI_FAULT_WORD_ADDR] == SYS_KERNEL_VA;
				break;
			case CASE_TEXT_WRITE:
				ok = m.label == IPC_FAULT_DATA_ABORT &&
				     w[KABI_FAULT_WORD_ADDR] >= SYS_PROGRAM_VA;
				break;
			case CASE_EXEC_DATA:
				ok = m.label == IPC_FAULT_INSN_ABORT &&
				     w[KABI_FAULT_WORD_ADDR] == w[KABI_FAULT_WORD_PC] &&
				     w[KABI_FAULT_WORD_ADDR] < COMP_STACK_TOP;
				break;
			case CASE_UNDEFINED:
				ok = m.label == IPC_FAULT_UNDEFINED;
				break;
			}
		}
		comp_ok(ok, "F1 fault handler got '%s' (kind %lu, addr %lx, pc %lx)",
		        c <= CASE_COUNT ? names[c] : "?", (unsigned long)m.label,
		        (unsigned long)w[KABI_FAULT_WORD_ADDR], (unsigned long)w[KABI_FAULT_WORD_PC]);
		(void)u_reply(SLOT_REPLY, (struct u_out){1, 0, 0, 0}); /* stay stopped */
	}
	comp_done();
	return 0;
}
