/*
 * "stress" test tally (stress.sys): takes one report from every worker of
 * every component, then stops each component's server (a Call through a
 * STOP-badged cap; the answer is its counts), and checks that every thread
 * is accounted for, every result was right, and the two sides' counts
 * agree: Calls answered = Calls counted by the callers, Sends received =
 * Sends delivered, each component's faults = those its server resumed.
 * Then it is done and the loader halts, which runs the kernel's invariant
 * check (docs/kernel.md, "The invariant check").
 */
#include "comp.h"
#include "stress.h"

static const uint32_t srv_slot[STRESS_COMPS] = {SLOT_S0, SLOT_S1, SLOT_S2, SLOT_S3};

/* Word i of the message just received: the first in registers, the rest
 * in the IPC buffer. */
static uint64_t word(const struct u_msg *m, unsigned i)
{
	return i < KABI_REG_WORDS ? m->w[i] : u_ipcbuf()->words[i];
}

int main(void)
{
	uint64_t sum[SW_COUNT] = {0}, faults[STRESS_COMPS] = {0}, srv[SS_COUNT] = {0};
	uint32_t seen[STRESS_COMPS] = {0}; /* bit idx: that worker reported */
	unsigned reports = 0, wrong = 0, short_ops = 0;
	uint64_t t0 = u_now_us();

	struct u_msg m = u_recv(SLOT_IN, SLOT_REPLY, 0);
	for (unsigned n = 0; n < STRESS_COMPS * STRESS_WORKERS; n++) {
		uint64_t who = word(&m, SW_WHO);
		unsigned comp = STRESS_ARG_COMP(who), idx = STRESS_ARG_IDX(who);
		if (m.err || m.label != STRESS_REPORT || m.len != SW_COUNT || comp >= STRESS_COMPS ||
		    idx == 0 || idx > STRESS_WORKERS || (seen[comp] >> idx & 1)) {
			wrong++;
		} else {
			seen[comp] |= 1u << idx;
			reports++;
			short_ops += word(&m, SW_OPS) != STRESS_OPS;
			for (unsigned i = SW_BAD; i < SW_COUNT; i++)
				sum[i] += word(&m, i);
			faults[comp] += word(&m, SW_FAULTS);
		}
		if (n + 1 < STRESS_COMPS * STRESS_WORKERS)
			m = u_reply_recv(SLOT_IN, SLOT_REPLY, (struct u_out){0, NULL, 0, 0}, 0);
		else
			(void)u_reply(SLOT_REPLY, (struct u_out){0, NULL, 0, 0});
	}
	unsigned stopped = 0, fault_mismatch = 0;
	for (unsigned k = 0; k < STRESS_COMPS; k++) {
		m = u_call(srv_slot[k], (struct u_out){0, NULL, 0, 0}, 0);
		if (m.err || m.len != SS_COUNT)
			continue;
		stopped++;
		for (unsigned i = 0; i < SS_COUNT; i++)
			srv[i] += m.w[i];
		fault_mismatch += m.w[SS_FAULTS] != faults[k];
	}
	uint64_t ms = (u_now_us() - t0) / 1000;

	uprintf("tally: %u workers, %lu ops, %lu calls, %lu sends, %lu faults, %lu timeouts, %lu signals, "
	        "%lu cap cycles in %lu ms\n",
	        reports, (unsigned long)(reports * STRESS_OPS), (unsigned long)sum[SW_CALLS],
	        (unsigned long)sum[SW_SENDS], (unsigned long)sum[SW_FAULTS], (unsigned long)sum[SW_TIMEOUTS],
	        (unsigned long)sum[SW_SIGNALS], (unsigned long)sum[SW_CAPS], (unsigned long)ms);
	comp_ok(reports == STRESS_COMPS * STRESS_WORKERS && wrong == 0 && short_ops == 0 &&
	            stopped == STRESS_COMPS,
	        "every thread accounted for: %u of %u workers reported once after %u operations each, "
	        "%u of %u servers stopped (%u bad reports, %u short)",
	        reports, STRESS_COMPS * STRESS_WORKERS, STRESS_OPS, stopped, STRESS_COMPS, wrong, short_ops);
	comp_ok(sum[SW_BAD] == 0 && srv[SS_BAD] == 0,
	        "every reply and status was what it should be (%lu wrong at the workers, %lu at the servers)",
	        (unsigned long)sum[SW_BAD], (unsigned long)srv[SS_BAD]);
	comp_ok(srv[SS_CALLS] == sum[SW_CALLS], "every Call answered was counted by its caller (%lu, %lu)",
	        (unsigned long)srv[SS_CALLS], (unsigned long)sum[SW_CALLS]);
	comp_ok(srv[SS_SENDS] == sum[SW_SENDS], "every Send delivered was received (%lu, %lu)",
	        (unsigned long)srv[SS_SENDS], (unsigned long)sum[SW_SENDS]);
	comp_ok(fault_mismatch == 0 && srv[SS_FAULTS] == sum[SW_FAULTS],
	        "every fault reached its own server and was resumed (%lu, %lu)",
	        (unsigned long)srv[SS_FAULTS], (unsigned long)sum[SW_FAULTS]);
	comp_ok(sum[SW_TIMEOUTS] && sum[SW_FAULTS] && sum[SW_SIGNALS] && sum[SW_CAPS] && sum[SW_SENDS],
	        "the mix ran: deadlines expired, faults, signals, cap cycles and sends all happened");
	comp_done();
	return 0;
}
