/*
 * QEMU `virt` board (qemu-system-aarch64 -M virt, QEMU 7.2): the addresses,
 * interrupt lines and rates the kernel and this board's wiring
 * (platform.c) use. Constants only: the interface a board implements is the
 * kernel's <kernel/platform.h>, which includes this file (the build puts
 * the board's folder on the include path).
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
 *   INTID 0:  SGI 0, the reschedule kick between cores.
 *
 * Kernel virtual layout (see kernel/arch/aarch64/mmu.c): RAM and devices are
 * identity-mapped (VA == PA) for EL1 only; user space lives at
 * 0x8000_0000 and above, in the same TTBR0 table, tagged by ASID.
 */
#ifndef BOARD_QEMU_VIRT_H
#define BOARD_QEMU_VIRT_H

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
/* SGI 0 (GICv2 software-generated interrupt): "choose again", sent to a
 * core whose run queue gained a thread that outranks what it runs. */
#define PLATFORM_SGI_KICK 0u
/* Cores the kernel can run on (QEMU -smp N: N of them start, N <= this),
 * and core i's MPIDR affinity for PSCI CPU_ON (virt: clusters of 8). */
#define PLATFORM_MAX_CPUS 4
#define PLATFORM_CPU_MPIDR(i) (((i) % 8u) | ((i) / 8u) << 8)

#endif
