/* Helpers of the virtio-mmio tests, both layouts (tests/modern/mmio_test.h). */
#include "drivers/blk.h"
#include "drivers/rng.h"
#include "tests/modern/mmio_test.h"

#define CLAUSE_MMIO_NOTIFICATIONS \
	"Virtio Transport Options / Virtio Over MMIO / MMIO-specific Initialization And Device Operation / Notifications From The Device"

uint32_t mmio_known_queue_count(struct virtio_device *dev)
{
	uint8_t bytes[2];

	switch (dev->device_type) {
	case VIRTIO_ID_RNG:
		return 1;
	case VIRTIO_ID_BLOCK:
		if (!(virtio_device_features(dev) >> VIRTIO_BLK_F_MQ & 1))
			return 1;
		if (!virtio_config_read_stable(dev, VIRTIO_BLK_CFG_NUM_QUEUES, bytes, 2))
			return 0;
		return (uint32_t)virtio_config_decode(dev, bytes, 2);
	default:
		return 0;
	}
}

uint32_t mmio_known_queue_count_or_skip(struct virtio_device *dev)
{
	uint32_t queues = mmio_known_queue_count(dev);

	if (!queues)
		test_skip("the kernel does not know how many queues a %s device has",
			  virtio_type_name(dev->device_type));
	return queues;
}

uint32_t mmio_queue_num_max(struct virtio_mmio *mm, uint32_t index)
{
	mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_SEL, index);
	return mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_NUM_MAX);
}

bool mmio_reset_and_wait(struct virtio_device *dev)
{
	dev->ops->set_status(dev, 0);
	return virtio_status_zero_within(dev, test_timeout_ms());
}

bool mmio_setup_queues(struct virtio_device *dev, uint16_t queue_count)
{
	struct virtio_setup setup = { .queue_count = queue_count, .queue_size = 16 };
	const char *why = NULL;
	bool ready = virtio_setup(dev, &setup, &why);

	return check(ready, CLAUSE_FEATURES, "the device initialises with %u queue%s (%s)",
		     queue_count, queue_count == 1 ? "" : "s", why ? why : "");
}

void mmio_check_interrupt_status(struct virtio_device *dev, const char *clause)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint8_t *buffer;
	struct rng_device rng;
	const char *why = NULL;
	uint32_t before, after, again, acked, used = 0;
	bool opened;

	if (!mm)
		return;
	buffer = test_alloc(16, 16);
	opened = rng_open(dev, VIRTIO_IRQ_POLL, &rng, &why);
	require(opened, CLAUSE_FEATURES, "the device initialises (%s)", why ? why : "");
	before = mmio_reg_read(mm, VIRTIO_MMIO_INTERRUPT_STATUS);
	check_eq(before & VIRTIO_MMIO_INT_VRING, 0, clause,
		 "InterruptStatus bit 0 before the device used any buffer");
	check_eq(before & MMIO_INT_UNDEFINED, 0, clause,
		 "undefined InterruptStatus bits before any event");
	require(rng_read(&rng, buffer, 16, &used) == VQ_USED, CLAUSE_USED_RING,
		"the request completes (%s)", rng.requestq->error);
	after = mmio_reg_read(mm, VIRTIO_MMIO_INTERRUPT_STATUS);
	check(after & VIRTIO_MMIO_INT_VRING, clause,
	      "InterruptStatus bit 0 is set once the device has used a buffer, with no "
	      "notification suppression asked for (reads %#x)", after);
	check_eq(after & MMIO_INT_UNDEFINED, 0, clause,
		 "undefined InterruptStatus bits after a used buffer");
	again = mmio_reg_read(mm, VIRTIO_MMIO_INTERRUPT_STATUS);
	check(!(after & VIRTIO_MMIO_INT_VRING) || (again & VIRTIO_MMIO_INT_VRING), clause,
	      "bit 0 stays set until acknowledged: a second read of InterruptStatus reads %#x",
	      again);
	mmio_reg_write(mm, VIRTIO_MMIO_INTERRUPT_ACK, VIRTIO_MMIO_INT_VRING);
	acked = mmio_reg_read(mm, VIRTIO_MMIO_INTERRUPT_STATUS);
	check_eq(acked & VIRTIO_MMIO_INT_VRING, 0, clause,
		 "InterruptStatus bit 0 after writing bit 0 to InterruptACK");
}

void mmio_check_interrupt_line(struct virtio_device *dev, const char *clause)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint8_t *buffer;
	struct rng_device rng;
	const char *why = NULL;
	uint32_t seen, unclaimed, used = 0;
	bool opened;

	if (!mm)
		return;
	buffer = test_alloc(16, 16);
	if (dev->ops->irq_setup(dev, VIRTIO_IRQ_INTX) < 0) {
		if (mm->irq_error == ARCH_IRQ_NO_LINE)
			skip("the kernel cannot route interrupt line %u of %s (it drives only "
			     "the first I/O APIC; QEMU microvm with ACPI puts virtio-mmio on "
			     "GSI 24 and up, on its second): the device is polled",
			     mm->irq, dev->location);
		skip("no CPU vector or handler slot left for interrupt line %u", mm->irq);
	}
	opened = rng_open(dev, VIRTIO_IRQ_INTX, &rng, &why);
	require(opened, CLAUSE_FEATURES, "the device initialises with its interrupt line (%s)",
		why ? why : "");
	mm->status_seen = 0;
	seen = rng.requestq->interrupts;
	unclaimed = arch_wired_irq_unclaimed(mm->irq);
	require(rng_read(&rng, buffer, 16, &used) == VQ_USED, CLAUSE_USED_RING,
		"the request completes (%s)", rng.requestq->error);
	check(vq_wait_interrupt(rng.requestq, seen, test_timeout_ms()), clause,
	      "an interrupt on line %u with bit 0 of InterruptStatus set follows the used "
	      "buffer within %u ms", mm->irq, test_timeout_ms());
	check_eq(mm->status_seen & MMIO_INT_UNDEFINED, 0, clause,
		 "undefined InterruptStatus bits seen by the interrupt handler");
	check_eq(mmio_reg_read(mm, VIRTIO_MMIO_INTERRUPT_STATUS), 0, clause,
		 "InterruptStatus once the handler has acknowledged every event");
	check_eq(arch_wired_irq_unclaimed(mm->irq) - unclaimed, 0, CLAUSE_MMIO_NOTIFICATIONS,
		 "interrupts on line %u with nothing in InterruptStatus (the line must drop "
		 "once every event is acknowledged)", mm->irq);
}
