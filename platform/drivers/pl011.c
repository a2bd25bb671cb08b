/*
 * PL011 UART: polled output. QEMU's model needs no baud-rate set-up, but we
 * still enable the transmitter so the driver works on a UART that firmware
 * left disabled. Concurrency: callers serialise (interrupts masked, one CPU).
 */
#include "pl011.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_CR 0x30
#define UART_IMSC 0x38

#define FR_TXFF (1u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)

static inline void wr(struct pl011 *u, uintptr_t off, uint32_t v)
{
	*(volatile uint32_t *)(u->base + off) = v;
}

static inline uint32_t rd(struct pl011 *u, uintptr_t off)
{
	return *(volatile uint32_t *)(u->base + off);
}

void pl011_init(struct pl011 *u, uintptr_t base)
{
	u->base = base;
	wr(u, UART_IMSC, 0); /* polled: no UART interrupts */
	wr(u, UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

void pl011_putc(struct pl011 *u, char c)
{
	while (rd(u, UART_FR) & FR_TXFF)
		;
	wr(u, UART_DR, (uint32_t)(unsigned char)c);
}
