/*
 * The root-task loader: builds the system a description declared, from the
 * tables tools/sysgen.py generated (sysdesc.h). It creates every endpoint,
 * notification and reply object, backs every shared region with fresh frames
 * in its own space, splits off an untyped of each component's declared
 * budget and spawns the component from it, from the boot image, in its own
 * address space (user/lib/spawn.c), with its further threads: the kernel
 * then holds each component to its budget. It installs the component's
 * caps with the declared rights and badges (to the objects, to components'
 * spaces and threads, to the root task's space or untyped), shares the
 * regions into it at the declared addresses and rights, and then starts
 * the components stage by stage: a stage starts once every reporting
 * component whose report the previous one waits for (`until`) has sent its
 * "done" (label = failures, word 0 = TAP results printed). While it waits
 * it is also the supervisor of every `restart=` component: their threads
 * fault to it through a badged cap to the report endpoint; it revokes the
 * component's untyped (threads, space, every cap it held, every page), checks
 * the budget is whole, and after the back-off builds a fresh instance of the
 * same program into the same root slots with the same caps and regions and
 * starts it, up to the restart limit; then it gives up and leaves it down.
 * Endpoints and other objects are the loader's, so they live on: callers
 * blocked on the dead instance wake PEER_GONE (S6) and may retry. A thread,
 * space or untyped given `sole` to a component loses the loader's cap once
 * its component started, so that component's is its last. At the end the loader prints the TAP plan (the
 * description's, else the results reported) and halts QEMU: status 0 only
 * if nothing failed.
 * Concurrency: the root task's single thread; components run concurrently
 * with it once started.
 */
#include "sysdesc.h"

#include <user/spawn.h>
#include <user/sys.h>
#include <user/ulib.h>

#define STAGE_TIMEOUT_US (120ull * 1000 * 1000)

/* Root CSpace slots the system takes: the sum tools/sysgen.py checks. */
#define ROOT_SLOTS_NEEDED(nobjects, ncomponents, nthreads)                                                   \
	(ROOT_SLOT_FIRST_FREE + SD_ROOT_SLOTS_LOADER + (unsigned long)(nobjects) +                           \
	 (SPAWN_ROOT_SLOTS + SD_ROOT_SLOTS_COMPONENT) * (unsigned long)(ncomponents) +                       \
	 (unsigned long)(nthreads))

static uint32_t obj_slot[KABI_SPACE_SLOTS];
static uintptr_t region_va[SD_MAX_REGIONS];
static struct component comp[KABI_SPACE_SLOTS];
static uint32_t thread_slot[KABI_SPACE_SLOTS]; /* of sd_system.threads[i] */
static uint32_t budget[KABI_SPACE_SLOTS];      /* each component's own untyped */
static unsigned results, failures;

/* The supervisor's record of each restart= component. */
struct supervised {
	unsigned restarts;
	bool down;           /* torn down: a restart is due at due_us, or given up */
	bool given_up;       /* crashed once more after `restart_limit` restarts */
	uint64_t due_us;     /* u_now_us() at which the next instance starts */
	uint64_t built_left; /* its untyped's pages left once built: every instance must match */
	unsigned bad;        /* budget checks failed (not whole after teardown, not equal after rebuild) */
};
static struct supervised sup[KABI_SPACE_SLOTS];
static uint32_t sup_reply; /* the reply object fault messages are received with (never answered) */

static _Noreturn void halt_failed(void)
{
	uprintf("not ok - loader built system %s\n1..%u\n", sd_system.name, results + 1);
	u_debug_halt(2, ROOT_SLOT_UNTYPED);
	for (;;)
		;
}

static _Noreturn void fail(const char *what, const char *name, long err)
{
	uprintf("loader: %s '%s' failed: %ld\n", what, name, err);
	halt_failed();
}

/* A table beyond what the loader holds: sysgen refuses such a description,
 * so this means sysgen and the loader disagree. Reported, never overrun. */
