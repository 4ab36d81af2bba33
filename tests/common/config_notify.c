/* Configuration change notifications (config_notify.h). */
#include "lib/kernel.h"
#include "lib/test.h"
#include "tests/common/config_notify.h"
#include "transports/mmio/mmio.h"
#include "transports/pci-legacy/pci_legacy.h"
#include "transports/pci-modern/pci_modern.h"

/* Either PCI interface: the PCI clauses apply. */
static bool on_pci(struct virtio_device *dev)
{
	return pci_modern_of(dev) || pci_legacy_of(dev);
}

bool config_notify_pick_irq(struct virtio_device *dev, enum virtio_irq_mode *mode)
{
	if (dev->ops->irq_setup(dev, VIRTIO_IRQ_MSIX) == 0)
		*mode = VIRTIO_IRQ_MSIX;
	else if (dev->ops->irq_setup(dev, VIRTIO_IRQ_INTX) == 0)
		*mode = VIRTIO_IRQ_INTX;
	else
		return false;
	return true;
}

const char *config_notify_clause(struct virtio_device *dev)
{
	if (on_pci(dev))
		return dev->irq_mode == VIRTIO_IRQ_MSIX ? CLAUSE_PCI_CONFIG_NOTIFY :
							  CLAUSE_PCI_ISR_CAP;
	return mmio_of(dev) ? CLAUSE_MMIO_REGISTER_LAYOUT : CLAUSE_CONFIG_SPACE;
}

const char *config_notify_generation_clause(struct virtio_device *dev)
{
	if (on_pci(dev))
		return CLAUSE_PCI_COMMON_CFG;
	return mmio_of(dev) ? CLAUSE_MMIO_REGISTER_LAYOUT : CLAUSE_CONFIG_SPACE;
}

const char *config_notify_route(struct virtio_device *dev)
{
	if (dev->irq_mode == VIRTIO_IRQ_MSIX)
		return "MSI-X config vector";
	return mmio_of(dev) ? "interrupt line with InterruptStatus bit 1" :
			      "interrupt with ISR bit 0x2";
}

bool config_notify_wait(struct virtio_device *dev, uint32_t before)
{
	uint64_t end = deadline_after_ms(test_timeout_ms());

	/* arch_wait_a_little: on the host it is what lets the reference device act. */
	while (dev->config_interrupts == before && !deadline_passed(end))
		arch_wait_a_little();
	return dev->config_interrupts != before;
}
