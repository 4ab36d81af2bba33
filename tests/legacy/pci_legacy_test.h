/*
 * What the tests of the legacy (0.9.5) PCI interface share: the clauses
 * they cite and the transport state.
 *
 * The rules come from the "Legacy Interface" sections of the 1.2
 * specification. Most are not \devicenormative blocks; their clause is
 * the section's label path. They bind transitional devices used through
 * the legacy interface; a legacy-only device (no 1.x capabilities, e.g.
 * QEMU's disable-modern=on) is held to the same rules wherever they
 * describe the legacy interface itself, and to none that the 1.x
 * specification added (see legacy.pci.any_layout_offered).
 */
#ifndef VCTS_TESTS_PCI_LEGACY_H
#define VCTS_TESTS_PCI_LEGACY_H

#include "lib/test.h"
#include "transports/pci-legacy/pci_legacy.h"

#define CLAUSE_LEGACY_FEATURE_BITS \
	"Basic Facilities of a Virtio Device / Feature Bits / Legacy Interface: A Note on Feature Bits"
#define CLAUSE_LEGACY_DEVICE_INIT \
	"General Initialization And Device Operation / Device Initialization / Legacy Interface: Device Initialization"
#define CLAUSE_LEGACY_VQ_LAYOUT \
	"Basic Facilities of a Virtio Device / Virtqueues / Legacy Interfaces: A Note on Virtqueue Layout"
#define CLAUSE_LEGACY_MESSAGE_FRAMING \
	"Basic Facilities of a Virtio Device / Virtqueues / Message Framing / Legacy Interface: Message Framing"
#define CLAUSE_LEGACY_RESERVED_FEATURES \
	"Reserved Feature Bits / Legacy Interface: Reserved Feature Bits"
#define CLAUSE_LEGACY_PCI_DISCOVERY \
	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Discovery / Legacy Interfaces: A Note on PCI Device Discovery"
#define CLAUSE_LEGACY_PCI_LAYOUT \
	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout / Legacy Interfaces: A Note on PCI Device Layout"
#define CLAUSE_LEGACY_PCI_LAYOUT_DETECTION \
	"Virtio Transport Options / Virtio Over PCI Bus / PCI-specific Initialization And Device Operation / Device Initialization / Virtio Device Configuration Layout Detection / Legacy Interface: A Note on Device Layout Detection"
#define CLAUSE_LEGACY_PCI_VQ_CONFIG \
	"Virtio Transport Options / Virtio Over PCI Bus / PCI-specific Initialization And Device Operation / Device Initialization / Virtqueue Configuration / Legacy Interface: A Note on Virtqueue Configuration"

/* Legacy Interface: Reserved Feature Bits */
#define LEGACY_F_NOTIFY_ON_EMPTY	24
#define LEGACY_F_ANY_LAYOUT		27
#define LEGACY_F_UNUSED_30		30

/* The most queue indices the tests look at (the header has no queue count). */
#define LEGACY_TEST_QUEUES		64

/*
 * The legacy PCI transport state of @dev, or NULL after marking the test
 * skipped: these tests check rules of one transport.
 */
static inline struct pci_legacy *pci_legacy_or_skip(struct virtio_device *dev)
{
	struct pci_legacy *pl = pci_legacy_of(dev);

	if (!pl)
		test_skip("%s is not driven through the legacy PCI interface", dev->name);
	return pl;
}

/* Selects queue @index and reads its size. */
static inline uint16_t legacy_queue_size(const struct pci_legacy *pl, uint16_t index)
{
	pci_legacy_write(pl, LEGACY_QUEUE_SELECT, 2, index);
	return (uint16_t)pci_legacy_read(pl, LEGACY_QUEUE_SIZE, 2);
}

/* Selects queue @index and reads its page frame number. */
static inline uint32_t legacy_queue_pfn(const struct pci_legacy *pl, uint16_t index)
{
	pci_legacy_write(pl, LEGACY_QUEUE_SELECT, 2, index);
	return pci_legacy_read(pl, LEGACY_QUEUE_PFN, 4);
}

static inline bool legacy_size_valid(uint16_t size)
{
	return size && !(size & (size - 1));
}

#endif
