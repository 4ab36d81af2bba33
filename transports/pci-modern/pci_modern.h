/*
 * The virtio 1.x PCI transport (4.1): the capability-based layout, MSI-X
 * per queue and for configuration changes, INTx with the ISR register.
 */
#ifndef VCTS_PCI_MODERN_H
#define VCTS_PCI_MODERN_H

#include "arch/arch.h"
#include "pci/pci.h"
#include "transports/pci-common/virtio_pci_irq.h"
#include "virtio/virtio.h"

/* 4.1.4 cfg_type values */
#define VIRTIO_PCI_CAP_COMMON_CFG	1
#define VIRTIO_PCI_CAP_NOTIFY_CFG	2
#define VIRTIO_PCI_CAP_ISR_CFG		3
#define VIRTIO_PCI_CAP_DEVICE_CFG	4
#define VIRTIO_PCI_CAP_PCI_CFG		5
#define VIRTIO_PCI_CAP_SHARED_MEMORY_CFG 8

/* 4.1.4.3 struct virtio_pci_common_cfg */
#define COMMON_DEVICE_FEATURE_SELECT	0
#define COMMON_DEVICE_FEATURE		4
#define COMMON_DRIVER_FEATURE_SELECT	8
#define COMMON_DRIVER_FEATURE		12
#define COMMON_CONFIG_MSIX_VECTOR	16
#define COMMON_NUM_QUEUES		18
#define COMMON_DEVICE_STATUS		20
#define COMMON_CONFIG_GENERATION	21
#define COMMON_QUEUE_SELECT		22
#define COMMON_QUEUE_SIZE		24
#define COMMON_QUEUE_MSIX_VECTOR	26
#define COMMON_QUEUE_ENABLE		28
#define COMMON_QUEUE_NOTIFY_OFF		30
#define COMMON_QUEUE_DESC		32
#define COMMON_QUEUE_DRIVER		40
#define COMMON_QUEUE_DEVICE		48
#define COMMON_CFG_SIZE_1_0		56
#define COMMON_QUEUE_NOTIFY_DATA	56	/* with VIRTIO_F_NOTIF_CONFIG_DATA */
#define COMMON_QUEUE_RESET		58	/* with VIRTIO_F_RING_RESET */

/* One vendor-specific capability as the device presents it. */
struct virtio_pci_cap_info {
	uint8_t cap_offset;		/* in PCI configuration space */
	uint8_t cap_len;
	uint8_t cfg_type;
	uint8_t bar;
	uint32_t offset;
	uint32_t length;
	uint32_t notify_off_multiplier;	/* notify capabilities only */
};

#define PCI_MODERN_MAX_CAPS 16

struct pci_modern {
	struct pci_function *pci;
	struct virtio_pci_cap_info caps[PCI_MODERN_MAX_CAPS];
	int cap_count;
	/* The first usable structure of each type (4.1.4: "optimal first"). */
	const struct virtio_pci_cap_info *common_cap, *notify_cap, *isr_cap, *device_cap;
	uintptr_t common, notify, isr, device;
	struct virtio_pci_irq irq;
};

extern const struct virtio_transport_ops pci_modern_ops;

/* Turns @fn into a virtio device, or returns why it can't be driven. */
const char *pci_modern_probe(struct pci_function *fn, struct virtio_device *dev);
/* The transport state of @dev, or NULL if @dev is not on this transport. */
struct pci_modern *pci_modern_of(struct virtio_device *dev);
/* Where a structure's bytes are, or 0 when the BAR or range is invalid. */
uintptr_t pci_modern_map_cap(const struct pci_function *fn,
			     const struct virtio_pci_cap_info *cap);

#endif
