/*
 * Boot test "revoke", a client (revoke.sys; arg: its role): blocked on an
 * object of (or a call taken by) the component being revoked, it must wake
 * with an error: OBJECT_GONE for a queued Send and a Wait on a destroyed
 * object (X1), PEER_GONE for a Call whose server died (S6).
 */
#include "comp.h"

int main(uintptr_t role)
{
	switch (role) {
	case ARG_SENDER: {
		long e = u_send(SLOT_OBJ, (struct u_out){1, 0, 0, 0}, 0);
		comp_ok(e == IPC_E_OBJECT_GONE,
		        "X1: a Send queued on an endpoint of the revoked untyped wakes "
		        "OBJECT_GONE (%ld)",
		        e);
		break;
	}
	case ARG_CALLER: {
		struct u_msg m = u_call(SLOT_OBJ, (struct u_out){2, 0, 0, 0}, 0);
		comp_ok(m.err == IPC_E_PEER_GONE,
		        "S6: a Call taken by a server of the revoked untyped wakes "
		        "PEER_GONE (%ld)",
		        m.err);
		break;
	}
	default: {
		struct u_msg m = u_wait(SLOT_OBJ, 0);
		comp_ok(m.err == IPC_E_OBJECT_GONE,
		        "X1: a Wait on a notification of the revoked untyped wakes "
		        "OBJECT_GONE (%ld)",
		        m.err);
		break;
	}
	}
	comp_done();
	return 0;
}
