/*
 * VirtualBox: what it offers and its ops table. Sources read: the
 * VirtualBox User Manual (VBoxManage createvm, modifyvm --uartmode1,
 * storagectl --add virtio, storageattach, VBoxHeadless), and its sources
 * (src/VBox/Devices/Network/DevVirtioNet_1_0.cpp:
 * VIRTIONET_TRANSITIONAL_ENABLE_FLAG "behave as VirtIO transitional
 * device"; src/VBox/Devices/Storage/DevVirtioSCSI.cpp:
 * PCI_DEVICE_ID_VIRTIOSCSI_HOST 0x1048, modern only;
 * src/VBox/Main/src-client/BusAssignmentManager.cpp for the slots).
 *
 * - Boot: its own PC BIOS (or EFI) from the hybrid ISO on an IDE CD-ROM.
 * - Devices and transports: virtio-net as a transitional device (legacy
 *   and 1.x interfaces), virtio-scsi as a 1.x-only device. There is no
 *   virtio-blk, virtio-rng, virtio-console or virtio-balloon.
 * - Console: COM1 (16550 at 0x3f8, IRQ 4) into a file (--uartmode1
 *   file), or a UNIX socket (server), a host pipe, a TCP port.
 * - Exit: VBoxHeadless returns 0 once the VM powered off (ACPI S5); a
 *   guest reset reboots the VM.
 */
#include <stdio.h>
#include <string.h>

#include "hypervisors/profiles/profile.h"
#include "hypervisors/virtualbox/virtualbox.h"
#include "util.h"

/* --chipset: the first is the default. */
static const char *const machines[] = { "piix3", "ich9" };

static const struct backend_arch virtualbox_arches[] = {
	{
		.arch = "x86_64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.package = "virtualbox (Oracle's packages, see docs/hypervisors/virtualbox.md)",
		.binary = "VBoxManage",
		.boot_image = "iso-cdrom",
		.firmware = FIRMWARE_SEABIOS,
	},
};

static const char *const transports[] = { "pci-transitional", "pci-modern" };
static const char *const device_types[] = { "net", "scsi" };
static const char *const boot_images[] = { "iso-cdrom", "iso-disk" };

static const struct device_transport runs_on[] = {
	{ "net", "pci-transitional", NULL },
	{ "scsi", "pci-modern", "modern" },
};

static const struct exit_meaning exit_meanings[] = {
	{ 0, "the VM powered off and VBoxHeadless returned" },
	{ 1, "a VBoxManage step or VBoxHeadless failed (the log has its message)" },
};

static const char *const version_args[] = { "--version", NULL };

static int virtualbox_prepare(struct backend *backend, const char *binary,
			      const char *binary_source)
{
	return profile_prepare(backend, binary, binary_source, version_args);
}

/* The script's status is VBoxHeadless's: 0 after a power off. */
static int virtualbox_exit_status(const struct backend *backend, int value)
{
	(void)backend;
	(void)value;
	return 0;
}

static bool virtualbox_runs_on(const char *type, const char *transport, const char *mode)
{
	return profile_table_runs(runs_on, ARRAY_SIZE(runs_on), type, transport, mode);
}

static void virtualbox_location(const struct vcts_config *config, size_t index,
				char *buf, size_t size)
{
	const struct device_instance *dev = config->devices[index];

	if (!strcmp(dev->type, "net"))
		snprintf(buf, size, "00:%02x.0", VIRTUALBOX_NIC1_SLOT);
	else if (!strcmp(dev->type, "scsi"))
		snprintf(buf, size, "00:%02x.0", VIRTUALBOX_VIRTIO_SCSI_SLOT);
	else
		snprintf(buf, size, "%s", "");
}

const struct hypervisor_ops virtualbox_hypervisor = {
	.name = "virtualbox",
	.doc = "docs/hypervisors/virtualbox.md",
	.arches = virtualbox_arches,
	.arch_count = ARRAY_SIZE(virtualbox_arches),
	.transports = transports,
	.transport_count = ARRAY_SIZE(transports),
	.device_types = device_types,
	.device_type_count = ARRAY_SIZE(device_types),
	.boot_images = boot_images,
	.boot_image_count = ARRAY_SIZE(boot_images),
	.device_runs_on = virtualbox_runs_on,
	.prepare = virtualbox_prepare,
	.release = profile_release,
	.command = virtualbox_command,
	.console = profile_console,
	.exit_status = virtualbox_exit_status,
	.console_route = CONSOLE_FILE,
	.exit_meanings = exit_meanings,
	.exit_meaning_count = ARRAY_SIZE(exit_meanings),
	.vm_ending = "ACPI S5 (a reset reboots the VM)",
	.has_stand_in = true,
	.device_location = virtualbox_location,
};
