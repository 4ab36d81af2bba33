#ifndef VCTS_AARCH64_CONSOLE_H
#define VCTS_AARCH64_CONSOLE_H

#include <stdint.h>

/* QEMU virt's UART, used until the device tree names the console. */
#define PL011_DEFAULT_BASE	0x09000000u

void console_init(uintptr_t base);

#endif
