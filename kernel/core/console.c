/*
 * Console output and panic. Every byte goes through one ring buffer that is
 * drained into the UART without ever waiting for it (platform_putc_try):
 * after each write, on every kernel exit, and from the UART's "room again"
 * interrupt, which is on only while the buffer holds bytes the UART had no
 * room for. So printing costs the kernel bounded work with interrupts masked
 * (a copy into the buffer), not the time a slow UART takes to send it.
 *
 * Lines are owned. The kernel's own lines ("kernel: ...", "PANIC: ...") are
 * printed as they are. A component's bytes (SYS_DEBUG_PUTS) are printed
 * only inside lines the kernel opens with "[name] " (the thread's name), and
 * every byte that is not printable ASCII becomes "\xNN"; a line another
 * writer left open is ended first. So a line that does not start with '['
 * is the kernel's, and nothing a component prints can look like one (the
 * boot-test runner relies on it: docs/kernel.md, "Isolation").
 *
 * Components may fill the buffer only up to CONSOLE_KERNEL_RESERVE bytes
 * before its end; past that a DebugPuts fails with KABI_E_BUSY and prints
 * nothing. The kernel's own lines use the reserve; should even that be full,
 * the kernel waits for the UART (its lines are short). panic() and halting
 * flush the buffer synchronously.
 *
 * Concurrency: interrupts are masked whenever the kernel runs, so a line is
 * never interleaved with another.
 */
#include <common/fmt.h>
#include <kernel/arch.h>
#include <kernel/kernel.h>
#include <kernel/platform.h>
#include <uapi/kabi.h>

#define CONSOLE_RING 8192u /* power of two */
#define CONSOLE_KERNEL_RESERVE 1024u

/* The longest a DebugPuts can grow: every byte a newline ("\r\n") that
 * opens a new "[name] " line, or a byte escaped as "\xNN". */
_Static_assert(KABI_PUTS_MAX *(KABI_NAME_MAX + 3 + 2) + 2 <= CONSOLE_RING - CONSOLE_KERNEL_RESERVE,
               "a maximal DebugPuts fits the component part of the ring");

static char ring[CONSOLE_RING];
static size_t ring_head, ring_tail; /* free-running; used = head - tail */
static bool irq_on;                 /* the UART's transmit interrupt is unmasked */
static const void *line_owner;      /* writer of the open line; NULL = kernel */
static const char gone_owner;       /* line_owner of a line whose writer was freed */
static bool at_bol = true;          /* nothing of the current line printed yet */

static size_t ring_used(void)
{
	return ring_head - ring_tail;
}

void console_drain(void)
{
	while (ring_tail != ring_head && platform_putc_try(ring[ring_tail % CONSOLE_RING]))
		ring_tail++;
	bool want = ring_tail != ring_head;
	if (want != irq_on) {
		irq_on = want;
		platform_console_irq(want);
	}
}

void console_flush(void)
{
	while (ring_tail != ring_head)
		platform_putc(ring[ring_tail++ % CONSOLE_RING]);
	if (irq_on) {
		irq_on = false;
		platform_console_irq(false);
	}
}

static void push(char c)
{
	while (ring_used() == CONSOLE_RING) /* only the kernel's own lines get here */
		platform_putc(ring[ring_tail++ % CONSOLE_RING]);
	ring[ring_head++ % CONSOLE_RING] = c;
}

static void kernel_putc(char c)
{
	if (line_owner != NULL && !at_bol) {
		push('\r');
		push('\n');
	}
	line_owner = NULL;
	if (c == '\n')
		push('\r');
	push(c);
	at_bol = c == '\n';
}

void kputc(char c)
{
	kernel_putc(c);
	console_drain();
}

void kputs(const char *s)
{
	while (*s)
		kernel_putc(*s++);
	console_drain();
}

/*
 * A component's bytes as they will appear: "[name] " at the start of each of
 * its lines, "\r\n" for '\n', "\xNN" for anything not printable. With
 * `dry`, only count the bytes; else push them. Returns the count.
 */
static size_t user_emit(const void *who, const char *name, const char *s, size_t len, bool dry)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	bool bol = at_bol;
	const void *owner = line_owner;
#define OUT(ch)                                                                                              \
	do {                                                                                                 \
		if (!dry)                                                                                    \
			push(ch);                                                                            \
		n++;                                                                                         \
	} while (0)
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (owner != who && !bol) { /* someone else's open line: end it */
			OUT('\r');
			OUT('\n');
			bol = true;
		}
		if (bol) {
			OUT('[');
			for (const char *p = name; *p; p++)
				OUT(*p);
			OUT(']');
			OUT(' ');
			bol = false;
			owner = who;
		}
		if (c == '\n') {
			OUT('\r');
			OUT('\n');
			bol = true;
		} else if (c >= 0x20 && c < 0x7f) {
			OUT((char)c);
		} else {
			OUT('\\');
			OUT('x');
			OUT(hex[c >> 4]);
			OUT(hex[c & 15]);
		}
	}
#undef OUT
	if (!dry) {
		at_bol = bol;
		line_owner = owner;
	}
	return n;
}

/*
 * `who` is being freed and its storage may soon name a new thread: an open
 * line of its own must not be continued by that thread without a prefix.
 * The line stays open under an owner nobody can be, so whoever writes next
 * ends it first.
 */
void console_forget(const void *who)
{
	if (line_owner == who && who != NULL)
		line_owner = &gone_owner;
}

int console_user_write(const void *who, const char *name, const char *s, size_t len)
{
	size_t need = user_emit(who, name, s, len, true);
	if (ring_used() + need > CONSOLE_RING - CONSOLE_KERNEL_RESERVE) {
		console_drain();
		if (ring_used() + need > CONSOLE_RING - CONSOLE_KERNEL_RESERVE)
			return KABI_E_BUSY; /* nothing printed; try again later */
	}
	user_emit(who, name, s, len, false);
	console_drain();
	return 0;
}

void kprintf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	kputs(buf);
}

_Noreturn void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	kprintf("\nPANIC: %s\n", buf);
	console_flush();
	arch_halt(KERNEL_HALT_PANIC);
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
	uint64_t hz = arch_counter_hz();
	if (us > UINT64_MAX / hz)
		return UINT64_MAX / 2;
	return us * hz / 1000000u;
}
