/*
 * Where PCI INTx arrives on an x86 PC chipset, from the chipset's own
 * registers (the kernel has no AML interpreter for _PRT):
 *
 * - ICH9 (q35): in APIC mode PIRQA..H drive I/O APIC inputs 16..23,
 *   whatever the PIRQ route control registers say (those only steer the
 *   8259 copies): the lines are those GSIs.
 * - PIIX3/PIIX4 (pc, i440FX): PIRQA..D reach the interrupt controllers
 *   only through the PIRQ route control registers of the ISA bridge
 *   (PCI config 0x60-0x63: bit 7 disables, bits 3:0 name the ISA IRQ),
 *   and QEMU's I/O APIC sees them on that ISA IRQ's input. Firmware
 *   routes them (qboot, SeaBIOS and OVMF all choose IRQ 10, 10, 11, 11);
 *   a PIRQ left disabled or set to a reserved IRQ is routed here the same
 *   way, and on i440FX the Interrupt Line register (0x3c) of every
 *   function behind it is updated, as firmware would (PCI 3.0 6.2.4).
 *   Those lines are ISA IRQs, which the MADT may map elsewhere
 *   (interrupts.c). Inputs 16..23 are taken too: bhyve's LPC bridge and
 *   VirtualBox's PIIX3 answer with the PIIX3's ids but deliver PCI
 *   interrupts there in APIC mode (the PIRQ routes only steer the 8259),
 *   and on QEMU nothing drives them.
 * - Anything else: I/O APIC inputs 16..23, the convention of ICH-era
 *   chipsets, as the kernel always assumed.
 *
 * A pure function of the configuration space it is given, so that the host
 * unit tests run it on made-up chipsets.
 */
#ifndef VCTS_X86_INTX_ROUTING_H
#define VCTS_X86_INTX_ROUTING_H

#include <stdbool.h>
#include <stdint.h>

#define INTX_ROUTING_MAX_LINES	12	/* 4 ISA IRQs and 8 GSIs */
#define INTX_PIIX_PIRQS		4

/* Configuration mechanism #1 as the caller provides it (bdf: bus << 8 | dev << 3 | fn). */
struct intx_config_ops {
	uint32_t (*read32)(uint32_t bdf, uint16_t offset);
	void (*write32)(uint32_t bdf, uint16_t offset, uint32_t value);
};

enum intx_router {
	INTX_ROUTER_UNKNOWN,	/* no known router: GSIs 16..23 */
	INTX_ROUTER_ICH9,
	INTX_ROUTER_PIIX3,
	INTX_ROUTER_PIIX4,
};

struct intx_routing {
	enum intx_router router;
	uint32_t router_bdf;
	/* Bit n: line n is ISA IRQ n (PIIX), not GSI n. */
	uint16_t isa_irqs;
	/* PIIX: the route control registers as found and as left. */
	uint8_t pirq_found[INTX_PIIX_PIRQS];
	uint8_t pirq_irq[INTX_PIIX_PIRQS];
	/* Functions whose Interrupt Line register was written. */
	int interrupt_lines_written;
	uint8_t lines[INTX_ROUTING_MAX_LINES];
	int line_count;
};

/* Finds the router on bus 0 and the lines its PCI interrupts arrive on. */
void intx_routing_find(const struct intx_config_ops *config, struct intx_routing *routing);
/* "ICH9", "PIIX3", "PIIX4" or "no known interrupt router". */
const char *intx_router_name(enum intx_router router);

#endif
