/*
 * QEMU `virt` board (qemu-system-aarch64 -M virt, QEMU 7.2): the addresses
 * and interrupt lines the kernel uses, and the platform_* interface the
 * kernel core calls. This header only wires drivers from platform/drivers/;
 * it holds no logic. Concurrency: every platform_* function is called by the
 * kernel with interrupts masked on the one CPU it runs on.
 *
 * Memory map (from QEMU hw/arm/virt.c, base_memmap[]; the parts we use *):
 *
 *   0x0000_0000 .. 0x0800_0000   flash (unused)
 *   0x0800_0000 .. 0x0801_0000 * GICv2 distributor
 *   0x0801_0000 .. 0x0802_0000 * GICv2 CPU interface
 *   0x0900_0000 .. 0x0900_1000 * PL011 UART0, SPI 1 (INTID 33): transmit room
 *   0x0901_0000 .. 0x0901_1000   PL031 RTC
 *   0x0a00_0000 .. 0x0a00_4000   virtio-mmio transports
 *   0x4000_0000 ..             * RAM (-m, we assume >= 128 MiB):
 *     0x4000_0000                device tree blob placed by QEMU (unused)
 *     0x4008_0000                kernel ELF load address (entry = _start)
 *     _end .. RAM end            page pool for kernel objects and frames
 *
 *   INTID 27: EL1 virtual timer (PPI 11), our periodic tick.
 *
 * Kernel virtual layout (see kernel/arch/aarch64/mmu.c): RAM and devices are
 * identity-mapped (VA == PA) for EL1 only; user space lives at
 * 0x8000_0000 and above, in the same TTBR0 table, tagged by ASID.
 */
#ifndef PLATFORM_QEMU_VIRT_H
#define PLATFORM_QEMU_VIRT_H

#include <stdbool.h>
#include <stdint.h>

#define PLATFORM_GICD_BASE 0x08000000ul
#define PLATFORM_GICC_BASE 0x08010000ul
#define PLATFORM_UART_BASE 0x09000000ul
#define PLATFORM_DEV_BASE 0x08000000ul /* device window mapped by the MMU */
#define PLATFORM_DEV_SIZE 0x02000000ul
#define PLATFORM_RAM_BASE 0x40000000ul
#define PLATFORM_RAM_SIZE 0x08000000ul /* 128 MiB, the runner passes -m 128M */
#define PLATFORM_TIMER_IRQ 27u
#define PLATFORM_UART_IRQ 33u
#define PLATFORM_TICK_HZ 100u

/* Bring up console, interrupt controller and the periodic tick source. */
void platform_init(void);
void platform_start_tick(void);
/* Console: a waiting put (panics only), a put that never waits (false:
 * FIFO full, nothing sent), and the "FIFO has room" interrupt on or off.
 * Neither put translates '\n'; the kernel's console does. */
void platform_putc(char c);
bool platform_putc_try(char c);
void platform_console_irq(bool on);
/* Monotonic time in platform counter units, and their rate. */
uint64_t platform_now(void);
uint64_t platform_counter_hz(void);

/* What platform_irq() found. */
#define PLATFORM_IRQ_TIMER 1u   /* the timer fired: check deadlines */
#define PLATFORM_IRQ_TICK 2u    /* ... and a periodic tick is due: time slices */
#define PLATFORM_IRQ_CONSOLE 4u /* the console UART has room: drain the buffer */

/* Acknowledge and dispatch one pending interrupt (timer re-armed);
 * returns PLATFORM_IRQ_* bits, 0 for spurious or other lines. */
unsigned platform_irq(void);
/* Also interrupt at counter value `when` (0 = no alarm). */
void platform_set_alarm(uint64_t when);

#endif
