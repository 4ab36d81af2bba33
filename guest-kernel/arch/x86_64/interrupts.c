/*
 * Device interrupts for the rest of the kernel: MSI vectors, the shared
 * PCI INTx lines and the wired lines of platform devices (virtio-mmio).
 *
 * On q35 the chipset wires PCI interrupts PIRQA..H to I/O APIC inputs
 * 16..23 whatever the firmware did, so we take all eight, one vector each,
 * and ask every registered device whether the interrupt was its own (a
 * virtio device answers through its ISR register). The lines' handlers
 * and their storm protection are arch/common/irq_lines.c.
 *
 * Wired lines (microvm's virtio-mmio transports on I/O APIC inputs 5..12
 * with acpi=off) get a vector of their own the first time a handler is
 * registered, and the same storm protection. Only the first I/O APIC is
 * driven: inputs past its last pin (microvm's second I/O APIC, GSI 24 and
 * up) cannot be routed, and their devices are polled.
 */
#include "arch/arch.h"
#include "arch/common/irq_lines.h"
#include "apic.h"
#include "traps.h"

#define INTX_FIRST_PIN		16
#define INTX_PINS		8

static int next_vector = FIRST_DEVICE_VECTOR;

int arch_msi_vector_alloc(irq_handler_t handler, void *arg)
{
	if (next_vector > LAST_DEVICE_VECTOR)
		return -1;
	traps_set_handler(next_vector, handler, arg);
	return next_vector++;
}

void arch_msi_compose(int vector, uint64_t *address, uint32_t *data)
{
	/* Fixed delivery, edge, physical destination: this CPU. */
	*address = 0xfee00000u | (lapic_id() << 12);
	*data = (uint32_t)vector;
}

void interrupts_init(void)
{
	for (unsigned int i = 0; i < INTX_PINS; i++)
		irq_lines_add_intx(INTX_FIRST_PIN + i);
}

int irq_line_attach(uint32_t irq, irq_handler_t handler, void *arg)
{
	(void)irq;
	return arch_msi_vector_alloc(handler, arg);
}

void irq_line_unmask(uint32_t irq, int vector)
{
	ioapic_route_level(irq, vector);
}

void irq_line_mask(uint32_t irq)
{
	ioapic_mask(irq);
}

int arch_wired_irq_register(uint32_t irq, intx_handler_t handler, void *arg)
{
	if (irq >= ioapic_pin_count())
		return ARCH_IRQ_NO_LINE;
	return irq_lines_wired_register(irq, handler, arg);
}

void arch_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

void arch_wait_a_little(void)
{
	cpu_relax();
}
