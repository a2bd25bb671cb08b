/*
 * User-side helpers: printf through SYS_DEBUG_PUTS, and TAP (the mem and
 * str functions programs need, being freestanding, are common/string.c).
 * A formatted line goes out in one system call, so lines from different
 * components never interleave. Concurrency: per
 * program; no locks (components are single-threaded).
 */
#include <user/sys.h>
#include <user/ulib.h>

unsigned tap_failures;

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

int uvsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	size_t pos = 0;
	if (!n)
		return 0;
	n--;
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
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l')
			longs++, fmt++;
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
			pos = put_num(buf, pos, n, (uintptr_t)va_arg(ap, void *), 16, width, pad, false);
			break;
		case 'c':
			if (pos < n)
				buf[pos++] = (char)va_arg(ap, int);
			break;
		case 's':
			for (const char *s = va_arg(ap, const char *); s && *s; s++)
				if (pos < n)
					buf[pos++] = *s;
			break;
		default:
			if (pos < n)
				buf[pos++] = *fmt;
			break;
		}
	}
	buf[pos] = 0;
	return (int)pos;
}

void uprintf(const char *fmt, ...)
{
	char buf[KABI_PUTS_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = uvsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	u_debug_puts(buf, (uint64_t)n);
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	char buf[KABI_PUTS_MAX];
	size_t pos = 0;
	const char *pre = cond ? "ok - " : "not ok - ";
	while (*pre)
		buf[pos++] = *pre++;
	va_list ap;
	va_start(ap, fmt);
	pos += (size_t)uvsnprintf(buf + pos, sizeof buf - pos - 1, fmt, ap);
	va_end(ap);
	buf[pos++] = '\n';
	u_debug_puts(buf, pos);
	if (!cond)
		tap_failures++;
	return cond;
}

int main(uintptr_t arg);

/* First C code of every thread started at _start: no receive slots named
 * yet (the fresh IPC buffer page is zero, which would name slot 0). */
int u_start(uintptr_t arg)
{
	struct ipc_buffer *b = u_ipcbuf();
	for (unsigned i = 0; i < IPC_MSG_MAX_CAPS; i++)
		b->recv_slots[i] = IPC_SLOT_NONE;
	return main(arg);
}
