/*
 * PL011 UART: transmit only, with the FIFO on. pl011_try_putc() never waits
 * (it reports a full FIFO), so the kernel can drain its console buffer with
 * bounded work per entry; the transmit interrupt (pl011_tx_irq) tells it
 * when the FIFO has room again. pl011_putc() waits, for the panic path only.
 * QEMU's model needs no baud-rate set-up, but we still enable the
 * transmitter so the driver works on a UART that firmware left disabled.
 * Concurrency: callers serialise (interrupts masked, one CPU).
 */
#include "pl011.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_LCR_H 0x2c
#define UART_CR 0x30
#define UART_IFLS 0x34
#define UART_IMSC 0x38
#define UART_ICR 0x44

#define FR_TXFF (1u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)
#define LCR_H_FEN (1u << 4)   /* FIFOs on (32 entries on a real PL011) */
#define LCR_H_WLEN8 (3u << 5) /* 8 data bits */
#define IFLS_TX_EIGHTH 0u     /* transmit interrupt at <= 1/8 full */
#define INT_TX (1u << 5)

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
	wr(u, UART_CR, 0);   /* line control may change only while disabled */
	wr(u, UART_IMSC, 0); /* no interrupt until pl011_tx_irq(u, true) */
	wr(u, UART_LCR_H, LCR_H_FEN | LCR_H_WLEN8);
	wr(u, UART_IFLS, IFLS_TX_EIGHTH);
	wr(u, UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

bool pl011_try_putc(struct pl011 *u, char c)
{
	if (rd(u, UART_FR) & FR_TXFF)
		return false;
	wr(u, UART_DR, (uint32_t)(unsigned char)c);
	return true;
}

void pl011_tx_irq(struct pl011 *u, bool on)
{
	if (!on)
		wr(u, UART_ICR, INT_TX);
	wr(u, UART_IMSC, on ? INT_TX : 0);
}

void pl011_putc(struct pl011 *u, char c)
{
	while (rd(u, UART_FR) & FR_TXFF)
		;
	wr(u, UART_DR, (uint32_t)(unsigned char)c);
}
