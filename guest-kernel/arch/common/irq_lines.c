/* The wired interrupt lines both kernel architectures share (irq_lines.h). */
#include "arch/common/irq_lines.h"

#define INTX_MAX_LINES		12	/* x86 PIIX: 4 ISA IRQs and GSIs 16-23 */
#define INTX_MAX_HANDLERS	16
#define STORM_LIMIT		1000
#define WIRED_MAX_LINES		32
#define WIRED_MAX_HANDLERS	4

struct client {
	intx_handler_t handler;
	void *arg;
};

struct intx_line {
	uint32_t irq;
	uint32_t unclaimed_in_a_row;
};

struct wired_line {
	bool used;
	uint32_t irq;
	int vector;
	uint32_t unclaimed_in_a_row;
	uint32_t unclaimed_total;
	struct client clients[WIRED_MAX_HANDLERS];
};

static struct intx_line intx_lines[INTX_MAX_LINES];
static int intx_line_count;
static struct client intx_clients[INTX_MAX_HANDLERS];
static bool intx_routed;
static uint32_t intx_unclaimed_total;

static struct wired_line wired_lines[WIRED_MAX_LINES];

void irq_lines_add_intx(uint32_t irq)
{
	if (!irq || intx_line_count == INTX_MAX_LINES)
		return;
	for (int i = 0; i < intx_line_count; i++) {
		if (intx_lines[i].irq == irq)
			return;
	}
	intx_lines[intx_line_count++].irq = irq;
}

static bool is_intx_line(uint32_t irq)
{
	for (int i = 0; i < intx_line_count; i++) {
		if (intx_lines[i].irq == irq)
			return true;
	}
	return false;
}

static void intx_interrupt(void *arg)
{
	struct intx_line *line = arg;
	bool claimed = false;

	for (int i = 0; i < INTX_MAX_HANDLERS; i++) {
		if (intx_clients[i].handler && intx_clients[i].handler(intx_clients[i].arg))
			claimed = true;
	}
	if (claimed) {
		line->unclaimed_in_a_row = 0;
		return;
	}
	intx_unclaimed_total++;
	if (++line->unclaimed_in_a_row >= STORM_LIMIT)
		irq_line_mask(line->irq);
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
	for (int i = 0; i < intx_line_count; i++) {
		int vector;

		if (wired_line_of(intx_lines[i].irq))
			continue;	/* a platform device's line, not PCI */
		vector = irq_line_attach(intx_lines[i].irq, intx_interrupt, &intx_lines[i]);
		if (vector >= 0)
			irq_line_unmask(intx_lines[i].irq, vector);
	}
	intx_routed = true;
}

int arch_pci_intx_register(intx_handler_t handler, void *arg)
{
	if (!intx_line_count)
		return -1;
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
	if (++line->unclaimed_in_a_row >= STORM_LIMIT)
		irq_line_mask(line->irq);
}

static bool has_clients(const struct wired_line *line)
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
			int vector = irq_line_attach(irq, wired_interrupt, &wired_lines[i]);

			if (vector < 0)
				return 0;
			wired_lines[i] = (struct wired_line){ .used = true, .irq = irq,
							      .vector = vector };
			return &wired_lines[i];
		}
	}
	return 0;
}

int irq_lines_wired_register(uint32_t irq, intx_handler_t handler, void *arg)
{
	struct wired_line *line;
	bool unmasked;

	/* A PCI INTx line already serves the shared INTx handlers. */
	if (intx_routed && is_intx_line(irq))
		return ARCH_IRQ_BUSY;
	line = wired_line_get(irq);
	if (!line)
		return ARCH_IRQ_BUSY;
	unmasked = has_clients(line);
	for (int i = 0; i < WIRED_MAX_HANDLERS; i++) {
		if (!line->clients[i].handler) {
			line->clients[i].arg = arg;
			line->clients[i].handler = handler;
			if (!unmasked) {
				/* A fresh start, also for a line masked as a storm. */
				line->unclaimed_in_a_row = 0;
				irq_line_unmask(irq, line->vector);
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
	if (!has_clients(line))
		irq_line_mask(irq);
}

uint32_t arch_wired_irq_unclaimed(uint32_t irq)
{
	struct wired_line *line = wired_line_of(irq);

	return line ? line->unclaimed_total : 0;
}
