/*
 * The legacy virtio PCI transport: the 0.9.5 register header in BAR 0
 * ("Legacy Interfaces: A Note on PCI Device Layout"), one page-frame
 * number per queue ("Legacy Interface: A Note on Virtqueue
 * Configuration"), queue sizes
 * the driver cannot change, 32 feature bits, no FEATURES_OK, and the
 * device-specific configuration right after the header: at 20, or at 24
 * while MSI-X is enabled (the two vector registers come in between).
 *
 * Nothing the device returns is used unchecked: queue sizes must be
 * powers of two no larger than 32768 and equal to the ring we built, and
 * a ring whose page number does not fit the 32-bit register is refused.
 * Tests in tests/legacy/ check the rules; here we only refuse what we
 * cannot drive safely.
 */
#include "lib/kernel.h"
#include "lib/alloc.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "transports/pci-common/virtio_pci.h"
#include "transports/pci-legacy/pci_legacy.h"
#include "virtio/virtqueue.h"

#define MSIX_CONTROL		2
#define MSIX_CONTROL_ENABLE	0x8000
/* The 1.x common configuration capability (4.1.4): cfg_type at cap + 3. */
#define VIRTIO_PCI_CAP_CFG_TYPE	3
#define VIRTIO_PCI_CAP_COMMON_CFG 1

static const struct virtio_transport_ops pci_legacy_ops;

struct pci_legacy *pci_legacy_of(struct virtio_device *dev)
{
	return dev->ops == &pci_legacy_ops ? dev->transport : NULL;
}

static struct pci_legacy *legacy(struct virtio_device *dev)
{
	return dev->transport;
}

uint32_t pci_legacy_read(const struct pci_legacy *pl, uint32_t offset, int width)
{
	return pci_bar_read(pl->pci, LEGACY_BAR, offset, width);
}

void pci_legacy_write(const struct pci_legacy *pl, uint32_t offset, int width, uint32_t value)
{
	pci_bar_write(pl->pci, LEGACY_BAR, offset, width, value);
}

bool pci_legacy_msix_enabled(const struct pci_legacy *pl)
{
	const struct pci_function *fn = pl->pci;

	return fn->msix_cap &&
	       (pci_config_read16(fn->bdf, (uint16_t)(fn->msix_cap + MSIX_CONTROL)) &
		MSIX_CONTROL_ENABLE);
}

/*
 * Asked of PCI configuration space at every access rather than
 * remembered: tests switch MSI-X on and off behind the transport's back.
 */
uint32_t pci_legacy_config_offset(const struct pci_legacy *pl)
{
	return pci_legacy_msix_enabled(pl) ? LEGACY_CONFIG_MSIX : LEGACY_CONFIG;
}

static uint8_t get_status(struct virtio_device *dev)
{
	return (uint8_t)pci_legacy_read(legacy(dev), LEGACY_DEVICE_STATUS, 1);
}

static void set_status(struct virtio_device *dev, uint8_t status)
{
	pci_legacy_write(legacy(dev), LEGACY_DEVICE_STATUS, 1, status);
}

/* Only bits 0-31 exist: the high words read 0 and are never written. */
static uint32_t get_device_features(struct virtio_device *dev, uint32_t select)
{
	return select ? 0 : pci_legacy_read(legacy(dev), LEGACY_DEVICE_FEATURES, 4);
}

static uint32_t get_driver_features(struct virtio_device *dev, uint32_t select)
{
	return select ? 0 : pci_legacy_read(legacy(dev), LEGACY_DRIVER_FEATURES, 4);
}

static void set_driver_features(struct virtio_device *dev, uint32_t select, uint32_t value)
{
	if (!select)
		pci_legacy_write(legacy(dev), LEGACY_DRIVER_FEATURES, 4, value);
}

/* Legacy devices have no generation counter: a constant (see virtio_config_read_stable). */
static uint32_t config_generation(struct virtio_device *dev)
{
	(void)dev;
	return 0;
}

