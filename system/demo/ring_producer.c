/*
 * Demo (b), the producer: creates a SharedRing in the shared region the
 * description maps here (REGION_RING_VA), then pushes arg items in bursts,
 * calling ipc_ring_prod_signal() once per burst: it Signals the DATA
 * notification only when the consumer has announced it sleeps (G3), so most
 * signals are suppressed. When the ring is full it sleeps on SPACE.
 * Concurrency: the only producer; the consumer runs in another space.
 */
#include "../lib/comp.h"
#include "demo.h"
#include "ring_common.h"

int main(uintptr_t count)
{
	void *mem = (void *)REGION_RING_VA;
	int e = ipc_ring_create(mem, REGION_RING_SIZE, sizeof(struct demo_item), DEMO_RING_CAPACITY);
	struct ring_ntfns n = {SLOT_SPACE, SLOT_DATA};
	struct ipc_ring_waker w = {ring_wait, ring_notify, &n};
	struct ipc_ring_prod p;
	if (!e)
		e = ipc_ring_prod_attach(&p, mem, REGION_RING_SIZE, &w);
	if (!comp_ok(e == 0, "G1 producer created a %u-slot ring at 0x%lx", DEMO_RING_CAPACITY,
	             (unsigned long)REGION_RING_VA)) {
		uprintf("producer: %s\n", ipc_ring_strerror(e));
		comp_done();
		return 0;
	}
	uprintf("producer: pushing %lu items in bursts of %u\n", (unsigned long)count, DEMO_RING_BURST);
	struct demo_item burst[DEMO_RING_BURST];
	uint64_t seq = 0, signals = 0, bursts = 0, waits = 0;
	while (seq < count && e >= 0) {
		uint32_t k = 0;
		for (; k < DEMO_RING_BURST && seq + k < count; k++)
			burst[k] = (struct demo_item){seq + k, demo_value(seq + k)};
		int pushed = ipc_ring_push_burst(&p, burst, k);
		if (pushed == 0) {
			waits++;
			e = ipc_ring_prod_wait(&p);
			continue;
		}
		if (pushed < 0) {
			e = pushed;
			break;
		}
		seq += (uint64_t)pushed;
		bursts++;
		signals += (uint64_t)ipc_ring_prod_signal(&p);
	}
	comp_ok(e >= 0 && seq == count, "G2 producer pushed %lu items (%s)", (unsigned long)seq,
	        e < 0 ? ipc_ring_strerror(e) : "no error");
	uprintf(
	    "producer: %lu bursts, %lu data signals sent (%lu suppressed), slept %lu times on a full ring\n",
	    (unsigned long)bursts, (unsigned long)signals, (unsigned long)(bursts - signals),
	    (unsigned long)waits);
	comp_ok(signals < bursts, "G3 signals suppressed: %lu signals for %lu bursts", (unsigned long)signals,
	        (unsigned long)bursts);
	comp_done();
	return 0;
}
