/*
 * "stress" test server (stress.sys; numbers in stress.h), one per core:
 * answers Calls from every core's workers, counts their Sends, and is the
 * fault handler of its own core's workers (resumes each fault: the
 * faulting syscall returns BAD_ARG), until the tally's Call through a
 * STOP-badged cap, which it answers with its counts.
 */
#include "comp.h"
#include "stress.h"

static bool client_badge(uint64_t b)
{
	return b >= STRESS_BADGE_CLIENT(0) && b < STRESS_BADGE_CLIENT(STRESS_COMPS);
}

/* Answer, count and resume until the tally says stop. */
static void server(unsigned comp)
{
	uint64_t n[SS_COUNT] = {0};
	struct u_msg m = u_recv(SLOT_SRV, SLOT_REPLY, 0);
	for (;;) {
		if (m.err == 0 && m.kind == IPC_EV_CALL && m.badge == STRESS_BADGE_STOP)
			break;
		if (m.err == 0 && m.kind == IPC_EV_CALL) {
			n[client_badge(m.badge) && m.len == 3 ? SS_CALLS : SS_BAD]++;
			uint64_t out[3] = {m.w[0] ^ STRESS_SCRAMBLE, comp, m.badge};
			m = u_reply_recv(SLOT_SRV, SLOT_REPLY, (struct u_out){0, out, 3, 0}, 0);
		} else if (m.err == 0 && m.kind == IPC_EV_FAULT) {
			bool ok = m.badge == STRESS_BADGE_FAULT(comp) && m.label == IPC_FAULT_BAD_SYSCALL;
			n[ok ? SS_FAULTS : SS_BAD]++;
			m = u_reply_recv(SLOT_SRV, SLOT_REPLY, (struct u_out){IPC_FAULT_RESUME, NULL, 0, 0},
			                 0);
		} else {
			bool ok = m.err == 0 && m.kind == IPC_EV_SEND && client_badge(m.badge) &&
			          m.len == 1 && client_badge(STRESS_BADGE_CLIENT(STRESS_ARG_COMP(m.w[0])));
			n[ok ? SS_SENDS : SS_BAD]++;
			m = u_recv(SLOT_SRV, SLOT_REPLY, 0);
		}
	}
	if (u_reply(SLOT_REPLY, (struct u_out){0, n, SS_COUNT, 0}))
		uprintf("server %u: answer to the tally failed\n", comp);
}

int main(uintptr_t comp)
{
	server((unsigned)comp);
	comp_done();
	return 0;
}