static void limit(const char *what, unsigned long n, unsigned long max)
{
	if (n <= max)
		return;
	uprintf("loader: %s: %lu, more than %lu (tools/sysgen.py and the loader disagree)\n", what, n, max);
	halt_failed();
}

static void check_tables(void)
{
	limit("root CSpace slots needed",
	      ROOT_SLOTS_NEEDED(sd_system.nobjects, sd_system.ncomponents, sd_system.nthreads),
	      KABI_SPACE_SLOTS);
	limit("regions", sd_system.nregions, SD_MAX_REGIONS);
	for (unsigned k = 0; k < sd_system.nthreads; k++)
		limit("thread table: component index", sd_system.threads[k].comp + 1ul,
		      sd_system.ncomponents);
	for (unsigned k = 0; k < sd_system.ncaps; k++) {
		const struct sd_cap *c = &sd_system.caps[k];
		limit("cap table: component index", c->comp + 1ul, sd_system.ncomponents);
		limit("cap table: reference kind", c->ref, SD_REF_UNTYPED);
		if (c->ref == SD_REF_OBJECT)
			limit("cap table: object index", c->object + 1ul, sd_system.nobjects);
		if (c->ref == SD_REF_SPACE || c->ref == SD_REF_THREAD || c->ref == SD_REF_UNTYPED)
			limit("cap table: component index", c->object + 1ul, sd_system.ncomponents);
		limit("cap table: slot", c->slot + 1ul, KABI_SPACE_SLOTS);
	}
	for (unsigned k = 0; k < sd_system.nmaps; k++) {
		const struct sd_map *m = &sd_system.maps[k];
		limit("map table: component index", m->comp + 1ul, sd_system.ncomponents);
		limit("map table: region index", m->region + 1ul, sd_system.nregions);
		limit("map table: pages", sd_system.regions[m->region].pages, KABI_MAP_MAX_PAGES);
	}
}

static void check(long err, const char *what, const char *name)
{
	if (err)
		fail(what, name, err);
}

static void create_objects(uint32_t report)
{
	check(u_retype(ROOT_SLOT_UNTYPED, KOBJ_ENDPOINT, report), "creating", "report endpoint");
	sup_reply = root_alloc_slot();
	check(u_retype(ROOT_SLOT_UNTYPED, KOBJ_REPLY, sup_reply), "creating", "supervisor reply object");
	for (unsigned i = 0; i < sd_system.nobjects; i++) {
		obj_slot[i] = root_alloc_slot();
		check(u_retype(ROOT_SLOT_UNTYPED, sd_system.objects[i].type, obj_slot[i]), "creating",
		      sd_system.objects[i].name);
	}
	uintptr_t va = SD_REGION_ROOT_VA;
	for (unsigned i = 0; i < sd_system.nregions; i++) {
		const struct sd_region *r = &sd_system.regions[i];
		check(u_space_map(ROOT_SLOT_SPACE, va, r->pages, KPERM_R | KPERM_W, ROOT_SLOT_UNTYPED),
		      "allocating region", r->name);
		region_va[i] = va;
		va += (r->pages + 1) * KABI_PAGE_SIZE; /* a guard page between regions */
	}
}

/* The root slot of thread `index` of component `c` (0: its first). */
static uint32_t thread_of(unsigned c, unsigned index)
{
	for (unsigned k = 0; k < sd_system.nthreads && index; k++)
		if (sd_system.threads[k].comp == c && sd_system.threads[k].index == index)
			return thread_slot[k];
	if (index)
		fail("finding a thread of", sd_system.components[c].name, index);
	return comp[c].thread;
}

/* The root slot holding what a cap table entry names. */
static uint32_t cap_source(const struct sd_cap *c)
{
	switch (c->ref) {
	case SD_REF_OBJECT:
		return obj_slot[c->object];
	case SD_REF_SPACE:
		return comp[c->object].space;
	case SD_REF_THREAD:
		return thread_of(c->object, c->thread);
	case SD_REF_UNTYPED:
		return budget[c->object];
	case SD_REF_ROOT_SPACE:
		return ROOT_SLOT_SPACE;
	case SD_REF_ROOT_UNTYPED:
		return ROOT_SLOT_UNTYPED;
	}
	fail("naming a cap source of kind", sd_system.components[c->comp].name, c->ref);
}

