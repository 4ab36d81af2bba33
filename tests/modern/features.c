/*
 * Feature negotiation (2.2, 3.1.1), on every device and transport: what a
 * device must offer, and which feature sets it must accept or refuse at
 * FEATURES_OK.
 */
#include "lib/test.h"
#include "virtio/virtio.h"

#define VERSION_1 (1ull << VIRTIO_F_VERSION_1)

/* 6.1: every 1.x device offers VIRTIO_F_VERSION_1. Fails on a legacy-only device. */
VCTS_TEST(version_1_offered, "modern.features.version_1_offered", VIRTIO_ID_ANY,
	  CLAUSE_RESERVED_FEATURES)
{
	uint64_t offered = virtio_device_features(dev);

	check(offered & VERSION_1, CLAUSE_RESERVED_FEATURES,
	      "the device offers VIRTIO_F_VERSION_1 (offered %#llx)",
	      (unsigned long long)offered);
}

/* Negotiates exactly @features (no platform features added) and checks FEATURES_OK. */
static void check_accepted(struct virtio_device *dev, uint64_t features, const char *what)
{
	const char *why = NULL;
	bool accepted = virtio_negotiate_exactly(dev, features, &why);

	check(accepted, CLAUSE_FEATURES, "FEATURES_OK stays set for %s (%#llx): %s", what,
	      (unsigned long long)features, why ? why : "");
}

/*
 * 2.2.2: a valid subset SHOULD be accepted. The smallest one: VERSION_1,
 * which a driver MUST accept, and the platform features the device
 * offers, VIRTIO_F_ACCESS_PLATFORM and VIRTIO_F_ORDER_PLATFORM: a driver
 * SHOULD accept them (6.1) and a device "MAY fail to operate further" if
 * they are not (6.2), so leaving them out is no valid subset to insist
 * on. Whether the device takes VERSION_1 alone even then is logged.
 */
VCTS_TEST(minimal_subset, "modern.features.features_ok_accepts_minimal_subset",
	  VIRTIO_ID_ANY, CLAUSE_FEATURES)
{
	uint64_t platform = virtio_device_features(dev) & VIRTIO_PLATFORM_FEATURES;
	const char *why = NULL;

	if (!platform) {
		check_accepted(dev, VERSION_1, "VERSION_1 alone");
		return;
	}
	test_log("%s: VERSION_1 alone, without the offered platform features %#llx: %s",
		 dev->name, (unsigned long long)platform,
		 virtio_negotiate_exactly(dev, VERSION_1, &why) ?
		 "accepted" : "refused, as 6.2 allows");
	check_accepted(dev, VERSION_1 | platform,
		       "VERSION_1 and the offered ACCESS_PLATFORM / ORDER_PLATFORM");
}

/* ... and the largest: everything the device offers. */
VCTS_TEST(all_offered, "modern.features.features_ok_accepts_all_offered",
	  VIRTIO_ID_ANY, CLAUSE_FEATURES)
{
	check_accepted(dev, virtio_device_features(dev), "every offered feature");
}

/*
 * 2.2.2: a set accepted once SHOULD be accepted again after a reset
 * (resume from suspend and error recovery rely on it).
 */
VCTS_TEST(renegotiation, "modern.features.renegotiation_after_reset",
	  VIRTIO_ID_ANY, CLAUSE_FEATURES)
{
	uint64_t offered = virtio_device_features(dev);
	const char *why = NULL;

	if (!virtio_negotiate(dev, offered, &why))
		skip("the device refused its own offer the first time (%s): see "
		     "modern.features.features_ok_accepts_all_offered", why);
	for (int round = 1; round <= 3; round++) {
		bool accepted = virtio_negotiate(dev, offered, &why);

		require(accepted, CLAUSE_FEATURES,
			"FEATURES_OK accepted again after reset number %d (%s)", round,
			why ? why : "");
	}
}

/* The first bit of 42..49 (reserved for future extensions in 1.2) not offered. */
static int unoffered_reserved_bit(uint64_t offered)
{
	for (int bit = 49; bit >= 42; bit--) {
		if (!(offered >> bit & 1))
			return bit;
	}
	return -1;
}

/*
 * 2.2.2: a device MUST fail FEATURES_OK for a set that is not a valid
 * subset of its offer. 4.1.4.3.1 lets a PCI device drop unoffered bits on
 * write (then the set it sees is valid); a device that keeps them, as
 * driver_feature shows, "will still have to check them when the driver
 * sets FEATURES_OK".
 */
VCTS_TEST(rejects_unoffered, "modern.features.features_ok_rejects_unoffered",
	  VIRTIO_ID_ANY, CLAUSE_FEATURES "|" CLAUSE_PCI_COMMON_CFG)
{
	uint64_t offered = virtio_device_features(dev), kept;
	int bit = unoffered_reserved_bit(offered);

	if (bit < 0)
		skip("the device offers every bit from 42 to 49");
	if (!dev->ops->get_driver_features)
		skip("the %s transport cannot read back driver features", dev->ops->name);
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	virtio_write_driver_features(dev, offered | 1ull << bit);
	kept = virtio_read_driver_features(dev);
	virtio_add_status(dev, VIRTIO_STATUS_FEATURES_OK);
	if (!(kept >> bit & 1)) {
		test_log("the device dropped unoffered bit %d on write; its set is valid", bit);
		return;
	}
	check(!(dev->ops->get_status(dev) & VIRTIO_STATUS_FEATURES_OK), CLAUSE_FEATURES,
	      "FEATURES_OK is refused when the driver accepts unoffered bit %d "
	      "(driver_feature kept it: %#llx)", bit, (unsigned long long)kept);
}
