#include "transports/pci-common/virtio_pci.h"

bool virtio_pci_is_virtio(const struct pci_function *fn)
{
	return fn->vendor_id == VIRTIO_PCI_VENDOR && fn->device_id >= 0x1000 &&
	       fn->device_id <= 0x107f;
}

bool virtio_pci_is_transitional(const struct pci_function *fn)
{
	return virtio_pci_is_virtio(fn) && fn->device_id <= 0x103f;
}

uint32_t virtio_pci_device_type(const struct pci_function *fn)
{
	if (fn->device_id >= 0x1040)
		return fn->device_id - 0x1040u;
	return fn->subsystem_id;
}
