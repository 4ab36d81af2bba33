#include "arch/arch.h"
#include "lib/printf.h"
#include "pci/pci.h"

#define PCI_MAX_DEVICES		32
#define PCI_CAP_WALK_LIMIT	48
#define MSIX_CONTROL		2
#define MSIX_TABLE		4
#define MSIX_CONTROL_ENABLE	0x8000
#define MSIX_CONTROL_MASK_ALL	0x4000
#define MSIX_ENTRY_SIZE		16
#define MSIX_ENTRY_MASKED	1

static struct pci_windows windows;
static uint64_t next_mem, next_io;

uint32_t pci_config_read32(uint32_t bdf, uint16_t offset)
{
	return arch_pci_config_read32(bdf, offset);
}

uint16_t pci_config_read16(uint32_t bdf, uint16_t offset)
{
	return (uint16_t)(arch_pci_config_read32(bdf, offset) >> (8 * (offset & 2)));
}

uint8_t pci_config_read8(uint32_t bdf, uint16_t offset)
{
	return (uint8_t)(arch_pci_config_read32(bdf, offset) >> (8 * (offset & 3)));
}

void pci_config_write32(uint32_t bdf, uint16_t offset, uint32_t value)
{
	arch_pci_config_write32(bdf, offset, value);
}

/* Sub-dword writes as read-modify-write of the containing dword. */
static void config_write_part(uint32_t bdf, uint16_t offset, uint32_t value,
			      uint32_t mask)
{
	unsigned int shift = 8 * (offset & 3);
	uint32_t dword = arch_pci_config_read32(bdf, offset & 0xfc);

	dword = (dword & ~(mask << shift)) | ((value & mask) << shift);
	arch_pci_config_write32(bdf, offset & 0xfc, dword);
}

void pci_config_write16(uint32_t bdf, uint16_t offset, uint16_t value)
{
	/* Status bits are write-one-to-clear: never write them back. */
	if ((offset & 0xfc) == PCI_COMMAND && (offset & 2) == 0) {
		arch_pci_config_write32(bdf, PCI_COMMAND, value);
		return;
	}
	config_write_part(bdf, offset, value, 0xffff);
}

void pci_config_write8(uint32_t bdf, uint16_t offset, uint8_t value)
{
	config_write_part(bdf, offset, value, 0xff);
}

