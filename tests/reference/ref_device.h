/*
 * The reference device: a virtio 1.x device written in C, living in the
 * same host process as the kernel's virtio core and driven through a
 * transport of its own ("reference"). It follows the specification,
 * unless told to break one rule (ref_faults.h), so that each conformance
 * check of the kernel can be shown to fail against it.
 *
 * It has no model of the driver's data structures: it reads the rings at
 * the addresses the driver gave it, with its own layouts from the
 * specification (ref_rings.h), as a real device would.
 */
#ifndef VCTS_REF_DEVICE_H
#define VCTS_REF_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tests/reference/ref_faults.h"
#include "virtio/virtio.h"

#define REF_MAX_QUEUES		8
#define REF_QUEUE_MAX_SIZE	256
#define REF_CONFIG_MAX		64
#define REF_MAX_SEGMENTS	64
#define REF_MSIX_ENTRIES	(1 + REF_MAX_QUEUES)
#define REF_NO_VECTOR		0xffff

/* Scenarios that are not faults: the device may do them. */
#define REF_BEHAVIOUR_CONFIG_CHANGES_MID_READ	1u	/* blk: capacity changes once per reset */
/* blk with blocks larger than a sector: serves requests of less than a block too. */
#define REF_BEHAVIOUR_BLK_SERVES_SUB_BLOCK	2u

/*
 * The reference machine's IOMMU, in front of every device with
 * access_platform: a device reaches physical address P at bus address
 * P + REF_IOMMU_BUS_OFFSET once VIRTIO_F_ACCESS_PLATFORM is negotiated.
 * An address the kernel hands over untranslated lies below the offset,
 * where the device finds nothing (ref_bus_to_host).
 */
#define REF_IOMMU_BUS_OFFSET	(1ull << 62)

struct ref_segment {
	uint8_t *address;
	uint32_t length;
	bool writable;
};

/* One buffer the driver made available, as the device sees it. */
struct ref_chain {
	uint16_t id;		/* split: head descriptor; packed: buffer id */
	uint16_t slots;		/* ring slots it takes (packed: where the next one starts) */
	int count;
	struct ref_segment segments[REF_MAX_SEGMENTS];
	uint32_t readable_bytes;
	uint32_t writable_bytes;
	uint64_t indirect_table;	/* where its indirect table is, if it has one */
	uint32_t indirect_bytes;
};

struct ref_queue {
	bool enabled;
	uint16_t size;
	uint64_t desc_area, driver_area, device_area;
	uint16_t msix_entry;	/* REF_NO_VECTOR when none */
	bool stalled;		/* the device gave up on it (faults that refuse buffers) */
	bool notified;		/* an available-buffer notification not yet acted on */
	bool events_disabled;	/* packed: the driver wrote DISABLE (a fault remembers) */
	/* Split ring: the device's copies of the indices. */
	uint16_t last_avail;
	uint16_t used_idx;
	/* Packed ring: next slot to read / to write, and their wrap counters. */
	uint16_t avail_slot, used_slot;
	bool avail_wrap, used_wrap;
	uint32_t used_count;
	/* Buffer ids taken and not yet used (a fault picks one that is not). */
	bool held[REF_QUEUE_MAX_SIZE];
};

struct ref_device;
struct vcts_line;

