/* COM1, polled: console output and the harness's answers. */
#include "arch/arch.h"
#include "serial.h"

#define COM1			0x3f8
#define UART_DATA		0
#define UART_INTERRUPT_ENABLE	1
#define UART_FIFO_CONTROL	2
#define UART_LINE_CONTROL	3
#define UART_MODEM_CONTROL	4
#define UART_LINE_STATUS	5
#define LSR_DATA_READY		0x01
#define LSR_TX_EMPTY		0x20
/* A transmitter that never drains must not stop the kernel. */
#define TX_SPIN_LIMIT		100000

void serial_init(void)
{
	outb(COM1 + UART_INTERRUPT_ENABLE, 0x00);
	outb(COM1 + UART_LINE_CONTROL, 0x80);	/* divisor latch */
	outb(COM1 + UART_DATA, 0x01);		/* 115200 baud */
	outb(COM1 + UART_INTERRUPT_ENABLE, 0x00);
	outb(COM1 + UART_LINE_CONTROL, 0x03);	/* 8N1 */
	outb(COM1 + UART_FIFO_CONTROL, 0xc7);
	outb(COM1 + UART_MODEM_CONTROL, 0x03);	/* DTR, RTS; no IRQ */
}

void arch_console_putc(char c)
{
	for (int spins = 0; spins < TX_SPIN_LIMIT; spins++) {
		if (inb(COM1 + UART_LINE_STATUS) & LSR_TX_EMPTY)
			break;
		cpu_relax();
	}
	outb(COM1 + UART_DATA, (uint8_t)c);
}

int arch_console_getc(uint32_t timeout_ms)
{
	uint64_t deadline = arch_time_us() + (uint64_t)timeout_ms * 1000;

	do {
		if (inb(COM1 + UART_LINE_STATUS) & LSR_DATA_READY)
			return inb(COM1 + UART_DATA);
		cpu_relax();
	} while (arch_time_us() < deadline);
	return -1;
}
