/*
 * Device interrupts for the rest of the kernel: MSI vectors and the
 * shared PCI INTx lines.
 *
 * On q35 the chipset wires PCI interrupts PIRQA..H to I/O APIC inputs
 * 16..23 whatever the firmware did, so we take all eight, one vector each,
 * and ask every registered device whether the interrupt was its own (a
 * virtio device answers through its ISR register). A line nobody claims
 * a thousand times in a row is masked, so a stuck device cannot hang us.
 */
#include "arch/arch.h"
#include "apic.h"
#include "traps.h"

#define INTX_FIRST_PIN		16
#define INTX_PINS		8
#define INTX_MAX_HANDLERS	16
#define INTX_STORM_LIMIT	1000

struct intx_line {
	unsigned int pin;
	uint32_t unclaimed_in_a_row;
};

struct intx_client {
	intx_handler_t handler;
	void *arg;
};

static int next_vector = FIRST_DEVICE_VECTOR;
static struct intx_line intx_lines[INTX_PINS];
static struct intx_client intx_clients[INTX_MAX_HANDLERS];
static bool intx_routed;
static uint32_t intx_unclaimed_total;

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

static void intx_interrupt(void *arg)
{
	struct intx_line *line = arg;
	bool claimed = false;

	for (int i = 0; i < INTX_MAX_HANDLERS; i++) {
		if (intx_clients[i].handler &&
		    intx_clients[i].handler(intx_clients[i].arg))
			claimed = true;
	}
	if (claimed) {
		line->unclaimed_in_a_row = 0;
		return;
	}
	intx_unclaimed_total++;
	if (++line->unclaimed_in_a_row >= INTX_STORM_LIMIT)
		ioapic_mask(line->pin);
}

static void intx_route_lines(void)
{
	for (int i = 0; i < INTX_PINS; i++) {
		int vector = arch_msi_vector_alloc(intx_interrupt, &intx_lines[i]);

		intx_lines[i].pin = INTX_FIRST_PIN + (unsigned int)i;
		if (vector >= 0)
			ioapic_route_level(intx_lines[i].pin, vector);
	}
	intx_routed = true;
}

int arch_pci_intx_register(intx_handler_t handler, void *arg)
{
	for (int i = 0; i < INTX_MAX_HANDLERS; i++) {
		if (!intx_clients[i].handler) {
			intx_clients[i].arg = arg;
			intx_clients[i].handler = handler;
			if (!intx_routed)
				intx_route_lines();
			return 0;
		}
	}
	return -1;
}

void arch_pci_intx_unregister(intx_handler_t handler, void *arg)
{
	for (int i = 0; i < INTX_MAX_HANDLERS; i++) {
		if (intx_clients[i].handler == handler && intx_clients[i].arg == arg)
			intx_clients[i].handler = 0;
	}
}

uint32_t arch_pci_intx_unclaimed(void)
{
	return intx_unclaimed_total;
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
