/*
 * PCI enumeration: every function on bus 0, its BARs placed by us (some
 * firmware, qboot among them, leaves them unassigned), its capability list,
 * and MSI-X.
 */
#ifndef VCTS_PCI_H
#define VCTS_PCI_H

#include <stdbool.h>
#include <stdint.h>

#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define PCI_STATUS		0x06
#define PCI_REVISION		0x08
#define PCI_HEADER_TYPE		0x0e
#define PCI_BAR0		0x10
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c
#define PCI_SUBSYSTEM_ID	0x2e
#define PCI_CAPABILITY_LIST	0x34
#define PCI_INTERRUPT_PIN	0x3d

#define PCI_COMMAND_IO		0x0001
#define PCI_COMMAND_MEMORY	0x0002
#define PCI_COMMAND_MASTER	0x0004
#define PCI_COMMAND_INTX_DISABLE 0x0400
#define PCI_STATUS_CAP_LIST	0x0010

#define PCI_CAP_ID_MSIX		0x11
#define PCI_CAP_ID_VENDOR	0x09

#define PCI_BARS		6

struct pci_bar {
	uint64_t address;	/* 0 when not implemented or not placed */
	uint64_t size;
	bool is_io;
	bool is_64bit;
};

struct pci_function {
	uint32_t bdf;		/* bus << 8 | device << 3 | function */
	uint16_t vendor_id;
	uint16_t device_id;
	uint16_t subsystem_vendor_id;
	uint16_t subsystem_id;
	uint8_t revision;
	uint32_t class_code;	/* base class << 16 | subclass << 8 | interface */
	struct pci_bar bars[PCI_BARS];
	uint8_t msix_cap;	/* config offset of the MSI-X capability, or 0 */
	uint16_t msix_table_size;
	uintptr_t msix_table;	/* mapped address of the table, or 0 */
	char location[16];
};

/* Finds the functions on bus 0 and places their BARs; returns how many. */
int pci_scan(struct pci_function *functions, int max);

uint8_t pci_config_read8(uint32_t bdf, uint16_t offset);
uint16_t pci_config_read16(uint32_t bdf, uint16_t offset);
uint32_t pci_config_read32(uint32_t bdf, uint16_t offset);
void pci_config_write8(uint32_t bdf, uint16_t offset, uint8_t value);
void pci_config_write16(uint32_t bdf, uint16_t offset, uint16_t value);
void pci_config_write32(uint32_t bdf, uint16_t offset, uint32_t value);

/*
 * Walks the capability list: returns the offset of the first capability
 * with @id after @start (0 to begin), or 0. The walk is bounded, so a
 * looping list cannot hang us.
 */
uint8_t pci_cap_find(uint32_t bdf, uint8_t id, uint8_t start);

/* MSI-X: program table entry @entry and enable/disable the capability. */
bool pci_msix_set_entry(struct pci_function *fn, uint16_t entry, uint64_t address,
			uint32_t data, bool masked);
void pci_msix_enable(struct pci_function *fn, bool enable);
/*
 * Whether MSI-X can carry interrupts to this kernel: a mapped table,
 * and an architecture that takes MSIs (ARCH_HAS_MSI, arch/arch.h).
 */
bool pci_msix_usable(const struct pci_function *fn);
/* Does this kernel take message-signalled interrupts on its arch at all? */
bool pci_msi_available(void);
/* Why not, for a skip: "has no usable MSI-X table" or the architecture's reason. */
const char *pci_msix_unusable_reason(const struct pci_function *fn);
void pci_intx_enable(struct pci_function *fn, bool enable);

/*
 * Register access inside BAR @bar at @offset, @width 1, 2 or 4 bytes: port
 * I/O or MMIO as the BAR and the architecture require. Accesses outside
 * the BAR read all ones and write nothing.
 */
uint32_t pci_bar_read(const struct pci_function *fn, int bar, uint32_t offset, int width);
void pci_bar_write(const struct pci_function *fn, int bar, uint32_t offset, int width,
		   uint32_t value);

#endif
