/* What the device tree said, kept for the arch_* queries after boot. */
#ifndef VCTS_RISCV64_PLATFORM_H
#define VCTS_RISCV64_PLATFORM_H

#include "fdt/fdt_platform.h"

void platform_init(const struct fdt_platform *platform);

#endif
