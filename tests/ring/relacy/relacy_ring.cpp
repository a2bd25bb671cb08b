// SharedRing under Relacy (G2, G3, G4): the real ring.h / ring.c code, built
// as C with relacy_shim.h force-included, run by Relacy's random scheduler,
// which also picks, for every relaxed or acquire load, any value the C11
// memory model allows. Relacy reports a data race on a slot byte (accesses
// not ordered by happens-before), a deadlock (a lost wake-up: one side
// blocked for ever in wait()) and every failed check of the scenarios.
//
// This file is the bridge the shim calls and the driver:
//   relacy_ring [--iterations N] [--cap C]... [--scenario NAME]...
// runs every (scenario, capacity) pair asked for (default: all scenarios,
// capacities 1, 2, 4) and exits non-zero if any fails.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <relacy/relacy.hpp>

#include "scenarios.h"

namespace
{

// Region layout (G1, ABI version 1; ring.h's IPC_RING_* constants, which
// C++ cannot include): five atomic words at the start of five cache lines,
// the slots from byte 320. rs_setup() checks the size against
// ipc_ring_region_size().
constexpr size_t kLine = 64;
constexpr size_t kSlotsOffset = 5 * kLine;
constexpr unsigned kMaxCap = 4;
constexpr size_t kRegionMax = kSlotsOffset + kMaxCap * RS_SLOT;
const char *const kScenarioName[RS_COUNT] = {"single", "burst", "zero_copy", "attach", "create"};

alignas(kLine) unsigned char g_region[kRegionMax];
int g_scenario;
unsigned g_cap;

struct ring_test;
ring_test *g_test;

// A futex-like wait/notify in Relacy terms: wait(flag, expected) sleeps while
// *flag == expected and no notify() came since the last wait returned
// (sticky, so it may return spuriously, as the contract allows). A sleeper
// nobody notifies blocks for ever, which Relacy reports as a deadlock.
struct futex {
	rl::mutex m;
	rl::condition_variable cv;
	bool pending = false;
};

struct ring_test : rl::test_suite<ring_test, 2> {
	rl::atomic<uint32_t> word[5];
	rl::var<unsigned char> slot[kMaxCap * RS_SLOT];
	futex fx[2]; // cons_sleeping, prod_sleeping

	void before()
	{
		g_test = this;
		// What the region held before: garbage header, no magic, indices
		// that are not zero. Slot bytes stay uninitialised: reading one
		// that was never written is an error in Relacy.
		std::memset(g_region, 0xa5, sizeof g_region);
		word[0].store(0, rl::mo_relaxed, RL_INFO);
		for (int i = 1; i < 5; i++)
			word[i].store(i == 1 || i == 2 ? 0x5a5a5a5au : 0u, rl::mo_relaxed, RL_INFO);
		rs_setup(g_scenario, g_cap, g_region, kSlotsOffset + g_cap * RS_SLOT);
	}

	void thread(unsigned idx) { rs_thread(static_cast<int>(idx)); }
};

rl::memory_order to_rl(int mo, const rl::debug_info &info)
{
	switch (mo) {
	case __ATOMIC_RELAXED:
		return rl::mo_relaxed;
	case __ATOMIC_CONSUME:
		return rl::mo_consume;
	case __ATOMIC_ACQUIRE:
		return rl::mo_acquire;
	case __ATOMIC_RELEASE:
		return rl::mo_release;
	case __ATOMIC_ACQ_REL:
		return rl::mo_acq_rel;
	case __ATOMIC_SEQ_CST:
		return rl::mo_seq_cst;
	}
	RL_ASSERT_IMPL(false, rl::test_result_user_assert_failed, "unknown memory order", info);
	return rl::mo_seq_cst;
}

rl::atomic<uint32_t> &word_at(const void *obj, const rl::debug_info &info)
{
	size_t off = static_cast<size_t>(static_cast<const unsigned char *>(obj) - g_region);
	if (off % kLine != 0 || off / kLine >= 5) {
		RL_ASSERT_IMPL(false, rl::test_result_user_assert_failed,
		               "atomic op outside the ring's words", info);
	}
	return g_test->word[off / kLine];
}

// Slot byte `p` lies in, or -1 if p is not in the slot array.
long slot_index(const void *p)
{
	const unsigned char *b = static_cast<const unsigned char *>(p);
	if (b < g_region + kSlotsOffset || b >= g_region + kSlotsOffset + g_cap * RS_SLOT)
		return -1;
	return b - (g_region + kSlotsOffset);
}

futex &futex_of(const void *flag, const rl::debug_info &info)
{
	size_t off = static_cast<size_t>(static_cast<const unsigned char *>(flag) - g_region);
	RL_ASSERT_IMPL(off == 3 * kLine || off == 4 * kLine, rl::test_result_user_assert_failed,
	               "wait/notify on something that is not a wake flag", info);
	return g_test->fx[off == 3 * kLine ? 0 : 1];
}

} // namespace

