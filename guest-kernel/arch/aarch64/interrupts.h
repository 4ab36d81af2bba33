#ifndef VCTS_AARCH64_INTERRUPTS_H
#define VCTS_AARCH64_INTERRUPTS_H

#include "fdt/fdt_platform.h"

/* The MSI frame and the PCI INTx lines, once the GIC and PCI are up. */
void interrupts_init(const struct fdt_platform *platform);

#endif
