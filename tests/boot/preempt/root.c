/*
 * Boot test "preempt": two low-priority components spin forever, counting
 * in a page they share with the root task. The timer must (1) wake the
 * high-priority root from a timed wait although the spinners never enter
 * the kernel, and (2) share the CPU between the two equal-priority spinners
 * (round-robin on the tick). Two middle-priority components then alternate
 * strictly through yield (FIFO within a priority). Finally deleting the
 * last cap to one spinner's thread destroys it while the other runs on.
 */
#include "../common/btest.h"

#define SHARED_ROOT_VA 0x180000000ul

struct shared {
	volatile uint64_t spin[2];
	volatile uint32_t log_len;
	volatile char log[64];
};

int main(uintptr_t bootimg)
{
	root_begin(bootimg, 5);
	uint32_t timer = root_new(KOBJ_NTFN);
	long e = u_space_map(ROOT_SLOT_SPACE, SHARED_ROOT_VA, 1, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	struct shared *sh = (struct shared *)SHARED_ROOT_VA;

	struct component spin[2], yielder[2];
	for (unsigned i = 0; i < 2; i++) {
		root_spawn("spinner", 10, U_NONE, &spin[i]);
		e |= u_space_share(spin[i].space, COMP_SHARED_VA, ROOT_SLOT_SPACE, SHARED_ROOT_VA, 1,
		                   KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
		e |= spawn_start(&spin[i], i);
	}
	if (e)
		uprintf("root: set-up failed %ld\n", e);

	uint64_t t0 = u_now_us();
	long w = u_wait(timer, 300000).err;
	uint64_t took = u_now_us() - t0;
	uint64_t a = sh->spin[0], b = sh->spin[1];
	tap_ok(w == IPC_E_TIMED_OUT && took < 500000,
	       "timer preempts spinning low-priority components: root woke after %lu us",
	       (unsigned long)took);
	tap_ok(a > 1000 && b > 1000, "round-robin: both equal-priority spinners ran (%lu, %lu)",
	       (unsigned long)a, (unsigned long)b);

	for (unsigned i = 0; i < 2; i++) {
		root_spawn("yielder", 50, U_NONE, &yielder[i]);
		e |= u_space_share(yielder[i].space, COMP_SHARED_VA, ROOT_SLOT_SPACE, SHARED_ROOT_VA, 1,
		                   KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED);
	}
	for (unsigned i = 0; i < 2; i++)
		e |= spawn_start(&yielder[i], 'a' + i);
	/* Both yielders report; then check their interleaving. */
	for (unsigned i = 0; i < 2; i++)
		e |= u_recv(root_report_slot(), U_NONE, 5000000).err;
	char log[16];
	for (unsigned i = 0; i < 10; i++)
		log[i] = sh->log[i];
	log[10] = 0;
	tap_ok(e == 0 && sh->log_len == 10 && !strcmp(log, "ababababab"),
	       "yield alternates equal-priority threads in FIFO order (%s)", log);
	uint64_t a2 = sh->spin[0];
	(void)u_wait(timer, 50000);
	tap_ok(sh->spin[0] > a2 || sh->spin[1] > b, "spinners still run afterwards");

	/* X3: deleting the last cap to a running thread destroys it. */
	long d = u_cap_delete(spin[0].thread);
	(void)u_wait(timer, 30000);
	uint64_t s0 = sh->spin[0], s1 = sh->spin[1];
	(void)u_wait(timer, 50000);
	tap_ok(d == 0 && sh->spin[0] == s0 && sh->spin[1] > s1,
	       "deleting a spinner's thread cap stops it; the other runs on (%lu -> %lu)", (unsigned long)s0,
	       (unsigned long)sh->spin[0]);
	u_debug_halt(tap_failures ? 1 : 0, ROOT_SLOT_UNTYPED);
	return 0;
}