static void spawn_all(void)
{
	for (unsigned i = 0; i < sd_system.ncomponents; i++) {
		const struct sd_component *d = &sd_system.components[i];
		budget[i] = root_alloc_slot();
		check(u_untyped_split(ROOT_SLOT_UNTYPED, budget[i], d->budget), "splitting off the budget of",
		      d->name);
		check(spawn_component_from(budget[i], d->program, d->prio, d->fault_slot, &comp[i]),
		      "spawning", d->name);
	}
	for (unsigned k = 0; k < sd_system.nthreads; k++) {
		const struct sd_thread *t = &sd_system.threads[k];
		check(spawn_thread(&comp[t->comp], t->index, t->prio, t->fault_slot, &thread_slot[k]),
		      "adding a thread to", sd_system.components[t->comp].name);
	}
}

static void build_component(unsigned i, uint32_t report)
{
	const struct sd_component *d = &sd_system.components[i];
	if (d->reports)
		check(u_cap_install(comp[i].space, SD_SLOT_REPORT, report, IPC_W, 0), "installing REPORT in",
		      d->name);
	if (d->restart_limit)
		check(u_cap_install(comp[i].space, SD_SLOT_REPORT, report, IPC_W | IPC_G,
		                    SD_SUPERVISED_BADGE(i)),
		      "installing the supervisor cap in", d->name);
	for (unsigned k = 0; k < sd_system.ncaps; k++) {
		const struct sd_cap *c = &sd_system.caps[k];
		if (c->comp == i)
			check(u_cap_install(comp[i].space, c->slot, cap_source(c), c->rights, c->badge),
			      "installing a cap in", d->name);
	}
	for (unsigned k = 0; k < sd_system.nmaps; k++) {
		const struct sd_map *m = &sd_system.maps[k];
		if (m->comp == i)
			check(u_space_share(comp[i].space, m->va, ROOT_SLOT_SPACE, region_va[m->region],
			                    sd_system.regions[m->region].pages, m->perms, budget[i]),
			      "mapping a region into", d->name);
	}
}

/* A thread on the component's core (cpu=), before it starts. A core the
 * kernel did not bring online (QEMU started fewer than the system's
 * cpus=) is said in so many words, and the boot fails. */
static void place(const struct sd_component *d, uint32_t thread)
{
	if (d->cpu == 0) /* every thread starts on the loader's core, 0 */
		return;
	long err = u_thread_set_cpu(thread, d->cpu);
	if (err == KABI_E_NO_CPU) {
		uprintf("loader: %s is placed on core %u, which is not online (the system needs cpus=%u: "
		        "QEMU -smp %u or more)\n",
		        d->name, d->cpu, sd_system.cpus, sd_system.cpus);
		halt_failed();
	}
	check(err, "placing a thread of", d->name);
}

static void start_component(unsigned i)
{
	const struct sd_component *d = &sd_system.components[i];
	place(d, comp[i].thread);
	for (unsigned k = 0; k < sd_system.nthreads; k++)
		if (sd_system.threads[k].comp == i)
			place(d, thread_slot[k]);
	check(spawn_start(&comp[i], d->arg), "starting", d->name);
	for (unsigned k = 0; k < sd_system.nthreads; k++) {
		const struct sd_thread *t = &sd_system.threads[k];
		if (t->comp == i)
			check(spawn_thread_start(&comp[i], t->index, thread_slot[k], t->arg),
			      "starting a thread of", d->name);
	}
}

static uint64_t pages_left(unsigned i)
{
	struct u_untyped_info u = u_untyped_info(budget[i]);
	check(u.err, "reading the budget of", sd_system.components[i].name);
	return u.pages_left;
}

/* Quiet after the first few: a demo restarts a component 1000 times. */
static bool sup_verbose(unsigned restarts)
{
	return restarts < 3 || restarts % 250 == 0;
}

