/*
 * The buses s390-ccw-virtio does not have: no PCI host bridge (zPCI
 * exists on s390x, but as a channel-style facility with instructions of
 * its own, and QEMU adds it only with a zpci device), no port I/O, no
 * virtio-mmio. PCI configuration reads as no device (all ones) so that
 * the shared PCI scan finds nothing.
 */
#include "arch/arch.h"

bool arch_has_port_io(void)
{
	return false;
}

uint32_t arch_port_read(uint16_t port, int width)
{
	(void)port;
	(void)width;
	return 0xffffffffu;
}

void arch_port_write(uint16_t port, int width, uint32_t value)
{
	(void)port;
	(void)width;
	(void)value;
}

int arch_mmio_default_windows(struct mmio_window *windows, int max)
{
	(void)windows;
	(void)max;
	return 0;
}

bool arch_mmio_accessible(uint64_t base, uint64_t size)
{
	(void)base;
	(void)size;
	return false;
}

uint32_t arch_pci_config_read32(uint32_t bdf, uint16_t offset)
{
	(void)bdf;
	(void)offset;
	return 0xffffffffu;
}

void arch_pci_config_write32(uint32_t bdf, uint16_t offset, uint32_t value)
{
	(void)bdf;
	(void)offset;
	(void)value;
}

void arch_pci_windows(struct pci_windows *windows)
{
	*windows = (struct pci_windows){ 0 };
}
