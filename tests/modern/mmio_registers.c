/*
 * The virtio-mmio version 2 register layout (4.2.2): identification,
 * feature windows, queue sizes, configuration generation, Status and
 * QueueReady across a reset. Every device driven through mmio-v2.
 *
 * Most of these rules hold on every QEMU configuration: showing them fail
 * needs the host-side reference device with the matching fault
 * (docs/transport-mmio.md lists which); the exceptions say so.
 */
#include "tests/modern/mmio_test.h"

/*
 * 4.2.2.1: MagicValue 0x74726976 and Version 2. The probe already drove
 * the device by these values, so this fails only if they change later
 * (a device that answers differently once initialised).
 */
VCTS_TEST(test_mmio_identity, "modern.mmio.magic_and_version", VIRTIO_ID_ANY, CLAUSE_MMIO_LAYOUT)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	struct virtio_setup setup = { .queue_count = 1, .queue_size = 16 };
	const char *why = NULL;

	if (!mm)
		return;
	for (int round = 0; round < 2; round++) {
		check_eq(mmio_reg_read(mm, VIRTIO_MMIO_MAGIC_VALUE), VIRTIO_MMIO_MAGIC,
			 CLAUSE_MMIO_LAYOUT, "MagicValue (%s)", round ? "device live" : "after reset");
		check_eq(mmio_reg_read(mm, VIRTIO_MMIO_VERSION), 2, CLAUSE_MMIO_LAYOUT,
			 "Version (%s)", round ? "device live" : "after reset");
		check_eq(mmio_reg_read(mm, VIRTIO_MMIO_DEVICE_ID), dev->device_type,
			 CLAUSE_MMIO_LAYOUT, "DeviceID, as probed (%s)",
			 round ? "device live" : "after reset");
		if (!round && !virtio_setup(dev, &setup, &why))
			skip("the device does not initialise (%s): only the reset state was checked",
			     why ? why : "");
	}
}

/*
 * 4.2.2, the DeviceFeatures row of the register table: "Access to this
 * register returns bits DeviceFeaturesSel*32 to (DeviceFeaturesSel*32)+31";
 * no feature of 1.2 is above bit 63, so every window past 1 reads 0. The
 * table describes the registers; the MMIO device requirements (4.2.2.1)
 * say nothing about DeviceFeatures, so these are notes. (PCI's
 * 4.1.4.3.1, which has a MUST for its feature windows, does not apply to
 * MMIO.) QEMU 7.2 turns any non-zero DeviceFeaturesSel into 1
 * (hw/virtio/virtio-mmio.c, VIRTIO_MMIO_DEVICE_FEATURES_SEL), so window 2
 * repeats bits 32-63.
 */
VCTS_TEST(test_mmio_feature_windows, "modern.mmio.device_features_select_above_1_reads_zero",
	  VIRTIO_ID_ANY, CLAUSE_MMIO_LAYOUT "|" CLAUSE_FEATURES)
{
	static const uint32_t selects[] = { 2, 3, 0x80, 0xffffffffu };
	struct virtio_mmio *mm = mmio_or_skip(dev);

	if (!mm)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(selects); i++) {
		uint32_t window = dev->ops->get_device_features(dev, selects[i]);

		check_note(window == 0, CLAUSE_MMIO_LAYOUT,
			   "DeviceFeatures with DeviceFeaturesSel %#x (bits %u and up) reads 0 "
			   "(reads %#x)", selects[i], selects[i] * 32u, window);
	}
}

/*
 * 4.2.2: QueueNumMax is the largest size the device handles for the
 * selected queue, 0 for a queue that is not available; 2.7 caps queue
 * sizes at 32768. For the types whose queue count the kernel knows: every
 * queue up to it is available, the next ones are not, and the maximum
 * does not move when the driver writes a smaller QueueNum.
 */
