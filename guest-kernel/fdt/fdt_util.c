/*
 * Small readers on top of libfdt: cells, `reg` with the parents' `ranges`
 * applied, interrupt parents and specifiers (DTSpec 2.3.6, 2.3.8, 2.4).
 */
#include <libfdt.h>

#include "fdt/fdt_platform.h"

/* Bus nesting we follow when translating an address up to the root. */
#define FDT_MAX_DEPTH	8

/* A big-endian number of @count cells (1 or 2; more keep the low 64 bits). */
uint64_t fdt_read_cells(const void *cells, int count)
{
	const fdt32_t *cell = cells;
	uint64_t value = 0;

	for (int i = 0; i < count; i++)
		value = value << 32 | fdt32_ld(&cell[i]);
	return value;
}

/* DTSpec 2.3.4: "okay" or no status at all. */
bool fdt_node_enabled(const void *fdt, int node)
{
	int length;
	const char *status = fdt_getprop(fdt, node, "status", &length);

	if (!status)
		return true;
	if (length < 1 || status[length - 1])
		return false;	/* not a string */
	return !strcmp(status, "okay") || !strcmp(status, "ok");
}

/*
 * DTSpec 2.3.8: a child-bus address through one `ranges` property of
 * @bus. An empty property is the identity; an address no entry covers
 * cannot be reached from the CPU.
 */
static int translate_once(const void *fdt, int bus, uint64_t *address)
{
	int length, parent = fdt_parent_offset(fdt, bus);
	const fdt32_t *ranges = fdt_getprop(fdt, bus, "ranges", &length);
	int child_cells = fdt_address_cells(fdt, bus);
	int size_cells = fdt_size_cells(fdt, bus);
	int parent_cells = parent >= 0 ? fdt_address_cells(fdt, parent) : 2;
	int entry;

	if (!ranges)
		return -FDT_ERR_NOTFOUND;	/* no mapping to the parent bus */
	if (!length)
		return 0;
	if (child_cells < 1 || parent_cells < 1 || size_cells < 0)
		return -FDT_ERR_BADNCELLS;
	entry = child_cells + parent_cells + size_cells;
	for (int i = 0; (i + 1) * entry * 4 <= length; i++) {
		const fdt32_t *row = ranges + i * entry;
		uint64_t child = fdt_read_cells(row, child_cells);
		uint64_t parent_address = fdt_read_cells(row + child_cells, parent_cells);
		uint64_t size = fdt_read_cells(row + child_cells + parent_cells, size_cells);

		if (*address >= child && *address - child < size) {
			*address = parent_address + (*address - child);
			return 0;
		}
	}
	return -FDT_ERR_NOTFOUND;
}

/* Entry @index of @node's `reg`, as a CPU physical address. */
int fdt_read_reg(const void *fdt, int node, int index, struct fdt_range *range)
{
	int length, bus = fdt_parent_offset(fdt, node);
	int address_cells, size_cells, entry;
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &length);

	if (!reg)
		return length;
	if (bus < 0)
		return bus;
	address_cells = fdt_address_cells(fdt, bus);
	size_cells = fdt_size_cells(fdt, bus);
	if (address_cells < 1 || size_cells < 0)
		return -FDT_ERR_BADNCELLS;
	entry = address_cells + size_cells;
	if ((index + 1) * entry * 4 > length)
		return -FDT_ERR_NOTFOUND;
	reg += index * entry;
	range->base = fdt_read_cells(reg, address_cells);
	range->size = fdt_read_cells(reg + address_cells, size_cells);
	for (int depth = 0; depth < FDT_MAX_DEPTH && bus > 0; depth++) {
		int error = translate_once(fdt, bus, &range->base);

		if (error)
			return error;
		bus = fdt_parent_offset(fdt, bus);
	}
	return 0;
}

/* DTSpec 2.4.1: `interrupt-parent` of the node or its nearest ancestor. */
int fdt_interrupt_parent(const void *fdt, int node)
{
	for (int depth = 0; node >= 0 && depth < 64; depth++) {
		int length;
		const fdt32_t *phandle = fdt_getprop(fdt, node, "interrupt-parent", &length);

		if (phandle && length == 4)
			return fdt_node_offset_by_phandle(fdt, fdt32_ld(phandle));
		node = fdt_parent_offset(fdt, node);
	}
	return -FDT_ERR_NOTFOUND;
}

int fdt_interrupt_cells(const void *fdt, int controller)
{
	int length;
	const fdt32_t *cells = fdt_getprop(fdt, controller, "#interrupt-cells", &length);

	if (!cells || length != 4)
		return -FDT_ERR_BADNCELLS;
	return (int)fdt32_ld(cells);
}

/* The first specifier of @node's `interrupts`; irq->count 0 if it has none. */
int fdt_read_first_irq(const void *fdt, int node, struct fdt_irq *irq)
{
	int length, parent, cells;
	const fdt32_t *interrupts = fdt_getprop(fdt, node, "interrupts", &length);

	irq->count = 0;
	if (!interrupts)
		return 0;
	parent = fdt_interrupt_parent(fdt, node);
	if (parent < 0)
		return parent;
	cells = fdt_interrupt_cells(fdt, parent);
	if (cells < 0)
		return cells;
	if (cells < 1 || cells > FDT_MAX_IRQ_CELLS || length < cells * 4)
		return -FDT_ERR_BADNCELLS;
	for (int i = 0; i < cells; i++)
		irq->cells[i] = fdt32_ld(&interrupts[i]);
	irq->count = (uint8_t)cells;
	return 0;
}
