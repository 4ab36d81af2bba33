/*
 * The console: a 16550-compatible UART (QEMU virt's "ns16550a", byte
 * registers, reg-shift 0), polled, no interrupts; register offsets and
 * bits from the National Semiconductor PC16550D data sheet, table II.
 * QEMU's UART needs no baud rate. Where the device tree names no such
 * UART, the SBI legacy console (SBI spec 5.2 and 5.3) stands in.
 */
#include "arch/arch.h"
#include "console.h"
#include "sbi.h"

#define UART_RBR		0	/* receive buffer (read) */
#define UART_THR		0	/* transmit holding (write) */
#define UART_IER		1
#define UART_FCR		2
#define UART_LCR		3
#define UART_MCR		4
#define UART_LSR		5
#define LSR_DATA_READY		(1u << 0)
#define LSR_THR_EMPTY		(1u << 5)
#define LCR_8N1			0x03
#define FCR_ENABLE_CLEAR	0x07
#define MCR_DTR_RTS		0x03
/* A transmitter that never drains must not stop the kernel. */
#define TX_SPIN_LIMIT		100000

static uintptr_t uart = UART_DEFAULT_BASE;

void console_init(uintptr_t base)
{
	uart = base;
	if (!uart)
		return;
	mmio_write8(uart + UART_IER, 0);
	mmio_write8(uart + UART_LCR, LCR_8N1);
	mmio_write8(uart + UART_FCR, FCR_ENABLE_CLEAR);
	mmio_write8(uart + UART_MCR, MCR_DTR_RTS);
}

void arch_console_putc(char c)
{
	if (!uart) {
		sbi_legacy_call(SBI_LEGACY_CONSOLE_PUTCHAR, (unsigned char)c);
		return;
	}
	for (int spins = 0; spins < TX_SPIN_LIMIT; spins++) {
		if (mmio_read8(uart + UART_LSR) & LSR_THR_EMPTY)
			break;
		cpu_relax();
	}
	mmio_write8(uart + UART_THR, (uint8_t)c);
}

static int poll_input(void)
{
	long c;

	if (uart)
		return (mmio_read8(uart + UART_LSR) & LSR_DATA_READY) ?
		       mmio_read8(uart + UART_RBR) : -1;
	c = sbi_legacy_call(SBI_LEGACY_CONSOLE_GETCHAR, 0);
	return c < 0 ? -1 : (int)(c & 0xff);
}

int arch_console_getc(uint32_t timeout_ms)
{
	uint64_t deadline = arch_time_us() + (uint64_t)timeout_ms * 1000;

	do {
		int c = poll_input();

		if (c >= 0)
			return c;
		cpu_relax();
	} while (arch_time_us() < deadline);
	return -1;
}
