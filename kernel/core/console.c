/*
 * Console output and panic. kprintf formats into a small stack buffer and
 * hands bytes to the platform UART; it is used from every kernel path, so
 * it allocates nothing and never faults. Concurrency: interrupts are masked
 * whenever the kernel runs, so a line is never interleaved with another.
 */
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <platform.h>

void kputc(char c)
{
	platform_putc(c);
}

void kputs(const char *s)
{
	while (*s)
		kputc(*s++);
}

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
	while (len)
		if (pos < n)
			buf[pos++] = tmp[--len];
		else
			len--;
	return pos;
}

int kvsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
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

void kprintf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	kputs(buf);
}

_Noreturn void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	kprintf("\nPANIC: %s\n", buf);
	arch_halt(3);
}

_Noreturn void kernel_panic_trap(const char *what, uint64_t syndrome, uintptr_t pc, uintptr_t addr)
{
	panic("%s: syndrome %lx pc %lx addr %lx", what, (unsigned long)syndrome, (unsigned long)pc,
	      (unsigned long)addr);
}

uint64_t time_now(void)
{
	return platform_now();
}

uint64_t time_us_to_counter(uint64_t us)
{
	uint64_t hz = platform_counter_hz();
	if (us > UINT64_MAX / hz)
		return UINT64_MAX / 2;
	return us * hz / 1000000u;
}
