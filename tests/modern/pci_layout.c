/*
 * The virtio 1.x PCI layout (4.1.2-4.1.4): ids, capabilities, and where the
 * structures they point to may live. These tests read PCI configuration
 * space themselves rather than trusting what the probe made of it.
 */
#include "tests/modern/pci_modern_test.h"

#define PCI_CAP_CLAUSES CLAUSE_PCI_CAPS "|" CLAUSE_PCI_COMMON_CFG "|" CLAUSE_PCI_NOTIFY_CAP \
	"|" CLAUSE_PCI_ISR_CAP "|" CLAUSE_PCI_CFG_ACCESS "|" CLAUSE_PCI_DEVICE_CFG

/* 4.1.2.1: vendor 0x1af4; device id 0x1040 + type, or the transitional id. */
VCTS_TEST(pci_ids, "modern.pci.device_ids", VIRTIO_ID_ANY, CLAUSE_PCI_DISCOVERY)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	const struct pci_function *fn;

	if (!pm)
		return;
	fn = pm->pci;
	check_eq(fn->vendor_id, 0x1af4, CLAUSE_PCI_DISCOVERY, "PCI vendor id");
	if (fn->device_id >= 0x1040) {
		check_eq(fn->device_id, 0x1040 + dev->device_type, CLAUSE_PCI_DISCOVERY,
			 "modern PCI device id is 0x1040 + the device type");
		/* 4.1.2.1: revision 1 or higher for a non-transitional id. */
		check(fn->revision >= 1, CLAUSE_PCI_DISCOVERY,
		      "a non-transitional device has PCI revision 1 or higher (reads %u)",
		      fn->revision);
	} else {
		check(fn->device_id <= 0x103f, CLAUSE_PCI_DISCOVERY,
		      "a transitional device id lies in 0x1000-0x103f (reads %#x)",
		      fn->device_id);
		check_eq(fn->subsystem_id, dev->device_type, CLAUSE_PCI_DISCOVERY,
			 "a transitional device's subsystem id is its device type");
	}
}

static int count_caps(const struct pci_modern *pm, uint8_t type)
{
	int n = 0;

	for (int i = 0; i < pm->cap_count; i++)
		n += pm->caps[i].cfg_type == type;
	return n;
}

/* 4.1.4.3.1, 4.1.4.4.1, 4.1.4.5.1, 4.1.4.9.1: at least one of each. */
VCTS_TEST(pci_caps_present, "modern.pci.required_capabilities_present", VIRTIO_ID_ANY,
	  PCI_CAP_CLAUSES)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);

	if (!pm)
		return;
	check(count_caps(pm, VIRTIO_PCI_CAP_COMMON_CFG) >= 1, CLAUSE_PCI_COMMON_CFG,
	      "a common configuration capability is present");
	check(count_caps(pm, VIRTIO_PCI_CAP_NOTIFY_CFG) >= 1, CLAUSE_PCI_NOTIFY_CAP,
	      "a notification capability is present");
	check(count_caps(pm, VIRTIO_PCI_CAP_ISR_CFG) >= 1, CLAUSE_PCI_ISR_CAP,
	      "an ISR status capability is present");
	check(count_caps(pm, VIRTIO_PCI_CAP_PCI_CFG) >= 1, CLAUSE_PCI_CFG_ACCESS,
	      "a PCI configuration access capability is present");
}

static bool check_cap_length(const struct virtio_pci_cap_info *cap)
{
	/* 4.1.4: struct virtio_pci_cap is 16 bytes; notify adds 4, pci_cfg adds 4. */
	uint8_t needed = cap->cfg_type == VIRTIO_PCI_CAP_NOTIFY_CFG ? 20 :
			 cap->cfg_type == VIRTIO_PCI_CAP_PCI_CFG ? 20 : 16;

	return check(cap->cap_len >= needed, CLAUSE_PCI_CAPS,
		     "capability at %#x (type %u) has cap_len %u, at least %u",
		     cap->cap_offset, cap->cfg_type, cap->cap_len, needed);
}

