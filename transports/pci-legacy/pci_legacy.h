/*
 * The legacy (0.9.5) virtio PCI interface (4.1.4.8 "Legacy Interfaces: A
 * Note on PCI Device Layout"): registers in I/O BAR 0, features 0-31,
 * one page-frame number per queue, guest-native byte order.
 */
#ifndef VCTS_PCI_LEGACY_H
#define VCTS_PCI_LEGACY_H

#include "pci/pci.h"
#include "virtio/virtio.h"

struct pci_legacy;

/* Drives @fn through its legacy interface, or returns why it can't. */
const char *pci_legacy_probe(struct pci_function *fn, struct virtio_device *dev);
/* The transport state of @dev, or NULL if @dev is not on this transport. */
struct pci_legacy *pci_legacy_of(struct virtio_device *dev);

#endif
