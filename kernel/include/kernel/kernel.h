/*
 * Kernel-wide basics: console output, panic and assertions, and small
 * helpers. Concurrency: the kernel runs with interrupts masked and holds
 * the one kernel lock on every core (docs/kernel.md, "The kernel lock"),
 * so nothing here locks.
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include <common/string.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define container_of(p, type, member) ((type *)((char *)(p)-offsetof(type, member)))
#define ROUND_UP(x, a) (((x) + (a)-1) & ~((uintptr_t)(a)-1))

/* The kernel's own console output (console.c: buffered, never waits). */
void kputc(char c);
void kputs(const char *s);
/* A component's bytes, in lines prefixed "[name] " with non-printable bytes
 * escaped; `who` tells writers apart. 0, or KABI_E_BUSY (nothing printed)
 * while the buffer is too full. */
int console_user_write(const void *who, const char *name, const char *s, size_t len);
/* A writer is freed: its open line is ended before anyone else writes. */
void console_forget(const void *who);
/* Send what the UART has room for (never waits); called on kernel exit and
 * from the UART's interrupt. */
void console_drain(void);
/* Send everything, waiting for the UART: before halting. */
void console_flush(void);
/* printf subset of fmt_vsnprintf (<common/fmt.h>): %s %c %d %u %x %lx %lu
 * %ld %p %%, width and '0' flag. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* QEMU's exit status when the kernel ends itself: a panic; an invariant
 * found broken at halt (kernel_check). Success is 0. */
#define KERNEL_HALT_PANIC 3
#define KERNEL_HALT_BROKEN 4

/* Print "PANIC: ..." (the boot-test runner fails on that word) and halt. */
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define kassert(e) ((e) ? (void)0 : panic("assertion failed: %s (%s:%d)", #e, __FILE__, __LINE__))

/* Counter units: the platform's free-running counter. */
uint64_t time_now(void);
uint64_t time_us_to_counter(uint64_t us);

#endif
