/*
 * QEMU virt wiring: one PL011, one GICv2, each core's EL1 virtual timer as
 * its tick; implements the kernel's <kernel/platform.h> with <board.h>'s
 * constants. Driver state lives here as file-scope objects: one of each
 * device the board has one of, and a timer per core (`timers[]`, each
 * touched only by its own core: the CNTV_* registers are banked).
 * Concurrency: the kernel calls in with interrupts masked and the kernel
 * lock held, except on each other core as it starts: platform_init_cpu()
 * and platform_start_tick() touch only that core's banked GIC registers,
 * its own timer and its own timers[] entry.
 */
#include <kernel/platform.h>

#include "../drivers/arm_gtimer.h"
#include "../drivers/gicv2.h"
#include "../drivers/pl011.h"

static struct pl011 uart;
static struct gicv2 gic;
static struct arm_gtimer timers[PLATFORM_MAX_CPUS]; /* each core's own (CNTV_* are per core) */

void platform_init(void)
{
	pl011_init(&uart, PLATFORM_UART_BASE);
	gicv2_init(&gic, PLATFORM_GICD_BASE, PLATFORM_GICC_BASE);
	gicv2_enable_irq(&gic, PLATFORM_UART_IRQ); /* masked in the UART until wanted */
	gicv2_enable_irq(&gic, PLATFORM_SGI_KICK);
}

void platform_init_cpu(void)
{
	gicv2_init_cpu(&gic);
	gicv2_enable_irq(&gic, PLATFORM_SGI_KICK); /* banked, like the PPIs */
	/* This core's timer PPI (banked); the timer off until
	 * platform_start_tick(). */
	gicv2_enable_irq(&gic, PLATFORM_TIMER_IRQ);
	arm_gtimer_off();
}

void platform_start_tick(unsigned cpu, uint64_t counter_hz)
{
	arm_gtimer_init(&timers[cpu], PLATFORM_TIMER_IRQ, PLATFORM_TICK_HZ, counter_hz);
	gicv2_enable_irq(&gic, PLATFORM_TIMER_IRQ);
}

void platform_putc(char c)
{
	pl011_putc(&uart, c);
}

bool platform_putc_try(char c)
{
	return pl011_try_putc(&uart, c);
}

void platform_console_irq(bool on)
{
	pl011_tx_irq(&uart, on);
}

uint64_t platform_now(void)
{
	return arm_gtimer_now();
}

unsigned platform_irq(unsigned cpu)
{
	unsigned iar = gicv2_ack(&gic), irq = GICV2_IRQ_ID(iar);
	if (irq >= GIC_SPURIOUS)
		return 0;
	unsigned what = 0;
	if (irq == PLATFORM_TIMER_IRQ)
		what = PLATFORM_IRQ_TIMER | (arm_gtimer_ack(&timers[cpu]) ? PLATFORM_IRQ_TICK : 0);
	else if (irq == PLATFORM_UART_IRQ)
		what = PLATFORM_IRQ_CONSOLE; /* the kernel drains or masks it */
	else if (irq == PLATFORM_SGI_KICK)
		what = PLATFORM_IRQ_KICK; /* nothing to do: kernel_exit() chooses again */
	/* EOI after re-arming: the line is level, and re-arming lowers it.
	 * An SGI's EOI names its sender too: the whole IAR value. */
	gicv2_eoi(&gic, iar);
	return what;
}

/* The kick (the caller holds the kernel lock). virt's CPU interface i is
 * core i. No barrier: the core reads nothing the kick carries; it takes
 * the kernel lock before it looks at its run queue (its load-acquire reads
 * our release, docs/kernel.md "The kernel lock"), so however early the SGI
 * lands, the core finds every store of this kernel entry. */
void platform_kick(unsigned cpu)
{
	gicv2_send_sgi(&gic, PLATFORM_SGI_KICK, 1u << cpu);
}

void platform_set_alarm(unsigned cpu, uint64_t when)
{
	arm_gtimer_set_alarm(&timers[cpu], when);
}

void platform_set_tick(unsigned cpu, bool on)
{
	arm_gtimer_set_tick(&timers[cpu], on);
}