extern "C" {

uint32_t ipc_rl_load(const void *obj, int mo, const char *file, int line)
{
	rl::debug_info info("load", file, line);
	return word_at(obj, info).load(to_rl(mo, info), info);
}

void ipc_rl_store(void *obj, uint32_t v, int mo, const char *file, int line)
{
	rl::debug_info info("store", file, line);
	word_at(obj, info).store(v, to_rl(mo, info), info);
}

uint32_t ipc_rl_exchange(void *obj, uint32_t v, int mo, const char *file, int line)
{
	rl::debug_info info("exchange", file, line);
	return word_at(obj, info).exchange(v, to_rl(mo, info), info);
}

void ipc_rl_fence(int mo, const char *file, int line)
{
	rl::debug_info info("fence", file, line);
	rl::atomic_thread_fence(to_rl(mo, info), info);
}

void *ipc_rl_memcpy(void *dst, const void *src, size_t n, const char *file, int line)
{
	rl::debug_info info("slot copy", file, line);
	unsigned char *d = static_cast<unsigned char *>(dst);
	const unsigned char *s = static_cast<const unsigned char *>(src);
	for (size_t i = 0; i < n; i++) {
		long si = slot_index(s + i), di = slot_index(d + i);
		unsigned char v = si >= 0 ? g_test->slot[si](info).load() : s[i];
		if (di >= 0)
			g_test->slot[di](info).store(v);
		else
			d[i] = v;
	}
	return dst;
}

void ipc_rl_yield(const char *file, int line)
{
	rl::yield(1, rl::debug_info("yield", file, line));
}

int ipc_rl_wait(void *flag, uint32_t expected)
{
	rl::debug_info info("wait", __FILE__, __LINE__);
	futex &f = futex_of(flag, info);
	f.m.lock(info);
	while (!f.pending && word_at(flag, info).load(rl::mo_relaxed, info) == expected)
		f.cv.wait(f.m, info);
	f.pending = false;
	f.m.unlock(info);
	return 0;
}

void ipc_rl_notify(void *flag)
{
	rl::debug_info info("notify", __FILE__, __LINE__);
	futex &f = futex_of(flag, info);
	f.m.lock(info);
	f.pending = true;
	f.cv.notify_all(info);
	f.m.unlock(info);
}

void ipc_rl_check_failed(const char *expr, const char *file, int line)
{
	// No allocation here: Relacy owns the heap while a test runs.
	static char msg[256];
	std::snprintf(msg, sizeof msg, "check failed: %s", expr);
	rl::ctx().fail_test(msg, rl::test_result_user_assert_failed, rl::debug_info("check", file, line));
}

} // extern "C"

int main(int argc, char **argv)
{
	unsigned long iterations = 20000;
	std::vector<unsigned> caps;
	std::vector<int> scenarios;
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		if (a == "--iterations" && i + 1 < argc) {
			iterations = std::strtoul(argv[++i], nullptr, 10);
		} else if (a == "--cap" && i + 1 < argc) {
			unsigned c = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 10));
			if (c == 0 || c > kMaxCap || (c & (c - 1)) != 0) {
				std::fprintf(stderr, "capacity must be 1, 2 or 4\n");
				return 2;
			}
			caps.push_back(c);
		} else if (a == "--scenario" && i + 1 < argc) {
			std::string s = argv[++i];
			int k = 0;
			while (k < RS_COUNT && s != kScenarioName[k])
				k++;
			if (k == RS_COUNT) {
				std::fprintf(stderr, "unknown scenario %s\n", s.c_str());
				return 2;
			}
			scenarios.push_back(k);
		} else {
			std::fprintf(stderr,
			             "usage: %s [--iterations N] [--cap 1|2|4]... "
			             "[--scenario single|burst|zero_copy|attach|create]...\n",
			             argv[0]);
			return 2;
		}
	}
	if (caps.empty())
		caps = {1, 2, 4};
	if (scenarios.empty())
		for (int k = 0; k < RS_COUNT; k++)
			scenarios.push_back(k);

	int failed = 0;
	for (unsigned cap : caps) {
		for (int sc : scenarios) {
			g_cap = cap;
			g_scenario = sc;
			rl::test_params p;
			p.iteration_count = iterations;
			p.search_type = rl::random_scheduler_type;
			p.execution_depth_limit = 100000;
			rl::ostringstream out;
			p.output_stream = &out;
			p.progress_stream = &out;
			auto t0 = std::chrono::steady_clock::now();
			bool ok = rl::simulate<ring_test>(p);
			double s =
			    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
			std::printf("%-4s cap %u %-9s %lu iterations, %.2fs\n", ok ? "ok" : "FAIL", cap,
			            kScenarioName[sc], static_cast<unsigned long>(p.stop_iteration), s);
			if (!ok) {
				std::printf("%s\n", out.str().c_str());
				failed++;
			}
			std::fflush(stdout);
		}
	}
	std::printf("%d failed\n", failed);
	return failed == 0 ? 0 : 1;
}
