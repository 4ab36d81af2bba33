/*
 * Device interrupts for the rest of the kernel, on the GIC:
 *
 * - MSI: on GICv2, each vector is one SPI of the GICv2m frame,
 *   edge-triggered; a device raises it by writing the SPI's INTID to the
 *   frame's MSI_SETSPI_NS register (the address/data pair of
 *   arch_msi_compose). On GICv3, each vector is an LPI that the ITS
 *   raises when a device writes the vector's EventID to GITS_TRANSLATER
 *   (gic_its.c).
 * - PCI INTx: the lines the host bridge's interrupt-map names (QEMU virt:
 *   SPIs 3-6, swizzled by slot), level-triggered, shared: every registered
 *   device is asked on each interrupt, as on x86.
 * - Wired lines (virtio-mmio): @irq is the GIC INTID (SPI n = 32 + n),
 *   level-triggered: the transport's interrupt line follows
 *   InterruptStatus != 0 (QEMU's virtio-mmio), so an interrupt that
 *   arrives while the handler runs is not lost. QEMU's device tree
 *   declares them edge-triggered; see docs/arch-aarch64.md.
 *
 * A line nobody claims a thousand times in a row is disabled, so a stuck
 * device cannot hang us (arch/common/irq_lines.c).
 */
#include "arch/arch.h"
#include "arch/common/irq_lines.h"
#include "gic.h"
#include "interrupts.h"

static uint64_t msi_doorbell;
static uint32_t msi_first, msi_next, msi_limit;	/* v2m SPIs, or ITS EventIDs */
static bool msi_through_its;

void interrupts_init(const struct fdt_platform *platform)
{
	uint32_t first, count;

	if (gic_msi_frame(&msi_doorbell, &first, &count)) {
		msi_first = msi_next = first;
		msi_limit = first + count;
	} else if (gic_its_base() && gic_its_init(gic_its_base(), gic_v3_redistributor())) {
		msi_through_its = true;
		msi_doorbell = gic_its_doorbell();
		msi_limit = 1u << EVENT_ID_BITS;
	}
	for (int i = 0; i < platform->pci.intx_count; i++)
		irq_lines_add_intx(gic_intid_of(&platform->pci.intx[i].parent));
}

int arch_msi_vector_alloc(irq_handler_t handler, void *arg)
{
	uint32_t intid;

	if (msi_next >= msi_limit)
		return -1;
	if (msi_through_its) {
		intid = GIC_FIRST_LPI + msi_next;
		gic_set_handler(intid, handler, arg);
		if (!gic_its_map_event(msi_next++))
			return -1;
		return (int)intid;
	}
	intid = msi_next++;
	gic_set_handler(intid, handler, arg);
	gic_configure(intid, true);
	gic_enable(intid);
	return (int)intid;
}

void arch_msi_compose(int vector, uint64_t *address, uint32_t *data)
{
	*address = msi_doorbell;
	*data = msi_through_its ? (uint32_t)vector - GIC_FIRST_LPI : (uint32_t)vector;
}

int irq_line_attach(uint32_t irq, irq_handler_t handler, void *arg)
{
	gic_set_handler(irq, handler, arg);
	return (int)irq;
}

void irq_line_unmask(uint32_t irq, int vector)
{
	(void)vector;
	gic_configure(irq, false);
	gic_enable(irq);
}

void irq_line_mask(uint32_t irq)
{
	gic_disable(irq);
}

int arch_wired_irq_register(uint32_t irq, intx_handler_t handler, void *arg)
{
	/* SPIs only, and none of the MSI frame's. */
	if (irq < GIC_FIRST_SPI || irq >= gic_line_limit() ||
	    (!msi_through_its && irq >= msi_first && irq < msi_limit))
		return ARCH_IRQ_NO_LINE;
	return irq_lines_wired_register(irq, handler, arg);
}

/* PSTATE.I (ARM ARM C5.2.2 DAIF): IRQs only; SErrors stay unmasked. */
void arch_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #2" : : : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("msr daifset, #2" : : : "memory");
}

void arch_wait_a_little(void)
{
	cpu_relax();
}
