/*
 * Demo (b), the consumer: attaches to the ring the producer creates in the
 * shared region (yielding until its header is valid), prints the first 100
 * items, then checks every item's sequence number and value and an
 * order-sensitive checksum against values it computes itself. It sleeps on
 * DATA when the ring is empty and Signals SPACE (suppressed unless the
 * producer sleeps) after freeing slots. arg = items expected. It prints
 * how long the items took from its attach to the last one, in the generic
 * timer's microseconds (`make bench` turns it into items per second).
 * Concurrency: the only consumer; the producer runs in another space.
 */
#include "../lib/comp.h"
#include "demo.h"
#include "ring_common.h"

int main(uintptr_t count)
{
	void *mem = (void *)REGION_RING_VA;
	struct ring_ntfns n = {SLOT_DATA, SLOT_SPACE};
	struct ipc_ring_waker w = {ring_wait, ring_notify, &n};
	struct ipc_ring_cons c;
	int e;
	while ((e = ipc_ring_cons_attach(&c, mem, REGION_RING_SIZE, &w)) == IPC_RING_E_BAD_MAGIC)
		u_yield(); /* the producer has not created it yet */
	if (!comp_ok(e == 0, "G1 consumer attached to the ring at 0x%lx", (unsigned long)REGION_RING_VA)) {
		comp_done();
		return 0;
	}
	uint64_t t0 = u_now_us();
	struct demo_item buf[DEMO_RING_BURST];
	uint64_t seq = 0, sum = 0, want = 0, signals = 0, bad_seq = 0;
	char line[200];
	int pos = 0;
	while (seq < count) {
		int got = ipc_ring_pop_burst(&c, buf, DEMO_RING_BURST);
		if (got == 0) {
			e = ipc_ring_cons_wait(&c);
			if (e < 0)
				break;
			continue;
		}
		if (got < 0) {
			e = got;
			break;
		}
		signals += (uint64_t)ipc_ring_cons_signal(&c);
		for (int i = 0; i < got; i++, seq++) {
			if (buf[i].seq != seq || buf[i].val != demo_value(seq))
				bad_seq++;
			sum = demo_checksum(sum, buf[i].val);
			want = demo_checksum(want, demo_value(seq));
			if (seq < DEMO_RING_SHOWN) {
				pos += comp_snprintf(line + pos, sizeof line - (size_t)pos, " %lu:%x",
				                     (unsigned long)buf[i].seq, (unsigned)(buf[i].val >> 48));
				if (seq % 10 == 9) {
					uprintf("consumer: items%s\n", line);
					pos = 0;
				}
			}
		}
		if (seq == DEMO_RING_SHOWN ||
		    (seq > DEMO_RING_SHOWN && seq - (uint64_t)got < DEMO_RING_SHOWN))
			uprintf(
			    "consumer: (first %u items shown as seq:value-top-16-bits; checking the rest)\n",
			    DEMO_RING_SHOWN);
	}
	comp_ok(e >= 0 && seq == count && bad_seq == 0,
	        "G2 consumer got %lu items in sequence, %lu out of place (%s)", (unsigned long)seq,
	        (unsigned long)bad_seq, e < 0 ? ipc_ring_strerror(e) : "no error");
	comp_ok(sum == want, "G2 checksum 0x%lx matches the expected 0x%lx", (unsigned long)sum,
	        (unsigned long)want);
	uprintf("consumer: %lu items in %lu us, %lu space signals sent\n", (unsigned long)seq,
	        (unsigned long)(u_now_us() - t0), (unsigned long)signals);
	comp_done();
	return 0;
}
