/*
 * The printf-style formatter the kernel console (kprintf, panic) and user
 * programs (uprintf, TAP) both format with (common/fmt.c). Freestanding:
 * it writes into the caller's buffer and never outputs anything itself.
 * Concurrency: reentrant, no shared state.
 */
#ifndef COMMON_FMT_H
#define COMMON_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Format into buf (n bytes, always NUL-terminated when n > 0; output beyond
 * it is dropped) and return the number of characters stored. A printf
 * subset: %s %c %d %u %x %p %%, the 'l' length modifier, a width and the
 * '0' flag. %p prints "0x" and the hex value; a NULL %s prints "(null)";
 * an unknown conversion prints '?'.
 */
int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);

#endif
