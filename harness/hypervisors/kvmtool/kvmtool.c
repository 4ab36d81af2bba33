/*
 * kvmtool (lkvm): what it offers and its ops table. Sources read: the
 * kvmtool/kvmtool tree of 2024-08 (builtin-run.c, virtio/core.c,
 * virtio/pci-modern.c, virtio/mmio.c, x86/kvm.c, include/kvm/virtio.h,
 * arm/include/arm-common/kvm-arch.h).
 *
 * - Boot: on x86_64 a bzImage through the Linux boot protocol (its
 *   real-mode setup at offset 0x200; x86/kvm.c load_bzimage), else a flat
 *   binary at 0x1000:0; on aarch64 an arm64 Image. Its own small BIOS
 *   stub, no firmware.
 * - Transports: --virtio-transport pci (the default: modern-only, device
 *   id 0x1040 + type, virtio/pci-modern.c), pci-legacy (legacy-only,
 *   transitional ids 0x1000 +), and on arm64 (and riscv) also mmio
 *   (virtio-mmio version 2) and mmio-legacy (version 1).
 * - Devices: -d (virtio-blk, ",ro" read-only), -n (virtio-net, a tap or
 *   its user-mode network), --rng, --balloon, --console virtio, 9p,
 *   vsock; virtio-scsi only through vhost-scsi.
 * - Layout: devices are numbered in registration order (devices.c), and
 *   on arm64 each virtio-mmio device takes the next 0x200 bytes from
 *   KVM_VIRTIO_MMIO_AREA, 0x3000000.
 * - Console: the 8250 serial port on the terminal (--console serial, the
 *   default); on arm64 at 0x1000000 (ARM_UART_MMIO_BASE), which the
 *   kernel's PL011-only aarch64 console does not drive.
 * - Exit: `lkvm run` returns when the guest resets (i8042 on x86_64) or
 *   powers off (PSCI on arm64); non-zero when it could not start.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hypervisors/kvmtool/kvmtool.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

#define KVMTOOL_PACKAGE "kvmtool (Debian: kvmtool; upstream: will/kvmtool.git on git.kernel.org)"

static const char *const machines[] = { "default" };
static const char *const x86_64_transports[] = { "pci-modern", "pci-legacy" };
static const char *const aarch64_transports[] = {
	"pci-modern", "pci-legacy", "mmio-v1", "mmio-v2",
};

static const struct backend_arch kvmtool_arches[] = {
	{
		.arch = "x86_64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.package = KVMTOOL_PACKAGE,
		.binary = "lkvm",
		.boot_image = "linux",
		.exit_method = "reset",
		.firmware = FIRMWARE_NONE,
		.transports = x86_64_transports,
		.transport_count = ARRAY_SIZE(x86_64_transports),
	},
	{
		.arch = "aarch64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.mmio = { 0x3000000ull, 0x200, 64 },
		.package = KVMTOOL_PACKAGE,
		.binary = "lkvm",
		.boot_image = "arm64-image",
		.exit_method = "psci",
		.firmware = FIRMWARE_NONE,
		.transports = aarch64_transports,
		.transport_count = ARRAY_SIZE(aarch64_transports),
	},
};

static const char *const transports[] = { "pci-modern", "pci-legacy", "mmio-v1", "mmio-v2" };
static const char *const device_types[] = { "rng", "blk", "net", "balloon" };
static const char *const boot_images[] = { "linux", "arm64-image" };

/*
 * Registration order: the virtio devices' init functions run in link
 * order (Makefile: blk, scsi, console, net, rng, balloon). Read from the
 * sources, not seen running: docs/hypervisors/kvmtool.md says so.
 */
static const char *const attach_order[] = { "blk", "console", "net", "rng", "balloon" };

static const struct exit_meaning exit_meanings[] = {
	{ 0, "the guest reset or powered off (\"KVM session ended normally\")" },
	{ 1, "lkvm could not set the VM up (bad option, no /dev/kvm, missing image)" },
};

static const char *const version_args[] = { "version", NULL };

static int kvmtool_prepare(struct backend *backend, const char *binary,
			   const char *binary_source)
{
	return profile_prepare(backend, binary, binary_source, version_args);
}

/* 0 however the kernel ends the VM. */
static int kvmtool_exit_status(const struct backend *backend, int value)
{
	(void)backend;
	(void)value;
	return 0;
}

static void kvmtool_location(const struct vcts_config *config, size_t index,
			     char *buf, size_t size)
{
	const struct backend_arch *arch = hypervisor_arch(&kvmtool_hypervisor, config->arch);
	size_t rank = profile_attach_rank(config, index, attach_order, ARRAY_SIZE(attach_order));

	if (config->bus == BUS_PCI)
		snprintf(buf, size, "00:%02zx.0", rank);
	else if (arch && rank < arch->mmio.slots)
		snprintf(buf, size, "mmio@0x%" PRIx64, arch->mmio.base + rank * arch->mmio.stride);
	else
		snprintf(buf, size, "%s", "");
}

const struct hypervisor_ops kvmtool_hypervisor = {
	.name = "kvmtool",
	.doc = "docs/hypervisors/kvmtool.md",
	.arches = kvmtool_arches,
	.arch_count = ARRAY_SIZE(kvmtool_arches),
	.transports = transports,
	.transport_count = ARRAY_SIZE(transports),
	.device_types = device_types,
	.device_type_count = ARRAY_SIZE(device_types),
	.boot_images = boot_images,
	.boot_image_count = ARRAY_SIZE(boot_images),
	.prepare = kvmtool_prepare,
	.release = profile_release,
	.command = kvmtool_command,
	.console = profile_console,
	.exit_status = kvmtool_exit_status,
	.console_route = CONSOLE_STDIO,
	.exit_meanings = exit_meanings,
	.exit_meaning_count = ARRAY_SIZE(exit_meanings),
	.vm_ending = "x86_64: i8042 reset; aarch64: PSCI SYSTEM_OFF",
	.has_stand_in = true,
	.device_location = kvmtool_location,
};
