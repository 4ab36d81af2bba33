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
#include "tests/devices/blk/blk_tests.h"

#define RESIZE_GROW_SECTORS 2048	/* 1 MiB */

#define CLAUSE_PCI_CONFIG_CHANGE \
	"Virtio Transport Options / Virtio Over PCI Bus / PCI-specific Initialization And Device Operation / Notification of Device Configuration Changes"
#define CLAUSE_PCI_COMMON_LAYOUT \
	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout / Common configuration structure layout"
#define CLAUSE_PCI_ISR \
	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout / ISR status capability"
#define CLAUSE_MMIO_REGISTERS \
	"Virtio Transport Options / Virtio Over MMIO / MMIO Device Register Layout"

/*
 * Where the transport writes its rule down: PCI and virtio-mmio each have
 * a clause; any other transport (the host's reference one) is held to the
 * generic description of configuration changes and their generation (2.5).
 */
static const char *transport_clause(const struct virtio_device *dev, const char *pci_clause)
{
	if (!strncmp(dev->ops->name, "pci", 3))
		return pci_clause;
	if (!strncmp(dev->ops->name, "mmio", 4))
		return CLAUSE_MMIO_REGISTERS;
	return CLAUSE_CONFIG_SPACE;
}

static bool read_capacity(struct virtio_device *dev, uint64_t *capacity)
{
	uint8_t bytes[8];

	if (!virtio_config_read_stable(dev, VIRTIO_BLK_CFG_CAPACITY, bytes, 8))
		return false;
	*capacity = 0;
	for (int i = 0; i < 8; i++)
		*capacity |= (uint64_t)bytes[i] << (8 * i);
	return true;
}

/*
 * Fails on a device that changes its capacity without a configuration
 * change notification (no MSI-X message on the config vector, no ISR
 * bit 0x2 with INTx, no InterruptStatus bit 1 on virtio-mmio), without
 * a new generation (1.x), or that shows a capacity other than the new one.
 */
VCTS_TEST(blk_resize, "devices.blk.resize_raises_config_change", VIRTIO_ID_BLOCK,
	  CLAUSE_CONFIG_SPACE "|" CLAUSE_PCI_CONFIG_CHANGE "|" CLAUSE_PCI_ISR "|"
	  CLAUSE_PCI_COMMON_LAYOUT "|" CLAUSE_MMIO_REGISTERS)
{
	bool pci = strncmp(dev->ops->name, "pci", 3) == 0;
	struct virtio_setup setup = { .features = BLK_FEATURES_BASIC, .queue_count = 1,
				      .queue_size = 8 };
	const char *why = NULL;
	uint64_t before = 0, after = 0, deadline;
	uint32_t generation = 0, interrupts;
	char bytes[24], msg[160];
	const char *pairs[] = { "bytes", bytes, NULL };

	if (dev->ops->irq_setup(dev, VIRTIO_IRQ_MSIX) == 0)
		setup.irq_mode = VIRTIO_IRQ_MSIX;
	else if (dev->ops->irq_setup(dev, VIRTIO_IRQ_INTX) == 0)
		setup.irq_mode = VIRTIO_IRQ_INTX;
	else
		skip("the kernel cannot take interrupts from %s at %s: a configuration change "
		     "notification cannot be seen", dev->name, dev->location);
	require(virtio_setup(dev, &setup, &why), CLAUSE_FEATURES,
		"the device initialises with interrupts (%s)", why ? why : "");
	if (virtio_device_features(dev) & (1ull << VIRTIO_BLK_F_RO))
		skip("%s is read-only", dev->name);
	require(read_capacity(dev, &before), CLAUSE_CONFIG_SPACE,
		"capacity can be read with a stable generation");
	if (!dev->legacy)
		generation = dev->ops->config_generation(dev);
	interrupts = dev->config_interrupts;
	test_log("%s: capacity %llu sectors, generation %u, interrupts as %s", dev->name,
		 (unsigned long long)before, generation,
		 setup.irq_mode == VIRTIO_IRQ_MSIX ? "MSI-X" : "INTx (or virtio-mmio line)");

	snprintf(bytes, sizeof(bytes), "%llu",
		 (unsigned long long)((before + RESIZE_GROW_SECTORS) * BLK_SECTOR_SIZE));
	if (!host_request_done("blk-resize", dev->name, pairs, NULL, msg, sizeof(msg)))
		return;

	deadline = arch_time_us() + (uint64_t)test_timeout_ms() * 1000;
	while (dev->config_interrupts == interrupts && arch_time_us() < deadline)
		arch_wait_a_little();
	check(dev->config_interrupts != interrupts,
	      transport_clause(dev, setup.irq_mode == VIRTIO_IRQ_MSIX ? CLAUSE_PCI_CONFIG_CHANGE :
									  CLAUSE_PCI_ISR),
	      "a configuration change notification arrives within %u ms of the resize (%s)",
	      test_timeout_ms(),
	      setup.irq_mode == VIRTIO_IRQ_MSIX ? "MSI-X config vector" :
	      pci ? "INTx with ISR bit 0x2" : "interrupt line with InterruptStatus bit 1");
	require(read_capacity(dev, &after), CLAUSE_CONFIG_SPACE,
		"capacity can be read with a stable generation after the resize");
	if (!dev->legacy)
		check(dev->ops->config_generation(dev) != generation,
		      transport_clause(dev, CLAUSE_PCI_COMMON_LAYOUT),
		      "the configuration generation changes with the capacity (it stayed %u)",
		      generation);
	check_eq(after, before + RESIZE_GROW_SECTORS, CLAUSE_CONFIG_SPACE,
		 "capacity shows the new size (%llu + %u sectors)", (unsigned long long)before,
		 RESIZE_GROW_SECTORS);
}
