/*
 * A target set from outside the VM (5.5.6): the host asks for pages with
 * QMP balloon (host action balloon-target, docs/host-actions.md), the
 * device tells the driver with a configuration change notification and
 * shows the number in num_pages; the driver inflates that many pages and
 * writes actual, which the host then sees (balloon-actual, QMP
 * query-balloon). Then the same back to a target of 0 and a deflate.
 */
#include "lib/host_request.h"
#include "lib/printf.h"
#include "lib/test.h"
#include "tests/common/config_notify.h"
#include "tests/devices/balloon/balloon_tests.h"

/* 64 KiB: enough to tell pages apart, little for a 128 MiB guest. */
#define TARGET_PAGES	16

/* Asks the host for @action with pages=@pages; false (a skip) when it did not. */
static bool host_pages(struct virtio_device *dev, const char *action, uint32_t pages,
		       bool *differs, char *msg, size_t msg_size)
{
	char value[16];
	const char *pairs[] = { "pages", value, NULL };

	snprintf(value, sizeof(value), "%u", pages);
	if (!host_request_done(action, dev->name, pairs, differs, msg, msg_size))
		return false;
	test_log("%s: %s pages=%u: %s", dev->name, action, pages, msg);
	return true;
}

/*
 * The host sets a target of @pages: a configuration change notification
 * arrives, the generation changes (1.x, 2.5.1 device: a value read before
 * has changed) and num_pages reads @pages. False when the test cannot go on.
 */
static bool target_from_host(struct balloon_device *balloon, uint32_t pages)
{
	struct virtio_device *dev = balloon->dev;
	uint32_t interrupts = dev->config_interrupts, generation = 0, num_pages = 0;
	char msg[200];
	bool read;

	if (!dev->legacy)
		generation = dev->ops->config_generation(dev);
	if (!host_pages(dev, "balloon-target", pages, NULL, msg, sizeof(msg)))
		return false;
	check(config_notify_wait(dev, interrupts), config_notify_clause(dev),
	      "a configuration change notification arrives within %u ms of the target of %u "
	      "pages (%s)", test_timeout_ms(), pages, config_notify_route(dev));
	read = balloon_config_read(dev, VIRTIO_BALLOON_CFG_NUM_PAGES, &num_pages);
	if (!check(read, CLAUSE_CONFIG_SPACE, "num_pages reads stably after the new target"))
		return false;
	if (!dev->legacy)
		check(dev->ops->config_generation(dev) != generation,
		      config_notify_generation_clause(dev),
		      "the configuration generation changes with num_pages (it stayed %u)",
		      generation);
	return check_eq(num_pages, pages, CLAUSE_BALLOON_OPERATION,
			"num_pages is the host's target after the notification");
}

/*
 * 5.5.6 step 5: the driver writes actual; the device keeps it (it reads
 * back) and the host sees it (query-balloon: RAM less actual pages).
 */
static void actual_reaches_host(struct balloon_device *balloon, uint32_t pages)
{
	struct virtio_device *dev = balloon->dev;
	uint32_t readback = 0;
	bool differs = false, read;
	char msg[200];

	balloon_config_write(dev, VIRTIO_BALLOON_CFG_ACTUAL, pages);
	read = balloon_config_read(dev, VIRTIO_BALLOON_CFG_ACTUAL, &readback);
	if (check(read, CLAUSE_CONFIG_SPACE, "actual reads stably"))
		check_eq(readback, pages, CLAUSE_BALLOON_OPERATION,
			 "actual reads back what the driver wrote");
	if (host_pages(dev, "balloon-actual", pages, &differs, msg, sizeof(msg)))
		check(!differs, CLAUSE_BALLOON_OPERATION,
		      "the host sees the actual the driver wrote (%u pages): %s", pages, msg);
}

/*
 * Fails against a device that changes num_pages without a configuration
 * change notification or without a new generation, shows another number
 * than the host's, does not use the inflate/deflate buffers, or loses
 * actual (the reference device's faults; QEMU gives the notification
 * from its QMP handler, virtio_balloon_to_target).
 */
VCTS_TEST(balloon_target, "devices.balloon.target_from_host", VIRTIO_ID_BALLOON,
	  CLAUSE_BALLOON_OPERATION "|" CLAUSE_CONFIG_SPACE "|" CLAUSE_USED_RING "|"
	  CLAUSE_PCI_CONFIG_NOTIFY "|" CLAUSE_PCI_ISR_CAP "|" CLAUSE_PCI_COMMON_CFG "|"
	  CLAUSE_MMIO_REGISTER_LAYOUT)
{
	struct balloon_options options = {
		.features = BALLOON_BIT(VIRTIO_BALLOON_F_MUST_TELL_HOST),
	};
	struct balloon_device balloon;
	uint8_t *pages = balloon_pages_alloc(TARGET_PAGES);
	uint32_t pfns[TARGET_PAGES], before = 0;

	if (!config_notify_pick_irq(dev, &options.irq_mode))
		skip("the kernel cannot take interrupts from %s at %s: a configuration change "
		     "notification cannot be seen", dev->name, dev->location);
	if (!balloon_test_open(dev, &options, &balloon) ||
	    !balloon_test_pfns(pages, TARGET_PAGES, pfns))
		return;
	if (balloon_config_read(dev, VIRTIO_BALLOON_CFG_NUM_PAGES, &before))
		test_log("%s: num_pages %u before the host's target", dev->name, before);
	if (!target_from_host(&balloon, TARGET_PAGES) ||
	    !balloon_check_pfns(&balloon, BALLOON_INFLATEQ, pfns, TARGET_PAGES,
				"the inflate of the pages the host asked for"))
		return;
	actual_reaches_host(&balloon, TARGET_PAGES);
	if (!target_from_host(&balloon, 0) ||
	    !balloon_check_pfns(&balloon, BALLOON_DEFLATEQ, pfns, TARGET_PAGES,
				"the deflate of them after the target went back to 0"))
		return;
	actual_reaches_host(&balloon, 0);
}
