/*
 * Where PCI INTx arrives on x86 PC chipsets (intx_routing.h). Register
 * facts: PIIX3 (82371SB) and PIIX4 (82371AB) datasheets, PIRQRC[A:D] at
 * 60h-63h; ICH9 datasheet, PIRQ routing in APIC mode; QEMU's i440FX
 * slot wiring (hw/i386/pc_piix.c, and the _PRT of its DSDT).
 */
#include "intx_routing.h"

#define PCI_SLOTS		32
#define PCI_FUNCTIONS		8
#define PCI_ID			0x00	/* vendor (low 16 bits), device (high) */
#define PCI_HEADER_DWORD	0x0c	/* header type in bits 23:16 */
#define PCI_HEADER_MULTI	0x80
#define PCI_INTERRUPT_DWORD	0x3c	/* line in bits 7:0, pin in bits 15:8 */

#define ID(vendor, device)	((uint32_t)(device) << 16 | (vendor))
#define ID_I440FX		ID(0x8086, 0x1237)
#define ID_PIIX3_ISA		ID(0x8086, 0x7000)
#define ID_PIIX4_ISA		ID(0x8086, 0x7110)
#define ID_ICH9_LPC		ID(0x8086, 0x2918)

#define PIIX_PIRQ_ROUTE		0x60	/* PIRQRCA..D, one byte each */
#define PIIX_ROUTE_DISABLE	0x80
#define PIIX_ROUTE_RESERVED	0x70	/* bits 6:4 */
#define PIIX_ROUTE_IRQ		0x0f

#define ICH9_FIRST_GSI		16
#define ICH9_PIRQS		8
#define FALLBACK_FIRST_GSI	16
#define FALLBACK_LINES		8

/*
 * The IRQ firmware gives PIRQA..D on QEMU's machines (qboot, SeaBIOS,
 * OVMF all agree): 10 and 11, which no ISA device of the PC uses.
 */
static const uint8_t default_pirq_irq[INTX_PIIX_PIRQS] = { 10, 10, 11, 11 };

const char *intx_router_name(enum intx_router router)
{
	switch (router) {
	case INTX_ROUTER_ICH9:
		return "ICH9";
	case INTX_ROUTER_PIIX3:
		return "PIIX3";
	case INTX_ROUTER_PIIX4:
		return "PIIX4";
	default:
		return "no known interrupt router";
	}
}

static uint32_t bdf_of(uint32_t slot, uint32_t function)
{
	return slot << 3 | function;
}

/* The router among the functions 0 of bus 0, by vendor and device id. */
static void find_router(const struct intx_config_ops *config, struct intx_routing *routing)
{
	for (uint32_t slot = 0; slot < PCI_SLOTS; slot++) {
		uint32_t id = config->read32(bdf_of(slot, 0), PCI_ID);
		enum intx_router router = id == ID_ICH9_LPC ? INTX_ROUTER_ICH9 :
					  id == ID_PIIX3_ISA ? INTX_ROUTER_PIIX3 :
					  id == ID_PIIX4_ISA ? INTX_ROUTER_PIIX4 :
					  INTX_ROUTER_UNKNOWN;

		if (router != INTX_ROUTER_UNKNOWN) {
			routing->router = router;
			routing->router_bdf = bdf_of(slot, 0);
			return;
		}
	}
}

static void add_line(struct intx_routing *routing, uint8_t line)
{
	for (int i = 0; i < routing->line_count; i++) {
		if (routing->lines[i] == line)
			return;
	}
	if (routing->line_count < INTX_ROUTING_MAX_LINES)
		routing->lines[routing->line_count++] = line;
}

static void add_gsis(struct intx_routing *routing, uint8_t first, int count)
{
	for (int i = 0; i < count; i++)
		add_line(routing, (uint8_t)(first + i));
}

/*
 * A PIRQRC value that routes: bit 7 clear, bits 6:4 zero, and an IRQ the
 * datasheet allows (0-2, 8 and 13 are reserved: timer, keyboard,
 * cascade, RTC, FPU).
 */
static bool piix_route_usable(uint8_t value)
{
	uint8_t irq = value & PIIX_ROUTE_IRQ;

	if (value & (PIIX_ROUTE_DISABLE | PIIX_ROUTE_RESERVED))
		return false;
	return irq > 2 && irq != 8 && irq != 13;
}

/*
 * The PIRQ behind @pin (1 = INTA) of a function in @slot, as QEMU wires
 * i440FX: (slot - 1 + pin - 1) mod 4.
 */
