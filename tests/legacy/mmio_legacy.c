/*
 * The legacy virtio-mmio register layout, Version 1 (4.2.4): QueuePFN,
 * QueueNumMax while no queue is in use, the reset that clears every
 * QueuePFN, QueueAlign, and the interrupt registers it shares with
 * version 2. Every device driven through mmio-v1.
 */
#include "drivers/rng.h"
#include "tests/modern/mmio_test.h"

static uint32_t queue_pfn(struct virtio_mmio *mm, uint32_t index)
{
	mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_SEL, index);
	return mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_PFN);
}

/*
 * Initialises the device with the queues the kernel can set up: the known
 * count, at least 1. Returns how many, or 0 after a failed check.
 */
static uint16_t set_up_known_queues(struct virtio_device *dev)
{
	uint32_t known = mmio_known_queue_count(dev);
	uint16_t queues = 1;

	if (known)
		queues = (uint16_t)(known < VIRTIO_MAX_QUEUES ? known : VIRTIO_MAX_QUEUES);
	return mmio_setup_queues(dev, queues) ? queues : 0;
}

/* 4.2.4: a legacy device returns 1 in Version; MagicValue as in 4.2.2. */
VCTS_TEST(test_mmio_legacy_identity, "legacy.mmio.magic_and_version_1", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LEGACY)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);

	if (!mm)
		return;
	check_eq(mmio_reg_read(mm, VIRTIO_MMIO_MAGIC_VALUE), VIRTIO_MMIO_MAGIC,
		 CLAUSE_MMIO_LEGACY, "MagicValue");
	check_eq(mmio_reg_read(mm, VIRTIO_MMIO_VERSION), 1, CLAUSE_MMIO_LEGACY, "Version");
	check_eq(mmio_reg_read(mm, VIRTIO_MMIO_DEVICE_ID), dev->device_type, CLAUSE_MMIO_LEGACY,
		 "DeviceID, as probed");
}

/*
 * 4.2.4: QueueNumMax may be read only while QueuePFN is 0 (a driver
 * rule); what the device owes then is a usable answer: after a reset
 * every QueuePFN is 0, and each queue the device has reports a power of
 * two up to 32768 (2.7; legacy rings have no other sizes), the same on
 * every read and after the driver wrote QueueNum and QueueAlign; the
 * queues past the device's report 0.
 */
VCTS_TEST(test_mmio_legacy_num_max, "legacy.mmio.queue_num_max_while_pfn_zero", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LEGACY)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint32_t queues = mm ? mmio_known_queue_count_or_skip(dev) : 0;

	if (!queues)
		return;
	require(mmio_reset_and_wait(dev), CLAUSE_RESET, "Status reads 0 after a reset");
	for (uint32_t q = 0; q < queues + 4; q++) {
		uint32_t pfn = queue_pfn(mm, q), max, again;

		if (!check_eq(pfn, 0, CLAUSE_MMIO_LEGACY, "QueuePFN of queue %u after a reset", q))
			continue;	/* QueueNumMax may not be read */
		max = mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_NUM_MAX);
		if (q >= queues) {
			check_eq(max, 0, CLAUSE_MMIO_LEGACY,
				 "QueueNumMax of queue %u, past the device's %u", q, queues);
			continue;
		}
		check(max && !(max & (max - 1)) && max <= VIRTIO_MMIO_MAX_QUEUE_SIZE,
		      CLAUSE_MMIO_LEGACY,
		      "QueueNumMax of queue %u is a power of two up to 32768 (reads %#x)", q, max);
		again = mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_NUM_MAX);
		check_eq(again, max, CLAUSE_MMIO_LEGACY, "QueueNumMax of queue %u read again", q);
		if (max < 2)
			continue;
		mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_NUM, max / 2);
		mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_ALIGN, VIRTIO_MMIO_LEGACY_PAGE);
		if (!check_eq(mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_PFN), 0, CLAUSE_MMIO_LEGACY,
			      "QueuePFN of queue %u after QueueNum and QueueAlign", q))
			continue;
		check_eq(mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_NUM_MAX), max, CLAUSE_MMIO_LEGACY,
			 "QueueNumMax of queue %u after the driver wrote QueueNum %u", q, max / 2);
	}
}

/*
 * 4.2.4: reading QueuePFN "returns the currently used page number of the
 * queue": the page the driver wrote, for every queue set up.
 */
VCTS_TEST(test_mmio_legacy_pfn, "legacy.mmio.queue_pfn_read_back", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LEGACY)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint16_t queues = mm ? set_up_known_queues(dev) : 0;

	if (!queues)
		return;
	for (uint16_t q = 0; q < queues; q++)
		check_eq(queue_pfn(mm, q), dev->queues[q]->desc_area / VIRTIO_MMIO_LEGACY_PAGE,
			 CLAUSE_MMIO_LEGACY, "QueuePFN of live queue %u", q);
}

/*
 * 4.2.4: writing 0 to Status resets the device, which "sets QueuePFN to
 * zero (0x0) for all queues in the device".
 */
