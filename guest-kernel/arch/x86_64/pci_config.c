/*
 * PCI configuration mechanism #1 (ports 0xcf8/0xcfc): reaches the first
 * 256 bytes of every function on pc and q35, without ACPI tables.
 */
#include "arch/arch.h"

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc

static uint32_t config_address(uint32_t bdf, uint16_t offset)
{
	return 0x80000000u | (bdf << 8) | (offset & 0xfcu);
}

uint32_t arch_pci_config_read32(uint32_t bdf, uint16_t offset)
{
	outl(PCI_CONFIG_ADDRESS, config_address(bdf, offset));
	return inl(PCI_CONFIG_DATA);
}

void arch_pci_config_write32(uint32_t bdf, uint16_t offset, uint32_t value)
{
	outl(PCI_CONFIG_ADDRESS, config_address(bdf, offset));
	outl(PCI_CONFIG_DATA, value);
}

/*
 * Where BARs go: above q35's ECAM window (0xb0000000-0xbfffffff) and below
 * the I/O APIC; on pc this range is inside the PCI hole too as long as the
 * guest has less than 3 GiB of RAM. I/O BARs above the legacy ISA range.
 */
void arch_pci_windows(struct pci_windows *windows)
{
	windows->mem32_base = 0xc0000000u;
	windows->mem32_limit = 0xfec00000u;
	windows->io_base = 0xc000;
	windows->io_limit = 0x10000;
	windows->io_is_port_space = true;
	windows->io_cpu_base = 0;
}