/*
 * The header does not say how long the configuration is; the BAR's size
 * bounds it (QEMU rounds the BAR up to a power of two, so this can be
 * more than the device defines).
 */
static uint32_t config_size(struct virtio_device *dev)
{
	uint64_t bar_size = legacy(dev)->pci->bars[LEGACY_BAR].size;
	uint32_t offset = pci_legacy_config_offset(legacy(dev));

	return bar_size > offset ? (uint32_t)(bar_size - offset) : 0;
}

static uint32_t config_read(struct virtio_device *dev, uint32_t offset, int width)
{
	uint32_t base = pci_legacy_config_offset(legacy(dev));
	uint64_t bar_size = legacy(dev)->pci->bars[LEGACY_BAR].size;

	if ((uint64_t)base + offset + (uint32_t)width > bar_size)
		return 0;
	return pci_legacy_read(legacy(dev), base + offset, width);
}

static void config_write(struct virtio_device *dev, uint32_t offset, int width,
			 uint32_t value)
{
	uint32_t base = pci_legacy_config_offset(legacy(dev));
	uint64_t bar_size = legacy(dev)->pci->bars[LEGACY_BAR].size;

	if ((uint64_t)base + offset + (uint32_t)width > bar_size)
		return;
	pci_legacy_write(legacy(dev), base + offset, width, value);
}

/* The legacy header has no queue count; drivers know it from the device type. */
static uint16_t queue_count(struct virtio_device *dev)
{
	(void)dev;
	return 0;
}

static uint16_t queue_max_size(struct virtio_device *dev, uint16_t index)
{
	pci_legacy_write(legacy(dev), LEGACY_QUEUE_SELECT, 2, index);
	return (uint16_t)pci_legacy_read(legacy(dev), LEGACY_QUEUE_SIZE, 2);
}

static int queue_enable(struct virtio_device *dev, struct virtqueue *vq)
{
	struct pci_legacy *pl = legacy(dev);
	uint64_t address = vq->desc_area;
	uint16_t size;

	pci_legacy_write(pl, LEGACY_QUEUE_SELECT, 2, vq->index);
	size = (uint16_t)pci_legacy_read(pl, LEGACY_QUEUE_SIZE, 2);
	if (!size || (size & (size - 1)) || size > LEGACY_QUEUE_SIZE_MAX) {
		snprintf(vq->error, sizeof(vq->error),
			 "queue %u size %u is not a power of two from 1 to 32768", vq->index, size);
		return -1;
	}
	/* "There was no mechanism to negotiate the queue size": the ring must match. */
	if (size != vq->size) {
		snprintf(vq->error, sizeof(vq->error),
			 "queue %u: the ring has %u entries but the device's fixed size is %u",
			 vq->index, vq->size, size);
		return -1;
	}
	if (address % LEGACY_QUEUE_ALIGN || address >> (32 + LEGACY_PFN_SHIFT)) {
		snprintf(vq->error, sizeof(vq->error),
			 "queue %u ring at %#llx has no 32-bit page frame number",
			 vq->index, (unsigned long long)address);
		return -1;
	}
	pci_legacy_write(pl, LEGACY_QUEUE_PFN, 4, (uint32_t)(address >> LEGACY_PFN_SHIFT));
	vq->msix_vector = VIRTIO_MSI_NO_VECTOR;
	if (dev->irq_mode == VIRTIO_IRQ_MSIX && pci_legacy_msix_enabled(pl)) {
		pci_legacy_write(pl, LEGACY_QUEUE_VECTOR, 2,
				 virtio_pci_queue_msix_entry(pl->pci, vq->index));
		vq->msix_vector = (uint16_t)pci_legacy_read(pl, LEGACY_QUEUE_VECTOR, 2);
	}
	return 0;
}

/* The 16-bit queue index: legacy devices have no NOTIFICATION_DATA (bit 38). */
static void queue_notify(struct virtio_device *dev, struct virtqueue *vq, uint32_t value)
{
	(void)vq;
	pci_legacy_write(legacy(dev), LEGACY_QUEUE_NOTIFY, 2, (uint16_t)value);
}

