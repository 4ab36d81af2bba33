/*
 * The PCI layer of the reference device's PCI functions (ref_pci.h):
 * configuration space (header, BARs, capability list), MSI-X, INTx and
 * the decoding of its BARs on the host bus. What the virtio structures
 * in those BARs do is ref_pci_modern.c's and ref_pci_legacy.c's.
 */
#include <string.h>

#include "arch/host/host.h"
#include "pci/pci.h"
#include "tests/reference/ref_pci.h"

#define MSIX_CONTROL		2
#define MSIX_TABLE		4
#define MSIX_PBA		8
#define MSIX_CAP_LENGTH		12
#define MSIX_CONTROL_ENABLE	0x8000u
#define MSIX_CONTROL_MASK_ALL	0x4000u
#define MSIX_ENTRY_SIZE		16
#define MSIX_PBA_OFFSET		0x800u
#define MSIX_BAR_SIZE		0x1000u
#define MSIX_VECTOR_MASKED	1u
#define PCI_STATUS_INTERRUPT	0x0008u
#define PCI_BAR_IO		0x1u
#define PCI_BAR_MEM64		0x4u
#define PCI_BAR_PREFETCH	0x8u
#define PCI_COMMAND_WRITABLE	(PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | \
				 PCI_COMMAND_INTX_DISABLE)
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_CLASS_OTHER		0xff0000u
#define FIRST_CAPABILITY	0x40

void ref_pci_config_put(struct ref_pci_function *fn, uint16_t offset, int width, uint32_t value)
{
	for (int i = 0; i < width && offset + i < REF_PCI_CONFIG_SIZE; i++)
		fn->config[offset + i] = (uint8_t)(value >> (8 * i));
}

uint32_t ref_pci_config_get(const struct ref_pci_function *fn, uint16_t offset, int width)
{
	uint32_t value = 0;

	for (int i = 0; i < width && offset + i < REF_PCI_CONFIG_SIZE; i++)
		value |= (uint32_t)fn->config[offset + i] << (8 * i);
	return value;
}

void ref_pci_config_writable(struct ref_pci_function *fn, uint16_t offset, int width,
			     uint32_t mask)
{
	for (int i = 0; i < width && offset + i < REF_PCI_CONFIG_SIZE; i++)
		fn->writable[offset + i] = (uint8_t)(mask >> (8 * i));
}

uint8_t ref_pci_add_capability(struct ref_pci_function *fn, uint8_t id, uint8_t length)
{
	uint8_t at = fn->next_cap, last = (uint8_t)fn->config[PCI_CAPABILITY_LIST];

	if (!last) {
		fn->config[PCI_CAPABILITY_LIST] = at;
	} else {
		while (fn->config[last + 1])
			last = fn->config[last + 1];
		fn->config[last + 1] = at;
	}
	fn->config[at] = id;
	fn->next_cap = (uint8_t)((at + length + 3) & ~3);
	return at;
}

/* Interrupt wiring from the Command register and the MSI-X capability. */

bool ref_pci_msix_enabled(const struct ref_pci_function *fn)
{
	return fn->msix_cap &&
	       (ref_pci_config_get(fn, (uint16_t)(fn->msix_cap + MSIX_CONTROL), 2) &
		MSIX_CONTROL_ENABLE);
}

uint16_t ref_pci_msix_map(const struct ref_pci_function *fn, uint16_t vector)
{
	if (vector < REF_MSIX_ENTRIES && fn->msix_cap)
		return vector;
	if (fn->dev->fault == REF_FAULT_PCI_MSIX_MAPPING_PAST_TABLE_KEPT)
		return vector;
	return REF_NO_VECTOR;
}

void ref_pci_sync_vectors(struct ref_pci_function *fn)
{
	fn->dev->config_msix_entry = fn->config_vector;
	for (int i = 0; i < REF_MAX_QUEUES; i++)
		fn->dev->queues[i].msix_entry = fn->queue_vectors[i];
}

void ref_pci_reset_vectors(struct ref_pci_function *fn)
{
	if (fn->dev->fault != REF_FAULT_PCI_VECTORS_KEPT_OVER_RESET) {
		fn->config_vector = REF_NO_VECTOR;
		for (int i = 0; i < REF_MAX_QUEUES; i++)
			fn->queue_vectors[i] = REF_NO_VECTOR;
	}
	ref_pci_sync_vectors(fn);
}

static void deliver_pending(struct ref_device *dev)
{
	for (uint16_t entry = 0; entry < REF_MSIX_ENTRIES; entry++) {
		if (dev->msix_table[entry].pending && !dev->msix_table[entry].masked &&
		    !dev->msix_function_masked) {
			dev->msix_table[entry].pending = false;
			ref_device_send_msix(dev, entry);
		}
	}
}

