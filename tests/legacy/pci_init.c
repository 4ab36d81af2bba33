/*
 * Legacy initialization ("Legacy Interface: Device Initialization"):
 * legacy drivers used the device before DRIVER_OK, and "the transitional
 * device MUST support the driver using the device before" that step.
 */
#include "drivers/blk.h"
#include "lib/kernel.h"
#include "tests/legacy/pci_legacy_test.h"
#include "virtio/virtqueue.h"

/* virtio_blk_req header, guest-native for the legacy interface. */
struct legacy_blk_header {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

/* A block of at most this many bytes is read whole; larger ones as one sector. */
#define LARGEST_BLOCK_READ 65536u

/*
 * How many bytes the block request reads: one block, as blk_size gives it
 * when VIRTIO_BLK_F_BLK_SIZE is negotiated (5.2.5: "the optimal sector
 * size for the driver to use"; QEMU answers a smaller read with IOERR),
 * else one 512-byte sector.
 */
static uint32_t block_bytes(struct virtio_device *dev)
{
	uint64_t blk_size = 0;

	if (!virtio_has_feature(dev, VIRTIO_BLK_F_BLK_SIZE) ||
	    !virtio_config_read_field(dev, VIRTIO_BLK_CFG_BLK_SIZE, 4, &blk_size) ||
	    blk_size < BLK_SECTOR_SIZE || blk_size > LARGEST_BLOCK_READ ||
	    (blk_size & (blk_size - 1)))
		return BLK_SECTOR_SIZE;
	return (uint32_t)blk_size;
}

/*
 * Puts one request on @vq that the device of @dev's type must answer: 16
 * bytes of entropy, or a read of the first block. Returns false if the
 * test does not know how to talk to this type.
 */
static bool add_request(struct virtio_device *dev, struct virtqueue *vq, uint8_t **status)
{
	*status = NULL;
	if (dev->device_type == VIRTIO_ID_RNG) {
		struct vq_buffer one = { test_alloc(16, 16), 16, true };

		return vq_add_chain(vq, &one, 1, vq) == 0;
	}
	if (dev->device_type == VIRTIO_ID_BLOCK) {
		struct legacy_blk_header *header = test_alloc(sizeof(*header), 16);
		uint32_t bytes = block_bytes(dev);
		struct vq_buffer chain[3];

		*header = (struct legacy_blk_header){
			.type = virtio_to_device32(dev, VIRTIO_BLK_T_IN),
			.sector = virtio_to_device64(dev, 0),
		};
		*status = test_alloc(1, 1);
		**status = 0xff;
		chain[0] = (struct vq_buffer){ header, sizeof(*header), false };
		chain[1] = (struct vq_buffer){ test_alloc(bytes, 512), bytes, true };
		chain[2] = (struct vq_buffer){ *status, 1, true };
		return vq_add_chain(vq, chain, 3, vq) == 0;
	}
	return false;
}

/*
 * "The transitional device MUST support the driver using the device
 * before the step" that sets DRIVER_OK (Legacy Interface: Device
 * Initialization). Negotiates, sets up queue 0, makes a request available
 * and notifies, all without DRIVER_OK: the device must use the buffer.
 * When it does not, the test sets DRIVER_OK and says whether the buffer
 * comes back then, which tells a device that waits for DRIVER_OK from one
 * that is broken altogether. The sentence binds transitional devices: a
 * legacy-only one (no 1.x capabilities) skips. QEMU's virtio-rng waits
 * for DRIVER_OK (hw/virtio/virtio-rng.c: is_guest_ready()); its
 * virtio-blk does not.
 */
VCTS_TEST(legacy_before_driver_ok, "legacy.pci.use_before_driver_ok", VIRTIO_ID_ANY,
	  CLAUSE_LEGACY_DEVICE_INIT)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	/* BLK_SIZE for a block device: the driver then reads whole blocks. */
	uint32_t wanted = 1u << LEGACY_F_ANY_LAYOUT |
			  (dev->device_type == VIRTIO_ID_BLOCK ? 1u << VIRTIO_BLK_F_BLK_SIZE : 0);
	const char *why = NULL;
	bool negotiated;
	struct virtqueue *vq;
	uint8_t *status = NULL;
	enum vq_result result;
	void *token = NULL;
	uint32_t length = 0;
	uint16_t size;

	if (!pl)
		return;
	if (!pl->transitional)
		skip("%s is a legacy-only device (no 1.x capabilities): the rule binds "
		     "transitional devices", dev->name);
	if (dev->device_type != VIRTIO_ID_RNG && dev->device_type != VIRTIO_ID_BLOCK)
		skip("the test makes requests on entropy and block devices only");
	/* Negotiate first: C leaves open when the arguments of require() are evaluated. */
	negotiated = virtio_negotiate(dev, wanted, &why);
	require(negotiated, CLAUSE_FEATURES, "the device takes the features (%s)",
		why ? why : "");
	size = legacy_queue_size(pl, 0);
	require(legacy_size_valid(size), CLAUSE_LEGACY_PCI_VQ_CONFIG,
		"queue 0 size %u is a power of two", size);
	vq = vq_create(dev, 0, size, &why);
	require(vq, CLAUSE_LEGACY_PCI_VQ_CONFIG, "queue 0 is set up (%s)", why ? why : "");
	require(add_request(dev, vq, &status), CLAUSE_LEGACY_DEVICE_INIT,
		"the request fits the queue");
	vq_kick(vq);
	result = vq_wait_used(vq, test_timeout_ms(), &token, &length);
	check_eq(dev->ops->get_status(dev) & VIRTIO_STATUS_DRIVER_OK, 0, CLAUSE_STATUS,
		 "DRIVER_OK is still clear while the request runs");
	if (result == VQ_BAD) {
		check(false, CLAUSE_USED_RING, "the used ring is valid (%s)", vq->error);
		return;
	}
	if (result != VQ_USED) {
		virtio_driver_ok(dev);
		result = vq_wait_used(vq, test_timeout_ms(), &token, &length);
		check(false, CLAUSE_LEGACY_DEVICE_INIT,
		      "the device uses a buffer made available and notified before DRIVER_OK "
		      "(nothing within %u ms; %s)", test_timeout_ms(),
		      result == VQ_USED ? "it did as soon as DRIVER_OK was set" :
					  "not even after DRIVER_OK was set");
		return;
	}
	if (status)
		check_eq(*status, VIRTIO_BLK_S_OK, CLAUSE_BLK_OPERATION,
			 "status of the read of the first block made before DRIVER_OK");
}
