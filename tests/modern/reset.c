/* Device reset (2.4) and the status field (2.1), on every device. */
#include "lib/kernel.h"
#include "lib/test.h"
#include "virtio/virtio.h"

/* 2.4.1: after a reset the device reinitializes device status to 0. */
VCTS_TEST(reset_from_each_step, "modern.init.reset_clears_status", VIRTIO_ID_ANY,
	  CLAUSE_RESET "|" CLAUSE_PCI_COMMON_CFG)
{
	static const uint8_t steps[] = {
		VIRTIO_STATUS_ACKNOWLEDGE,
		VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER,
		VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK,
		VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_FAILED,
	};

	for (unsigned int i = 0; i < ARRAY_SIZE(steps); i++) {
		const char *why;

		if (steps[i] & VIRTIO_STATUS_FEATURES_OK) {
			if (!virtio_negotiate(dev, 1ull << VIRTIO_F_VERSION_1, &why))
				continue;	/* modern.features.* reports it */
		} else {
			dev->ops->set_status(dev, steps[i]);
		}
		dev->ops->set_status(dev, 0);
		check(virtio_status_zero_within(dev, test_timeout_ms()), CLAUSE_RESET,
		      "status reads 0 within %u ms of a reset from status %#x (reads %#x)",
		      test_timeout_ms(), steps[i], dev->ops->get_status(dev));
	}
}

/*
 * 2.4.1: a reset also forgets the negotiated features; FEATURES_OK must
 * not survive it, and the device must take a new negotiation.
 */
VCTS_TEST(reset_after_driver_ok, "modern.init.reset_after_driver_ok", VIRTIO_ID_ANY,
	  CLAUSE_RESET)
{
	struct virtio_setup setup = { .queue_count = 1, .queue_size = 16 };
	const char *why = NULL;
	bool ready = virtio_setup(dev, &setup, &why);

	require(ready, CLAUSE_FEATURES, "the device initialises with one queue (%s)",
		why ? why : "");
	require(dev->ops->get_status(dev) & VIRTIO_STATUS_DRIVER_OK, CLAUSE_STATUS,
		"DRIVER_OK reads back once set");
	dev->ops->set_status(dev, 0);
	check(virtio_status_zero_within(dev, test_timeout_ms()), CLAUSE_RESET,
	      "status reads 0 after resetting a live device");
	ready = virtio_negotiate(dev, 1ull << VIRTIO_F_VERSION_1, &why);
	check(ready, CLAUSE_FEATURES, "the device negotiates again after the reset (%s)",
	      why ? why : "");
}
