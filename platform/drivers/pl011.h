/*
 * PL011 UART driver: transmit only, which is all a kernel console needs:
 * a non-blocking put with a transmit interrupt, and a polled put for panics. The driver keeps no state
 * besides the base address its caller owns, so any number of UARTs can be driven. Concurrency: not reentrant;
 * the kernel calls it with interrupts masked on one CPU.
 */
#ifndef PLATFORM_PL011_H
#define PLATFORM_PL011_H

#include <stdbool.h>
#include <stdint.h>

struct pl011 {
	uintptr_t base;
};

void pl011_init(struct pl011 *u, uintptr_t base);
/* Wait for room in the FIFO, then send c (the panic path). */
void pl011_putc(struct pl011 *u, char c);
/* Send c if the FIFO has room; false (nothing sent) if it is full. */
bool pl011_try_putc(struct pl011 *u, char c);
/* Interrupt when the transmit FIFO drains to 1/8 full (on) or never (off). */
void pl011_tx_irq(struct pl011 *u, bool on);

#endif