VCTS_TEST(test_mmio_legacy_reset_pfn, "legacy.mmio.reset_clears_queue_pfn", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LEGACY "|" CLAUSE_RESET)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint16_t queues = mm ? set_up_known_queues(dev) : 0;

	if (!queues)
		return;
	for (uint16_t q = 0; q < queues; q++) {
		uint32_t pfn = queue_pfn(mm, q);

		require(pfn != 0, CLAUSE_MMIO_LEGACY, "queue %u is live (QueuePFN %#x)", q, pfn);
	}
	require(mmio_reset_and_wait(dev), CLAUSE_RESET,
		"Status reads 0 after resetting the live device");
	for (uint16_t q = 0; q < queues; q++)
		check_eq(queue_pfn(mm, q), 0, CLAUSE_MMIO_LEGACY,
			 "QueuePFN of queue %u, live before the reset", q);
}

/*
 * 4.2.4, the QueuePFN row of the legacy register table: "When the driver
 * stops using the queue it writes zero (0x0) to this register", and
 * reading it "returns the currently used page number of the queue"; its
 * Status row: "Writing zero (0x0) to this register triggers a device
 * reset". So after a QueuePFN write of 0 the queue reads as unused and
 * the device keeps its status. The legacy interface section states no
 * requirement (no MUST or SHOULD): both checks are notes. QEMU 7.2
 * resets the whole device on a QueuePFN write of 0
 * (hw/virtio/virtio-mmio.c, VIRTIO_MMIO_QUEUE_PFN: virtio_reset()),
 * which the Status note shows.
 */
VCTS_TEST(test_mmio_legacy_pfn_zero, "legacy.mmio.queue_pfn_zero_stops_only_the_queue",
	  VIRTIO_ID_ANY, CLAUSE_MMIO_LEGACY)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint32_t pfn_after;
	uint8_t status, status_after;

	if (!mm || !mmio_setup_queues(dev, 1))
		return;
	status = dev->ops->get_status(dev);
	require(queue_pfn(mm, 0) != 0, CLAUSE_MMIO_LEGACY, "queue 0 is live");
	mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_PFN, 0);
	pfn_after = mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_PFN);
	check_note(pfn_after == 0, CLAUSE_MMIO_LEGACY,
		   "QueuePFN of queue 0 reads 0 after the driver wrote 0 to stop using it "
		   "(reads %#x)", pfn_after);
	status_after = dev->ops->get_status(dev);
	check_note(status_after == status, CLAUSE_MMIO_LEGACY,
		   "Status after QueuePFN 0 is still %#x (only a Status write of 0 resets the "
		   "device; reads %#x)", status, status_after);
}

/*
 * Three requests on the entropy device, whose rings the kernel lays out
 * for @align (dev->legacy_queue_align, set by the caller). False after a
 * failed check; dev->legacy_queue_align is the caller's to set and restore.
 */
static bool requests_complete_at_align(struct virtio_device *dev, uint32_t align)
{
	uint8_t *buffer = test_alloc(16, 16);
	struct rng_device rng;
	const char *why = NULL;
	uint32_t used = 0;
	ptrdiff_t used_offset;
	bool opened;
	enum vq_result result;

	opened = rng_open(dev, VIRTIO_IRQ_POLL, &rng, &why);
	if (!check(opened, CLAUSE_FEATURES, "the device initialises (%s)", why ? why : ""))
		return false;
	used_offset = (uint8_t *)rng.requestq->used - (uint8_t *)rng.requestq->desc;
	if (!check(rng.requestq->device_area % align == 0 && used_offset >= (ptrdiff_t)align,
		   CLAUSE_MMIO_LEGACY, "the kernel laid the used ring out at %u", align))
		return false;
	for (int i = 0; i < 3; i++) {
		result = rng_read(&rng, buffer, 16, &used);
		if (!check(result == VQ_USED, CLAUSE_MMIO_LEGACY,
			   "request %d completes with the used ring at QueueAlign %u (%s)", i,
			   align, rng.requestq->error))
			return false;
	}
	return true;
}

/*
 * 4.2.4 and 2.7.2: the used ring starts at the QueueAlign boundary the
 * driver wrote, which need not be 4096: with 8192 the entropy device's
 * rings only work if the device follows it. (Every legacy device test
 * already proves 4096.) dev->legacy_queue_align outlives the test (the
 * runner resets the device, not the kernel's idea of it), so it is
 * changed only around the requests and put back on every path, before
 * the test can end.
 */
VCTS_TEST(test_mmio_legacy_align, "legacy.mmio.queue_align_honoured", VIRTIO_ID_RNG,
	  CLAUSE_MMIO_LEGACY "|" CLAUSE_USED_RING)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint32_t kernel_align;

	if (!mm)
		return;
	kernel_align = dev->legacy_queue_align;
	dev->legacy_queue_align = 8192;
	requests_complete_at_align(dev, 8192);
	dev->legacy_queue_align = kernel_align;
}

/* 4.2.4: "Notification mechanisms did not change": InterruptStatus, InterruptACK. */
VCTS_TEST(test_mmio_legacy_int_status, "legacy.mmio.interrupt_status_used_buffer", VIRTIO_ID_RNG,
	  CLAUSE_MMIO_LEGACY "|" CLAUSE_USED_NOTIFY_SUPPRESSION)
{
	mmio_check_interrupt_status(dev, CLAUSE_MMIO_LEGACY);
}

VCTS_TEST(test_mmio_legacy_int_line, "legacy.mmio.interrupt_line_used_buffer", VIRTIO_ID_RNG,
	  CLAUSE_MMIO_LEGACY "|" CLAUSE_USED_NOTIFY_SUPPRESSION)
{
	mmio_check_interrupt_line(dev, CLAUSE_MMIO_LEGACY);
}
