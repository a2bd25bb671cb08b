/*
 * User-side helpers: printf through SYS_DEBUG_PUTS, and TAP (the formatter
 * is common/fmt.c; the mem and str functions programs need, being
 * freestanding, are common/string.c).
 * A formatted line goes out in one system call, so lines from different
 * components never interleave; the kernel prints it as "[name] line". While
 * the kernel's console buffer is full (KABI_E_BUSY) it is retried. Concurrency: per program; no locks
 * (components are single-threaded).
 */
#include <user/sys.h>
#include <user/ulib.h>

unsigned tap_failures;

static void puts_retry(const char *s, uint64_t n)
{
	while (u_debug_puts(s, n) == KABI_E_BUSY)
		u_yield();
}

void uprintf(const char *fmt, ...)
{
	char buf[KABI_PUTS_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = fmt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	puts_retry(buf, (uint64_t)n);
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
	pos += (size_t)fmt_vsnprintf(buf + pos, sizeof buf - pos - 1, fmt, ap);
	va_end(ap);
	buf[pos++] = '\n';
	puts_retry(buf, pos);
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
