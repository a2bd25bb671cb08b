/*
 * What the kernel needs from a board: console output, the interrupt
 * controller, the tick and an alarm. The kernel owns this interface; a
 * board (platform/<board>/platform.c) implements it by wiring drivers from
 * platform/drivers/, and supplies its constants (addresses, interrupt
 * lines, RAM, PLATFORM_TICK_HZ) in <board.h>. The counter's rate is the
 * architecture's (arch_counter_hz()), not the board's.
 * Concurrency: every platform_* function is called by the kernel with
 * interrupts masked and the kernel lock held (platform_init_cpu() on a
 * starting core before it takes the lock: it touches only that core's own
 * registers).
 */
#ifndef KERNEL_PLATFORM_H
#define KERNEL_PLATFORM_H

#include <stdbool.h>
#include <stdint.h>

#include <board.h>

/* Bring up console, interrupt controller and the periodic tick source. */
void platform_init(void);
/* The calling core's (index `cpu`: every per-core call below names the
 * core it runs on) periodic tick. The tick and the alarm count in units
 * of the architecture's counter, `counter_hz` a second (arch_counter_hz()). */
void platform_start_tick(unsigned cpu, uint64_t counter_hz);
/* Another core: its interrupt-controller interface and its timer's
 * interrupt line (the timer off until platform_start_tick()). */
void platform_init_cpu(void);
/* Console: a waiting put (panics only), a put that never waits (false:
 * FIFO full, nothing sent), and the "FIFO has room" interrupt on or off.
 * Neither put translates '\n'; the kernel's console does. */
void platform_putc(char c);
bool platform_putc_try(char c);
void platform_console_irq(bool on);
/* Monotonic time in counter units (arch_counter_hz() per second). */
uint64_t platform_now(void);

/* What platform_irq() found. */
#define PLATFORM_IRQ_TIMER 1u   /* the timer fired: check deadlines */
#define PLATFORM_IRQ_TICK 2u    /* ... and a periodic tick is due: time slices */
#define PLATFORM_IRQ_CONSOLE 4u /* the console UART has room: drain the buffer */
#define PLATFORM_IRQ_KICK 8u    /* another core asked this one to choose again */

/* Acknowledge and dispatch one pending interrupt of core `cpu` (its timer
 * re-armed); returns PLATFORM_IRQ_* bits, 0 for spurious or other lines. */
unsigned platform_irq(unsigned cpu);
/* Interrupt core `cpu` (PLATFORM_SGI_KICK): it enters the kernel, or
 * leaves wfi, and chooses again. The caller has written what the core is
 * to find under the kernel lock, which the core takes before it looks. */
void platform_kick(unsigned cpu);
/* Also interrupt core `cpu` at counter value `when` (0 = no alarm). */
void platform_set_alarm(unsigned cpu, uint64_t when);
/* Core `cpu`'s periodic tick on (the next one a period from now) or off
 * (while it idles: its alarm still fires). */
void platform_set_tick(unsigned cpu, bool on);

#endif
