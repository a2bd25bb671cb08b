/* "transcript" test: Wait on the clients' notification, print each word
 * (root.c); above every client, so each Signal that finds it waiting wakes
 * it at once. Stops when both clients' stop bits have come. */
#include "../common/btest.h"
#include "transcript.h"

int main(uintptr_t arg)
{
	const uint64_t stop = (uint64_t)((1u << TR_CLIENTS) - 1) * TR_NTFN_STOP;
	uint64_t seen = 0;
	bool ok = true;
	unsigned k;

	(void)arg;
	for (k = 0; (seen & stop) != stop; k++) {
		struct u_msg m = u_wait(TR_SLOT_NTFN, 0);
		uprintf("T w %u: err %ld badge %lx kind %u label %lx len %u\n", k, m.err,
		        (unsigned long)m.badge, m.kind, (unsigned long)m.label, m.len);
		ok &= m.err == 0 && m.kind == IPC_EV_NOTIFY;
		seen |= m.badge;
	}
	tap_ok(ok, "transcript waiter: %u wake-ups", k);
	report_done();
	return 0;
}
