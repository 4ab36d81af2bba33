/*
 * QueueReady and Status across set-up, stop and reset on virtio-mmio
 * version 2 (4.2.2, 4.2.3.2). Every device driven through mmio-v2.
 */
#include "tests/modern/mmio_test.h"

static uint32_t queue_ready(struct virtio_mmio *mm, uint32_t index)
{
	mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_SEL, index);
	return mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_READY);
}

/*
 * 4.2.2: "Reading from this register returns the last value written to
 * it": 1 once the queue is enabled, 0 once the driver stops it (which
 * 4.2.2.2 makes the driver read back, to synchronise with the device).
 */
VCTS_TEST(test_mmio_queue_ready, "modern.mmio.queue_ready_read_back", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LAYOUT)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);

	if (!mm || !mmio_setup_queues(dev, 1))
		return;
	check_eq(queue_ready(mm, 0), 1, CLAUSE_MMIO_LAYOUT, "QueueReady of the enabled queue 0");
	mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_READY, 0);
	check_eq(mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_READY), 0, CLAUSE_MMIO_LAYOUT,
		 "QueueReady of queue 0 after the driver wrote 0 to stop it");
}

/*
 * 4.2.2.1: "Upon reset, the device MUST clear ... ready bits in the
 * QueueReady register for all queues": 0 before any set-up, and 0 again
 * for a queue that was live when the driver reset the device.
 */
VCTS_TEST(test_mmio_reset_ready, "modern.mmio.reset_clears_queue_ready", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LAYOUT "|" CLAUSE_RESET)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);

	if (!mm)
		return;
	require(mmio_reset_and_wait(dev), CLAUSE_RESET, "Status reads 0 after a reset");
	check_eq(queue_ready(mm, 0), 0, CLAUSE_MMIO_LAYOUT,
		 "QueueReady of queue 0 after a reset, before any set-up");
	if (!mmio_setup_queues(dev, 1))
		return;
	require(queue_ready(mm, 0) == 1, CLAUSE_MMIO_LAYOUT, "queue 0 is live (QueueReady 1)");
	require(mmio_reset_and_wait(dev), CLAUSE_RESET,
		"Status reads 0 after resetting the live device");
	check_eq(queue_ready(mm, 0), 0, CLAUSE_MMIO_LAYOUT,
		 "QueueReady of queue 0, live before the reset");
}

/*
 * 4.2.2: writing 0 to Status resets the device, whose status then reads
 * 0 (2.4.1), from every step of initialisation up to a live device.
 */
VCTS_TEST(test_mmio_status_reset, "modern.mmio.status_reads_zero_after_reset", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LAYOUT "|" CLAUSE_RESET)
{
	static const uint8_t steps[] = {
		VIRTIO_STATUS_ACKNOWLEDGE,
		VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER,
		VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FAILED,
	};
	if (!mmio_or_skip(dev))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(steps); i++) {
		dev->ops->set_status(dev, steps[i]);
		check(mmio_reset_and_wait(dev), CLAUSE_RESET,
		      "Status reads 0 within %u ms of writing 0 from status %#x (reads %#x)",
		      test_timeout_ms(), steps[i], dev->ops->get_status(dev));
	}
	if (!mmio_setup_queues(dev, 1))
		return;
	check(mmio_reset_and_wait(dev), CLAUSE_RESET,
	      "Status reads 0 within %u ms of writing 0 to a live device (reads %#x)",
	      test_timeout_ms(), dev->ops->get_status(dev));
}

/*
 * 4.2.2.1 with VIRTIO_F_RING_RESET negotiated: QueueReset reads 0 once
 * the queue is enabled; a 1 written to it resets the queue, QueueReset
 * reads 1 while that goes on, and 0 in both QueueReset and QueueReady
 * once it is done (2.7.1). Fails on QEMU 7.2, which offers RING_RESET
 * over virtio-mmio (the "queue_reset" property, on by default) but has no
 * QueueReset register in hw/virtio/virtio-mmio.c: the write is dropped
 * and the queue stays ready. Skips with queue_reset=off.
 */
VCTS_TEST(test_mmio_queue_reset, "modern.mmio.queue_reset", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LAYOUT "|" CLAUSE_VIRTQUEUE_RESET)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	struct virtio_setup setup = { .features = 1ull << VIRTIO_F_RING_RESET,
				      .queue_count = 1, .queue_size = 16 };
	const char *why = NULL;
	uint64_t deadline;
	uint32_t reset;
	bool ready;

	if (!mm)
		return;
	if (!(virtio_device_features(dev) >> VIRTIO_F_RING_RESET & 1))
		skip("the device does not offer VIRTIO_F_RING_RESET");
	ready = virtio_setup(dev, &setup, &why);
	require(ready && virtio_has_feature(dev, VIRTIO_F_RING_RESET), CLAUSE_FEATURES,
		"the device initialises with VIRTIO_F_RING_RESET and one queue (%s)",
		why ? why : "");
	require(queue_ready(mm, 0) == 1, CLAUSE_MMIO_LAYOUT, "queue 0 is live (QueueReady 1)");
	check_eq(mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_RESET), 0, CLAUSE_MMIO_LAYOUT,
		 "QueueReset of queue 0 once enabled with QueueReady");
	mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_RESET, 1);
	deadline = deadline_after_ms(test_timeout_ms());
	while ((reset = mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_RESET)) != 0 &&
	       !deadline_passed(deadline))
		arch_wait_a_little();
	require_eq(reset, 0, CLAUSE_MMIO_LAYOUT,
		   "QueueReset of queue 0 within %u ms of writing 1 (the reset completes)",
		   test_timeout_ms());
	check_eq(mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_READY), 0, CLAUSE_MMIO_LAYOUT,
		 "QueueReady of queue 0 once its queue reset has completed");
}
