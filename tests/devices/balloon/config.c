/*
 * The balloon's configuration space (5.5.4) and its queue layout (5.5.2).
 */
#include "lib/test.h"
#include "tests/devices/balloon/balloon_tests.h"

/* A le32 field: inside the configuration and stable. */
static bool check_field(struct virtio_device *dev, const char *name, uint32_t offset,
			uint32_t *value)
{
	uint32_t size = dev->ops->config_size(dev);
	bool read = balloon_config_read(dev, offset, value);

	return check(read, CLAUSE_CONFIG_SPACE,
		     "%s (offset %u) lies within the %u configuration bytes and reads stably "
		     "before FEATURES_OK", name, offset, size);
}

/*
 * 2.5.1 (device): the fields are readable before FEATURES_OK, those of
 * offered features included: num_pages and actual always,
 * free_page_hint_cmd_id with FREE_PAGE_HINT, poison_val with PAGE_POISON.
 * Nothing says what num_pages is before the host sets a target; the test
 * logs it. Fails against a device whose configuration stops short of an
 * offered feature's field (the reference device; QEMU sizes it from the
 * features: page-poison=off free-page-hint=off makes it 8 bytes).
 */
VCTS_TEST(balloon_config_early, "devices.balloon.config_before_features_ok",
	  VIRTIO_ID_BALLOON, CLAUSE_CONFIG_SPACE)
{
	uint32_t num_pages = 0, actual = 0, value = 0;
	uint64_t offered;

	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	offered = virtio_device_features(dev);
	test_log("%s: features offered %#llx, %u configuration bytes", dev->name,
		 (unsigned long long)offered, dev->ops->config_size(dev));
	if (check_field(dev, "num_pages", VIRTIO_BALLOON_CFG_NUM_PAGES, &num_pages) &&
	    check_field(dev, "actual", VIRTIO_BALLOON_CFG_ACTUAL, &actual))
		test_log("%s: num_pages %u, actual %u", dev->name, num_pages, actual);
	if (offered & BALLOON_BIT(VIRTIO_BALLOON_F_FREE_PAGE_HINT) &&
	    check_field(dev, "free_page_hint_cmd_id", VIRTIO_BALLOON_CFG_FREE_PAGE_HINT_CMD_ID,
			&value))
		test_log("%s: free_page_hint_cmd_id %u", dev->name, value);
	if (offered & BALLOON_BIT(VIRTIO_BALLOON_F_PAGE_POISON) &&
	    check_field(dev, "poison_val", VIRTIO_BALLOON_CFG_POISON_VAL, &value))
		test_log("%s: poison_val %#x", dev->name, value);
}

/*
 * 5.5.2 numbers the queues "0 inflateq, 1 deflateq, 2 statsq, 3
 * free_page_vq, 4 reporting_vq", and says "reporting_vq only exists if
 * VIRTIO_BALLOON_F_PAGE_REPORTING is set" (likewise for the others): read
 * as fixed indexes, none moves when a queue before it is absent. With
 * every offered queue feature negotiated, each of those queues has a
 * nonzero size at its index. The list is descriptive (5.5.2 has no MUST
 * or SHOULD, and no device requirement elsewhere numbers the queues), so
 * every index here is a note. QEMU 7.2 with free-page-reporting=on and
 * free-page-hint=off: virtio_balloon_device_realize() adds the reporting
 * queue right after the ones before it, at index 3 (as Linux's find_vqs()
 * expects), and index 4 has size 0.
 */
VCTS_TEST(balloon_queue_numbering, "devices.balloon.queue_numbering", VIRTIO_ID_BALLOON,
	  CLAUSE_BALLOON_VIRTQUEUES)
{
	static const struct {
		enum balloon_queue queue;
		unsigned int feature;
	} optional[] = {
		{ BALLOON_STATSQ, VIRTIO_BALLOON_F_STATS_VQ },
		{ BALLOON_FREE_PAGE_VQ, VIRTIO_BALLOON_F_FREE_PAGE_HINT },
		{ BALLOON_REPORTING_VQ, VIRTIO_BALLOON_F_PAGE_REPORTING },
	};
	uint64_t wanted = BALLOON_BIT(VIRTIO_BALLOON_F_STATS_VQ) |
			  BALLOON_BIT(VIRTIO_BALLOON_F_FREE_PAGE_HINT) |
			  BALLOON_BIT(VIRTIO_BALLOON_F_PAGE_REPORTING) |
			  (dev->legacy ? 0 : BALLOON_BIT(VIRTIO_F_VERSION_1));
	const char *why = NULL;
	bool negotiated = virtio_negotiate(dev, wanted, &why);

	require(negotiated, CLAUSE_FEATURES, "the features are accepted (%s)", why ? why : "");
	for (unsigned int q = BALLOON_INFLATEQ; q <= BALLOON_DEFLATEQ; q++)
		check_note(dev->ops->queue_max_size(dev, (uint16_t)q) != 0,
			   CLAUSE_BALLOON_VIRTQUEUES, "the %s is queue %u",
			   balloon_queue_name((enum balloon_queue)q), q);
	for (unsigned int i = 0; i < sizeof(optional) / sizeof(optional[0]); i++) {
		enum balloon_queue q = optional[i].queue;
		uint16_t size;

		if (!virtio_has_feature(dev, optional[i].feature)) {
			test_log("%s: no %s (feature %u not offered)", dev->name,
				 balloon_queue_name(q), optional[i].feature);
			continue;
		}
		size = dev->ops->queue_max_size(dev, (uint16_t)q);
		if (!check_note(size != 0, CLAUSE_BALLOON_VIRTQUEUES,
				"the %s is queue %u, as 5.5.2 numbers it (its size reads 0 there)",
				balloon_queue_name(q), (unsigned int)q)) {
			bool renumbered = false;
			int found = balloon_find_queue(dev, q, 0, &renumbered);

			if (found >= 0)
				test_log("%s: the %s is queue %d, where skipping absent queues "
					 "puts it", dev->name, balloon_queue_name(q), found);
			else
				test_log("%s: the device has no %s at all", dev->name,
					 balloon_queue_name(q));
		}
	}
}
