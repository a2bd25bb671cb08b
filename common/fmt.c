/*
 * The printf-style formatter of the kernel console (kprintf, panic) and of
 * user programs (uprintf, TAP lines): one implementation, compiled into both
 * libraries. It writes only into the caller's buffer, allocates nothing and
 * never faults, so it is safe on every kernel path. Concurrency: reentrant,
 * no shared state.
 */
#include <common/fmt.h>
#include <stdbool.h>
#include <stdint.h>

static size_t put_num(char *buf, size_t pos, size_t n, uint64_t v, unsigned base, int width, char pad,
                      bool neg)
{
	char tmp[24];
	int len = 0;
	do {
		tmp[len++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		tmp[len++] = '-';
	for (int i = len; i < width; i++)
		if (pos < n)
			buf[pos++] = pad;
	while (len--)
		if (pos < n)
			buf[pos++] = tmp[len];
	return pos;
}

int fmt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	size_t pos = 0;
	if (!n)
		return 0;
	n--; /* room for the terminator */
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			if (pos < n)
				buf[pos++] = *fmt;
			continue;
		}
		fmt++;
		char pad = ' ';
		int width = 0, longs = 0;
		if (*fmt == '0')
			pad = '0', fmt++;
		while (*fmt >= '0' && *fmt <= '9') {
			if (width < 1000) /* wider than any buffer; no overflow */
				width = width * 10 + (*fmt - '0');
			fmt++;
		}
		while (*fmt == 'l')
			longs++, fmt++;
		if (*fmt == '\0')
			break; /* a lone '%' at the end: stop at the terminator */
		switch (*fmt) {
		case 'd': {
			int64_t v = longs ? va_arg(ap, long) : va_arg(ap, int);
			pos = put_num(buf, pos, n, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, width, pad, v < 0);
			break;
		}
		case 'u':
		case 'x': {
			uint64_t v = longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			pos = put_num(buf, pos, n, v, *fmt == 'u' ? 10 : 16, width, pad, false);
			break;
		}
		case 'p':
			if (pos + 2 <= n)
				buf[pos++] = '0', buf[pos++] = 'x';
			pos = put_num(buf, pos, n, (uintptr_t)va_arg(ap, void *), 16, width, pad, false);
			break;
		case 'c':
			if (pos < n)
				buf[pos++] = (char)va_arg(ap, int);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				if (pos < n)
					buf[pos++] = *s;
			break;
		}
		case '%':
			if (pos < n)
				buf[pos++] = '%';
			break;
		default:
			if (pos < n)
				buf[pos++] = '?';
			break;
		}
	}
	buf[pos] = 0;
	return (int)pos;
}
