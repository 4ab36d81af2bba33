/*
 * Reset through the legacy header: writing 0 to device status resets the
 * device; status then reads 0 and no queue is left set up.
 */
#include "lib/alloc.h"
#include "lib/kernel.h"
#include "tests/legacy/pci_legacy_test.h"
#include "virtio/virtqueue.h"

/*
 * Sets up every queue among the first VIRTIO_MAX_QUEUES (the Queue
 * Address register is read-write: it reads back the page number
 * written), sets DRIVER_OK, then writes 0 to status: status must read 0
 * ("A device MUST reinitialize device status to 0") and every Queue
 * Address must read 0 again, the legacy form of the 1.x rule that
 * queue_enable reads 0 after reset: a device that still reports a ring
 * would be one that has not forgotten it. Needs the reference device to
 * fail.
 */
VCTS_TEST(legacy_reset, "legacy.pci.reset_clears_status_and_pfn", VIRTIO_ID_ANY,
	  CLAUSE_RESET "|" CLAUSE_LEGACY_PCI_LAYOUT "|" CLAUSE_LEGACY_PCI_VQ_CONFIG)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	uint32_t pfn[VIRTIO_MAX_QUEUES] = { 0 };
	const char *why = NULL;
	bool negotiated;
	int queues = 0;
	uint8_t status;

	if (!pl)
		return;
	/* Negotiate first: C leaves open when the arguments of require() are evaluated. */
	negotiated = virtio_negotiate(dev, 1u << LEGACY_F_ANY_LAYOUT, &why);
	require(negotiated, CLAUSE_FEATURES, "the device takes the features (%s)",
		why ? why : "");
	for (uint16_t i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		uint16_t size = legacy_queue_size(pl, i);
		struct virtqueue *vq;

		if (!legacy_size_valid(size))
			continue;	/* legacy.pci.queue_size_read_only reports bad sizes */
		vq = vq_create(dev, i, size, &why);
		require(vq, CLAUSE_LEGACY_PCI_VQ_CONFIG, "queue %u (size %u) is set up (%s)", i,
			size, why ? why : "");
		pfn[i] = (uint32_t)(vq->desc_area >> LEGACY_PFN_SHIFT);
		check_eq(legacy_queue_pfn(pl, i), pfn[i], CLAUSE_LEGACY_PCI_LAYOUT,
			 "queue %u Queue Address reads back the page number written", i);
		queues++;
	}
	require(queues > 0, CLAUSE_LEGACY_PCI_VQ_CONFIG,
		"the device has at least one queue among the first %d", VIRTIO_MAX_QUEUES);
	virtio_driver_ok(dev);
	status = dev->ops->get_status(dev);
	check_eq(status, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
			 VIRTIO_STATUS_DRIVER_OK, CLAUSE_STATUS, "device status before the reset");

	dev->ops->set_status(dev, 0);
	check(virtio_status_zero_within(dev, test_timeout_ms()), CLAUSE_RESET,
	      "status reads 0 within %u ms of writing 0 (reads %#x)", test_timeout_ms(),
	      dev->ops->get_status(dev));
	for (uint16_t i = 0; i < VIRTIO_MAX_QUEUES; i++) {
		if (pfn[i])
			check_eq(legacy_queue_pfn(pl, i), 0, CLAUSE_RESET,
				 "queue %u Queue Address after the reset", i);
	}
}
