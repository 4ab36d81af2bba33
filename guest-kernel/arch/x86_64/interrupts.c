/*
 * Device interrupts for the rest of the kernel: MSI vectors, the shared
 * PCI INTx lines and the wired lines of platform devices (virtio-mmio).
 *
 * PCI INTx takes every line the chipset routes PCI interrupts to
 * (intx_routing.c), one vector each, and asks every registered device
 * whether the interrupt was its own (a virtio device answers through its
 * ISR register). On q35 those are I/O APIC inputs 16..23. On pc they are
 * the ISA IRQs of the PIIX's PIRQ route control registers (10 and 11
 * with every firmware QEMU ships), which reach the I/O APIC as the MADT's
 * Interrupt Source Overrides say (ACPI 6.4 5.2.12.5): on which input,
 * with which polarity and trigger mode. QEMU's MADT says level-triggered
 * and active-high on the same input (its PIIX3 holds the ISA line high
 * while a PCI interrupt is pending). Where no override says otherwise
 * (pc,acpi=off has no MADT) a PCI interrupt is taken as level-triggered,
 * the only mode a shared line works in (PCI 3.0 2.2.6), and active-high,
 * as QEMU's chipsets deliver it. The lines' handlers and their storm
 * protection are arch/common/irq_lines.c.
 *
 * Wired lines (microvm's virtio-mmio transports on I/O APIC inputs 5..12
 * with acpi=off) get a vector of their own the first time a handler is
 * registered, and the same storm protection. Only the first I/O APIC is
 * driven: inputs past its last pin (microvm's second I/O APIC, GSI 24 and
 * up) cannot be routed, and their devices are polled.
 */
#include "arch/arch.h"
#include "arch/common/irq_lines.h"
#include "lib/printf.h"
#include "acpi.h"
#include "acpi_madt.h"
#include "apic.h"
#include "intx_routing.h"
#include "traps.h"

/* How one line reaches the I/O APIC. */
struct line_route {
	uint32_t gsi;
	bool level;
	bool active_low;
	const char *why;
};

static int next_vector = FIRST_DEVICE_VECTOR;
static struct intx_routing routing;
/* The ISA lines' routes, looked up in the MADT when first used. */
static struct line_route isa_routes[INTX_ROUTING_MAX_LINES];
static bool isa_routed[INTX_ROUTING_MAX_LINES];
static bool routing_told;

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

static uint32_t config_read32(uint32_t bdf, uint16_t offset)
{
	return arch_pci_config_read32(bdf, offset);
}

static void config_write32(uint32_t bdf, uint16_t offset, uint32_t value)
{
	arch_pci_config_write32(bdf, offset, value);
}

void interrupts_init(void)
{
	static const struct intx_config_ops config = { config_read32, config_write32 };

	intx_routing_find(&config, &routing);
	for (int i = 0; i < routing.line_count; i++)
		irq_lines_add_intx(routing.lines[i]);
}

/* Index of @irq among the PCI INTx lines, or -1. */
static int intx_line_index(uint32_t irq)
{
	for (int i = 0; i < routing.line_count; i++) {
		if (routing.lines[i] == irq)
			return i;
	}
	return -1;
}

/* Index of @irq among the INTx lines that are ISA IRQs, or -1 (a GSI). */
static int isa_line_index(uint32_t irq)
{
	if (irq >= 16 || !(routing.isa_irqs & (1u << irq)))
		return -1;
	return intx_line_index(irq);
}

/* ISA IRQ @irq through the MADT's override, if it has one for it. */
static struct line_route isa_route(uint8_t irq)
{
	struct line_route route = { .gsi = irq, .level = true, .why = "no override" };
	const uint8_t *madt = acpi_table("APIC");
	struct acpi_isa_override override;

	if (!madt) {
		route.why = "no MADT";
		return route;
	}
	if (!acpi_madt_isa_override(madt, irq, &override))
		return route;
	route.gsi = override.gsi;
	route.level = override.trigger != ACPI_TRIGGER_EDGE;
	route.active_low = override.polarity == ACPI_POLARITY_LOW;
	route.why = "the MADT's override";
	return route;
}

/* Once, when the first line is routed: what the chipset said. */
static void tell_routing(void)
{
	const struct intx_routing *r = &routing;
	const char *name = intx_router_name(r->router);

	if (routing_told)
		return;
	routing_told = true;
	if (r->isa_irqs)
		printf("# intx: %s at 00:%02x.%x: PIRQA-D route registers %02x %02x %02x %02x, "
		       "now IRQ %u %u %u %u; %d Interrupt Line register(s) written\n",
		       name, r->router_bdf >> 3, r->router_bdf & 7,
		       r->pirq_found[0], r->pirq_found[1], r->pirq_found[2], r->pirq_found[3],
		       r->pirq_irq[0], r->pirq_irq[1], r->pirq_irq[2], r->pirq_irq[3],
		       r->interrupt_lines_written);
	printf("# intx: %s: PCI interrupts on I/O APIC inputs 16-23%s\n", name,
	       r->isa_irqs ? " too (bhyve, VirtualBox)" : "");
}

/* Where @irq goes: an ISA INTx line through the MADT, anything else as the GSI it is. */
static struct line_route route_of(uint32_t irq)
{
	int index = isa_line_index(irq);

	if (index < 0)
		return (struct line_route){ .gsi = irq, .level = true };
	if (!isa_routed[index]) {
		isa_routes[index] = isa_route((uint8_t)irq);
		isa_routed[index] = true;
		printf("# intx: ISA IRQ %u: I/O APIC input %u, %s, active %s (%s)\n", irq,
		       isa_routes[index].gsi, isa_routes[index].level ? "level" : "edge",
		       isa_routes[index].active_low ? "low" : "high", isa_routes[index].why);
	}
	return isa_routes[index];
}

int irq_line_attach(uint32_t irq, irq_handler_t handler, void *arg)
{
	(void)irq;
	return arch_msi_vector_alloc(handler, arg);
}

void irq_line_unmask(uint32_t irq, int vector)
{
	struct line_route route;

	if (intx_line_index(irq) >= 0)
		tell_routing();
	route = route_of(irq);
	ioapic_route(route.gsi, vector, route.level, route.active_low);
}

void irq_line_mask(uint32_t irq)
{
	ioapic_mask(route_of(irq).gsi);
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
