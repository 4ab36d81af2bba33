/*
 * bhyve (FreeBSD): what it offers and its ops table. Sources read: the
 * freebsd/freebsd-src tree (usr.sbin/bhyve: bhyve.8, bhyve_config.5,
 * virtio.h, pci_virtio_*.c).
 *
 * - Boot: UEFI (the edk2-bhyve boot ROM, lpc.bootrom) from the hybrid
 *   ISO on an AHCI CD-ROM. (bhyveload boots FreeBSD only; grub-bhyve can
 *   load the multiboot ELF, see the doc.)
 * - Transport: virtio-pci with the legacy interface only: I/O BAR 0 with
 *   the 0.9.5 registers (QueuePFN), transitional device ids 0x1000 +
 *   (virtio.h: VIRTIO_DEV_NET 0x1000, BLOCK 0x1001, CONSOLE 0x1003, SCSI
 *   0x1004, RANDOM 0x1005); only virtio-input (0x1052) is modern.
 * - Devices: virtio-rnd, -blk (ser=, ro), -net (tap), -console (ports on
 *   UNIX sockets), -scsi (a CAM target layer port: not attached by vcts),
 *   -9p, -input. Every device sits at the slot -s or pci.0.SLOT.0 names.
 * - Console: COM1 (16550 at 0x3f8) on standard input and output.
 * - Exit (bhyve(8), EXIT STATUS): 0 rebooted, 1 powered off, 2 halted,
 *   3 triple fault, 4 an error.
 */
#include <stdlib.h>
#include <unistd.h>

#include "hypervisors/bhyve/bhyve.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

static const char *const machines[] = { "default" };

static const struct backend_arch bhyve_arches[] = {
	{
		.arch = "x86_64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.package = "FreeBSD base (bhyve), edk2-bhyve (UEFI firmware)",
		.binary = "bhyve",
		.boot_image = "iso-cdrom",
		.firmware = FIRMWARE_OVMF,
	},
};

static const char *const transports[] = { "pci-legacy" };
static const char *const device_types[] = { "rng", "blk", "net", "console" };
static const char *const boot_images[] = { "iso-cdrom", "iso-disk", "multiboot" };

static const struct exit_meaning exit_meanings[] = {
	{ 0, "the guest rebooted (a reset)" },
	{ 1, "the guest powered off (ACPI S5)" },
	{ 2, "the guest halted" },
	{ 3, "triple fault" },
	{ 4, "bhyve exited on an error" },
};

/* The UEFI boot ROM: it must exist before anything starts. */
static int find_firmware(struct backend *backend)
{
	if (access(BHYVE_UEFI_FIRMWARE, R_OK)) {
		vcts_error("%s not found: bhyve boots vcts through UEFI (pkg install edk2-bhyve; see %s)",
			   BHYVE_UEFI_FIRMWARE, backend->ops->doc);
		return -1;
	}
	backend->firmware = xstrdup(BHYVE_UEFI_FIRMWARE);
	return 0;
}

/* bhyve has no version option: the FreeBSD release it came with names it. */
static int bhyve_prepare(struct backend *backend, const char *binary, const char *binary_source)
{
	if (profile_prepare(backend, binary, binary_source, NULL))
		return -1;
	return find_firmware(backend);
}

/*
 * Asked only for the exit methods that carry the kernel's value, which
 * bhyve does not have: its status says how the VM ended (1 after ACPI S5).
 */
static int bhyve_exit_status(const struct backend *backend, int value)
{
	(void)backend;
	(void)value;
	return 0;
}

const struct hypervisor_ops bhyve_hypervisor = {
	.name = "bhyve",
	.doc = "docs/hypervisors/bhyve.md",
	.arches = bhyve_arches,
	.arch_count = ARRAY_SIZE(bhyve_arches),
	.transports = transports,
	.transport_count = ARRAY_SIZE(transports),
	.device_types = device_types,
	.device_type_count = ARRAY_SIZE(device_types),
	.boot_images = boot_images,
	.boot_image_count = ARRAY_SIZE(boot_images),
	.prepare = bhyve_prepare,
	.release = profile_release,
	.command = bhyve_command,
	.console = profile_console,
	.exit_status = bhyve_exit_status,
	.console_route = CONSOLE_STDIO,
	.exit_meanings = exit_meanings,
	.exit_meaning_count = ARRAY_SIZE(exit_meanings),
	.vm_ending = "ACPI S5 (status 1) or a reset (status 0)",
	.has_stand_in = true,
};
