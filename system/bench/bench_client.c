/*
 * Benchmark client: drives the measurements and prints the table. It makes
 * BENCH_ROUNDS Calls per set (0, 4, 10 words; 0 words + one cap copied from
 * GIFT) to the higher-priority server, then BENCH_ROUNDS Sends of 0 words,
 * then, where another core is online (ThreadSetCpu succeeds), moves the
 * server there and makes BENCH_ROUNDS Calls of 0 words across cores,
 * then Signals the higher-priority waiter BENCH_ROUNDS times. With the
 * server's and waiter's readings from the results region it computes, per
 * sample: one-way Call or Send (client before svc -> server after its
 * receive), one-way ReplyRecv (server before svc -> client after its Call
 * returns), the round trip (client before -> after; it includes the
 * server's own code between its receive and its ReplyRecv), the two
 * kernel paths of that round trip without the server's code (one-way Call
 * plus one-way ReplyRecv of the same sample: what the seL4 column's sum
 * is) and one-way Signal -> Wait, each minus the cost of one counter read. Across cores only the
 * round trip is printed: each core's counter started at its own boot (the
 * kernel resets it, pmu.c), so a reading on core 1 minus one on core 0 is
 * off by a constant; the client's two readings are on its own core. Under
 * -icount the counter counts every core's instructions (QEMU runs them in
 * turn), so the round trip includes the server core's wake-up from wfi.
 * The first BENCH_WARMUP samples of each set are dropped. Concurrency: one
 * thread; reads the region only after the server and waiter have written it
 * (the STOP call orders them).
 */
#include "../lib/comp.h"
#include "bench.h"

#define N (BENCH_SETS * BENCH_ROUNDS)

static uint32_t before[N], after[N], sig_before[BENCH_ROUNDS];
static uint32_t ov;

struct stat {
	uint32_t min, med, max;
	unsigned same; /* samples equal to the median */
};

