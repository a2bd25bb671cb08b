/*
 * Root-task and component helpers shared by the boot tests (see btest.h).
 * The root task is the only user of the root_* functions; report_done() is
 * called once by each component at its end.
 */
#include "btest.h"

static uint32_t report_ep;

void root_begin(uintptr_t bootimg, unsigned plan)
{
	spawn_init(bootimg);
	uprintf("1..%u\n", plan);
	report_ep = root_new(KOBJ_ENDPOINT);
}

uint32_t root_report_slot(void)
{
	return report_ep;
}

uint32_t root_new(unsigned type)
{
	uint32_t s = root_alloc_slot();
	long e = u_retype(ROOT_SLOT_UNTYPED, type, s);
	if (e) {
		uprintf("root: retype %u failed: %ld\n", type, e);
		u_debug_halt(2, ROOT_SLOT_UNTYPED);
	}
	return s;
}

void root_give(struct component *c, uint32_t dst, uint32_t src, uint32_t rights, uint64_t badge)
{
	long e = u_cap_install(c->space, dst, src, rights, badge);
	if (e) {
		uprintf("root: cap install into slot %u failed: %ld\n", dst, e);
		u_debug_halt(2, ROOT_SLOT_UNTYPED);
	}
}

long root_spawn(const char *name, unsigned prio, uint32_t fault_slot, struct component *c)
{
	long e = spawn_component(name, prio, fault_slot, c);
	if (e) {
		uprintf("root: spawning %s failed: %ld\n", name, e);
		u_debug_halt(2, ROOT_SLOT_UNTYPED);
	}
	root_give(c, C_SLOT_REPORT, report_ep, IPC_W, 0);
	return e;
}

_Noreturn void root_finish(unsigned n, unsigned timeout_ms)
{
	unsigned failures = tap_failures;
	for (unsigned i = 0; i < n; i++) {
		struct u_msg m = u_recv(report_ep, U_NONE, (uint64_t)timeout_ms * 1000);
		if (m.err) {
			uprintf("root: waiting for reports: %ld (%u of %u in)\n", m.err, i, n);
			u_debug_halt(1, ROOT_SLOT_UNTYPED);
		}
		failures += (unsigned)m.label;
	}
	u_debug_halt(failures ? 1 : 0, ROOT_SLOT_UNTYPED);
	for (;;)
		;
}

void report_done(void)
{
	long e = u_send(C_SLOT_REPORT, (struct u_out){tap_failures, 0, 0, 0}, 0);
	if (e)
		uprintf("report_done: send failed: %ld\n", e);
}
