/* What the tests of the virtio 1.x PCI transport share. */
#ifndef VCTS_TESTS_PCI_MODERN_H
#define VCTS_TESTS_PCI_MODERN_H

#include "lib/test.h"
#include "transports/pci-modern/pci_modern.h"

/*
 * The PCI transport state of @dev, or NULL after marking the test skipped:
 * these tests check rules of one transport and do not apply to others.
 */
static inline struct pci_modern *pci_modern_or_skip(struct virtio_device *dev)
{
	struct pci_modern *pm = pci_modern_of(dev);

	if (!pm)
		test_skip("%s is not a virtio 1.x PCI device", dev->name);
	return pm;
}

#endif
