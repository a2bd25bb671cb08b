/*
 * Fault delivery (SEMANTICS F1). A thread that faults is made to Call its
 * fault handler endpoint (libipc's ipc_thread_fault) with label = fault
 * kind and words = address, syndrome, pc. When the handler replies, the
 * runnable hook calls fault_wake(): reply label IPC_FAULT_RESUME resumes the
 * thread (re-running the faulting instruction, or, for an unknown syscall,
 * returning IPC_E_BAD_ARG from it); any other answer leaves it stopped.
 * With no usable handler the thread is stopped and reported on the console;
 * every other thread runs on. A stopped thread never runs again (there is no
 * resume call), so its libipc half is ended too: callers waiting for its
 * replies wake with PEER_GONE (S6) instead of waiting forever. Concurrency: one CPU, interrupts masked.
 */
#include <kernel/object.h>

/* The kernel's kinds (word KABI_FAULT_WORD_KIND) that are libipc's labels. */
_Static_assert(KABI_FAULT_DATA_ABORT == IPC_FAULT_DATA_ABORT &&
                   KABI_FAULT_INSN_ABORT == IPC_FAULT_INSN_ABORT &&
                   KABI_FAULT_UNDEFINED == IPC_FAULT_UNDEFINED &&
                   KABI_FAULT_UNKNOWN_SYSCALL == IPC_FAULT_BAD_SYSCALL,
               "uapi/object.h: the first four fault kinds are libipc's labels");
_Static_assert(IPC_FAULT_WORDS == 4 && KABI_FAULT_WORD_KIND < IPC_FAULT_WORDS, "fault message words");

static const char *fault_name(unsigned k)
{
	switch (k) {
	case KABI_FAULT_DATA_ABORT:
		return "data abort";
	case KABI_FAULT_INSN_ABORT:
		return "instruction abort";
	case KABI_FAULT_UNDEFINED:
		return "undefined instruction";
	case KABI_FAULT_UNKNOWN_SYSCALL:
		return "unknown syscall";
	case KABI_FAULT_ALIGNMENT:
		return "alignment";
	default:
		return "fault";
	}
}

static uint64_t ipc_kind(unsigned k)
{
	switch (k) {
	case KABI_FAULT_DATA_ABORT:
	case KABI_FAULT_ALIGNMENT:
		return IPC_FAULT_DATA_ABORT;
	case KABI_FAULT_INSN_ABORT:
		return IPC_FAULT_INSN_ABORT;
	case KABI_FAULT_UNKNOWN_SYSCALL:
		return IPC_FAULT_BAD_SYSCALL;
	default:
		return IPC_FAULT_UNDEFINED;
	}
}

void fault_raise(struct tcb *t, unsigned kind, uintptr_t addr, uint64_t syndrome, uintptr_t pc)
{
	t->fault_kind = kind;
	if (t->fault_slot != IPC_SLOT_NONE) {
		struct ipc_fault f = {.kind = ipc_kind(kind)};
		f.words[KABI_FAULT_WORD_ADDR] = addr;
		f.words[KABI_FAULT_WORD_SYNDROME] = syndrome;
		f.words[KABI_FAULT_WORD_PC] = pc;
		f.words[KABI_FAULT_WORD_KIND] = kind;
		t->faulting = true; /* before the call: the hooks read it */
		struct ipc_ret r = ipc_thread_fault(&t->ipc, t->fault_slot, &f);
		if (r.err == IPC_BLOCKED) {
			sched_hint(r);
			return;
		}
		t->faulting = false;
	}
	kprintf("kernel: thread %u (%s): %s at %lx (pc %lx, syndrome %lx), no fault handler: stopped\n",
	        t->id, t->name, fault_name(kind), (unsigned long)addr, (unsigned long)pc,
	        (unsigned long)syndrome);
	thread_end_later(t, TCB_STOPPED);
}

void fault_wake(struct tcb *t)
{
	if (ipc_fault_resumes(&t->ipc)) {
		if (t->fault_kind == KABI_FAULT_UNKNOWN_SYSCALL) /* it returns an error */
			arch_sys_set(&t->regs, KABI_RET_STATUS, (uint64_t)(int64_t)IPC_E_BAD_ARG);
		sched_ready(t);
		return;
	}
	/* Blame the handler only for an answer it gave: the fault Call may
	 * also have ended without one (its endpoint destroyed, ...). */
	int status = ipc_thread_status(&t->ipc);
	if (status == IPC_OK)
		kprintf("kernel: thread %u (%s) stopped by its fault handler (answer %lu)\n", t->id, t->name,
		        (unsigned long)ipc_thread_recv_info(&t->ipc)->label);
	else
		kprintf("kernel: thread %u (%s): fault message ended unanswered (status %d): stopped\n",
		        t->id, t->name, status);
	thread_end_later(t, TCB_STOPPED);
}
