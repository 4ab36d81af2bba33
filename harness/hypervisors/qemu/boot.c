/*
 * How QEMU boots each image (docs/boot-images.md). Images with a loader
 * of their own in QEMU go through -kernel with the command line in
 * -append: multiboot and the Linux boot protocol on pc and q35 (QEMU's
 * option ROMs, under qboot or SeaBIOS), PVH and Linux on microvm (its
 * qboot), the arm64 ELF and Image on virt. The ISO is booted by
 * firmware from a CD or a disk: SeaBIOS, or OVMF for UEFI. OVMF runs
 * nothing QEMU loads with -kernel except an EFI stub, which ours lacks.
 */
#include <stdio.h>
#include <string.h>

#include "hypervisors/qemu/qemu.h"
#include "plan/boot_image.h"
#include "util.h"

static bool machine_is(const char *machine, const char *name)
{
	size_t len = strlen(name);

	return !strncmp(machine, name, len) && (machine[len] == 0 || machine[len] == ',');
}

static int refuse(char *why, size_t size, const char *machine, const char *image,
		  const char *firmware, const char *reason)
{
	snprintf(why, size, "machine '%s' cannot boot '%s' with firmware '%s': %s", machine,
		 image, firmware, reason);
	return -1;
}

int qemu_check_boot(const char *machine, const char *image_name, const char *firmware,
		    char *why, size_t size)
{
	const struct boot_image *image = image_name ? boot_image_find(image_name) : NULL;
	const char *name = image ? image->name : "its default image";
	bool pc = machine_is(machine, "pc") || machine_is(machine, "q35");

	if (machine_is(machine, "virt"))
		return strcmp(firmware, "default") ?
		       refuse(why, size, machine, name, firmware, "virt boots without firmware here") : 0;
	if (machine_is(machine, "s390-ccw-virtio"))
		return strcmp(firmware, "default") ?
		       refuse(why, size, machine, name, firmware,
			      "s390-ccw-virtio starts the -kernel ELF itself") : 0;
	if (machine_is(machine, "microvm")) {
		if (strcmp(firmware, "default") && strcmp(firmware, "qboot"))
			return refuse(why, size, machine, name, firmware, "microvm brings qboot only");
		if (image && strcmp(image->name, "pvh") && strcmp(image->name, "linux"))
			return refuse(why, size, machine, name, firmware,
				      "microvm loads PVH and Linux images only");
		return 0;
	}
	if (!pc || !image)
		return 0;
	if (image->needs_bootable_firmware && !strcmp(firmware, "qboot"))
		return refuse(why, size, machine, name, firmware,
			      "qboot boots only what QEMU loads with -kernel (use seabios or ovmf)");
	if (!image->needs_bootable_firmware && !strcmp(firmware, "ovmf"))
		return refuse(why, size, machine, name, firmware,
			      "OVMF runs -kernel images only with an EFI stub (boot the ISO under UEFI)");
	return 0;
}

/*
 * -bios for @config: qboot where it can (it boots in a fraction of
 * SeaBIOS's time) unless asked otherwise; SeaBIOS is QEMU's own default;
 * the ISO needs firmware that boots removable media.
 */
const char *qemu_firmware_file(const struct backend *host, const struct vcts_config *config)
{
	const char *firmware = config->firmware;

	if (!strcmp(firmware, "default"))
		firmware = config->boot_image->needs_bootable_firmware ? "seabios" : "qboot";
	if (!strcmp(firmware, "qboot"))
		return host->firmware;
	if (!strcmp(firmware, "ovmf"))
		return QEMU_OVMF_FILE;
	return NULL;
}

static void add_pair(struct strlist *args, const char *option, const char *value)
{
	strlist_add(args, option);
	strlist_add(args, value);
}

/*
 * The ISO on the machine's own IDE or AHCI controller: as a CD, or as a
 * hard disk whose writes go to a temporary overlay (snapshot=on) so that
 * the image stays as built.
 */
static void add_iso(struct strlist *args, const struct vcts_config *config)
{
	struct strbuf sb = { 0 };
	bool cdrom = config->boot_image->medium == BOOT_MEDIUM_CDROM;

	strbuf_addstr(&sb, "file=");
	qemu_add_escaped(&sb, config->kernel);
	strbuf_addstr(&sb, cdrom ? ",if=ide,media=cdrom,format=raw,readonly=on" :
				   ",if=ide,media=disk,format=raw,snapshot=on");
	add_pair(args, "-drive", sb.buf);
	add_pair(args, "-boot", cdrom ? "order=d" : "order=c");
	strbuf_release(&sb);
}

void qemu_add_boot(struct strlist *args, const struct vcts_config *config,
		   const char *cmdline)
{
	if (config->boot_image->medium != BOOT_MEDIUM_KERNEL) {
		add_iso(args, config);
		return;
	}
	add_pair(args, "-kernel", config->kernel);
	add_pair(args, "-append", cmdline);
}
