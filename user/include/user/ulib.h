/*
 * A tiny C library for user programs: formatted console output through the
 * kernel's debug channel, string helpers, and TAP helpers for boot tests.
 * Concurrency: per-thread use only (the TAP counters are per program).
 */
#ifndef USER_ULIB_H
#define USER_ULIB_H

#include <common/fmt.h>    /* fmt_vsnprintf */
#include <common/string.h> /* memcpy, memset, memmove, memcmp, strlen, strcmp */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* printf subset of fmt_vsnprintf (%s %c %d %u %x %lx %lu %ld %p %%), one
 * debug_puts per call. */
void uprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* TAP: "ok - <desc>" / "not ok - <desc>"; numbers are left to the reader
 * so several components can report into one plan. */
extern unsigned tap_failures;
bool tap_ok(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
