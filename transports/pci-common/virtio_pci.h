/* What both virtio PCI transports (legacy and modern) need to know of a function. */
#ifndef VCTS_VIRTIO_PCI_H
#define VCTS_VIRTIO_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "pci/pci.h"

#define VIRTIO_PCI_VENDOR	0x1af4

/* 4.1.2: ids 0x1000-0x107f of vendor 0x1af4. */
bool virtio_pci_is_virtio(const struct pci_function *fn);
/* 0x1000-0x103f: transitional (has a legacy interface); 0x1040+: 1.x only. */
bool virtio_pci_is_transitional(const struct pci_function *fn);
/* The virtio device type: 0x1040 + type, or the subsystem id of a transitional id. */
uint32_t virtio_pci_device_type(const struct pci_function *fn);

#endif
