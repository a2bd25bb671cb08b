/*
 * Demo (c), the fault handler: receives the fault message (F1: label =
 * kind, words = address, syndrome, pc) of the faulter through the endpoint
 * the description gave it, reports the faulting address, replies "stay
 * stopped", and Signals the bystander to show the system running on.
 * Concurrency: one thread.
 */
#include "../lib/comp.h"
#include "demo.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct u_msg m = u_recv(SLOT_FAULTS, SLOT_REPLY, 0);
	const uint64_t *w = u_ipcbuf()->words;
	uint64_t addr = w[KABI_FAULT_WORD_ADDR], pc = w[KABI_FAULT_WORD_PC];
	uprintf(
	    "handler: fault message from badge 0x%lx: kind %lu (data abort = %u), address 0x%lx, pc 0x%lx\n",
	    (unsigned long)m.badge, (unsigned long)m.label, IPC_FAULT_DATA_ABORT, (unsigned long)addr,
	    (unsigned long)pc);
	comp_ok(m.err == 0 && m.kind == IPC_EV_FAULT && m.label == IPC_FAULT_DATA_ABORT &&
	            addr == DEMO_BAD_POINTER && pc >= SYS_PROGRAM_VA,
	        "F1 handler got the faulter's data abort at address 0x%lx", (unsigned long)addr);
	long e = u_reply(SLOT_REPLY, (struct u_out){1, 0, 0, 0}); /* not IPC_FAULT_RESUME: stay stopped */
	uprintf("handler: left the faulter stopped; waking the bystander\n");
	e |= u_signal(SLOT_WAKE);
	comp_ok(e == 0, "F1 handler replied and signalled (%ld)", e);
	comp_done();
	return 0;
}
