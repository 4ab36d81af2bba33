/*
 * Device interrupts for the rest of the kernel: MSI vectors, the shared
 * PCI INTx lines and the wired lines of platform devices (virtio-mmio).
 *
 * On q35 the chipset wires PCI interrupts PIRQA..H to I/O APIC inputs
 * 16..23 whatever the firmware did, so we take all eight, one vector each,
 * and ask every registered device whether the interrupt was its own (a
 * virtio device answers through its ISR register). A line nobody claims
 * a thousand times in a row is masked, so a stuck device cannot hang us.
 *
 * Wired lines (microvm's virtio-mmio transports on I/O APIC inputs 5..12
 * with acpi=off) get a vector of their own the first time a handler is
 * registered, and the same storm protection. Only the first I/O APIC is
 * driven: inputs past its last pin (microvm's second I/O APIC, GSI 24 and
 * up) cannot be routed, and their devices are polled.
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

#define WIRED_MAX_LINES		32
#define WIRED_MAX_HANDLERS	4

struct wired_line {
	bool used;
	uint32_t irq;
	int vector;
	uint32_t unclaimed_in_a_row;
	uint32_t unclaimed_total;
	struct intx_client clients[WIRED_MAX_HANDLERS];
};

static int next_vector = FIRST_DEVICE_VECTOR;
static struct wired_line wired_lines[WIRED_MAX_LINES];
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

static struct wired_line *wired_line_of(uint32_t irq)
{
	for (int i = 0; i < WIRED_MAX_LINES; i++) {
		if (wired_lines[i].used && wired_lines[i].irq == irq)
			return &wired_lines[i];
	}
	return 0;
}

static void intx_route_lines(void)
{
	for (int i = 0; i < INTX_PINS; i++) {
		int vector;

		intx_lines[i].pin = INTX_FIRST_PIN + (unsigned int)i;
		if (wired_line_of(intx_lines[i].pin))
			continue;	/* a platform device's line, not PCI */
		vector = arch_msi_vector_alloc(intx_interrupt, &intx_lines[i]);
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

static void wired_interrupt(void *arg)
{
	struct wired_line *line = arg;
	bool claimed = false;

	for (int i = 0; i < WIRED_MAX_HANDLERS; i++) {
		if (line->clients[i].handler && line->clients[i].handler(line->clients[i].arg))
			claimed = true;
	}
	if (claimed) {
		line->unclaimed_in_a_row = 0;
		return;
	}
	line->unclaimed_total++;
	if (++line->unclaimed_in_a_row >= INTX_STORM_LIMIT)
		ioapic_mask(line->irq);
}

static bool wired_line_has_clients(const struct wired_line *line)
{
	for (int i = 0; i < WIRED_MAX_HANDLERS; i++) {
		if (line->clients[i].handler)
			return true;
	}
	return false;
}

/* The line for @irq, created (with its vector) on first use; NULL if full. */
static struct wired_line *wired_line_get(uint32_t irq)
{
	struct wired_line *line = wired_line_of(irq);

	if (line)
		return line;
	for (int i = 0; i < WIRED_MAX_LINES; i++) {
		if (!wired_lines[i].used) {
			int vector = arch_msi_vector_alloc(wired_interrupt, &wired_lines[i]);

			if (vector < 0)
				return 0;
			wired_lines[i] = (struct wired_line){ .used = true, .irq = irq,
							      .vector = vector };
			return &wired_lines[i];
		}
	}
	return 0;
}

int arch_wired_irq_register(uint32_t irq, intx_handler_t handler, void *arg)
{
	struct wired_line *line;
	bool unmasked;

	if (irq >= ioapic_pin_count())
		return ARCH_IRQ_NO_LINE;
	/* A PCI INTx input already serves the shared INTx handlers. */
	if (intx_routed && irq >= INTX_FIRST_PIN && irq < INTX_FIRST_PIN + INTX_PINS)
		return ARCH_IRQ_BUSY;
	line = wired_line_get(irq);
	if (!line)
		return ARCH_IRQ_BUSY;
	unmasked = wired_line_has_clients(line);
	for (int i = 0; i < WIRED_MAX_HANDLERS; i++) {
		if (!line->clients[i].handler) {
			line->clients[i].arg = arg;
			line->clients[i].handler = handler;
			if (!unmasked) {
				/* A fresh start, also for a line masked as a storm. */
				line->unclaimed_in_a_row = 0;
				ioapic_route_level(irq, line->vector);
			}
			return 0;
		}
	}
	return ARCH_IRQ_BUSY;
}

void arch_wired_irq_unregister(uint32_t irq, intx_handler_t handler, void *arg)
{
	struct wired_line *line = wired_line_of(irq);

	if (!line)
		return;
	for (int i = 0; i < WIRED_MAX_HANDLERS; i++) {
		if (line->clients[i].handler == handler && line->clients[i].arg == arg)
			line->clients[i].handler = 0;
	}
	if (!wired_line_has_clients(line))
		ioapic_mask(irq);
}

uint32_t arch_wired_irq_unclaimed(uint32_t irq)
{
	struct wired_line *line = wired_line_of(irq);

	return line ? line->unclaimed_total : 0;
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
