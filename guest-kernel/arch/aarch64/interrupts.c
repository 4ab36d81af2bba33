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
 * device cannot hang us.
 */
#include "arch/arch.h"
#include "gic.h"
#include "interrupts.h"

#define INTX_MAX_LINES		8
#define INTX_MAX_HANDLERS	16
#define STORM_LIMIT		1000
#define WIRED_MAX_LINES		32
#define WIRED_MAX_HANDLERS	4

struct client {
	intx_handler_t handler;
	void *arg;
};

struct shared_line {
	bool used;
	uint32_t intid;
	uint32_t unclaimed_in_a_row;
	uint32_t unclaimed_total;
	struct client clients[WIRED_MAX_HANDLERS];
};

static uint64_t msi_doorbell;
static uint32_t msi_first, msi_next, msi_limit;	/* v2m SPIs, or ITS EventIDs */
static bool msi_through_its;

static uint32_t intx_intids[INTX_MAX_LINES];
static uint32_t intx_unclaimed_in_a_row[INTX_MAX_LINES];
static int intx_line_count;
static struct client intx_clients[INTX_MAX_HANDLERS];
static bool intx_routed;
static uint32_t intx_unclaimed_total;

static struct shared_line wired_lines[WIRED_MAX_LINES];

static void add_intx_line(uint32_t intid)
{
	if (!intid || intx_line_count == INTX_MAX_LINES)
		return;
	for (int i = 0; i < intx_line_count; i++) {
		if (intx_intids[i] == intid)
			return;
	}
	intx_intids[intx_line_count++] = intid;
}

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
		add_intx_line(gic_intid_of(&platform->pci.intx[i].parent));
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

static void intx_interrupt(void *arg)
{
	uint32_t *unclaimed_in_a_row = arg;
	int line = (int)(unclaimed_in_a_row - intx_unclaimed_in_a_row);
	bool claimed = false;

	for (int i = 0; i < INTX_MAX_HANDLERS; i++) {
		if (intx_clients[i].handler && intx_clients[i].handler(intx_clients[i].arg))
			claimed = true;
	}
	if (claimed) {
		*unclaimed_in_a_row = 0;
		return;
	}
	intx_unclaimed_total++;
	if (++*unclaimed_in_a_row >= STORM_LIMIT)
		gic_disable(intx_intids[line]);
}

static struct shared_line *wired_line_of(uint32_t intid)
{
	for (int i = 0; i < WIRED_MAX_LINES; i++) {
		if (wired_lines[i].used && wired_lines[i].intid == intid)
			return &wired_lines[i];
	}
	return 0;
}

static void intx_route_lines(void)
{
	for (int i = 0; i < intx_line_count; i++) {
		if (wired_line_of(intx_intids[i]))
			continue;	/* a platform device's line, not PCI */
		gic_set_handler(intx_intids[i], intx_interrupt, &intx_unclaimed_in_a_row[i]);
		gic_configure(intx_intids[i], false);
		gic_enable(intx_intids[i]);
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
	struct shared_line *line = arg;
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
		gic_disable(line->intid);
}

static bool has_clients(const struct shared_line *line)
{
	for (int i = 0; i < WIRED_MAX_HANDLERS; i++) {
		if (line->clients[i].handler)
			return true;
	}
	return false;
}

static bool is_intx_line(uint32_t intid)
{
	for (int i = 0; i < intx_line_count; i++) {
		if (intx_intids[i] == intid)
			return true;
	}
	return false;
}

/* The line for @intid, created on first use; NULL if every slot is taken. */
static struct shared_line *wired_line_get(uint32_t intid)
{
	struct shared_line *line = wired_line_of(intid);

	for (int i = 0; !line && i < WIRED_MAX_LINES; i++) {
		if (!wired_lines[i].used) {
			line = &wired_lines[i];
			*line = (struct shared_line){ .used = true, .intid = intid };
			gic_set_handler(intid, wired_interrupt, line);
		}
	}
	return line;
}

int arch_wired_irq_register(uint32_t irq, intx_handler_t handler, void *arg)
{
	struct shared_line *line;
	bool enabled;

	/* SPIs only, and none of the MSI frame's. */
	if (irq < GIC_FIRST_SPI || irq >= gic_line_limit() ||
	    (!msi_through_its && irq >= msi_first && irq < msi_limit))
		return ARCH_IRQ_NO_LINE;
	if (intx_routed && is_intx_line(irq))
		return ARCH_IRQ_BUSY;
	line = wired_line_get(irq);
	if (!line)
		return ARCH_IRQ_BUSY;
	enabled = has_clients(line);
	for (int i = 0; i < WIRED_MAX_HANDLERS; i++) {
		if (!line->clients[i].handler) {
			line->clients[i].arg = arg;
			line->clients[i].handler = handler;
			if (!enabled) {
				/* A fresh start, also for a line disabled as a storm. */
				line->unclaimed_in_a_row = 0;
				gic_configure(irq, false);
				gic_enable(irq);
			}
			return 0;
		}
	}
	return ARCH_IRQ_BUSY;
}

void arch_wired_irq_unregister(uint32_t irq, intx_handler_t handler, void *arg)
{
	struct shared_line *line = wired_line_of(irq);

	if (!line)
		return;
	for (int i = 0; i < WIRED_MAX_HANDLERS; i++) {
		if (line->clients[i].handler == handler && line->clients[i].arg == arg)
			line->clients[i].handler = 0;
	}
	if (!has_clients(line))
		gic_disable(irq);
}

uint32_t arch_wired_irq_unclaimed(uint32_t irq)
{
	struct shared_line *line = wired_line_of(irq);

	return line ? line->unclaimed_total : 0;
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