/* Every thread, the space, every cap the instance held and every page go
 * with one revoke of its untyped; the budget must come back whole. */
static void teardown(unsigned i)
{
	const struct sd_component *d = &sd_system.components[i];
	check(u_cap_revoke(budget[i]), "revoking the untyped of", d->name);
	uint64_t left = pages_left(i);
	if (left != d->budget) {
		uprintf("supervisor: %s: %lu of %lu budget pages back after the teardown\n", d->name,
		        (unsigned long)left, (unsigned long)d->budget);
		sup[i].bad++;
	}
	sup[i].down = true;
}

static void rebuild(unsigned i, uint32_t report)
{
	const struct sd_component *d = &sd_system.components[i];
	check(spawn_component_again(&comp[i], d->prio, d->fault_slot), "restarting", d->name);
	for (unsigned k = 0; k < sd_system.nthreads; k++) {
		const struct sd_thread *t = &sd_system.threads[k];
		if (t->comp == i)
			check(spawn_thread_again(&comp[i], t->index, t->prio, t->fault_slot, thread_slot[k]),
			      "adding a thread to", d->name);
	}
	build_component(i, report);
	uint64_t left = pages_left(i);
	if (left != sup[i].built_left) {
		uprintf("supervisor: %s: instance %u leaves %lu budget pages, the first left %lu\n", d->name,
		        sup[i].restarts + 1, (unsigned long)left, (unsigned long)sup[i].built_left);
		sup[i].bad++;
	}
	sup[i].down = false;
	sup[i].restarts++;
	if (sup_verbose(sup[i].restarts - 1))
		uprintf("supervisor: %s: instance %u started\n", d->name, sup[i].restarts + 1);
	start_component(i);
}

/* A fault message from a thread of supervised component i (still blocked in
 * its fault Call on sup_reply; the teardown ends it without an answer). */
static void crashed(unsigned i, const struct u_msg *m, uint32_t report)
{
	const struct sd_component *d = &sd_system.components[i];
	if (sup_verbose(sup[i].restarts))
		uprintf("supervisor: %s crashed (fault %lu at 0x%lx, pc 0x%lx) after %u restarts\n", d->name,
		        (unsigned long)m->label, (unsigned long)u_ipcbuf()->words[KABI_FAULT_WORD_ADDR],
		        (unsigned long)u_ipcbuf()->words[KABI_FAULT_WORD_PC], sup[i].restarts);
	teardown(i);
	if (sup[i].restarts >= d->restart_limit) {
		sup[i].given_up = true;
		uprintf("supervisor: %s crashed again after %u restarts, its limit: given up, left down\n",
		        d->name, sup[i].restarts);
		return;
	}
	sup[i].due_us = u_now_us() + d->backoff_us;
	if (!d->backoff_us)
		rebuild(i, report);
}

/* Restarts whose back-off is over; returns the earliest still pending
 * (UINT64_MAX: none). */
static uint64_t due_restarts(uint32_t report, bool all)
{
	uint64_t next = UINT64_MAX;
	for (unsigned i = 0; i < sd_system.ncomponents; i++) {
		if (!sup[i].down || sup[i].given_up)
			continue;
		if (all || u_now_us() >= sup[i].due_us)
			rebuild(i, report);
		else if (sup[i].due_us < next)
			next = sup[i].due_us;
	}
	return next;
}

/* Wait for one report until `deadline` (u_now_us()), supervising meanwhile. */
static void await_report(uint32_t report, uint64_t deadline)
{
	for (;;) {
		uint64_t now = u_now_us(), next = due_restarts(report, false);
		if (now >= deadline)
			fail("waiting for the reports of a stage", sd_system.name, IPC_E_TIMED_OUT);
		uint64_t until = next < deadline ? next : deadline;
		struct u_msg m = u_recv(report, sup_reply, until > now ? until - now : 1);
		if (m.err == IPC_E_TIMED_OUT)
			continue;
		if (m.err)
			fail("waiting for the reports of stage", "?", m.err);
		uint64_t i = m.badge - 1;
		if (m.badge == 0 && m.kind != IPC_EV_FAULT) {
			failures += (unsigned)m.label;
			results += (unsigned)m.w[0];
			return;
		}
		if (m.kind == IPC_EV_FAULT && i < sd_system.ncomponents &&
		    sd_system.components[i].restart_limit && !sup[i].down)
			crashed((unsigned)i, &m, report);
		else
			uprintf("supervisor: ignored a message (kind %d, badge 0x%lx)\n", (int)m.kind,
			        (unsigned long)m.badge);
	}
}

