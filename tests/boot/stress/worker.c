/*
 * "stress" test workers (stress.sys; numbers in stress.h), one component
 * per core. Its first thread makes the other STRESS_WORKERS - 1 in its own
 * space (from its own untyped: they run on its core), each with a stack
 * and IPC buffer of its own, and all run the same code: STRESS_OPS
 * operations drawn from a generator seeded by their arg, each result
 * checked (a wrong one counted in SW_BAD), then one report to the tally.
 * Concurrency: the threads share the component's memory but no data: each
 * keeps its counts on its own stack; the first thread writes the others'
 * stacks and buffers only before it starts them.
 */
#include "comp.h"
#include "stress.h"

static const uint32_t ep_slot[STRESS_COMPS] = {SLOT_EP0, SLOT_EP1, SLOT_EP2, SLOT_EP3};

/* Two empty slots per worker above every slot the description names. */
#define SCRATCH(idx) (SYS_SLOT_LAST + 1 + 2 * ((idx)-1))
_Static_assert(SCRATCH(STRESS_WORKERS) + 1 < KABI_SPACE_SLOTS, "scratch slots fit the CSpace");

/* xorshift64: one sequence per worker, from its arg. */
static uint64_t rnd(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

struct worker {
	unsigned comp, idx;
	uint64_t seed;
	uint64_t n[SW_COUNT];
};

/* A Call to server `j` through `slot` and the check of its answer. */
static bool call(struct worker *w, uint32_t slot, unsigned j)
{
	uint64_t x = rnd(&w->seed), out[3] = {x, STRESS_ARG(w->comp, w->idx), w->n[SW_OPS]};
	struct u_msg m = u_call(slot, (struct u_out){0, out, 3, 0}, 0);
	w->n[SW_CALLS] += m.err == 0;
	return m.err == 0 && m.kind == IPC_EV_REPLY && m.label == 0 && m.len == 3 &&
	       m.w[0] == (x ^ STRESS_SCRAMBLE) && m.w[1] == j && m.w[2] == STRESS_BADGE_CLIENT(w->comp);
}

static bool busy_badge(struct u_msg m)
{
	return m.badge != 0 && (m.badge & ~(uint64_t)STRESS_BADGE_BUSY_ALL) == 0;
}

static bool timed_out(struct worker *w, long err)
{
	w->n[SW_TIMEOUTS] += err == IPC_E_TIMED_OUT;
	return err == IPC_E_TIMED_OUT;
}

/* Copy a cap to a server, mint a narrower one from the copy (W, GR: the
 * badge stays), Call through it, find it cannot receive, revoke the copy
 * (which deletes the mint), delete the copy. */
static bool cap_cycle(struct worker *w, unsigned j)
{
	uint32_t a = SCRATCH(w->idx), b = a + 1;
	bool ok = u_cap_copy(ep_slot[j], a) == 0 && u_cap_mint(a, b, IPC_W | IPC_GR, 0) == 0;
	ok = ok && call(w, b, j);
	ok = ok && u_nbrecv(b, U_NONE).err == IPC_E_NO_RIGHTS;
	ok = ok && u_cap_revoke(a) == 0 && u_cap_delete(b) == IPC_E_EMPTY_SLOT && u_cap_delete(a) == 0;
	w->n[SW_CAPS] += ok;
	return ok;
}

/* One operation, chosen by the generator; true if its result is right. */
static bool step(struct worker *w)
{
	uint64_t r = rnd(&w->seed);
	unsigned j = (unsigned)(r >> 8) % STRESS_COMPS; /* the server it talks to */
	uint64_t word = STRESS_ARG(w->comp, w->idx);
	struct u_msg m;
	long e;
	switch (r % 16) {
	case 0:
	case 1:
	case 2:
	case 3:
	case 4:
		return call(w, ep_slot[j], j);
	case 5:
	case 6:
		e = u_send(ep_slot[j], (struct u_out){0, &word, 1, 0}, 0);
		w->n[SW_SENDS] += e == 0;
		return e == 0;
	case 7:
		e = u_nbsend(ep_slot[j], (struct u_out){0, &word, 1, 0});
		w->n[SW_SENDS] += e == 0;
		return e == 0 || e == IPC_E_NO_RECEIVER;
	case 8:
		w->n[SW_SIGNALS]++;
		return u_signal(SLOT_BUSY) == 0;
	case 9:
		m = u_poll(SLOT_BUSY);
		return (m.err == 0 && busy_badge(m)) || m.err == IPC_E_NOTHING;
	case 10:
		m = u_wait(SLOT_BUSY, STRESS_TIMEOUT_US);
		return (m.err == 0 && busy_badge(m)) || timed_out(w, m.err);
	case 11:
		return timed_out(w, u_wait(SLOT_QUIET, STRESS_TIMEOUT_US).err);
	case 12:
		return timed_out(w, u_recv(SLOT_IDLE, U_NONE, STRESS_TIMEOUT_US).err);
	case 13: /* an unknown call number: a fault its server resumes with BAD_ARG */
		e = u_sys(SYS_COUNT + (r >> 16) % 64, U_ARGS(0));
		w->n[SW_FAULTS]++;
		return e == IPC_E_BAD_ARG;
	default:
		return cap_cycle(w, j);
	}
}

static void worker(unsigned comp, unsigned idx)
{
	struct worker w = {comp, idx, 0x9e3779b97f4a7c15ull * (STRESS_ARG(comp, idx) + 1), {0}};
	for (; w.n[SW_OPS] < STRESS_OPS; w.n[SW_OPS]++)
		w.n[SW_BAD] += !step(&w);
	w.n[SW_WHO] = STRESS_ARG(comp, idx);
	struct u_msg m = u_call(SLOT_TALLY, (struct u_out){STRESS_REPORT, w.n, SW_COUNT, 0}, 0);
	if (m.err)
		uprintf("worker %u.%u: report to the tally failed: %ld\n", comp, idx, m.err);
}

/* The threads the first makes: a stack and an IPC buffer each, a cap in
 * a slot above the scratch ones. */
#define THREAD_SLOT(idx) (SCRATCH(STRESS_WORKERS) + 2 + (idx)-2)
_Static_assert(THREAD_SLOT(STRESS_WORKERS) < KABI_SPACE_SLOTS, "thread slots fit the CSpace");
static char stacks[STRESS_WORKERS - 1][8192] __attribute__((aligned(16)));
static char ipcbufs[STRESS_WORKERS - 1][KABI_PAGE_SIZE] __attribute__((aligned(KABI_PAGE_SIZE)));
extern char _start[]; /* crt0.S: calls main(arg) and ends the thread when it returns */

static long spawn(unsigned comp, unsigned idx)
{
	uint32_t t = THREAD_SLOT(idx);
	long e = u_retype(SLOT_UT, KOBJ_THREAD, t);
	if (!e)
		e = u_thread_configure(t, SLOT_SPACE, (uintptr_t)ipcbufs[idx - 2], STRESS_PRIO_WORKER,
		                       SLOT_OWN);
	if (!e)
		e = u_thread_start(t, (uintptr_t)_start, (uintptr_t)stacks[idx - 2] + sizeof stacks[idx - 2],
		                   STRESS_ARG(comp, idx));
	return e;
}

int main(uintptr_t arg)
{
	unsigned comp = STRESS_ARG_COMP(arg), idx = STRESS_ARG_IDX(arg);
	if (idx != 1) { /* made by the first: ends when main returns */
		worker(comp, idx);
		return 0;
	}
	for (unsigned i = 2; i <= STRESS_WORKERS; i++) {
		long e = spawn(comp, i);
		if (e)
			uprintf("worker %u.1: making thread %u failed: %ld\n", comp, i, e);
	}
	worker(comp, 1);
	comp_done();
	return 0;
}
