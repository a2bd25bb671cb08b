/*
 * Console output and panic. kprintf formats into a small stack buffer (with
 * common/fmt.c) and hands bytes to the platform UART; it is used from every
 * kernel path, so it allocates nothing and never faults. Concurrency:
 * interrupts are masked whenever the kernel runs, so a line is never
 * interleaved with another.
 */
#include <common/fmt.h>
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
