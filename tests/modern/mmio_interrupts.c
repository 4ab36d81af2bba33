/*
 * InterruptStatus and InterruptACK on virtio-mmio version 2 (4.2.2.1,
 * 4.2.3.4), with the entropy device: its requests are the simplest way
 * to make a device use a buffer.
 */
#include "drivers/rng.h"
#include "tests/modern/mmio_test.h"

/*
 * 4.2.2.1: the device presents a used buffer in InterruptStatus bit 0
 * from the moment it happens until the driver acknowledges it, and keeps
 * undefined bits 0. Polled with the line masked, so nothing else acks.
 */
VCTS_TEST(test_mmio_int_status, "modern.mmio.interrupt_status_used_buffer", VIRTIO_ID_RNG,
	  CLAUSE_MMIO_LAYOUT "|" CLAUSE_USED_NOTIFY_SUPPRESSION)
{
	mmio_check_interrupt_status(dev, CLAUSE_MMIO_LAYOUT);
}

/* 4.2.2.1: "Upon reset, the device MUST clear all bits in InterruptStatus". */
VCTS_TEST(test_mmio_int_reset, "modern.mmio.reset_clears_interrupt_status", VIRTIO_ID_RNG,
	  CLAUSE_MMIO_LAYOUT "|" CLAUSE_RESET)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint8_t *buffer = test_alloc(16, 16);
	struct rng_device rng;
	const char *why = NULL;
	uint32_t used = 0, status;
	bool opened;

	if (!mm)
		return;
	opened = rng_open(dev, VIRTIO_IRQ_POLL, &rng, &why);
	require(opened, CLAUSE_FEATURES, "the device initialises (%s)", why ? why : "");
	require(rng_read(&rng, buffer, 16, &used) == VQ_USED, CLAUSE_USED_RING,
		"the request completes (%s)", rng.requestq->error);
	status = mmio_reg_read(mm, VIRTIO_MMIO_INTERRUPT_STATUS);
	if (!(status & VIRTIO_MMIO_INT_VRING))
		skip("no event pending to clear (InterruptStatus %#x): see "
		     "modern.mmio.interrupt_status_used_buffer", status);
	require(mmio_reset_and_wait(dev), CLAUSE_RESET, "Status reads 0 after a reset");
	check_eq(mmio_reg_read(mm, VIRTIO_MMIO_INTERRUPT_STATUS), 0, CLAUSE_MMIO_LAYOUT,
		 "InterruptStatus after a reset with an unacknowledged used buffer (%#x before)",
		 status);
}

/*
 * 4.2.3.4: the used buffer raises the transport's interrupt line with bit
 * 0 set; once the handler acknowledges it, InterruptStatus reads 0 and
 * the line drops. Skips where the kernel cannot route the line.
 */
VCTS_TEST(test_mmio_int_line, "modern.mmio.interrupt_line_used_buffer", VIRTIO_ID_RNG,
	  CLAUSE_MMIO_LAYOUT "|" CLAUSE_USED_NOTIFY_SUPPRESSION)
{
	mmio_check_interrupt_line(dev, CLAUSE_MMIO_LAYOUT);
}
