/*
 * PL011 UART driver: polled transmit only, which is all a kernel console
 * needs. The driver keeps no state besides the base address its caller owns,
 * so any number of UARTs can be driven. Concurrency: not reentrant; the
 * kernel calls it with interrupts masked on one CPU.
 */
#ifndef PLATFORM_PL011_H
#define PLATFORM_PL011_H

#include <stdint.h>

struct pl011 {
	uintptr_t base;
};

void pl011_init(struct pl011 *u, uintptr_t base);
void pl011_putc(struct pl011 *u, char c);

#endif