static uint8_t isr_read(struct virtio_device *dev)
{
	return (uint8_t)pci_legacy_read(legacy(dev), LEGACY_ISR, 1);
}

/*
 * Programs the table, enables MSI-X (which moves the device-specific
 * configuration to 24) and maps configuration changes to entry 0.
 * Queues get their vectors in queue_enable.
 */
static int setup_msix(struct virtio_device *dev)
{
	struct pci_legacy *pl = legacy(dev);

	if (virtio_pci_msix_fill_table(&pl->irq) < 0)
		return -1;
	pci_intx_enable(pl->pci, false);
	pci_msix_enable(pl->pci, true);
	pci_legacy_write(pl, LEGACY_CONFIG_VECTOR, 2, 0);
	return 0;
}

static int irq_setup(struct virtio_device *dev, enum virtio_irq_mode mode)
{
	return virtio_pci_irq_setup(&legacy(dev)->irq, dev, mode, setup_msix);
}

static void irq_teardown(struct virtio_device *dev)
{
	virtio_pci_irq_teardown(&legacy(dev)->irq, dev);
}

static const struct virtio_transport_ops pci_legacy_ops = {
	.name = "pci-legacy",
	.get_status = get_status,
	.set_status = set_status,
	.get_device_features = get_device_features,
	.get_driver_features = get_driver_features,
	.set_driver_features = set_driver_features,
	.config_generation = config_generation,
	.config_size = config_size,
	.config_read = config_read,
	.config_write = config_write,
	.queue_count = queue_count,
	.queue_max_size = queue_max_size,
	.queue_enable = queue_enable,
	.queue_notify = queue_notify,
	.isr_read = isr_read,
	.irq_setup = irq_setup,
	.irq_teardown = irq_teardown,
};

/* Whether @fn also presents the 1.x interface (a transitional device). */
static bool has_common_cfg(const struct pci_function *fn)
{
	for (uint8_t at = pci_cap_find(fn->bdf, PCI_CAP_ID_VENDOR, 0); at;
	     at = pci_cap_find(fn->bdf, PCI_CAP_ID_VENDOR, at)) {
		if (pci_config_read8(fn->bdf, (uint16_t)(at + VIRTIO_PCI_CAP_CFG_TYPE)) ==
		    VIRTIO_PCI_CAP_COMMON_CFG)
			return true;
	}
	return false;
}

const char *pci_legacy_probe(struct pci_function *fn, struct virtio_device *dev)
{
	const struct pci_bar *bar = &fn->bars[LEGACY_BAR];
	struct pci_legacy *pl;

	if (!virtio_pci_is_transitional(fn))
		return "not a transitional or legacy virtio id (0x1000-0x103f): no legacy interface";
	/* The legacy header is in BAR 0 (an I/O BAR; legacy.pci.bar0_is_io checks that). */
	if (!bar->address)
		return "the device has no BAR 0, or it could not be placed";
	if (bar->size < LEGACY_CONFIG)
		return "BAR 0 is smaller than the 20-byte legacy header";
	pl = alloc_zeroed(sizeof(*pl), 8);
	if (!pl)
		return "out of memory";
	pl->pci = fn;
	pl->transitional = has_common_cfg(fn);

	*dev = (struct virtio_device){
		.device_type = virtio_pci_device_type(fn), .ops = &pci_legacy_ops,
		.transport = pl, .legacy = true, .legacy_queue_align = LEGACY_QUEUE_ALIGN,
		.queue_size_fixed = true,
	};
	strlcpy(dev->location, fn->location, sizeof(dev->location));
	snprintf(dev->hardware_id, sizeof(dev->hardware_id), "%04x:%04x",
		 fn->vendor_id, fn->device_id);
	virtio_pci_irq_init(&pl->irq, dev, fn);
	return NULL;
}