VCTS_TEST(test_mmio_queue_num_max, "modern.mmio.queue_num_max_rules", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LAYOUT)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint32_t queues = mm ? mmio_known_queue_count_or_skip(dev) : 0;
	uint32_t max0, after;

	if (!queues)
		return;
	for (uint32_t q = 0; q < queues + 4; q++) {
		uint32_t max = mmio_queue_num_max(mm, q);

		if (q < queues)
			check(max >= 1 && max <= VIRTIO_MMIO_MAX_QUEUE_SIZE, CLAUSE_MMIO_LAYOUT,
			      "queue %u of %u is available with at most 32768 entries "
			      "(QueueNumMax %#x)", q, queues, max);
		else
			check_eq(max, 0, CLAUSE_MMIO_LAYOUT,
				 "QueueNumMax of queue %u, past the device's %u", q, queues);
	}
	max0 = mmio_queue_num_max(mm, 0);
	if (max0 < 2)
		return;
	mmio_reg_write(mm, VIRTIO_MMIO_QUEUE_NUM, max0 / 2);
	after = mmio_reg_read(mm, VIRTIO_MMIO_QUEUE_NUM_MAX);
	check_eq(after, max0, CLAUSE_MMIO_LAYOUT,
		 "QueueNumMax of queue 0 after the driver wrote QueueNum %u", max0 / 2);
}

/*
 * 4.2.2, the register table: QueueSel "selects the virtual queue that the
 * following operations on QueueNumMax ... apply to", and QueueNumMax
 * returns "zero (0x0) if the queue is not available". Each high index is
 * selected right after queue 0, so a device that ignores the write and
 * keeps queue 0 selected shows. Descriptive text (no requirement of
 * 4.2.2.1 covers it): notes. QEMU 7.2 drops QueueSel writes of 1024
 * (VIRTIO_QUEUE_MAX) and up (hw/virtio/virtio-mmio.c, VIRTIO_MMIO_QUEUE_SEL).
 */
VCTS_TEST(test_mmio_queue_sel_high, "modern.mmio.queue_sel_high_index_reads_zero", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LAYOUT)
{
	static const uint32_t indexes[] = { 0x3ff, 0x400, 0x7fff };
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint32_t queues = mm ? mmio_known_queue_count_or_skip(dev) : 0;

	if (!queues)
		return;
	require(mmio_queue_num_max(mm, 0) != 0, CLAUSE_MMIO_LAYOUT, "queue 0 is available");
	for (unsigned int i = 0; i < ARRAY_SIZE(indexes); i++) {
		uint32_t max;

		if (indexes[i] < queues)
			continue;
		(void)mmio_queue_num_max(mm, 0);
		max = mmio_queue_num_max(mm, indexes[i]);
		check_note(max == 0, CLAUSE_MMIO_LAYOUT,
			   "QueueNumMax of queue %#x, selected right after queue 0 (the device "
			   "has %u), reads 0 (reads %#x)", indexes[i], queues, max);
	}
}

/*
 * 4.2.2: with nothing changing, ConfigGeneration reads the same before and
 * after the driver reads the configuration, round after round (2.5.1:
 * the driver would otherwise retry for ever). Reads only the fields the
 * device type defines for every device (block: capacity).
 */
VCTS_TEST(test_mmio_generation, "modern.mmio.config_generation_stable", VIRTIO_ID_ANY,
	  CLAUSE_MMIO_LAYOUT "|" CLAUSE_CONFIG_SPACE)
{
	struct virtio_mmio *mm = mmio_or_skip(dev);
	uint32_t length = dev->device_type == VIRTIO_ID_BLOCK ? 8 : 0;
	uint32_t first;

	if (!mm)
		return;
	if (length > dev->ops->config_size(dev))
		length = dev->ops->config_size(dev);
	first = mmio_reg_read(mm, VIRTIO_MMIO_CONFIG_GENERATION);
	for (int round = 0; round < 4; round++) {
		uint32_t before = mmio_reg_read(mm, VIRTIO_MMIO_CONFIG_GENERATION), after;

		for (uint32_t at = 0; at + 4 <= length; at += 4)
			(void)dev->ops->config_read(dev, at, 4);
		after = mmio_reg_read(mm, VIRTIO_MMIO_CONFIG_GENERATION);
		check_eq(after, before, CLAUSE_MMIO_LAYOUT,
			 "ConfigGeneration after reading %u bytes of unchanged configuration "
			 "(round %d)", length, round);
		check_eq(after, first, CLAUSE_MMIO_LAYOUT,
			 "ConfigGeneration compared with the first read (round %d)", round);
	}
}
