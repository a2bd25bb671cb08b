/*
 * The hooks and check counting every host benchmark of libipc shares
 * (bench_host.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include <ipc/ipc.h>

#include "bench_host.h"

static int failures;

void ipc_hook_thread_blocked(struct ipc_thread *t)
{
	(void)t;
}
void ipc_hook_thread_runnable(struct ipc_thread *t)
{
	(void)t;
}
void ipc_hook_object_unreferenced(struct ipc_object *o)
{
	(void)o;
}
void ipc_hook_assert_failed(const char *file, int line, const char *expr)
{
	fprintf(stderr, "%s: libipc assertion %s:%d: %s\n", bench_name, file, line, expr);
	abort();
}

void bench_expect(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "%s: %s\n", bench_name, what);
		failures++;
	}
}

int bench_finish(void)
{
	if (failures != 0)
		fprintf(stderr, "%s: %d checks failed\n", bench_name, failures);
	return failures != 0;
}
