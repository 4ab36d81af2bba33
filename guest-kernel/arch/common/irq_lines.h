/*
 * The wired interrupt lines both kernel architectures share: PCI INTx
 * lines, whose interrupts go to every registered INTx handler, and the
 * lines of platform devices (virtio-mmio), each with its own handlers. A
 * line nobody claims a thousand times in a row is masked, so a stuck
 * device cannot hang us.
 *
 * irq_lines.c implements arch_pci_intx_*, arch_wired_irq_unregister and
 * arch_wired_irq_unclaimed; the architecture provides the three hooks
 * below and arch_wired_irq_register, which checks that it can route @irq
 * and then calls irq_lines_wired_register.
 */
#ifndef VCTS_ARCH_COMMON_IRQ_LINES_H
#define VCTS_ARCH_COMMON_IRQ_LINES_H

#include "arch/arch.h"

/* Arch hooks. Sends @irq's interrupts to @handler(@arg); returns the
 * vector it took (passed back to irq_line_unmask), or < 0 if none is left. */
int irq_line_attach(uint32_t irq, irq_handler_t handler, void *arg);
/* Level-triggered @irq on @vector, unmasked. */
void irq_line_unmask(uint32_t irq, int vector);
void irq_line_mask(uint32_t irq);

/* Adds a PCI INTx line (ignored: 0, a repeat, or past the table's end). */
void irq_lines_add_intx(uint32_t irq);
/* arch_wired_irq_register for an @irq the architecture can route. */
int irq_lines_wired_register(uint32_t irq, intx_handler_t handler, void *arg);

#endif
