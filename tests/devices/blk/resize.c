/*
 * A capacity change from outside the VM (a host action, docs/host-actions.md:
 * QMP block_resize): the device must notify the driver of the
 * configuration change, with a changed generation, and show the new size.
 */
#include "lib/host_request.h"
#include "lib/kernel.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/test.h"
#include "tests/common/config_notify.h"
#include "tests/devices/blk/blk_tests.h"

#define RESIZE_GROW_SECTORS 2048	/* 1 MiB */

static bool read_capacity(struct virtio_device *dev, uint64_t *capacity)
{
	uint8_t bytes[8];

	if (!virtio_config_read_stable(dev, VIRTIO_BLK_CFG_CAPACITY, bytes, 8))
		return false;
	*capacity = virtio_config_decode(dev, bytes, 8);
	return true;
}

/*
 * Fails on a device that changes its capacity without a configuration
 * change notification (no MSI-X message on the config vector, no ISR
 * bit 0x2 with INTx, no InterruptStatus bit 1 on virtio-mmio), without
 * a new generation (1.x), or that shows a capacity other than the new one.
 */
VCTS_TEST(blk_resize, "devices.blk.resize_raises_config_change", VIRTIO_ID_BLOCK,
	  CLAUSE_CONFIG_SPACE "|" CLAUSE_PCI_CONFIG_NOTIFY "|" CLAUSE_PCI_ISR_CAP "|"
	  CLAUSE_PCI_COMMON_CFG "|" CLAUSE_MMIO_REGISTER_LAYOUT)
{
	struct virtio_setup setup = { .features = BLK_FEATURES_BASIC, .queue_count = 1,
				      .queue_size = 8 };
	const char *why = NULL;
	uint64_t before = 0, after = 0;
	uint32_t generation = 0, interrupts;
	char bytes[24], msg[160];
	const char *pairs[] = { "bytes", bytes, NULL };
	bool ready;

	if (!config_notify_pick_irq(dev, &setup.irq_mode))
		skip("the kernel cannot take interrupts from %s at %s: a configuration change "
		     "notification cannot be seen", dev->name, dev->location);
	/* Set up first: C leaves open when the arguments of require() are evaluated. */
	ready = virtio_setup(dev, &setup, &why);
	require(ready, CLAUSE_FEATURES, "the device initialises with interrupts (%s)",
		why ? why : "");
	if (virtio_device_features(dev) & (1ull << VIRTIO_BLK_F_RO))
		skip("%s is read-only", dev->name);
	require(read_capacity(dev, &before), CLAUSE_CONFIG_SPACE,
		"capacity can be read with a stable generation");
	if (!dev->legacy)
		generation = dev->ops->config_generation(dev);
	interrupts = dev->config_interrupts;
	test_log("%s: capacity %llu sectors, generation %u, notified by %s", dev->name,
		 (unsigned long long)before, generation, config_notify_route(dev));

	snprintf(bytes, sizeof(bytes), "%llu",
		 (unsigned long long)((before + RESIZE_GROW_SECTORS) * BLK_SECTOR_SIZE));
	if (!host_request_done("blk-resize", dev->name, pairs, NULL, msg, sizeof(msg)))
		return;

	check(config_notify_wait(dev, interrupts), config_notify_clause(dev),
	      "a configuration change notification arrives within %u ms of the resize (%s)",
	      test_timeout_ms(), config_notify_route(dev));
	require(read_capacity(dev, &after), CLAUSE_CONFIG_SPACE,
		"capacity can be read with a stable generation after the resize");
	if (!dev->legacy)
		check(dev->ops->config_generation(dev) != generation,
		      config_notify_generation_clause(dev),
		      "the configuration generation changes with the capacity (it stayed %u)",
		      generation);
	check_eq(after, before + RESIZE_GROW_SECTORS, CLAUSE_CONFIG_SPACE,
		 "capacity shows the new size (%llu + %u sectors)", (unsigned long long)before,
		 RESIZE_GROW_SECTORS);
}