/* What makes an rng an rng and a blk a blk. */
struct ref_device_type {
	const char *name;
	uint32_t device_id;
	uint16_t queue_count;
	uint64_t features;		/* device-specific bits offered */
	uint32_t config_size;
	/* Once, at creation: what the device offers beyond the common bits. */
	void (*init)(struct ref_device *dev);
	/* Device reset: the configuration back to its initial values. */
	void (*reset)(struct ref_device *dev);
	/* FEATURES_OK accepted: what depends on the negotiated features. */
	void (*features_ok)(struct ref_device *dev);
	/* Before a configuration read by the driver (scenarios of config changes). */
	void (*config_access)(struct ref_device *dev, uint32_t offset, int width);
	/* Whether queue @index (< queue_count) exists; NULL: all of them do. */
	bool (*queue_exists)(struct ref_device *dev, uint16_t index);
	/* A configuration write by the driver (NULL: the type has no writable field). */
	void (*config_write)(struct ref_device *dev, uint32_t offset, int width, uint32_t value);
	/* Serves @chain of queue @queue; returns the bytes written into it. */
	uint32_t (*process)(struct ref_device *dev, uint16_t queue, struct ref_chain *chain);
	/*
	 * Device-initiated queues (receive, events): whether the device has
	 * something for the next buffer of @queue now. NULL: every buffer is
	 * served when the driver notifies. Otherwise buffers wait in the ring
	 * until this says true; it is asked at every step.
	 */
	bool (*has_data)(struct ref_device *dev, uint16_t queue);
	/* At every step after DRIVER_OK: what the device does on its own. */
	void (*step)(struct ref_device *dev);
	/*
	 * A host action (docs/host-actions.md) on this device, as the harness
	 * would do it: returns "ok", "error", "differs" or "unsupported", with
	 * @msg saying what happened. It runs inside the kernel's console
	 * write: it may change the device's state, but interrupts wait for
	 * the next step.
	 */
	const char *(*host_action)(struct ref_device *dev, const struct vcts_line *line,
				   char *msg, size_t msg_size);
};

struct ref_blk_sector {
	uint64_t lba;
	uint8_t data[512];
};

#define REF_BLK_WRITTEN_SECTORS 128

struct ref_blk_state {
	uint64_t capacity;
	bool config_changed_since_reset;
	uint64_t resize_to;		/* a host action's new capacity, 0: none pending */
	char serial[21];
	int written_count;
	struct ref_blk_sector written[REF_BLK_WRITTEN_SECTORS];
};

struct ref_device {
	/* What the kernel sees; vdev.transport points back here. */
	struct virtio_device vdev;
	const struct ref_device_type *type;
	enum ref_fault fault;
	unsigned int behaviour;
	bool read_only;
	/* Offers ACCESS_PLATFORM and ORDER_PLATFORM, behind the machine's IOMMU. */
	bool access_platform;
	uint32_t block_size;		/* blk: blk_size in bytes */
	/*
	 * Driven through a legacy interface (pci-legacy, mmio-v1): one feature
	 * word, no FEATURES_OK, and queues used before DRIVER_OK ("Legacy
	 * Interface: Device Initialization").
	 */
	bool legacy;

	/* The device's registers. */
	uint8_t status;
	uint64_t offered;
	uint64_t driver_features;
	bool accepted_before;
	uint8_t config[REF_CONFIG_MAX];
	uint32_t generation;
	uint8_t isr;
	struct ref_queue queues[REF_MAX_QUEUES];

	/* Interrupt delivery as the transport set it up. */
	bool msix_enabled, intx_enabled;
	/* MSI-X (PCI): a masked entry, or all with the function mask, keeps its message pending. */
	struct {
		uint64_t address;
		uint32_t data;
		bool masked, pending;
	} msix_table[REF_MSIX_ENTRIES];
	bool msix_function_masked;
	uint16_t config_msix_entry;
	/* The interrupt line: PCI INTx, or a platform device's wired line. */
	bool on_wired_line;
	uint32_t wired_irq;

	/*
	 * The register model in front of the device (ref_pci_*.c, ref_mmio.c),
	 * or NULL for the "reference" transport; on_reset lets it put its own
	 * registers back when the device resets (2.4).
	 */
	void *model;
	void (*on_reset)(struct ref_device *dev);
	/*
	 * A transport whose notifications are its own (virtio-ccw: indicators
	 * and I/O interruptions, ref_ccw.c) instead of MSI-X or a line: a used
	 * buffer of queue @queue, or the configuration for -1. NULL: none.
	 */
	void (*on_notify)(struct ref_device *dev, int queue);

