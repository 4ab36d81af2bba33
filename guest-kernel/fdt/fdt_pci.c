/*
 * The generic ECAM PCI host bridge (Linux binding host-generic-pci.yaml,
 * compatible "pci-host-ecam-generic"): ECAM window, bus range, the CPU
 * windows of its address spaces (`ranges`, PCI Bus Binding to Open
 * Firmware 2.2.1.1) and the legacy interrupt routing (`interrupt-map`,
 * DTSpec 2.4.3 and the Open Firmware Interrupt Mapping recommended
 * practice).
 */
#include <libfdt.h>

#include "fdt/fdt_platform.h"

#define PCI_ADDRESS_CELLS	3
#define PCI_SPACE(phys_hi)	(((phys_hi) >> 24) & 3)
#define PCI_SPACE_IO		1
#define PCI_SPACE_MEM32		2
#define PCI_SPACE_MEM64		3
#define PCI_DEVICE(phys_hi)	(((phys_hi) >> 11) & 0x1f)

static void read_bus_range(const void *fdt, int node, struct fdt_pci_host *pci)
{
	int length;
	const fdt32_t *range = fdt_getprop(fdt, node, "bus-range", &length);

	pci->bus_first = 0;
	pci->bus_last = 255;
	if (range && length == 8) {
		pci->bus_first = fdt32_ld(&range[0]);
		pci->bus_last = fdt32_ld(&range[1]);
	}
}

/* Rows of (phys.hi phys.mid phys.lo, CPU address, size). */
static int read_ranges(const void *fdt, int node, struct fdt_pci_host *pci)
{
	int length, parent = fdt_parent_offset(fdt, node);
	const fdt32_t *ranges = fdt_getprop(fdt, node, "ranges", &length);
	int parent_cells = parent >= 0 ? fdt_address_cells(fdt, parent) : 2;
	int size_cells = fdt_size_cells(fdt, node);
	int entry = PCI_ADDRESS_CELLS + parent_cells + size_cells;

	if (!ranges)
		return 0;
	if (parent_cells < 1 || size_cells < 1)
		return -FDT_ERR_BADNCELLS;
	for (int i = 0; (i + 1) * entry * 4 <= length; i++) {
		const fdt32_t *row = ranges + i * entry;
		struct fdt_pci_window window = {
			.pci_base = fdt_read_cells(row + 1, 2),
			.cpu_base = fdt_read_cells(row + PCI_ADDRESS_CELLS, parent_cells),
			.size = fdt_read_cells(row + PCI_ADDRESS_CELLS + parent_cells, size_cells),
		};

		switch (PCI_SPACE(fdt32_ld(row))) {
		case PCI_SPACE_IO:
			pci->io = window;
			break;
		case PCI_SPACE_MEM32:
			pci->mem32 = window;
			break;
		case PCI_SPACE_MEM64:
			pci->mem64 = window;
			break;
		default:
			break;	/* configuration space: not mapped through ranges */
		}
	}
	return 0;
}

/*
 * The parent unit address cells of an interrupt-map row: the controller's
 * #address-cells, 0 when it has none (DTSpec 2.4.3.1). Read here rather
 * than with fdt_address_cells, which calls 0 (the RISC-V PLIC's value) bad.
 */
static int controller_address_cells(const void *fdt, int controller)
{
	int length;
	const fdt32_t *cells = fdt_getprop(fdt, controller, "#address-cells", &length);

	if (!cells)
		return 0;
	return length == 4 ? (int)fdt32_ld(cells) : -FDT_ERR_BADNCELLS;
}

/* Child address & mask, child pin & mask; rows per DTSpec 2.4.3.1. */
static int read_interrupt_map(const void *fdt, int node, struct fdt_pci_host *pci)
{
	int length, mask_length, offset = 0;
	const fdt32_t *map = fdt_getprop(fdt, node, "interrupt-map", &length);
	const fdt32_t *mask = fdt_getprop(fdt, node, "interrupt-map-mask", &mask_length);
	uint32_t device_mask = 0xf800, pin_mask = 7;

	if (!map)
		return 0;
	if (mask && mask_length == 16) {
		device_mask = fdt32_ld(&mask[0]);
		pin_mask = fdt32_ld(&mask[3]);
	}
	length /= 4;
	while (offset + PCI_ADDRESS_CELLS + 2 <= length && pci->intx_count < FDT_MAX_INTX) {
		const fdt32_t *row = map + offset;
		int controller = fdt_node_offset_by_phandle(fdt, fdt32_ld(&row[4]));
		int address_cells, irq_cells;
		struct fdt_intx_route *route = &pci->intx[pci->intx_count];

		if (controller < 0)
			return controller;
		address_cells = controller_address_cells(fdt, controller);
		irq_cells = fdt_interrupt_cells(fdt, controller);
		if (irq_cells < 1 || irq_cells > FDT_MAX_IRQ_CELLS || address_cells < 0)
			return -FDT_ERR_BADNCELLS;
		if (offset + 5 + address_cells + irq_cells > length)
			return -FDT_ERR_TRUNCATED;
		route->device = PCI_DEVICE(fdt32_ld(&row[0]) & device_mask);
		route->pin = fdt32_ld(&row[3]) & pin_mask;
		route->parent.count = (uint8_t)irq_cells;
		for (int i = 0; i < irq_cells; i++)
			route->parent.cells[i] = fdt32_ld(&row[5 + address_cells + i]);
		pci->intx_count++;
		offset += 5 + address_cells + irq_cells;
	}
	return 0;
}

int fdt_read_pci_host(const void *fdt, struct fdt_pci_host *pci)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "pci-host-ecam-generic");
	int error;

	while (node >= 0 && !fdt_node_enabled(fdt, node))
		node = fdt_node_offset_by_compatible(fdt, node, "pci-host-ecam-generic");
	if (node < 0)
		return node == -FDT_ERR_NOTFOUND ? 0 : node;
	error = fdt_read_reg(fdt, node, 0, &pci->ecam);
	if (error)
		return error;
	read_bus_range(fdt, node, pci);
	error = read_ranges(fdt, node, pci);
	if (!error)
		error = read_interrupt_map(fdt, node, pci);
	pci->present = !error;
	return error;
}