/*
 * INTx only while MSI-X is off (4.1.4.5.1) and the Command register does
 * not disable it ([PCI]); MSI-X messages while it is on.
 */
static void wire_interrupts(struct ref_pci_function *fn)
{
	struct ref_device *dev = fn->dev;
	uint16_t command = (uint16_t)ref_pci_config_get(fn, PCI_COMMAND, 2);
	uint16_t control = fn->msix_cap ?
		(uint16_t)ref_pci_config_get(fn, (uint16_t)(fn->msix_cap + MSIX_CONTROL), 2) : 0;

	dev->msix_enabled = control & MSIX_CONTROL_ENABLE;
	dev->msix_function_masked = control & MSIX_CONTROL_MASK_ALL;
	dev->intx_enabled = !dev->msix_enabled && !(command & PCI_COMMAND_INTX_DISABLE);
	if (dev->msix_enabled)
		deliver_pending(dev);
}

/* The MSI-X table and pending bits, in BAR REF_PCI_MSIX_BAR. */

static uint32_t msix_read(struct ref_pci_function *fn, uint32_t offset, int width)
{
	struct ref_device *dev = fn->dev;
	uint32_t entry = offset / MSIX_ENTRY_SIZE, pending = 0;

	(void)width;
	if (offset >= MSIX_PBA_OFFSET) {
		for (uint16_t i = 0; offset == MSIX_PBA_OFFSET && i < REF_MSIX_ENTRIES; i++)
			pending |= (uint32_t)dev->msix_table[i].pending << i;
		return pending;
	}
	if (entry >= REF_MSIX_ENTRIES)
		return 0;
	switch (offset % MSIX_ENTRY_SIZE) {
	case 0:
		return (uint32_t)dev->msix_table[entry].address;
	case 4:
		return (uint32_t)(dev->msix_table[entry].address >> 32);
	case 8:
		return dev->msix_table[entry].data;
	default:
		return dev->msix_table[entry].masked ? MSIX_VECTOR_MASKED : 0;
	}
}

static void msix_write(struct ref_pci_function *fn, uint32_t offset, int width, uint32_t value)
{
	struct ref_device *dev = fn->dev;
	uint32_t entry = offset / MSIX_ENTRY_SIZE;
	uint64_t *address;

	if (width != 4 || offset >= MSIX_PBA_OFFSET || entry >= REF_MSIX_ENTRIES)
		return;
	address = &dev->msix_table[entry].address;
	switch (offset % MSIX_ENTRY_SIZE) {
	case 0:
		*address = (*address & ~0xffffffffull) | value;
		break;
	case 4:
		*address = (*address & 0xffffffffull) | (uint64_t)value << 32;
		break;
	case 8:
		dev->msix_table[entry].data = value;
		break;
	default:
		dev->msix_table[entry].masked = value & MSIX_VECTOR_MASKED;
		if (dev->msix_enabled)
			deliver_pending(dev);
	}
}

static const struct ref_pci_bar_ops msix_bar_ops = { msix_read, msix_write };

static void add_msix(struct ref_pci_function *fn)
{
	uint8_t at = ref_pci_add_capability(fn, PCI_CAP_ID_MSIX, MSIX_CAP_LENGTH);

	fn->msix_cap = at;
	ref_pci_config_put(fn, (uint16_t)(at + MSIX_CONTROL), 2, REF_MSIX_ENTRIES - 1);
	ref_pci_config_writable(fn, (uint16_t)(at + MSIX_CONTROL), 2,
				MSIX_CONTROL_ENABLE | MSIX_CONTROL_MASK_ALL);
	ref_pci_config_put(fn, (uint16_t)(at + MSIX_TABLE), 4, REF_PCI_MSIX_BAR);
	ref_pci_config_put(fn, (uint16_t)(at + MSIX_PBA), 4, MSIX_PBA_OFFSET | REF_PCI_MSIX_BAR);
	fn->bars[REF_PCI_MSIX_BAR] = (struct ref_pci_bar){ .size = MSIX_BAR_SIZE,
							   .ops = &msix_bar_ops };
	for (int i = 0; i < REF_MSIX_ENTRIES; i++)
		fn->dev->msix_table[i].masked = true;	/* [PCI]: entries start masked */
}

/* BARs: sizing (all ones read back as the size mask), placement, decoding. */

static int bar_of(uint16_t offset)
{
	return offset >= PCI_BAR0 && offset < PCI_BAR0 + 4 * REF_PCI_BARS ?
	       (offset - PCI_BAR0) / 4 : -1;
}