	/* The driver-side transport's own state (vectors allocated once). */
	bool vectors_allocated, intx_registered;
	struct ref_msix_slot {
		struct virtio_device *vdev;
		uint16_t entry;
	} slots[REF_MSIX_ENTRIES];
	int cpu_vectors[REF_MSIX_ENTRIES];

	/* What happened, for tests and the fuzzer. */
	uint32_t steps;
	uint32_t notifications;
	uint32_t interrupts_sent;
	char driver_error[128];		/* the last malformed ring the device met */

	uint32_t rng_state;
	struct ref_blk_state blk;
	/* Other device types' state (ref_TYPE.c), allocated by their init. */
	void *type_state;
};

extern const struct virtio_transport_ops ref_transport_ops;
extern const struct ref_device_type ref_rng_type;
extern const struct ref_device_type ref_blk_type;
extern const struct ref_device_type ref_scsi_type;
extern const struct ref_device_type ref_console_type;
extern const struct ref_device_type ref_balloon_type;
extern const struct ref_device_type ref_net_type;

/* How one device differs from the plain one of its type. */
struct ref_options {
	enum ref_fault fault;
	unsigned int behaviour;		/* REF_BEHAVIOUR_* */
	bool read_only;			/* blk: offers VIRTIO_BLK_F_RO */
	/*
	 * Offers VIRTIO_F_ACCESS_PLATFORM and VIRTIO_F_ORDER_PLATFORM, refuses
	 * FEATURES_OK unless both are accepted (6.2: it MAY fail to operate
	 * without them) and sits behind the machine's IOMMU (REF_IOMMU_BUS_OFFSET).
	 */
	bool access_platform;
	/* blk: the block size in bytes, 0 for 512; less is IOERR (REF_BEHAVIOUR_*). */
	uint32_t block_size;
};

/*
 * Sets @dev up as a fresh device of @type named @name (rng0, blk0...),
 * as @options say (NULL: plain). The device starts reset.
 */
void ref_device_init(struct ref_device *dev, const struct ref_device_type *type,
		     const char *name, const struct ref_options *options);
/* One step of the device: what a real device does in the meantime. */
void ref_device_step(struct ref_device *dev);
void ref_device_reset(struct ref_device *dev);
/*
 * Where the device finds @size bytes the driver gave at bus address @bus
 * (through the machine's IOMMU when ACCESS_PLATFORM is negotiated on a
 * device with access_platform). False, with dev->driver_error set, for an
 * address outside what the IOMMU maps: one the kernel did not translate.
 */
bool ref_bus_to_host(struct ref_device *dev, uint64_t bus, uint64_t size, uint64_t *host);
bool ref_negotiated(const struct ref_device *dev, unsigned int bit);
/* Raises a configuration change: generation, ISR bit 1, the config vector. */
void ref_config_changed(struct ref_device *dev, bool bump_generation);

/* Interrupt delivery as the transport set it up (ref_device.c). */
/* An MSI-X message through table entry @entry; nothing if unmapped or masked. */
void ref_device_send_msix(struct ref_device *dev, uint16_t entry);
/* Asserts the interrupt line (INTx or the wired line), if enabled. */
void ref_device_assert_line(struct ref_device *dev);

/*
 * The device's side of the registers every transport has (ref_registers.c):
 * what a register access does to the device, faults applied. Register
 * models and the "reference" transport call these.
 */
