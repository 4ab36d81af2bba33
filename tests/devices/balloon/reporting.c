/*
 * Free page reporting (5.5.6.7), page poison (5.5.6.6) and free page
 * hinting (5.5.6.5): page ranges the device takes and gives back.
 */
#include "lib/kernel.h"
#include "lib/test.h"
#include "tests/devices/balloon/balloon_tests.h"

/* Reported: a run of 4 pages and a single page, as two ranges. */
#define RUN_PAGES	4
#define REPORT_PAGES	(RUN_PAGES + 1)
#define SETTLE_MS	50
/* Distinct bytes, so a value moved or cut short does not pass for it. */
#define POISON_VALUE	0x5aa5c33cu

static void wait_ms(uint32_t ms)
{
	uint64_t end = deadline_after_ms(ms);

	while (!deadline_passed(end))
		arch_wait_a_little();
}

/* Opens with PAGE_REPORTING and @extra; skips unless the device offers all of them. */
static bool open_reporting(struct virtio_device *dev, struct balloon_device *balloon,
			   uint64_t extra, uint32_t poison_val)
{
	struct balloon_options options = {
		.features = BALLOON_BIT(VIRTIO_BALLOON_F_MUST_TELL_HOST) |
			    BALLOON_BIT(VIRTIO_BALLOON_F_PAGE_REPORTING) | extra,
		.poison_val = poison_val,
	};
	uint64_t needed = BALLOON_BIT(VIRTIO_BALLOON_F_PAGE_REPORTING) | extra;

	if (!balloon_test_open(dev, &options, balloon))
		return false;
	if ((balloon->offered & needed) != needed) {
		test_skip("the device does not offer %s",
			  extra ? "both VIRTIO_BALLOON_F_PAGE_REPORTING and PAGE_POISON" :
			  "VIRTIO_BALLOON_F_PAGE_REPORTING");
		return false;
	}
	if (balloon->renumbered[BALLOON_REPORTING_VQ])
		test_log("%s: the reporting_vq is queue %u, not 4 (devices.balloon.queue_numbering)",
			 dev->name, balloon->index[BALLOON_REPORTING_VQ]);
	return true;
}

/* Reports @pages (REPORT_PAGES of them) as two device-writable ranges. */
static bool report(struct balloon_device *balloon, uint8_t *pages)
{
	struct vq_buffer *chain = test_alloc(2 * sizeof(*chain), 8);
	uint32_t used_len = 0, bytes = REPORT_PAGES * BALLOON_PAGE_SIZE;
	enum vq_result result;

	chain[0] = (struct vq_buffer){ pages, RUN_PAGES * BALLOON_PAGE_SIZE, true };
	chain[1] = (struct vq_buffer){ pages + RUN_PAGES * BALLOON_PAGE_SIZE, BALLOON_PAGE_SIZE,
				       true };
	result = balloon_request(balloon, BALLOON_REPORTING_VQ, chain, 2, &used_len);
	if (!check(result == VQ_USED, balloon->error_clause,
		   "a report of %u pages in two ranges is acknowledged: %s", REPORT_PAGES,
		   balloon->error))
		return false;
	/* The queue core refuses more than the ranges hold. */
	test_log("%s: used length %u of the %u reported bytes", balloon->dev->name, used_len,
		 bytes);
	return true;
}

/*
 * 5.5.6.7 steps 3-4: the device acknowledges a report by using the
 * reporting_vq buffer, after which the pages are the driver's again: what
 * it writes there stays. Without PAGE_POISON the device may discard them
 * before acknowledging (5.5.6.7.2), so their contents are not looked at
 * until the driver writes them. Fails against a device that keeps the
 * buffer, or discards after acknowledging (the reference device).
 */
VCTS_TEST(balloon_reporting, "devices.balloon.reporting_used", VIRTIO_ID_BALLOON,
	  CLAUSE_BALLOON_REPORTING "|" CLAUSE_USED_RING)
{
	struct balloon_device balloon;
	uint8_t *pages = balloon_pages_alloc(REPORT_PAGES);
	uint32_t seed = test_seed();

	if (!open_reporting(dev, &balloon, 0, 0) || !report(&balloon, pages))
		return;
	balloon_fill_pattern(pages, REPORT_PAGES, seed);
	wait_ms(SETTLE_MS);
	balloon_check_pattern(pages, REPORT_PAGES, seed, CLAUSE_BALLOON_REPORTING,
			      "the reported pages keep what the driver wrote after the report");
}

/*
 * 5.5.6.7.2 (device): with PAGE_POISON negotiated, a reported page is not
 * modified "to a value other than poison_val". The driver writes
 * poison_val (0x5aa5c33c) into the configuration before DRIVER_OK and
 * into every 32-bit word of the pages before reporting them (5.5.6.7.1);
 * after the acknowledgement every word still holds it. Fails against a
 * device that discards reported pages regardless (QEMU does with
 * poison_val 0, but then zero pages are poison; the reference device).
 */