/* BAR @index's upper half, when it is the second register of a 64-bit BAR. */
static bool upper_half(const struct ref_pci_function *fn, int index)
{
	return index > 0 && fn->bars[index - 1].is_64bit;
}

static uint32_t bar_register(const struct ref_pci_function *fn, int index)
{
	const struct ref_pci_bar *bar = &fn->bars[index];

	if (upper_half(fn, index))
		return (uint32_t)(fn->bars[index - 1].address >> 32);
	if (!bar->size)
		return 0;	/* no BAR here: PCI has an absent BAR read 0 */
	if (bar->io)
		return ((uint32_t)bar->address & ~(bar->size - 1)) | PCI_BAR_IO;
	return ((uint32_t)bar->address & ~(bar->size - 1)) |
	       (bar->is_64bit ? PCI_BAR_MEM64 | PCI_BAR_PREFETCH : 0);
}

static void bar_write(struct ref_pci_function *fn, int index, uint32_t value)
{
	struct ref_pci_bar *bar = &fn->bars[index];

	if (upper_half(fn, index)) {
		bar = &fn->bars[index - 1];
		bar->address = (bar->address & 0xffffffffull) | (uint64_t)value << 32;
	} else if (bar->size) {
		bar->address = (bar->address & ~0xffffffffull) | (value & ~(bar->size - 1));
	}
}

static bool bar_decodes(const struct ref_pci_function *fn, int index, bool io, uint64_t address,
			uint32_t *offset)
{
	const struct ref_pci_bar *bar = &fn->bars[index];
	uint16_t command = (uint16_t)ref_pci_config_get(fn, PCI_COMMAND, 2);
	uint16_t enable = io ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY;
	uint64_t base = bar->io ? bar->address & 0xffff : bar->address;

	if (!bar->size || bar->io != io || !(command & enable) || !base ||
	    address < base || address - base >= bar->size)
		return false;
	*offset = (uint32_t)(address - base);
	return true;
}

uint32_t ref_pci_bar_read(struct ref_pci_function *fn, int bar, uint32_t offset, int width)
{
	if (bar < 0 || bar >= REF_PCI_BARS || !fn->bars[bar].ops || offset >= fn->bars[bar].size)
		return 0xffffffffu;
	return fn->bars[bar].ops->read(fn, offset, width);
}

void ref_pci_bar_write(struct ref_pci_function *fn, int bar, uint32_t offset, int width,
		       uint32_t value)
{
	if (bar >= 0 && bar < REF_PCI_BARS && fn->bars[bar].ops && offset < fn->bars[bar].size)
		fn->bars[bar].ops->write(fn, offset, width, value);
}

static bool decode(struct ref_pci_function *fn, bool io, uint64_t address, int *bar,
		   uint32_t *offset)
{
	for (*bar = 0; *bar < REF_PCI_BARS; (*bar)++) {
		if (bar_decodes(fn, *bar, io, address, offset))
			return true;
	}
	return false;
}

static bool mem_read(void *model, uint64_t address, int width, uint32_t *value)
{
	int bar;
	uint32_t offset;

	if (!decode(model, false, address, &bar, &offset))
		return false;
	*value = ref_pci_bar_read(model, bar, offset, width);
	return true;
}

static bool mem_write(void *model, uint64_t address, int width, uint32_t value)
{
	int bar;
	uint32_t offset;

	if (!decode(model, false, address, &bar, &offset))
		return false;
	ref_pci_bar_write(model, bar, offset, width, value);
	return true;
}

static bool io_read(void *model, uint16_t port, int width, uint32_t *value)
{
	int bar;
	uint32_t offset;

	if (!decode(model, true, port, &bar, &offset))
		return false;
	*value = ref_pci_bar_read(model, bar, offset, width);
	return true;
}

static bool io_write(void *model, uint16_t port, int width, uint32_t value)
{
	int bar;
	uint32_t offset;

	if (!decode(model, true, port, &bar, &offset))
		return false;
	ref_pci_bar_write(model, bar, offset, width, value);
	return true;
}

/* Configuration space dwords. */

/* 4.1.4.5.1: with MSI-X off, Interrupt Status is the OR of the ISR bits. */
static uint16_t status_register(const struct ref_pci_function *fn)
{
	uint16_t status = (uint16_t)ref_pci_config_get(fn, PCI_STATUS, 2);

	if (!fn->dev->msix_enabled && fn->dev->isr &&
	    fn->dev->fault != REF_FAULT_PCI_STATUS_INTERRUPT_CLEAR)
		status |= PCI_STATUS_INTERRUPT;
	return status;
}

