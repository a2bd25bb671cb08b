/*
 * Helpers shared by the SharedRing tests: exactly-sized heap regions (so
 * AddressSanitizer's redzone sits right after the last slot) and a futex
 * waker, the host stand-in for a kernel notification. Single-threaded setup;
 * the waker callbacks are called from the ring's two threads.
 */
#ifndef RING_TEST_UTIL_H
#define RING_TEST_UTIL_H

#define _GNU_SOURCE
#include <errno.h>
#include <ipc/ring.h>
#include <linux/futex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* Returned by the waker when a sleep outlived its deadline: in these tests
 * that means a lost wake-up, never a legitimate outcome. */
#define RING_TEST_E_TIMEOUT (-1000)

struct futex_ctx {
	_Atomic unsigned long waits; /* wait() calls that reached the kernel */
	_Atomic unsigned long notifies;
	int timeout_s;
};

static inline int futex_wait_cb(void *ctx, _Atomic uint32_t *flag, uint32_t expected)
{
	struct futex_ctx *f = ctx;
	struct timespec ts = {.tv_sec = f && f->timeout_s ? f->timeout_s : 10};
	if (f)
		atomic_fetch_add_explicit(&f->waits, 1, memory_order_relaxed);
	/* Shared (not PRIVATE) futex: also works across processes. */
	long r = syscall(SYS_futex, (uint32_t *)flag, FUTEX_WAIT, expected, &ts, NULL, 0);
	if (r == -1 && errno == ETIMEDOUT)
		return RING_TEST_E_TIMEOUT;
	return 0;
}

static inline void futex_wake_cb(void *ctx, _Atomic uint32_t *flag)
{
	struct futex_ctx *f = ctx;
	if (f)
		atomic_fetch_add_explicit(&f->notifies, 1, memory_order_relaxed);
	syscall(SYS_futex, (uint32_t *)flag, FUTEX_WAKE, 1, NULL, NULL, 0);
}

static inline struct ipc_ring_waker futex_waker(struct futex_ctx *f)
{
	return (struct ipc_ring_waker){.wait = futex_wait_cb, .notify = futex_wake_cb, .ctx = f};
}

/* A 64-byte aligned region of exactly `size` bytes. */
static inline void *ring_region_alloc(size_t size)
{
	void *p = NULL;
	if (posix_memalign(&p, IPC_RING_ALIGN, size) != 0)
		return NULL;
	memset(p, 0xa5, size);
	return p;
}

#endif /* RING_TEST_UTIL_H */