VCTS_TEST(balloon_reporting_poison, "devices.balloon.reporting_keeps_poison",
	  VIRTIO_ID_BALLOON, CLAUSE_BALLOON_REPORTING "|" CLAUSE_BALLOON_POISON)
{
	struct balloon_device balloon;
	uint8_t *pages = balloon_pages_alloc(REPORT_PAGES);
	volatile uint32_t *words = (volatile uint32_t *)pages;
	uint32_t count = REPORT_PAGES * BALLOON_PAGE_SIZE / 4, poison = POISON_VALUE, first;

	if (!open_reporting(dev, &balloon, BALLOON_BIT(VIRTIO_BALLOON_F_PAGE_POISON), poison))
		return;
	for (uint32_t i = 0; i < count; i++)
		words[i] = poison;
	if (!report(&balloon, pages))
		return;
	wait_ms(SETTLE_MS);
	for (first = 0; first < count && words[first] == poison; first++)
		;
	if (first == count)
		check(true, CLAUSE_BALLOON_REPORTING, "every word of the reported pages holds "
		      "poison_val");
	else
		check_eq(words[first], poison, CLAUSE_BALLOON_REPORTING,
			 "word %u (page %u) of the reported pages, the first that changed, holds "
			 "poison_val", first, first * 4 / BALLOON_PAGE_SIZE);
}

/* Sends the command id @id alone (a 4-byte device-readable buffer). */
static bool send_command_id(struct balloon_device *balloon, uint32_t id, const char *what)
{
	uint32_t *value = test_alloc(4, 4), used_len = 0;
	struct vq_buffer *chain = test_alloc(sizeof(*chain), 8);
	enum vq_result result;

	*value = virtio_to_device32(balloon->dev, id);
	*chain = (struct vq_buffer){ value, 4, false };
	result = balloon_request(balloon, BALLOON_FREE_PAGE_VQ, chain, 1, &used_len);
	return check(result == VQ_USED, balloon->error_clause, "%s (command id %u) is used: %s",
		     what, id, balloon->error);
}

/*
 * 5.5.6.5: a hinting round starts when free_page_hint_cmd_id holds a
 * value of 2 or more; the driver sends that id, pages as device-writable
 * buffers, then STOP, and the device uses each. A round only starts when
 * the host wants one (QEMU: during a precopy migration), so without one
 * the test skips. Fails against a device that keeps the hinted pages
 * (the reference device, which starts a round at FEATURES_OK).
 */
VCTS_TEST(balloon_hinting, "devices.balloon.free_page_hint_round", VIRTIO_ID_BALLOON,
	  CLAUSE_BALLOON_HINTING "|" CLAUSE_USED_RING)
{
	struct balloon_options options = {
		.features = BALLOON_BIT(VIRTIO_BALLOON_F_MUST_TELL_HOST) |
			    BALLOON_BIT(VIRTIO_BALLOON_F_FREE_PAGE_HINT),
	};
	struct balloon_device balloon;
	uint8_t *pages = balloon_pages_alloc(2);
	struct vq_buffer *hint = test_alloc(sizeof(*hint), 8);
	uint32_t cmd_id = 0, used_len = 0;
	enum vq_result result;

	if (!balloon_test_open(dev, &options, &balloon))
		return;
	if (!balloon.queue[BALLOON_FREE_PAGE_VQ])
		skip("the device does not offer VIRTIO_BALLOON_F_FREE_PAGE_HINT");
	require(balloon_config_read(dev, VIRTIO_BALLOON_CFG_FREE_PAGE_HINT_CMD_ID, &cmd_id),
		CLAUSE_CONFIG_SPACE, "free_page_hint_cmd_id reads stably");
	if (cmd_id < 2)
		skip("free_page_hint_cmd_id is %u (%s): no round is running; QEMU starts one only "
		     "during a precopy migration, which no host action does yet "
		     "(docs/devices-console-balloon.md)", cmd_id,
		     cmd_id == VIRTIO_BALLOON_CMD_ID_STOP ? "STOP" : "DONE");
	if (!send_command_id(&balloon, cmd_id, "the round's command id"))
		return;
	*hint = (struct vq_buffer){ pages, 2 * BALLOON_PAGE_SIZE, true };
	result = balloon_request(&balloon, BALLOON_FREE_PAGE_VQ, hint, 1, &used_len);
	if (!check(result == VQ_USED, balloon.error_clause, "a hint of 2 pages is used: %s",
		   balloon.error))
		return;
	send_command_id(&balloon, VIRTIO_BALLOON_CMD_ID_STOP, "STOP");
}
