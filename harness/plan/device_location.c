/*
 * Where each device of a configuration sits, spelt as the kernel's
 * `device` lines spell it, so that a location the kernel reports names one
 * instance and so one backing file (docs/cli.md, "Devices").
 *
 * PCI: every instance has a fixed slot (addr= on its -device).
 *
 * CCW (s390x): every instance has a fixed device number, its PCI slot
 * number (devno=fe.0.00SS on its -device); the kernel spells the location
 * as Linux spells a bus id, "0.0.00SS" (channel subsystem 0, the one a
 * guest without MCSS-E sees, subchannel set 0, device number).
 *
 * A hypervisor that places devices itself, where the configuration
 * cannot pin them (Firecracker, kvmtool, vmd, VirtualBox), says where
 * through its ops' device_location (hypervisors/backend.h); the lookup
 * below compares against whatever the placement is.
 *
 * mmio: QEMU plugs each -device into the free virtio-mmio transport with
 * the highest address: the first device lands in the last slot, the next
 * in the one before. The backend says where the slots are (x86_64
 * microvm, acpi=off: 8 at 0xfeb00000 + i * 0x200; aarch64 virt: 32 at
 * 0x0a000000 + i * 0x200). The kernel names devices by type in its own
 * discovery order, which need not be the command line's, so only the
 * address says which one is which.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plan/config.h"

#define MMIO_PREFIX "mmio@"

static void pci_location(const struct device_instance *dev, char *buf, size_t size)
{
	snprintf(buf, size, "00:%02x.0", dev->pci_slot);
}

static void ccw_location(const struct device_instance *dev, char *buf, size_t size)
{
	snprintf(buf, size, "0.0.%04x", dev->pci_slot);
}

/*
 * The slots of @config's machine, as its hypervisor lays them out; none
 * for a configuration read back from a results file.
 */
static struct mmio_layout mmio_layout(const struct vcts_config *config)
{
	const struct backend_arch *arch = hypervisor_arch(config->hypervisor_ops, config->arch);
	struct mmio_layout none = { 0, 0, 0 };

	return arch ? arch->mmio : none;
}

/* The base address of the @index-th virtio device on the command line. */
static uint64_t mmio_slot_base(const struct mmio_layout *layout, size_t index)
{
	return layout->base + (layout->slots - 1 - index) * layout->stride;
}

void config_device_location(const struct vcts_config *config, size_t index,
			    char *buf, size_t size)
{
	struct mmio_layout layout = mmio_layout(config);
	const struct hypervisor_ops *ops = config->hypervisor_ops;

	/* A hypervisor that places devices itself says where (backend.h). */
	if (ops && ops->device_location)
		ops->device_location(config, index, buf, size);
	else if (config->bus == BUS_PCI)
		pci_location(config->devices[index], buf, size);
	else if (config->bus == BUS_CCW)
		ccw_location(config->devices[index], buf, size);
	else if (index < layout.slots)
		snprintf(buf, size, MMIO_PREFIX "0x%" PRIx64, mmio_slot_base(&layout, index));
	else
		snprintf(buf, size, "%s", "");
}

/* "mmio@0xFEB00C00" or "mmio@0xfeb00c00" into its address; -1 if not one. */
static int parse_mmio_location(const char *location, uint64_t *base)
{
	char *end;

	if (strncmp(location, MMIO_PREFIX, strlen(MMIO_PREFIX)))
		return -1;
	location += strlen(MMIO_PREFIX);
	if (!*location || *location == '-')
		return -1;
	errno = 0;
	*base = strtoull(location, &end, 0);
	return (errno || *end) ? -1 : 0;
}

static const struct device_instance *mmio_device_at(const struct vcts_config *config,
						    const char *location)
{
	uint64_t base, mine;
	char buf[32];

	if (parse_mmio_location(location, &base))
		return NULL;
	for (size_t i = 0; i < config->device_count; i++) {
		config_device_location(config, i, buf, sizeof(buf));
		if (!parse_mmio_location(buf, &mine) && mine == base)
			return config->devices[i];
	}
	return NULL;
}

static const struct device_instance *pci_device_at(const struct vcts_config *config,
						   const char *location)
{
	char mine[32];

	/* A location with a PCI domain, 0000:00:04.0, names the same slot. */
	if (strlen(location) == 12 && !strncmp(location, "0000:", 5))
		location += 5;
	for (size_t i = 0; i < config->device_count; i++) {
		config_device_location(config, i, mine, sizeof(mine));
		if (*mine && !strcasecmp(mine, location))
			return config->devices[i];
	}
	return NULL;
}

static const struct device_instance *ccw_device_at(const struct vcts_config *config,
						   const char *location)
{
	char mine[16];

	for (size_t i = 0; i < config->device_count; i++) {
		config_device_location(config, i, mine, sizeof(mine));
		if (*mine && !strcasecmp(mine, location))
			return config->devices[i];
	}
	return NULL;
}

const struct device_instance *config_device_at(const struct vcts_config *config,
					       const char *location)
{
	if (config->bus == BUS_MMIO)
		return mmio_device_at(config, location);
	if (config->bus == BUS_CCW)
		return ccw_device_at(config, location);
	return pci_device_at(config, location);
}

const struct device_instance *config_device_named(const struct vcts_config *config,
						  const char *name)
{
	for (size_t i = 0; i < config->device_count; i++)
		if (!strcmp(config->devices[i]->name, name))
			return config->devices[i];
	return NULL;
}