static uint32_t config_read32(void *model, uint16_t offset)
{
	struct ref_pci_function *fn = model;
	int bar = bar_of(offset);

	if (bar >= 0)
		return bar_register(fn, bar);
	if (offset == PCI_COMMAND)
		return ref_pci_config_get(fn, PCI_COMMAND, 2) | (uint32_t)status_register(fn) << 16;
	if (fn->pci_cfg_cap && offset == fn->pci_cfg_cap + 16)
		return ref_pci_modern_cfg_window_read(fn);
	return ref_pci_config_get(fn, offset, 4);
}

static void config_write32(void *model, uint16_t offset, uint32_t value)
{
	struct ref_pci_function *fn = model;
	int bar = bar_of(offset);

	if (bar >= 0) {
		bar_write(fn, bar, value);
		return;
	}
	if (fn->pci_cfg_cap && offset == fn->pci_cfg_cap + 16) {
		ref_pci_modern_cfg_window_write(fn, value);
		return;
	}
	for (int i = 0; i < 4 && offset + i < REF_PCI_CONFIG_SIZE; i++) {
		uint8_t mask = fn->writable[offset + i];

		fn->config[offset + i] = (uint8_t)((fn->config[offset + i] & ~mask) |
						   ((value >> (8 * i)) & mask));
	}
	wire_interrupts(fn);
}

static const struct host_bus_device pci_function_ops = {
	.mem_read = mem_read, .mem_write = mem_write,
	.io_read = io_read, .io_write = io_write,
	.config_read32 = config_read32, .config_write32 = config_write32,
};

/* 2.4: a device reset puts the virtio registers back, not the PCI ones. */
static void device_reset(struct ref_device *dev)
{
	struct ref_pci_function *fn = dev->model;

	ref_pci_reset_vectors(fn);
	ref_pci_modern_reset(fn);
	if (fn->transitional)
		ref_pci_legacy_reset(fn);
}

/*
 * The header (4.1.2): vendor 0x1af4; device 0x1040 + type, revision 1 and
 * a subsystem id of 0x40 or more for a 1.x-only function; a transitional
 * id, revision 0 and the type as subsystem id for a transitional one.
 */
static void build_header(struct ref_pci_function *fn)
{
	struct ref_device *dev = fn->dev;
	uint32_t type = dev->type->device_id;
	bool legacy_ids = fn->transitional;
	uint8_t revision = legacy_ids ? 0 : 1;

	if (dev->fault == REF_FAULT_PCI_REVISION_ZERO && !legacy_ids)
		revision = 0;
	if (dev->fault == REF_FAULT_LEGACY_REVISION_ONE && legacy_ids)
		revision = 1;
	ref_pci_config_put(fn, PCI_VENDOR_ID, 2, REF_PCI_VENDOR);
	ref_pci_config_put(fn, PCI_DEVICE_ID, 2, legacy_ids ? ref_pci_transitional_id(type) :
							      0x1040u + type);
	ref_pci_config_put(fn, PCI_STATUS, 2, PCI_STATUS_CAP_LIST);
	ref_pci_config_put(fn, PCI_REVISION, 4, revision | PCI_CLASS_OTHER << 8);
	ref_pci_config_put(fn, PCI_SUBSYSTEM_VENDOR_ID, 2, REF_PCI_VENDOR);
	ref_pci_config_put(fn, PCI_SUBSYSTEM_ID, 2, legacy_ids ? type : 0x40u + type);
	ref_pci_config_put(fn, PCI_INTERRUPT_PIN, 1, 1);	/* INTA# */
	ref_pci_config_writable(fn, PCI_COMMAND, 2, PCI_COMMAND_WRITABLE);
	ref_pci_config_writable(fn, PCI_INTERRUPT_LINE, 1, 0xff);
	fn->next_cap = FIRST_CAPABILITY;
}

bool ref_pci_create(struct ref_pci_function *fn, struct ref_device *dev, uint32_t bdf,
		    bool transitional)
{
	memset(fn, 0, sizeof(*fn));
	fn->dev = dev;
	fn->bdf = bdf;
	fn->transitional = transitional;
	build_header(fn);
	add_msix(fn);
	ref_pci_modern_init(fn);
	if (transitional)
		ref_pci_legacy_init(fn);
	dev->model = fn;
	dev->on_reset = device_reset;
	fn->config_vector = REF_NO_VECTOR;
	for (int i = 0; i < REF_MAX_QUEUES; i++)
		fn->queue_vectors[i] = REF_NO_VECTOR;
	ref_pci_sync_vectors(fn);
	wire_interrupts(fn);
	return host_bus_attach(&pci_function_ops, fn, bdf);
}
