/* Placeholder until the legacy PCI transport lands: drives nothing. */
#include "transports/pci-legacy/pci_legacy.h"

const char *pci_legacy_probe(struct pci_function *fn, struct virtio_device *dev)
{
	(void)fn;
	(void)dev;
	return "the legacy PCI transport is not built yet";
}

struct pci_legacy *pci_legacy_of(struct virtio_device *dev)
{
	(void)dev;
	return 0;
}
