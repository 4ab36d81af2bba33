/*
 * cloud-hypervisor: what it offers and its ops table. Sources read: the
 * cloud-hypervisor/cloud-hypervisor tree of 2026-08 (README.md,
 * docs/device_model.md, vmm/src/config.rs, cloud-hypervisor/src/main.rs,
 * virtio-devices/src/transport/pci_device.rs).
 *
 * - Boot: --kernel takes an ELF with a PVH note or a bzImage on x86_64,
 *   an arm64 Image on aarch64 (README.md, "Booting Linux"); direct boot
 *   runs no firmware (--firmware would: rust-hypervisor-firmware, OVMF).
 * - Transport: "For all virtio devices listed below, only virtio-pci
 *   transport layer is supported" (docs/device_model.md), and it is the
 *   1.x interface only (pci_device.rs: device id 0x1040 + type). Every
 *   device takes pci_device_id=SLOT, so vcts pins each instance to its
 *   slot as on QEMU.
 * - Devices: virtio-blk, -net (a tap it creates), -rng (always present:
 *   --rng only changes its source), -console, -balloon; also pmem, vsock,
 *   iommu, vhost-user ones.
 * - Console: --serial tty puts the 16550 (x86_64) or PL011 (aarch64) on
 *   standard input and output; --console off drops the default
 *   virtio-console (docs/device_model.md, "virtio-console").
 * - Exit: 0 when the VM shut down (ACPI or i8042 reset), 1 on an error
 *   (main.rs).
 */
#include <string.h>

#include "hypervisors/cloud_hypervisor/cloud_hypervisor.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

static const char *const machines[] = { "default" };

static const struct backend_arch ch_arches[] = {
	{
		.arch = "x86_64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.package = "cloud-hypervisor (a release binary, see docs/hypervisors/cloud-hypervisor.md)",
		.binary = "cloud-hypervisor",
		.boot_image = "pvh",
		.exit_method = "acpi",
		.firmware = FIRMWARE_NONE,
	},
	{
		.arch = "aarch64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.package = "cloud-hypervisor (a release binary, see docs/hypervisors/cloud-hypervisor.md)",
		.binary = "cloud-hypervisor",
		.boot_image = "arm64-image",
		.exit_method = "psci",
		.firmware = FIRMWARE_NONE,
	},
};

static const char *const transports[] = { "pci-modern" };
static const char *const device_types[] = { "rng", "blk", "net", "console", "balloon" };
static const char *const boot_images[] = { "pvh", "linux", "arm64-image" };

static const struct exit_meaning exit_meanings[] = {
	{ 0, "the VM shut down (ACPI S5, reset) and cloud-hypervisor exited" },
	{ 1, "an error: bad options, a device that could not be created, a failed boot" },
};

static const char *const version_args[] = { "--version", NULL };

static int ch_prepare(struct backend *backend, const char *binary, const char *binary_source)
{
	return profile_prepare(backend, binary, binary_source, version_args);
}

/* 0 however the kernel ends the VM. */
static int ch_exit_status(const struct backend *backend, int value)
{
	(void)backend;
	(void)value;
	return 0;
}

const struct hypervisor_ops cloud_hypervisor_hypervisor = {
	.name = "cloud-hypervisor",
	.doc = "docs/hypervisors/cloud-hypervisor.md",
	.arches = ch_arches,
	.arch_count = ARRAY_SIZE(ch_arches),
	.transports = transports,
	.transport_count = ARRAY_SIZE(transports),
	.device_types = device_types,
	.device_type_count = ARRAY_SIZE(device_types),
	.boot_images = boot_images,
	.boot_image_count = ARRAY_SIZE(boot_images),
	.prepare = ch_prepare,
	.release = profile_release,
	.command = cloud_hypervisor_command,
	.console = profile_console,
	.exit_status = ch_exit_status,
	.console_route = CONSOLE_STDIO,
	.exit_meanings = exit_meanings,
	.exit_meaning_count = ARRAY_SIZE(exit_meanings),
	.vm_ending = "ACPI S5 through its ACPI shutdown device; i8042 reset without ACPI",
	.has_stand_in = true,
};
