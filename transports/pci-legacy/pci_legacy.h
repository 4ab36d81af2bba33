/*
 * The legacy (0.9.5) virtio PCI interface ("Legacy Interfaces: A Note on
 * PCI Device Layout"): registers in I/O BAR 0, features 0-31,
 * one page-frame number per queue, guest-native byte order.
 */
#ifndef VCTS_PCI_LEGACY_H
#define VCTS_PCI_LEGACY_H

#include "pci/pci.h"
#include "transports/pci-common/virtio_pci_irq.h"
#include "virtio/virtio.h"

/* The legacy header in BAR 0 (offsets in bytes, widths in the comments). */
#define LEGACY_DEVICE_FEATURES	0	/* 32, R */
#define LEGACY_DRIVER_FEATURES	4	/* 32, R+W */
#define LEGACY_QUEUE_PFN	8	/* 32, R+W: ring address / 4096 */
#define LEGACY_QUEUE_SIZE	12	/* 16, R */
#define LEGACY_QUEUE_SELECT	14	/* 16, R+W */
#define LEGACY_QUEUE_NOTIFY	16	/* 16, R+W */
#define LEGACY_DEVICE_STATUS	18	/* 8, R+W */
#define LEGACY_ISR		19	/* 8, R, read clears */
/* Only while MSI-X is enabled: */
#define LEGACY_CONFIG_VECTOR	20	/* 16, R+W */
#define LEGACY_QUEUE_VECTOR	22	/* 16, R+W */
/* Where the device-specific configuration starts. */
#define LEGACY_CONFIG		20
#define LEGACY_CONFIG_MSIX	24

#define LEGACY_BAR		0
/* The ring block is page-aligned and its used ring at a multiple of 4096. */
#define LEGACY_QUEUE_ALIGN	4096
#define LEGACY_PFN_SHIFT	12
/* Split virtqueues: the largest queue size there is. */
#define LEGACY_QUEUE_SIZE_MAX	32768

struct pci_legacy {
	struct pci_function *pci;
	/* The function also has a 1.x common configuration capability. */
	bool transitional;
	struct virtio_pci_irq irq;
};

/* Drives @fn through its legacy interface, or returns why it can't. */
const char *pci_legacy_probe(struct pci_function *fn, struct virtio_device *dev);
/* The transport state of @dev, or NULL if @dev is not on this transport. */
struct pci_legacy *pci_legacy_of(struct virtio_device *dev);

/* Raw access to the legacy header and what follows it (BAR 0). */
uint32_t pci_legacy_read(const struct pci_legacy *pl, uint32_t offset, int width);
void pci_legacy_write(const struct pci_legacy *pl, uint32_t offset, int width, uint32_t value);
/* Whether MSI-X is enabled in PCI configuration space right now. */
bool pci_legacy_msix_enabled(const struct pci_legacy *pl);
/* Where the device-specific configuration starts now: 20, or 24 with MSI-X on. */
uint32_t pci_legacy_config_offset(const struct pci_legacy *pl);

#endif
