/*
 * Demo (c), the bystander: waits for the fault handler's signal and shows
 * that the system runs on after a component faulted. Concurrency: one
 * thread.
 */
#include "../lib/comp.h"

int main(uintptr_t arg)
{
	(void)arg;
	struct u_msg m = u_wait(SLOT_WAKE, 5 * 1000 * 1000);
	uprintf("bystander: still running after the fault, woken by the handler\n");
	comp_ok(m.err == 0, "F1 the rest of the system runs on after a fault (%ld)", m.err);
	comp_done();
	return 0;
}
