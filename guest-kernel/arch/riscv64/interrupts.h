#ifndef VCTS_RISCV64_INTERRUPTS_H
#define VCTS_RISCV64_INTERRUPTS_H

#include "fdt/fdt_platform.h"
#include "riscv_fdt.h"

/* The PCI INTx lines, once the PLIC is up; says why MSIs are not offered. */
void interrupts_init(const struct fdt_platform *platform, const struct riscv_platform *riscv);

#endif
