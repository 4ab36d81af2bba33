#ifndef VCTS_RISCV64_CONSOLE_H
#define VCTS_RISCV64_CONSOLE_H

#include <stdint.h>

/* QEMU virt's ns16550a, used until the device tree names the console. */
#define UART_DEFAULT_BASE	0x10000000u

/* The 16550 at @base; 0: the SBI legacy console instead. */
void console_init(uintptr_t base);

#endif