static unsigned int i440fx_pirq(uint32_t slot, uint8_t pin)
{
	return (slot + pin - 2) & 3;
}

static bool function_present(const struct intx_config_ops *config, uint32_t bdf)
{
	uint16_t vendor = (uint16_t)config->read32(bdf, PCI_ID);

	return vendor != 0xffff && vendor != 0;
}

/* Interrupt Line of @bdf := the IRQ of its PIRQ, if the kernel routed that PIRQ. */
static void update_interrupt_line(const struct intx_config_ops *config,
				  struct intx_routing *routing, uint32_t slot, uint32_t bdf,
				  uint8_t routed_by_us)
{
	uint32_t dword = config->read32(bdf, PCI_INTERRUPT_DWORD);
	uint8_t pin = (uint8_t)(dword >> 8);
	unsigned int pirq;

	if (pin < 1 || pin > 4)
		return;
	pirq = i440fx_pirq(slot, pin);
	if (!(routed_by_us & (1u << pirq)))
		return;
	config->write32(bdf, PCI_INTERRUPT_DWORD, (dword & ~0xffu) | routing->pirq_irq[pirq]);
	routing->interrupt_lines_written++;
}

/*
 * What firmware does after routing a PIRQ: every function behind it learns
 * its IRQ from the Interrupt Line register. Only where the slot wiring is
 * known (i440FX), and not for the router's own functions, whose
 * interrupts (IDE, the ACPI SCI) are wired to ISA IRQs directly.
 */
static void update_interrupt_lines(const struct intx_config_ops *config,
				   struct intx_routing *routing, uint8_t routed_by_us)
{
	uint32_t router_slot = routing->router_bdf >> 3;

	if (!routed_by_us || config->read32(0, PCI_ID) != ID_I440FX)
		return;
	for (uint32_t slot = 0; slot < PCI_SLOTS; slot++) {
		uint32_t functions = 1;

		if (slot == router_slot || !function_present(config, bdf_of(slot, 0)))
			continue;
		if ((config->read32(bdf_of(slot, 0), PCI_HEADER_DWORD) >> 16) & PCI_HEADER_MULTI)
			functions = PCI_FUNCTIONS;
		for (uint32_t function = 0; function < functions; function++) {
			if (function_present(config, bdf_of(slot, function)))
				update_interrupt_line(config, routing, slot,
						      bdf_of(slot, function), routed_by_us);
		}
	}
}

/* PIIX: the route control registers, completed where firmware left a PIRQ off. */
static void route_piix(const struct intx_config_ops *config, struct intx_routing *routing)
{
	uint32_t routes = config->read32(routing->router_bdf, PIIX_PIRQ_ROUTE);
	uint32_t wanted = 0;
	uint8_t routed_by_us = 0;

	for (unsigned int pirq = 0; pirq < INTX_PIIX_PIRQS; pirq++) {
		uint8_t value = (uint8_t)(routes >> (8 * pirq));

		routing->pirq_found[pirq] = value;
		if (!piix_route_usable(value)) {
			value = default_pirq_irq[pirq];
			routed_by_us |= (uint8_t)(1u << pirq);
		}
		routing->pirq_irq[pirq] = value;
		wanted |= (uint32_t)value << (8 * pirq);
	}
	if (routed_by_us)
		config->write32(routing->router_bdf, PIIX_PIRQ_ROUTE, wanted);
	for (unsigned int pirq = 0; pirq < INTX_PIIX_PIRQS; pirq++) {
		add_line(routing, routing->pirq_irq[pirq]);
		routing->isa_irqs |= (uint16_t)(1u << routing->pirq_irq[pirq]);
	}
	add_gsis(routing, FALLBACK_FIRST_GSI, FALLBACK_LINES);
	update_interrupt_lines(config, routing, routed_by_us);
}

void intx_routing_find(const struct intx_config_ops *config, struct intx_routing *routing)
{
	*routing = (struct intx_routing){ .router = INTX_ROUTER_UNKNOWN };
	find_router(config, routing);
	switch (routing->router) {
	case INTX_ROUTER_PIIX3:
	case INTX_ROUTER_PIIX4:
		route_piix(config, routing);
		break;
	case INTX_ROUTER_ICH9:
		add_gsis(routing, ICH9_FIRST_GSI, ICH9_PIRQS);
		break;
	default:
		add_gsis(routing, FALLBACK_FIRST_GSI, FALLBACK_LINES);
		break;
	}
}
