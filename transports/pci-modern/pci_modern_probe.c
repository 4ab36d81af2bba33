/*
 * Finding a virtio 1.x PCI device's structures (4.1.4). Every capability
 * is checked before we map it: a BAR that exists and is placed, an offset
 * and length inside it. Tests in tests/modern/ re-check the layout rules
 * and report them; here we only refuse what we cannot use safely.
 */
#include "lib/kernel.h"
#include "lib/alloc.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "transports/pci-common/virtio_pci.h"
#include "transports/pci-modern/pci_modern.h"

#define VIRTIO_PCI_CAP_BAR	4
#define VIRTIO_PCI_CAP_OFFSET	8
#define VIRTIO_PCI_CAP_LENGTH	12
#define VIRTIO_PCI_NOTIFY_MULTIPLIER 16

static void read_cap(uint32_t bdf, uint8_t at, struct virtio_pci_cap_info *cap)
{
	cap->cap_offset = at;
	cap->cap_len = pci_config_read8(bdf, (uint16_t)(at + 2));
	cap->cfg_type = pci_config_read8(bdf, (uint16_t)(at + 3));
	cap->bar = pci_config_read8(bdf, (uint16_t)(at + VIRTIO_PCI_CAP_BAR));
	cap->offset = pci_config_read32(bdf, (uint16_t)(at + VIRTIO_PCI_CAP_OFFSET));
	cap->length = pci_config_read32(bdf, (uint16_t)(at + VIRTIO_PCI_CAP_LENGTH));
	cap->notify_off_multiplier = 0;
	if (cap->cfg_type == VIRTIO_PCI_CAP_NOTIFY_CFG && cap->cap_len >= 20)
		cap->notify_off_multiplier =
			pci_config_read32(bdf, (uint16_t)(at + VIRTIO_PCI_NOTIFY_MULTIPLIER));
}

uintptr_t pci_modern_map_cap(const struct pci_function *fn,
			     const struct virtio_pci_cap_info *cap)
{
	const struct pci_bar *bar;

	if (cap->bar >= PCI_BARS)
		return 0;
	bar = &fn->bars[cap->bar];
	if (!bar->address || bar->is_io || !cap->length ||
	    (uint64_t)cap->offset + cap->length > bar->size)
		return 0;
	return (uintptr_t)(bar->address + cap->offset);
}

static void collect_caps(struct pci_modern *pm)
{
	uint32_t bdf = pm->pci->bdf;

	for (uint8_t at = pci_cap_find(bdf, PCI_CAP_ID_VENDOR, 0);
	     at && pm->cap_count < PCI_MODERN_MAX_CAPS;
	     at = pci_cap_find(bdf, PCI_CAP_ID_VENDOR, at))
		read_cap(bdf, at, &pm->caps[pm->cap_count++]);
}

/* The first capability of @type that maps: "optimal first" (4.1.4). */
static const struct virtio_pci_cap_info *first_usable(struct pci_modern *pm, uint8_t type,
						      uintptr_t *address)
{
	for (int i = 0; i < pm->cap_count; i++) {
		if (pm->caps[i].cfg_type != type)
			continue;
		*address = pci_modern_map_cap(pm->pci, &pm->caps[i]);
		if (*address)
			return &pm->caps[i];
	}
	*address = 0;
	return NULL;
}

const char *pci_modern_probe(struct pci_function *fn, struct virtio_device *dev)
{
	struct pci_modern *pm;

	if (!virtio_pci_is_virtio(fn))
		return "not a virtio device";
	pm = alloc_zeroed(sizeof(*pm), 8);
	if (!pm)
		return "out of memory";
	pm->pci = fn;
	collect_caps(pm);
	pm->common_cap = first_usable(pm, VIRTIO_PCI_CAP_COMMON_CFG, &pm->common);
	pm->notify_cap = first_usable(pm, VIRTIO_PCI_CAP_NOTIFY_CFG, &pm->notify);
	pm->isr_cap = first_usable(pm, VIRTIO_PCI_CAP_ISR_CFG, &pm->isr);
	pm->device_cap = first_usable(pm, VIRTIO_PCI_CAP_DEVICE_CFG, &pm->device);
	if (!pm->common_cap)
		return "no usable common configuration capability (a legacy-only device?)";
	if (pm->common_cap->length < COMMON_CFG_SIZE_1_0)
		return "common configuration structure shorter than 56 bytes";
	if (!pm->notify_cap)
		return "no usable notification capability";
	if (!pm->isr_cap)
		return "no usable ISR status capability";

	*dev = (struct virtio_device){ .device_type = virtio_pci_device_type(fn),
				       .ops = &pci_modern_ops, .transport = pm };
	strlcpy(dev->location, fn->location, sizeof(dev->location));
	snprintf(dev->hardware_id, sizeof(dev->hardware_id), "%04x:%04x",
		 fn->vendor_id, fn->device_id);
	virtio_pci_irq_init(&pm->irq, dev, fn);
	return NULL;
}
