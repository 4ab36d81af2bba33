/*
 * crosvm: what it offers and its ops table. Sources read: the crosvm
 * book (docs/book/src: running_crosvm/basic_usage.md, advanced_usage.md,
 * devices/index.md, devices/block.md), src/crosvm/cmdline.rs (--serial,
 * --no-rng, --no-balloon), src/main.rs (CommandStatus) and
 * devices/src/virtio/virtio_pci_device.rs.
 *
 * - Boot: a kernel given as the last argument: on x86_64 a bzImage or an
 *   ELF vmlinux entered through the Linux 64-bit boot protocol
 *   (boot_params), on aarch64 an arm64 Image. No firmware unless --bios.
 * - Transport: virtio-pci with the 1.x interface only (device id
 *   0x1040 + type). The block device takes pci-address=, so blk0 and
 *   blk1 sit at the slots plan/config.c gives them.
 * - Devices: --block (id= is its GET_ID serial, ro), --net, and an rng
 *   and a balloon that are there unless --no-rng and --no-balloon;
 *   also console, fs, gpu, input, pmem, scsi, snd, vsock...
 * - Console: --serial type=stdout,hardware=serial,console,stdin: the
 *   8250 at 0x3f8 on standard input and output.
 * - Exit: 0 when the VM stopped (power off), 32 on a guest reset (the
 *   i8042 reset is one), 33 crash, 34 guest panic, 35 invalid argument,
 *   36 watchdog reset.
 */
#include <string.h>

#include "hypervisors/crosvm/crosvm.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

static const char *const machines[] = { "default" };

static const struct backend_arch crosvm_arches[] = {
	{
		.arch = "x86_64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.package = "crosvm (build it: docs/hypervisors/crosvm.md)",
		.binary = "crosvm",
		.boot_image = "linux",
		.exit_method = "acpi",
		.firmware = FIRMWARE_NONE,
	},
	{
		.arch = "aarch64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.package = "crosvm (build it: docs/hypervisors/crosvm.md)",
		.binary = "crosvm",
		.boot_image = "arm64-image",
		.exit_method = "psci",
		.firmware = FIRMWARE_NONE,
	},
};

static const char *const transports[] = { "pci-modern" };
static const char *const device_types[] = { "rng", "blk", "net", "balloon" };
static const char *const boot_images[] = { "linux", "arm64-image" };

static const struct exit_meaning exit_meanings[] = {
	{ 0, "the VM stopped (powered off)" },
	{ 1, "crosvm failed (set-up error)" },
	{ 32, "the guest asked for a reset (an i8042 reset is one)" },
	{ 33, "the VM crashed" },
	{ 34, "the guest kernel panicked" },
	{ 35, "invalid argument" },
	{ 36, "watchdog reset (a vCPU stalled)" },
};

static const char *const version_args[] = { "version", NULL };

static int crosvm_prepare(struct backend *backend, const char *binary,
			  const char *binary_source)
{
	return profile_prepare(backend, binary, binary_source, version_args);
}

/*
 * Asked only for the exit methods that carry the kernel's value, which
 * crosvm does not have: its status says how the VM ended (0 after a power
 * off, 32 after a reset).
 */
static int crosvm_exit_status(const struct backend *backend, int value)
{
	(void)backend;
	(void)value;
	return 0;
}

const struct hypervisor_ops crosvm_hypervisor = {
	.name = "crosvm",
	.doc = "docs/hypervisors/crosvm.md",
	.arches = crosvm_arches,
	.arch_count = ARRAY_SIZE(crosvm_arches),
	.transports = transports,
	.transport_count = ARRAY_SIZE(transports),
	.device_types = device_types,
	.device_type_count = ARRAY_SIZE(device_types),
	.boot_images = boot_images,
	.boot_image_count = ARRAY_SIZE(boot_images),
	.prepare = crosvm_prepare,
	.release = profile_release,
	.command = crosvm_command,
	.console = profile_console,
	.exit_status = crosvm_exit_status,
	.console_route = CONSOLE_STDIO,
	.exit_meanings = exit_meanings,
	.exit_meaning_count = ARRAY_SIZE(exit_meanings),
	.vm_ending = "ACPI S5 (status 0) or i8042 reset (status 32) on x86_64; PSCI on aarch64",
	.has_stand_in = true,
};
