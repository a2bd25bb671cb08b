/*
 * The kernel's IPC trace, built only with -Dtrace=true (KERNEL_TRACE; the
 * kernel then links libipc built with IPC_TRACE). libipc reports every IPC
 * event through ipc_hook_trace(); the scheduler reports context switches.
 * Each event is stamped with the instructions retired so far (PMU event
 * counter 0, exact under QEMU -icount) and its threads and objects are
 * rewritten to small numbers: thread = tcb id + 1 (0 is "none"; the root
 * task's thread is id 0), object = type << 12 | n.
 * The first KTRACE_EVENTS events are kept, later ones counted as dropped.
 * ktrace_dump() writes names and every event so far as a trace file
 * (<ipc/trace.h>) through semihosting, replacing the last one. Concurrency: one CPU, interrupts masked.
 */
#include <ipc/trace.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/object.h>
#include <kernel/trace.h>
#include <uapi/kabi.h>

#define KTRACE_EVENTS 8192 /* 512 KiB: the whole demo */
#define KTRACE_OBJS 256    /* objects named at once */
#define KTRACE_THREADS 64  /* threads whose names are kept */

static struct ipc_trace_event events[KTRACE_EVENTS];
static unsigned nevents;
static uint64_t dropped;
static const void *objs[KTRACE_OBJS]; /* object number n - 1 */
static const struct tcb *running;     /* last thread switched to */
static struct {
	unsigned space;
	char name[IPC_TRACE_NAME_MAX];
} names[KTRACE_THREADS]; /* by thread id */

static void put(const struct ipc_trace_event *e)
{
	if (nevents < KTRACE_EVENTS)
		events[nevents++] = *e;
	else
		dropped++;
}

static uint64_t thread_no(uint64_t addr)
{
	return addr ? tcb_of((struct ipc_thread *)(uintptr_t)addr)->id + 1u : 0;
}

/* type << 12 | n, n from 1, a free number for an object seen first. */
static uint64_t object_no(uint64_t addr, bool destroyed)
{
	const struct ipc_object *o = (const struct ipc_object *)(uintptr_t)addr;
	unsigned i, free = KTRACE_OBJS;

	if (!o)
		return 0;
	for (i = 0; i < KTRACE_OBJS && objs[i] != o; i++)
		if (!objs[i] && free == KTRACE_OBJS)
			free = i;
	if (i == KTRACE_OBJS && free == KTRACE_OBJS)
		return IPC_TRACE_OBJ_ID(o->type, 0); /* table full: type only */
	if (i == KTRACE_OBJS)
		objs[i = free] = o;
	if (destroyed)
		objs[i] = NULL; /* its storage may hold a new object next */
	return IPC_TRACE_OBJ_ID(o->type, i + 1);
}

void ipc_hook_trace(const struct ipc_trace_event *ev)
{
	struct ipc_trace_event e = *ev;

	e.time = arch_pmu_insns();
	e.src = thread_no(e.src);
	e.dst = thread_no(e.dst);
	e.obj = object_no(e.obj, e.kind == IPC_TR_DESTROY);
	put(&e);
}

void ktrace_switch(const struct tcb *next)
{
	struct ipc_trace_event e = {.kind = IPC_TR_SWITCH};

	if (next == running)
		return;
	e.time = arch_pmu_insns();
	e.src = running ? running->id + 1u : 0;
	e.dst = next->id + 1u;
	running = next;
	put(&e);
	/* Names are set before a thread first runs (SYS_THREAD_SET_NAME). */
	if (next->id < KTRACE_THREADS) {
		char *to = names[next->id].name;
		names[next->id].space = next->space->id;
		for (unsigned i = 0; i < IPC_TRACE_NAME_MAX - 1 && i <= KABI_NAME_MAX; i++)
			to[i] = next->name[i];
	}
}

static void name_event(struct ipc_trace_event *e, uint32_t kind, uint64_t src, uint64_t dst, const char *name)
{
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->src = src;
	e->dst = dst;
	/* obj, label and badge hold the name (<ipc/trace.h>). */
	memcpy((char *)e + offsetof(struct ipc_trace_event, obj), name, IPC_TRACE_NAME_MAX);
}

/* A component is an address space, named after its first thread. */
static bool space_named_before(unsigned id)
{
	for (unsigned i = 0; i < id; i++)
		if (names[i].name[0] && names[i].space == names[id].space)
			return true;
	return false;
}

void ktrace_dump(void)
{
	struct ipc_trace_header h = {.version = IPC_TRACE_VERSION,
	                             .event_size = sizeof(struct ipc_trace_event),
	                             .clock = IPC_TRACE_CLOCK_INSNS,
	                             .dropped = dropped};
	struct ipc_trace_event e[2];
	unsigned nnames = 0;
	long fd;

	for (unsigned i = 0; i < KTRACE_THREADS; i++)
		if (names[i].name[0])
			nnames += space_named_before(i) ? 1 : 2;
	memcpy(h.magic, IPC_TRACE_MAGIC, sizeof(h.magic));
	h.count = nnames + nevents;
	fd = arch_semihost_open(KTRACE_FILE);
	if (fd < 0) {
		kprintf("kernel: trace: cannot open %s\n", KTRACE_FILE);
		return;
	}
	arch_semihost_write(fd, &h, sizeof(h));
	for (unsigned i = 0; i < KTRACE_THREADS; i++) {
		if (!names[i].name[0])
			continue;
		name_event(&e[0], IPC_TR_NAME_THREAD, i + 1u, names[i].space, names[i].name);
		name_event(&e[1], IPC_TR_NAME_COMP, names[i].space, 0, names[i].name);
		arch_semihost_write(fd, e, sizeof(e[0]) * (space_named_before(i) ? 1 : 2));
	}
	arch_semihost_write(fd, events, sizeof(events[0]) * nevents);
	arch_semihost_close(fd);
	kprintf("kernel: trace: %u events (%lu dropped) written to %s\n", nevents, (unsigned long)dropped,
	        KTRACE_FILE);
}