static struct stat stats(uint32_t *v, unsigned n)
{
	for (unsigned i = 1; i < n; i++) /* insertion sort: n is small */
		for (unsigned j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint32_t t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	struct stat s = {v[0], v[n / 2], v[n - 1], 0};
	for (unsigned i = 0; i < n; i++)
		s.same += v[i] == s.med;
	return s;
}

static bool row(const char *what, uint32_t *v, const char *sel4)
{
	struct stat s = stats(v, BENCH_SAMPLES);
	uprintf("bench: | %s | %u | %u..%u | %u/%u | %s |\n", what, s.med, s.min, s.max, s.same,
	        BENCH_SAMPLES, sel4);
	return s.min > 0 && s.med < 100000;
}

static void call_set(unsigned set, unsigned *k)
{
	static const uint32_t words[BENCH_SETS] = {0, 4, 10, 0, 0, 0};
	struct ipc_buffer *b = u_ipcbuf();
	for (unsigned i = KABI_REG_WORDS; i < 10; i++)
		b->words[i] = i;
	uint32_t ncaps = set == 3;
	bool send = set == BENCH_SET_SEND;
	uint64_t mi = KABI_MSGINFO(send ? BENCH_LABEL_SEND : BENCH_LABEL_CALL, ncaps, words[set]);
	for (unsigned i = 0; i < BENCH_ROUNDS; i++, (*k)++) {
		b->caps[0] = (struct ipc_xfer){.slot = SLOT_GIFT, .mode = IPC_XFER_COPY};
		struct bench_sys s = bench_syscall(
		    send ? SYS_SEND : SYS_CALL,
		    U_ARGS([KABI_ARG_SLOT] = SLOT_EP, [KABI_ARG_MSGINFO] = mi, [KABI_ARG_WORD0] = 1,
		           [KABI_ARG_WORD0 + 1] = 2, [KABI_ARG_WORD0 + 2] = 3, [KABI_ARG_WORD0 + 3] = 4));
		before[*k] = s.before;
		after[*k] = s.after;
	}
}

int main(uintptr_t arg)
{
	(void)arg;
	ov = ~0u;
	for (unsigned i = 0; i < 8; i++) {
		uint32_t a = bench_read(), b = bench_read();
		ov = b - a < ov ? b - a : ov;
	}
	unsigned k = 0;
	for (unsigned set = 0; set < BENCH_SET_CROSS; set++)
		call_set(set, &k);
	/* KABI_E_NO_CPU on one core (the uniprocessor kernel): no cross-core set. */
	long moved = u_thread_set_cpu(SLOT_SERVER, BENCH_OTHER_CORE);
	if (moved == 0)
		call_set(BENCH_SET_CROSS, &k);
	uint64_t calls = k;
	struct u_msg m = u_call(SLOT_EP, (struct u_out){BENCH_LABEL_STOP, &calls, 1, 0}, 0);
	for (unsigned i = 0; i < BENCH_ROUNDS; i++)
		sig_before[i] = bench_syscall(SYS_SIGNAL, U_ARGS([KABI_ARG_SLOT] = SLOT_BELL)).before;

	const struct bench_results *res = (const struct bench_results *)REGION_RESULTS_VA;
	static const char *names[BENCH_SETS] = {"0 words",  "4 words",
	                                        "10 words", "0 words + 1 cap",
	                                        "0 words",  "0 words, server on another core"};
	static const char *sel4[BENCH_SETS][3] = {{"191 (fastpath)", "215 (fastpath)", "406 (191 + 215)"},
	                                          {"-", "-", "-"},
	                                          {"703 (slow path)", "687 (slow path)", "1390 (703 + 687)"},
	                                          {"-", "-", "-"},
	                                          {"634 (slow path)", "-", "-"},
	                                          {"-", "-", "-"}};
	uprintf("bench: instructions retired (PMU event 0x08 at EL0, QEMU -icount shift=0), "
	        "median of %u samples after %u warm-up, counter read cost %u subtracted\n",
	        BENCH_SAMPLES, BENCH_WARMUP, ov);
	uprintf("bench: | operation (client and server in different address spaces) | ours | min..max | "
	        "samples = median | seL4 non-MCS, same method |\n");
	uprintf("bench: |---|---|---|---|---|\n");
	bool ok = m.err == 0 && (moved == 0 || moved == KABI_E_NO_CPU);
	for (unsigned set = 0; set < BENCH_SETS; set++) {
		if (set == BENCH_SET_CROSS && moved != 0)
			break;
		uint32_t call[BENCH_SAMPLES], rr[BENCH_SAMPLES], rt[BENCH_SAMPLES], kern[BENCH_SAMPLES];
		for (unsigned i = 0; i < BENCH_SAMPLES; i++) {
			unsigned j = set * BENCH_ROUNDS + BENCH_WARMUP + i;
			call[i] = res->srv_after[j] - before[j] - ov;
			rr[i] = after[j] - res->srv_before[j] - ov;
			rt[i] = after[j] - before[j] - ov;
			kern[i] = call[i] + rr[i];
		}
		char what[64];
		if (set == BENCH_SET_SEND) { /* no reply: only the one-way Send */
			comp_snprintf(what, sizeof what, "Send one-way, %s", names[set]);
			ok &= row(what, call, sel4[set][0]);
			continue;
		}
		if (set == BENCH_SET_CROSS) { /* the round trip only: see the top */
			comp_snprintf(what, sizeof what, "Call + ReplyRecv round trip, %s", names[set]);
			ok &= row(what, rt, sel4[set][2]);
			continue;
		}
		comp_snprintf(what, sizeof what, "Call one-way, %s", names[set]);
		ok &= row(what, call, sel4[set][0]);
		comp_snprintf(what, sizeof what, "ReplyRecv one-way, %s", names[set]);
		ok &= row(what, rr, sel4[set][1]);
		comp_snprintf(what, sizeof what, "Call + ReplyRecv round trip, %s", names[set]);
		ok &= row(what, rt, "-"); /* the seL4 figures are sums: the next row */
		/* The same round trip without the server's own code between
		 * its receive and its reply (its two counter reads included):
		 * the two kernel paths, as the seL4 column adds them up. */
		comp_snprintf(what, sizeof what, "Call + ReplyRecv, kernel paths only, %s", names[set]);
		ok &= row(what, kern, sel4[set][2]);
	}
	uint32_t sig[BENCH_SAMPLES];
	for (unsigned i = 0; i < BENCH_SAMPLES; i++)
		sig[i] = res->wait_after[BENCH_WARMUP + i] - sig_before[BENCH_WARMUP + i] - ov;
	ok &= row("Signal -> Wait wakes waiter, one-way", sig, "-");
	uprintf("bench: seL4 on a Cortex-A53 board (sel4bench; cycles, not instructions): Call one-way "
	        "260 cycles on the non-SMP kernel, 494 on the SMP kernel\n");
	comp_ok(ok, "bench: every figure is a plausible non-zero count (the PMU counts only under -icount)");
	comp_done();
	return 0;
}
