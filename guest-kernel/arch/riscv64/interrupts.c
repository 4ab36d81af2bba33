/*
 * Device interrupts for the rest of the kernel, on the PLIC:
 *
 * - Wired lines (virtio-mmio): @irq is the PLIC source the device tree
 *   names (QEMU virt: 1-8). The PLIC's gateway treats them as level
 *   interrupts, and QEMU's virtio-mmio line follows InterruptStatus != 0,
 *   so an interrupt that arrives while the handler runs is not lost.
 * - PCI INTx: the sources the host bridge's interrupt-map names (QEMU
 *   virt: 32-35, swizzled by slot), shared: every registered device is
 *   asked on each interrupt, as on x86.
 * - MSI: none. A PLIC has no message interface; MSIs need the AIA's
 *   IMSIC (QEMU virt,aia=aplic-imsic), which this kernel does not drive,
 *   so arch_msi_vector_alloc fails and the PCI transports fall back to
 *   INTx, and MSI-X tests skip saying so.
 *
 * A line nobody claims a thousand times in a row is disabled, so a stuck
 * device cannot hang us (arch/common/irq_lines.c).
 */
#include "arch/arch.h"
#include "arch/common/irq_lines.h"
#include "interrupts.h"
#include "lib/printf.h"
#include "plic.h"

#define SIE_SEIE		(1u << 9)	/* privileged spec 10.1.3 */
#define SSTATUS_SIE		(1u << 1)

void interrupts_init(const struct fdt_platform *platform, const struct riscv_platform *riscv)
{
	if (riscv->has_imsic)
		printf("# interrupts: the machine has an IMSIC (AIA), which this kernel does not drive: no MSIs\n");
	for (int i = 0; i < platform->pci.intx_count; i++)
		irq_lines_add_intx(plic_source_of(&platform->pci.intx[i].parent));
	/* External interrupts reach us once sstatus.SIE is set (arch_irq_enable). */
	__asm__ volatile("csrs sie, %0" : : "r"((unsigned long)SIE_SEIE) : "memory");
}

int arch_msi_vector_alloc(irq_handler_t handler, void *arg)
{
	(void)handler;
	(void)arg;
	return -1;
}

void arch_msi_compose(int vector, uint64_t *address, uint32_t *data)
{
	(void)vector;
	*address = 0;
	*data = 0;
}

int irq_line_attach(uint32_t irq, irq_handler_t handler, void *arg)
{
	plic_set_handler(irq, handler, arg);
	return (int)irq;
}

void irq_line_unmask(uint32_t irq, int vector)
{
	(void)vector;
	plic_enable(irq);
}

void irq_line_mask(uint32_t irq)
{
	plic_disable(irq);
}

int arch_wired_irq_register(uint32_t irq, intx_handler_t handler, void *arg)
{
	if (!irq || irq > plic_source_count())
		return ARCH_IRQ_NO_LINE;
	return irq_lines_wired_register(irq, handler, arg);
}

void arch_irq_enable(void)
{
	__asm__ volatile("csrs sstatus, %0" : : "r"((unsigned long)SSTATUS_SIE) : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("csrc sstatus, %0" : : "r"((unsigned long)SSTATUS_SIE) : "memory");
}

/* No timer interrupt is armed, so WFI could wait for ever: spin a little. */
void arch_wait_a_little(void)
{
	cpu_relax();
}
