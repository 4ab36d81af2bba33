/*
 * A PCI function in front of a reference device, register by register:
 * a type 0 configuration header with BARs the kernel sizes and places,
 * a capability list, MSI-X (capability, table and pending bits in a BAR
 * of their own), INTx with the Interrupt Status bit, and the virtio
 * interfaces behind it: the 1.x structures (ref_pci_modern.c) and, on a
 * transitional function, the legacy header in I/O BAR 0
 * (ref_pci_legacy.c). The host architecture reaches it through its bus
 * (arch/host/host_bus.c), so the kernel's own pci/ and transports/ code
 * drives it. Faults of the PCI layer come from ref_faults_pci.h.
 */
#ifndef VCTS_REF_PCI_H
#define VCTS_REF_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "tests/reference/ref_device.h"

#define REF_PCI_BARS		6
#define REF_PCI_CONFIG_SIZE	256

struct ref_pci_function;

/* One BAR's registers: offset within the BAR, width 1, 2 or 4. */
struct ref_pci_bar_ops {
	uint32_t (*read)(struct ref_pci_function *fn, uint32_t offset, int width);
	void (*write)(struct ref_pci_function *fn, uint32_t offset, int width, uint32_t value);
};

struct ref_pci_bar {
	uint32_t size;			/* a power of two; 0: the function has no such BAR */
	bool io, is_64bit;
	uint64_t address;		/* as the kernel programmed it */
	const struct ref_pci_bar_ops *ops;
};

/* A queue's registers before queue_enable: size 0 means "not written" (the maximum). */
struct ref_pci_queue_registers {
	uint16_t size;
	uint64_t desc, driver, device;
};

/* The 1.x interface's registers that are not the device's (ref_pci_modern.c). */
struct ref_pci_modern_state {
	uint32_t device_feature_select, driver_feature_select;
	uint16_t queue_select;
	struct ref_pci_queue_registers queues[REF_MAX_QUEUES];
	uint16_t enabled_before_reset;	/* queues enabled since the last reset (a fault keeps it) */
	uint16_t reset_but_serving;	/* queues a fault reads as reset but still serves */
};

/* The legacy header's own registers (ref_pci_legacy.c). */
struct ref_pci_legacy_state {
	uint16_t queue_select;
	uint16_t written_size;	/* a write to the read-only queue_size (kept by a fault) */
	uint32_t pfn_before_reset[REF_MAX_QUEUES];	/* what a fault shows after a reset */
};

struct ref_pci_function {
	struct ref_device *dev;
	uint32_t bdf;
	bool transitional;		/* legacy header in BAR 0 and transitional ids */
	uint8_t config[REF_PCI_CONFIG_SIZE];	/* the header and capabilities, as presented */
	uint8_t writable[REF_PCI_CONFIG_SIZE];	/* bits the driver may change */
	struct ref_pci_bar bars[REF_PCI_BARS];
	uint8_t msix_cap;		/* the MSI-X capability (table and PBA in BAR REF_PCI_MSIX_BAR) */
	uint8_t pci_cfg_cap;		/* the configuration access capability (4.1.4.9) */
	uint8_t next_cap;		/* where the next capability goes */
	/*
	 * The MSI-X vector registers, shared by both interfaces (4.1.4.3 and
	 * the legacy header): the device is told the entry to signal
	 * (ref_pci_sync_vectors).
	 */
	uint16_t config_vector, queue_vectors[REF_MAX_QUEUES];
	struct ref_pci_modern_state modern;
	struct ref_pci_legacy_state legacy;
};

/* PCI ids of a virtio function (4.1.2.1; transitional: 4.1.2.2). */
#define REF_PCI_VENDOR		0x1af4
#define REF_PCI_MSIX_BAR	1
#define REF_PCI_MODERN_BAR	4

/*
 * Builds the function for @dev at @bdf (modern-only, or transitional with
 * the legacy header) and attaches it to the host bus. False when the bus
 * is full.
 */
bool ref_pci_create(struct ref_pci_function *fn, struct ref_device *dev, uint32_t bdf,
		    bool transitional);

/* For the interfaces: a capability of @length bytes (id at +0, next at +1). */
uint8_t ref_pci_add_capability(struct ref_pci_function *fn, uint8_t id, uint8_t length);
void ref_pci_config_put(struct ref_pci_function *fn, uint16_t offset, int width, uint32_t value);
uint32_t ref_pci_config_get(const struct ref_pci_function *fn, uint16_t offset, int width);
void ref_pci_config_writable(struct ref_pci_function *fn, uint16_t offset, int width,
			     uint32_t mask);
/* A register access inside BAR @bar, as the kernel would make it (4.1.4.9). */
uint32_t ref_pci_bar_read(struct ref_pci_function *fn, int bar, uint32_t offset, int width);
void ref_pci_bar_write(struct ref_pci_function *fn, int bar, uint32_t offset, int width,
		       uint32_t value);

/*
 * A table entry: NO_VECTOR for @vector past the table (4.1.5.1.2.1: the
 * device reports a mapping failure by reading NO_VECTOR).
 */
uint16_t ref_pci_msix_map(const struct ref_pci_function *fn, uint16_t vector);
/* Tells the device the entries its vector registers map (after a change). */
void ref_pci_sync_vectors(struct ref_pci_function *fn);
/* Every mapping undone (4.1.5.1.2.1: upon reset), unless a fault keeps them. */
void ref_pci_reset_vectors(struct ref_pci_function *fn);
/* Whether MSI-X is enabled in the capability (the legacy header moves with it). */
bool ref_pci_msix_enabled(const struct ref_pci_function *fn);

/* The transitional PCI device id of virtio type @type (4.1.2.2), 0 if none. */
uint16_t ref_pci_transitional_id(uint32_t type);

/* The interfaces (ref_pci_modern.c, ref_pci_legacy.c). */
void ref_pci_modern_init(struct ref_pci_function *fn);
void ref_pci_modern_reset(struct ref_pci_function *fn);
void ref_pci_legacy_init(struct ref_pci_function *fn);
void ref_pci_legacy_reset(struct ref_pci_function *fn);
/* The configuration access window (4.1.4.9), which the modern interface places. */
uint32_t ref_pci_modern_cfg_window_read(struct ref_pci_function *fn);
void ref_pci_modern_cfg_window_write(struct ref_pci_function *fn, uint32_t value);

#endif