#define REF_LEGACY_F_ANY_LAYOUT 27
uint8_t ref_reg_status(struct ref_device *dev);
void ref_reg_set_status(struct ref_device *dev, uint8_t status);
/* What the device offers on its interface (one word on a legacy one). */
uint64_t ref_reg_offered(const struct ref_device *dev);
uint32_t ref_reg_device_features(struct ref_device *dev, uint32_t select);
uint32_t ref_reg_driver_features(struct ref_device *dev, uint32_t select);
void ref_reg_set_driver_features(struct ref_device *dev, uint32_t select, uint32_t value);
uint32_t ref_reg_generation(struct ref_device *dev);
uint32_t ref_reg_config_read(struct ref_device *dev, uint32_t offset, int width);
void ref_reg_config_write(struct ref_device *dev, uint32_t offset, int width, uint32_t value);
bool ref_reg_queue_exists(struct ref_device *dev, uint16_t index);
uint16_t ref_reg_queue_max_size(struct ref_device *dev, uint16_t index);
bool ref_reg_queue_enable(struct ref_device *dev, uint16_t index, uint16_t size,
			  uint64_t desc, uint64_t driver, uint64_t device);
void ref_reg_queue_notify(struct ref_device *dev, uint16_t target, uint32_t value);
bool ref_reg_queue_reset(struct ref_device *dev, uint16_t index);
/* The driver stops using queue @index (legacy QueuePFN 0, virtio-mmio QueueReady 0). */
void ref_reg_queue_disable(struct ref_device *dev, uint16_t index);
/* Reads ISR status, which clears it (4.1.4.5). */
uint8_t ref_reg_isr_read(struct ref_device *dev);

/*
 * The ring engine (ref_queue.c), also the fuzzer's building blocks.
 * ref_queue_take: the next available buffer, if any (false also when the
 * driver's ring is malformed, dev->driver_error says how, or the device
 * gave up on the queue: ref_queue.stalled).
 * ref_queue_put: marks @chain used with @length bytes written, applying
 * the device's fault; ref_queue_interrupt_if_wanted: a used buffer
 * notification for what was used since ref_queue_used_mark(), unless the
 * driver suppressed it.
 */
bool ref_queue_take(struct ref_device *dev, uint16_t queue, struct ref_chain *chain);
void ref_queue_put(struct ref_device *dev, uint16_t queue, const struct ref_chain *chain,
		   uint32_t length);
/*
 * One used element for @buffers buffers taking @slots ring slots, the
 * last of which is @chain (VIRTIO_F_IN_ORDER batches, 2.7.9, 2.8.8).
 */
void ref_queue_put_batch(struct ref_device *dev, uint16_t queue, const struct ref_chain *chain,
			 uint32_t length, uint16_t buffers, uint16_t slots);
/* A notification's value with VIRTIO_F_NOTIFICATION_DATA, checked against the ring. */
void ref_queue_check_notification_data(struct ref_device *dev, uint16_t queue, uint32_t value);
uint32_t ref_queue_used_mark(struct ref_device *dev, uint16_t queue);
void ref_queue_interrupt_if_wanted(struct ref_device *dev, uint16_t queue, uint32_t mark);
/* Whether @queue has a buffer available that the device has not taken. */
bool ref_queue_more(struct ref_device *dev, uint16_t queue);
/* Serves every available buffer of @queue. */
void ref_queue_process(struct ref_device *dev, uint16_t queue);
/* A used buffer notification for @queue, suppression or not. */
void ref_queue_interrupt(struct ref_device *dev, uint16_t queue);

/*
 * Raw used-ring writes for the fuzzer: any id, length, index step and
 * flags, at the device's current position.
 */
void ref_split_write_used(struct ref_device *dev, uint16_t queue, uint32_t id,
			  uint32_t length, uint16_t idx_step);
void ref_packed_write_used(struct ref_device *dev, uint16_t queue, uint16_t id,
			   uint32_t length, uint16_t flags, uint16_t slots);

/* Copies between a chain's readable / writable bytes and a flat buffer. */
uint32_t ref_chain_read(const struct ref_chain *chain, uint32_t offset, void *out,
			uint32_t length);
uint32_t ref_chain_write(const struct ref_chain *chain, uint32_t offset, const void *in,
			 uint32_t length);

static inline struct ref_device *ref_of(struct virtio_device *vdev)
{
	return vdev->transport;
}

#endif
