/*
 * The console: an ARM PrimeCell UART PL011 (ARM DDI 0183G, "PrimeCell
 * UART (PL011) Technical Reference Manual", 3.3 register summary),
 * polled, FIFOs on, no interrupts. QEMU's PL011 needs no baud rate.
 */
#include "arch/arch.h"
#include "console.h"

#define UART_DR			0x00
#define UART_FR			0x18
#define UART_LCR_H		0x2c
#define UART_CR			0x30
#define UART_IMSC		0x38
#define UART_ICR		0x44
#define FR_RXFE			(1u << 4)
#define FR_TXFF			(1u << 5)
#define LCR_H_FEN		(1u << 4)
#define LCR_H_WLEN_8		(3u << 5)
#define CR_UARTEN		(1u << 0)
#define CR_TXE			(1u << 8)
#define CR_RXE			(1u << 9)
/* A transmitter that never drains must not stop the kernel. */
#define TX_SPIN_LIMIT		100000

static uintptr_t uart = PL011_DEFAULT_BASE;

/* DDI 0183G 3.3.8: disable, program the line, enable. */
void console_init(uintptr_t base)
{
	uart = base;
	mmio_write32(uart + UART_CR, 0);
	mmio_write32(uart + UART_IMSC, 0);
	mmio_write32(uart + UART_ICR, 0x7ff);
	mmio_write32(uart + UART_LCR_H, LCR_H_WLEN_8 | LCR_H_FEN);
	mmio_write32(uart + UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
}

void arch_console_putc(char c)
{
	for (int spins = 0; spins < TX_SPIN_LIMIT; spins++) {
		if (!(mmio_read32(uart + UART_FR) & FR_TXFF))
			break;
		cpu_relax();
	}
	mmio_write32(uart + UART_DR, (uint8_t)c);
}

int arch_console_getc(uint32_t timeout_ms)
{
	uint64_t deadline = arch_time_us() + (uint64_t)timeout_ms * 1000;

	do {
		if (!(mmio_read32(uart + UART_FR) & FR_RXFE))
			return (int)(mmio_read32(uart + UART_DR) & 0xff);
		cpu_relax();
	} while (arch_time_us() < deadline);
	return -1;
}
