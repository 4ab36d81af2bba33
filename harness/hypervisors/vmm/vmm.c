/*
 * OpenBSD vmm(4)/vmd(8), driven by vmctl(8): what it offers and its ops
 * table. Sources read: openbsd/src usr.sbin/vmd (virtio.c rev 1.127 of
 * 2025-08-08, vioblk.c rev 1.9 of 2023-09-26 and the older virtio.c
 * rev 1.59, vm.conf.5, vmd.8) and vmctl(8).
 *
 * - Boot: SeaBIOS (/etc/firmware/vmm-bios, the vmm-firmware package)
 *   from the CD-ROM (-B cdrom -r ISO), which vmd attaches as a
 *   virtio-scsi CD-ROM: the kernel sees that vioscsi device too.
 * - Transport: virtio-pci. From virtio.c 1.127 (OpenBSD 7.8) the
 *   devices are virtio 1.x only (device ids 0x1040 + type,
 *   VIRTIO_F_VERSION_1) with their capabilities pointing into an I/O
 *   BAR, not a memory BAR, and INTx only (no MSI-X); before it they were
 *   legacy only (QueuePFN; vioblk.c 1.9). vmctl has no switch between
 *   the two: --transport says which OpenBSD runs (pci-modern: 7.8 and
 *   later, pci-legacy: before). The vmmci control device stays 0.9.
 * - Devices: viornd (always attached), vioblk (-d, read-write only; GET_ID
 *   answered unsupported), vionet (-L or -n), vioscsi (the CD-ROM only).
 * - Layout (virtio_init): the host bridge at 00:00.0, then the rng,
 *   the network interfaces, the disks, the CD-ROM and vmmci, in that
 *   order, each at the next device number.
 * - Console: a pty per VM, named by `vmctl start` and `vmctl status`.
 */
#include <stdio.h>
#include <string.h>

#include "hypervisors/profiles/profile.h"
#include "hypervisors/vmm/vmm.h"
#include "util.h"

static const char *const machines[] = { "default" };

static const struct backend_arch vmm_arches[] = {
	{
		.arch = "x86_64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.package = "OpenBSD base (vmd, vmctl), vmm-firmware (fw_update)",
		.binary = "vmctl",
		.boot_image = "iso-cdrom",
		.firmware = FIRMWARE_SEABIOS,
	},
};

static const char *const transports[] = { "pci-modern", "pci-legacy" };
static const char *const device_types[] = { "rng", "blk", "net" };
static const char *const boot_images[] = { "iso-cdrom", "iso-disk" };
static const char *const attach_order[] = { "rng", "net", "blk" };

static const struct exit_meaning exit_meanings[] = {
	{ 0, "the VM ran and stopped (the script's wait ended)" },
	{ 1, "vmctl could not start the VM (vmd not running, no rights, bad image)" },
};

/* vmctl has no version option: the OpenBSD release names it. */
static int vmm_prepare(struct backend *backend, const char *binary, const char *binary_source)
{
	return profile_prepare(backend, binary, binary_source, NULL);
}

/* The script's own status: the VM's ending leaves no trace in it. */
static int vmm_exit_status(const struct backend *backend, int value)
{
	(void)backend;
	(void)value;
	return 0;
}

/* After the host bridge; vmd attaches its rng whether it was asked for or not. */
static void vmm_location(const struct vcts_config *config, size_t index, char *buf, size_t size)
{
	size_t rank = profile_attach_rank(config, index, attach_order, ARRAY_SIZE(attach_order));

	if (!profile_has_type(config, "rng"))
		rank++;
	snprintf(buf, size, "00:%02zx.0", rank + 1);
}

const struct hypervisor_ops vmm_hypervisor = {
	.name = "vmm",
	.doc = "docs/hypervisors/vmm.md",
	.arches = vmm_arches,
	.arch_count = ARRAY_SIZE(vmm_arches),
	.transports = transports,
	.transport_count = ARRAY_SIZE(transports),
	.device_types = device_types,
	.device_type_count = ARRAY_SIZE(device_types),
	.boot_images = boot_images,
	.boot_image_count = ARRAY_SIZE(boot_images),
	.prepare = vmm_prepare,
	.release = profile_release,
	.command = vmm_command,
	.console = profile_console,
	.exit_status = vmm_exit_status,
	.console_route = CONSOLE_PTY,
	.exit_meanings = exit_meanings,
	.exit_meaning_count = ARRAY_SIZE(exit_meanings),
	.vm_ending = "a reset (keyboard controller, triple fault); see the doc for what else",
	.has_stand_in = true,
	.device_location = vmm_location,
};