uint8_t pci_cap_find(uint32_t bdf, uint8_t id, uint8_t start)
{
	uint8_t offset;

	if (!(pci_config_read16(bdf, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	offset = start ? pci_config_read8(bdf, (uint16_t)(start + 1)) :
			 pci_config_read8(bdf, PCI_CAPABILITY_LIST);
	for (int steps = 0; steps < PCI_CAP_WALK_LIMIT; steps++) {
		offset &= 0xfc;
		if (offset < 0x40)
			return 0;
		if (pci_config_read8(bdf, offset) == id)
			return offset;
		offset = pci_config_read8(bdf, (uint16_t)(offset + 1));
	}
	return 0;
}

static uint64_t align_up(uint64_t value, uint64_t alignment)
{
	return (value + alignment - 1) & ~(alignment - 1);
}

/* Sizes BAR @index and places it in our windows; returns BARs consumed. */
static int place_bar(struct pci_function *fn, int index)
{
	uint16_t offset = (uint16_t)(PCI_BAR0 + 4 * index);
	uint32_t original = pci_config_read32(fn->bdf, offset);
	struct pci_bar *bar = &fn->bars[index];
	uint64_t mask, size, *next, limit;

	bar->is_io = original & 1;
	bar->is_64bit = !bar->is_io && ((original >> 1) & 3) == 2;
	pci_config_write32(fn->bdf, offset, 0xffffffffu);
	mask = pci_config_read32(fn->bdf, offset) & (bar->is_io ? ~3u : ~15u);
	if (bar->is_64bit) {
		pci_config_write32(fn->bdf, (uint16_t)(offset + 4), 0xffffffffu);
		mask |= (uint64_t)pci_config_read32(fn->bdf, (uint16_t)(offset + 4)) << 32;
	} else {
		mask |= 0xffffffff00000000ull;
	}
	if (bar->is_io)
		mask |= 0xffff0000u;
	size = ~mask + 1;
	if ((uint32_t)mask == 0 || !size || (size & (size - 1))) {
		/* Not implemented (or nonsense): leave it off. */
		pci_config_write32(fn->bdf, offset, 0);
		bar->size = 0;
		return bar->is_64bit ? 2 : 1;
	}
	next = bar->is_io ? &next_io : &next_mem;
	limit = bar->is_io ? windows.io_limit : windows.mem32_limit;
	bar->size = size;
	bar->address = align_up(*next, size);
	if (bar->address + size > limit) {
		printf("# pci %s: no room for BAR%d (%llu bytes)\n", fn->location, index,
		       (unsigned long long)size);
		bar->address = 0;
		bar->size = 0;
	} else {
		*next = bar->address + size;
	}
	pci_config_write32(fn->bdf, offset, (uint32_t)bar->address);
	if (bar->is_64bit)
		pci_config_write32(fn->bdf, (uint16_t)(offset + 4), (uint32_t)(bar->address >> 32));
	return bar->is_64bit ? 2 : 1;
}

static void find_msix(struct pci_function *fn)
{
	uint8_t cap = pci_cap_find(fn->bdf, PCI_CAP_ID_MSIX, 0);
	uint32_t table;
	unsigned int bir;

	if (!cap)
		return;
	table = pci_config_read32(fn->bdf, (uint16_t)(cap + MSIX_TABLE));
	bir = table & 7;
	fn->msix_cap = cap;
	fn->msix_table_size = (uint16_t)((pci_config_read16(fn->bdf, (uint16_t)(cap + MSIX_CONTROL)) & 0x7ff) + 1);
	if (bir < PCI_BARS && fn->bars[bir].address && !fn->bars[bir].is_io &&
	    (uint64_t)(table & ~7u) + (uint64_t)fn->msix_table_size * MSIX_ENTRY_SIZE <= fn->bars[bir].size)
		fn->msix_table = (uintptr_t)(fn->bars[bir].address + (table & ~7u));
}

static void probe_function(struct pci_function *fn)
{
	uint32_t bdf = fn->bdf;

	fn->vendor_id = pci_config_read16(bdf, PCI_VENDOR_ID);
	fn->device_id = pci_config_read16(bdf, PCI_DEVICE_ID);
	fn->revision = pci_config_read8(bdf, PCI_REVISION);
	fn->class_code = pci_config_read32(bdf, PCI_REVISION) >> 8;
	fn->subsystem_vendor_id = pci_config_read16(bdf, PCI_SUBSYSTEM_VENDOR_ID);
	fn->subsystem_id = pci_config_read16(bdf, PCI_SUBSYSTEM_ID);
	snprintf(fn->location, sizeof(fn->location), "%02x:%02x.%x",
		 bdf >> 8, (bdf >> 3) & 31, bdf & 7);
	/* Decoding off while BARs move. */
	pci_config_write16(bdf, PCI_COMMAND, 0);
	if ((pci_config_read8(bdf, PCI_HEADER_TYPE) & 0x7f) == 0) {
		for (int i = 0; i < PCI_BARS;)
			i += place_bar(fn, i);
	}
	pci_config_write16(bdf, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
			   PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE);
	find_msix(fn);
}

int pci_scan(struct pci_function *functions, int max)
{
	int count = 0;

	arch_pci_windows(&windows);
	next_mem = windows.mem32_base;
	next_io = windows.io_base;
	for (uint32_t device = 0; device < PCI_MAX_DEVICES; device++) {
		uint32_t functions_here = 1;

		for (uint32_t function = 0; function < functions_here; function++) {
			uint32_t bdf = device << 3 | function;

			if (pci_config_read16(bdf, PCI_VENDOR_ID) == 0xffff)
				continue;
			if (function == 0 && (pci_config_read8(bdf, PCI_HEADER_TYPE) & 0x80))
				functions_here = 8;
			if (count == max)
				return count;
			functions[count] = (struct pci_function){ .bdf = bdf };
			probe_function(&functions[count++]);
		}
	}
	return count;
}

bool pci_msix_set_entry(struct pci_function *fn, uint16_t entry, uint64_t address,
			uint32_t data, bool masked)
{
	uintptr_t slot;

	if (!fn->msix_table || entry >= fn->msix_table_size)
		return false;
	slot = fn->msix_table + (uintptr_t)entry * MSIX_ENTRY_SIZE;
	mmio_write32(slot + 0, (uint32_t)address);
	mmio_write32(slot + 4, (uint32_t)(address >> 32));
	mmio_write32(slot + 8, data);
	mmio_write32(slot + 12, masked ? MSIX_ENTRY_MASKED : 0);
	return true;
}

void pci_msix_enable(struct pci_function *fn, bool enable)
{
	uint16_t offset = (uint16_t)(fn->msix_cap + MSIX_CONTROL);
	uint16_t control;

	if (!fn->msix_cap)
		return;
	control = pci_config_read16(fn->bdf, offset) & ~MSIX_CONTROL_MASK_ALL;
	if (enable)
		control |= MSIX_CONTROL_ENABLE;
	else
		control &= ~MSIX_CONTROL_ENABLE;
	pci_config_write16(fn->bdf, offset, control);
}

bool pci_msix_usable(const struct pci_function *fn)
{
	return fn->msix_table && pci_msi_available();
}

bool pci_msi_available(void)
{
	return ARCH_HAS_MSI;
}

const char *pci_msix_unusable_reason(const struct pci_function *fn)
{
	if (!ARCH_HAS_MSI)
		return "MSI-X is unusable: this kernel takes no message-signalled interrupts on this architecture";
	return fn->msix_table ? "" : "has no usable MSI-X table";
}

void pci_intx_enable(struct pci_function *fn, bool enable)
{
	uint16_t command = pci_config_read16(fn->bdf, PCI_COMMAND);

	if (enable)
		command &= ~PCI_COMMAND_INTX_DISABLE;
	else
		command |= PCI_COMMAND_INTX_DISABLE;
	pci_config_write16(fn->bdf, PCI_COMMAND, command);
}

static bool bar_access_ok(const struct pci_function *fn, int bar, uint32_t offset, int width)
{
	return bar >= 0 && bar < PCI_BARS && fn->bars[bar].address &&
	       (uint64_t)offset + (uint64_t)width <= fn->bars[bar].size;
}

uint32_t pci_bar_read(const struct pci_function *fn, int bar, uint32_t offset, int width)
{
	const struct pci_bar *b = &fn->bars[bar];

	if (!bar_access_ok(fn, bar, offset, width))
		return 0xffffffffu;
	if (b->is_io && windows.io_is_port_space)
		return arch_port_read((uint16_t)(b->address + offset), width);
	if (b->is_io)
		return mmio_read_sized((uintptr_t)(windows.io_cpu_base + b->address + offset), width);
	return mmio_read_sized((uintptr_t)(b->address + offset), width);
}

void pci_bar_write(const struct pci_function *fn, int bar, uint32_t offset, int width,
		   uint32_t value)
{
	const struct pci_bar *b = &fn->bars[bar];

	if (!bar_access_ok(fn, bar, offset, width))
		return;
	if (b->is_io && windows.io_is_port_space)
		arch_port_write((uint16_t)(b->address + offset), width, value);
	else if (b->is_io)
		mmio_write_sized((uintptr_t)(windows.io_cpu_base + b->address + offset), width, value);
	else
		mmio_write_sized((uintptr_t)(b->address + offset), width, value);
}
