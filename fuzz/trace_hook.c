/*
 * The trace hook for replaying fuzz inputs with libipc's trace points
 * (trace_ops, trace_transfer: the replay programs over libipc built with
 * IPC_TRACE). Every event goes straight to $IPC_TRACE_FILE with write(2), so
 * an input that makes the lock-step check abort still leaves every event up
 * to the failing operation; the header's count is "to the end of the file"
 * (<ipc/trace.h>). Threads and objects are numbered as first seen (thread
 * n is named t<n>); time is the event's number. Single-threaded.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <ipc/ipc.h>
#include <ipc/trace.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SEEN_MAX 256

static int fd = -1;
static uint64_t nevents;
static const void *threads[SEEN_MAX], *objs[SEEN_MAX];

static void put(const struct ipc_trace_event *e)
{
	if (write(fd, e, sizeof(*e)) != (ssize_t)sizeof(*e))
		fd = -1; /* stop tracing, keep fuzzing */
}

static void start(void)
{
	const char *path = getenv("IPC_TRACE_FILE");
	struct ipc_trace_header h = {.version = IPC_TRACE_VERSION,
	                             .event_size = sizeof(struct ipc_trace_event),
	                             .count = IPC_TRACE_COUNT_TO_END,
	                             .clock = IPC_TRACE_CLOCK_SEQ};
	struct ipc_trace_event e = {.kind = IPC_TR_NAME_COMP, .src = 1};

	fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
	if (fd < 0)
		return;
	memcpy(h.magic, IPC_TRACE_MAGIC, sizeof(h.magic));
	if (write(fd, &h, sizeof(h)) != (ssize_t)sizeof(h))
		fd = -1;
	memcpy((char *)&e + offsetof(struct ipc_trace_event, obj), "fuzz", 5);
	put(&e);
}

static uint64_t thread_no(uint64_t addr)
{
	unsigned i;

	if (addr == 0)
		return 0;
	for (i = 0; i < SEEN_MAX && threads[i] && threads[i] != (const void *)(uintptr_t)addr; i++)
		;
	if (i == SEEN_MAX)
		return SEEN_MAX + 1;
	if (!threads[i]) {
		struct ipc_trace_event e = {.kind = IPC_TR_NAME_THREAD, .src = i + 1, .dst = 1};
		char name[IPC_TRACE_NAME_MAX];
		threads[i] = (const void *)(uintptr_t)addr;
		snprintf(name, sizeof(name), "t%u", i + 1);
		memcpy((char *)&e + offsetof(struct ipc_trace_event, obj), name, strlen(name) + 1);
		put(&e);
	}
	return i + 1;
}

static uint64_t object_no(uint64_t addr)
{
	const struct ipc_object *o = (const struct ipc_object *)(uintptr_t)addr;
	unsigned i;

	if (o == NULL)
		return 0;
	for (i = 0; i < SEEN_MAX && objs[i] && objs[i] != o; i++)
		;
	if (i == SEEN_MAX)
		return IPC_TRACE_OBJ_ID(o->type, 0);
	objs[i] = o;
	return IPC_TRACE_OBJ_ID(o->type, i + 1);
}

void ipc_hook_trace(const struct ipc_trace_event *ev)
{
	struct ipc_trace_event e = *ev;

	if (nevents == 0)
		start();
	if (fd < 0)
		return;
	e.time = nevents++;
	e.src = thread_no(e.src);
	e.dst = thread_no(e.dst);
	e.obj = object_no(e.obj);
	put(&e);
}
