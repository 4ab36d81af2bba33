#ifndef VCTS_RISCV64_EXIT_H
#define VCTS_RISCV64_EXIT_H

#include "riscv_fdt.h"

/* What the platform offers to end the VM; vcts.exit chooses the method. */
void exit_init(const struct riscv_platform *platform);

#endif