static void run_stage(unsigned stage, uint32_t report)
{
	unsigned expect = 0;
	uprintf("\nloader: stage %u:", stage);
	for (unsigned i = 0; i < sd_system.ncomponents; i++)
		if (sd_system.components[i].stage == stage)
			uprintf(" %s", sd_system.components[i].name);
	uprintf("\n");
	for (unsigned i = 0; i < sd_system.ncomponents; i++)
		if (sd_system.components[i].stage == stage)
			start_component(i);
	/* Sole caps to a thread, space or untyped: the component holding one
	 * now holds the last. */
	for (unsigned k = 0; k < sd_system.ncaps; k++) {
		const struct sd_cap *c = &sd_system.caps[k];
		if (c->sole && sd_system.components[c->object].stage == stage)
			check(u_cap_delete(cap_source(c)), "dropping the loader's sole cap to",
			      sd_system.components[c->object].name);
	}
	for (unsigned i = 0; i < sd_system.ncomponents; i++)
		if (sd_system.components[i].until == stage)
			expect += sd_system.components[i].reports;
	for (unsigned n = 0; n < expect; n++)
		await_report(report, u_now_us() + STAGE_TIMEOUT_US);
}

/* One TAP result per supervised component: restarts, and whether its
 * budget was whole after every teardown and the same after every rebuild. */
static unsigned supervisor_results(uint32_t report)
{
	unsigned n = 0;
	due_restarts(report, true);
	for (unsigned i = 0; i < sd_system.ncomponents; i++) {
		const struct sd_component *d = &sd_system.components[i];
		if (!d->restart_limit)
			continue;
		n++;
		failures += !tap_ok(
		    sup[i].bad == 0,
		    "supervisor: %s: %u restarts (limit %u)%s; budget whole (%lu pages) after "
		    "every teardown, %lu left after every build",
		    d->name, sup[i].restarts, d->restart_limit, sup[i].given_up ? ", then given up" : "",
		    (unsigned long)d->budget, (unsigned long)sup[i].built_left);
	}
	return n;
}

int main(uintptr_t bootimg)
{
	spawn_init(bootimg);
	uprintf("loader: building system %s: %u components, %u objects, %u regions\n", sd_system.name,
	        sd_system.ncomponents, sd_system.nobjects, sd_system.nregions);
	check_tables();
	uint32_t report = root_alloc_slot();
	create_objects(report);
	spawn_all();
	for (unsigned i = 0; i < sd_system.ncomponents; i++) {
		build_component(i, report);
		sup[i].built_left = pages_left(i);
	}
	/* The slots taken are exactly what sysgen counted (the next free one). */
	uint32_t next = root_alloc_slot();
	if (next != ROOT_SLOTS_NEEDED(sd_system.nobjects, sd_system.ncomponents, sd_system.nthreads))
		fail("counting root slots (sysgen's count, the next free slot) for", sd_system.name, next);
	for (unsigned s = 1; s <= sd_system.stages; s++)
		run_stage(s, report);
	unsigned supervised = supervisor_results(report);
	results += supervised;
	failures += !tap_ok(failures == 0, "loader: system %s ran, every component reported", sd_system.name);
	uprintf("1..%u\n", (sd_system.plan ? sd_system.plan + supervised : results) + 1);
	uprintf("loader: %s, halting\n", failures ? "FAILURES" : "all done");
	u_debug_halt(failures ? 1 : 0, ROOT_SLOT_UNTYPED);
	for (;;)
		;
}
