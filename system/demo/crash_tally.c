/*
 * Demo (d), the tally: runs first (it outranks the server and the clients),
 * reads the kernel's free pool pages and free ASIDs (UntypedInfo through an
 * R cap to the root untyped) before any request is made, collects every
 * client's tally, then reads them again and prints both. arg: the number
 * of clients. Checks: every crash ended exactly one call with PEER_GONE and
 * there were as many as the crasher's restart limit (the description gives
 * the clients exactly enough requests for that), and the kernel's counts after the last restart equal those
 * before the first crash. Concurrency: one thread.
 */
#include "../lib/comp.h"
#include "demo.h"

int main(uintptr_t arg)
{
	uint64_t clients = arg, crashes = RESTART_LIMIT_CRASHER, gone = 0, answered = 0;
	struct u_untyped_info before = u_untyped_info(SLOT_KERNEL);
	uprintf("tally: before the first crash: %lu free pool pages, %lu free ASIDs\n",
	        (unsigned long)before.pool_free, (unsigned long)before.asids_free);
	for (uint64_t k = 0; k < clients; k++) {
		struct u_msg m = u_recv(SLOT_TALLY, U_NONE, 0);
		if (m.err)
			comp_ok(false, "tally: receiving a client's tally: %ld", m.err);
		gone += m.w[0];
		answered += m.w[1];
	}
	struct u_untyped_info after = u_untyped_info(SLOT_KERNEL);
	uprintf("kernel: %lu free pool pages, %lu free ASIDs (before the first crash: %lu, %lu)\n",
	        (unsigned long)after.pool_free, (unsigned long)after.asids_free,
	        (unsigned long)before.pool_free, (unsigned long)before.asids_free);
	comp_ok(gone == crashes,
	        "tally: %lu clients, %lu answers checked, %lu calls ended PEER_GONE: the server "
	        "crashed %lu times and was restarted each time",
	        (unsigned long)clients, (unsigned long)answered, (unsigned long)gone, (unsigned long)crashes);
	comp_ok(before.err == 0 && after.err == 0 && after.pool_free == before.pool_free &&
	            after.asids_free == before.asids_free,
	        "tally: free pool pages and free ASIDs after the last restart equal those before the first "
	        "crash");
	comp_done();
	return 0;
}
