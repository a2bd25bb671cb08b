/* "transcript" test: Wait on the clients' notification, print each word
 * (transcript.sys); above every client, so each Signal that finds it waiting wakes
 * it at once. Stops when both clients' stop bits have come. */
#include "comp.h"
#include "transcript.h"

int main(uintptr_t arg)
{
	const uint64_t stop = BADGE_C1_NTFN_STOP | BADGE_C2_NTFN_STOP;
	uint64_t seen = 0;
	bool ok = true;
	unsigned k;

	(void)arg;
	for (k = 0; (seen & stop) != stop; k++) {
		struct u_msg m = u_wait(SLOT_NTFN, 0);
		uprintf("T w %u: err %ld badge %lx kind %u label %lx len %u\n", k, m.err,
		        (unsigned long)m.badge, m.kind, (unsigned long)m.label, m.len);
		ok &= m.err == 0 && m.kind == IPC_EV_NOTIFY;
		seen |= m.badge;
	}
	comp_ok(ok, "transcript waiter: %u wake-ups", k);
	comp_done();
	return 0;
}