static void check_cap_alignment(const struct virtio_pci_cap_info *cap)
{
	if (cap->cfg_type == VIRTIO_PCI_CAP_COMMON_CFG)
		check(cap->offset % 4 == 0, CLAUSE_PCI_COMMON_CFG,
		      "common configuration offset %#x is 4-byte aligned", cap->offset);
	if (cap->cfg_type == VIRTIO_PCI_CAP_DEVICE_CFG)
		check(cap->offset % 4 == 0, CLAUSE_PCI_DEVICE_CFG,
		      "device configuration offset %#x is 4-byte aligned", cap->offset);
	if (cap->cfg_type == VIRTIO_PCI_CAP_NOTIFY_CFG) {
		uint32_t multiplier = cap->notify_off_multiplier;

		check(cap->offset % 2 == 0, CLAUSE_PCI_NOTIFY_CAP,
		      "notification offset %#x is 2-byte aligned", cap->offset);
		/* "an even power of 2, or 0": 1, 4, 16, ... or 0. */
		check(multiplier == 0 || (!(multiplier & (multiplier - 1)) &&
					  (__builtin_ctz(multiplier) % 2 == 0)),
		      CLAUSE_PCI_NOTIFY_CAP,
		      "notify_off_multiplier %u is 0 or an even power of 2", multiplier);
		check(cap->length >= 2, CLAUSE_PCI_NOTIFY_CAP,
		      "the notification structure is at least 2 bytes (%u)", cap->length);
	}
}

/* Every structure a driver may use must lie inside an implemented memory BAR. */
static void check_cap_in_bar(const struct pci_modern *pm, const struct virtio_pci_cap_info *cap)
{
	if (cap->cfg_type < VIRTIO_PCI_CAP_COMMON_CFG || cap->cfg_type > VIRTIO_PCI_CAP_DEVICE_CFG)
		return;
	check(pci_modern_map_cap(pm->pci, cap) != 0, CLAUSE_PCI_CAPS,
	      "structure of type %u (BAR %u, offset %#x, length %#x) lies inside an "
	      "implemented memory BAR", cap->cfg_type, cap->bar, cap->offset, cap->length);
}

VCTS_TEST(pci_cap_layout, "modern.pci.capability_layout", VIRTIO_ID_ANY, PCI_CAP_CLAUSES)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);

	if (!pm)
		return;
	require(pm->cap_count > 0, CLAUSE_PCI_CAPS, "the device has virtio capabilities");
	for (int i = 0; i < pm->cap_count; i++) {
		if (!check_cap_length(&pm->caps[i]))
			continue;
		check_cap_alignment(&pm->caps[i]);
		check_cap_in_bar(pm, &pm->caps[i]);
	}
}

/*
 * 4.1.4.4.1: the notification structure must cover every queue's
 * notification address: cap.length >= queue_notify_off * multiplier + 2.
 */
VCTS_TEST(pci_notify_cover, "modern.pci.notify_covers_every_queue", VIRTIO_ID_ANY,
	  CLAUSE_PCI_NOTIFY_CAP)
{
	struct pci_modern *pm = pci_modern_or_skip(dev);
	uint16_t queues;

	if (!pm)
		return;
	queues = dev->ops->queue_count(dev);
	for (uint16_t q = 0; q < queues; q++) {
		uint64_t offset;

		mmio_write16(pm->common + COMMON_QUEUE_SELECT, q);
		offset = (uint64_t)mmio_read16(pm->common + COMMON_QUEUE_NOTIFY_OFF) *
			 pm->notify_cap->notify_off_multiplier;
		check(offset + 2 <= pm->notify_cap->length, CLAUSE_PCI_NOTIFY_CAP,
		      "queue %u notifies at offset %#llx, inside the %#x-byte structure", q,
		      (unsigned long long)offset, pm->notify_cap->length);
	}
}
