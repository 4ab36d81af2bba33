/*
 * The RISC-V Platform-Level Interrupt Controller (RISC-V PLIC
 * Specification v1.0.0): wired interrupt sources 1..ndev, routed to this
 * hart's S-mode context. Sources are level-triggered by the gateway: a
 * source whose device still asserts it is pending again after completion.
 */
#ifndef VCTS_RISCV64_PLIC_H
#define VCTS_RISCV64_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/arch.h"
#include "fdt/fdt_platform.h"
#include "riscv_fdt.h"

/* False when the tree has no PLIC with an S-mode context for this hart. */
bool plic_init(const struct riscv_platform *platform);
/* Sources 1..plic_source_count(). */
uint32_t plic_source_count(void);
/* The source of a PLIC interrupt specifier (#interrupt-cells = 1), or 0. */
uint32_t plic_source_of(const struct fdt_irq *irq);

void plic_set_handler(uint32_t source, irq_handler_t handler, void *arg);
void plic_enable(uint32_t source);
void plic_disable(uint32_t source);
/* Claims and serves every pending source (the S-mode external interrupt). */
void plic_handle_irq(void);

#endif
