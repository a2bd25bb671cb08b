/*
 * Fault messages (SEMANTICS F1). The delivery itself is a Call made on the
 * faulting thread's behalf (endpoint.c, ipc_thread_fault); this file holds
 * the helpers an embedder uses to read the handler's verdict. Callers are
 * serialised by the embedder.
 */
#include "internal.h"

bool ipc_fault_resumes(const struct ipc_thread *t)
{
	return t->status == IPC_OK && t->info.kind == IPC_EV_REPLY && t->info.label == IPC_FAULT_RESUME;
}
