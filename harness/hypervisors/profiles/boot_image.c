/*
 * The table of boot images. `built` is the one thing that changes as the
 * images of issue 13 land: the Linux boot protocol image, the hybrid ISO
 * and the arm64 Image are being added; until `make` builds one, every
 * profile and stand-in that needs it stops with a line naming it.
 */
#include <string.h>

#include "hypervisors/profiles/boot_image.h"
#include "util.h"

static const struct boot_image images[] = {
	{ "multiboot", "x86_64", "multiboot ELF (build/x86_64/vcts-kernel.elf)", NULL, true },
	{ "pvh", "x86_64", "PVH ELF with XEN_ELFNOTE_PHYS32_ENTRY (build/x86_64/vcts-kernel-pvh.elf)",
	  NULL, true },
	{ "linux", "x86_64", "Linux x86 boot protocol image (bzImage setup header, 64-bit entry)",
	  "build/x86_64/vcts-kernel.bzImage", false },
	{ "iso-cdrom", "x86_64", "hybrid BIOS/UEFI GRUB ISO, as a CD-ROM", "build/x86_64/vcts.iso",
	  false },
	{ "iso-disk", "x86_64", "hybrid BIOS/UEFI GRUB ISO, as a disk", "build/x86_64/vcts.iso",
	  false },
	{ "arm64-elf", "aarch64", "arm64 ELF entered in EL1 (build/aarch64/vcts-kernel.elf)", NULL,
	  true },
	{ "arm64-image", "aarch64", "arm64 Image (Linux arm64 boot protocol header)",
	  "build/aarch64/vcts-kernel.Image", false },
};

const struct boot_image *boot_image_find(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(images); i++)
		if (!strcmp(images[i].name, name))
			return &images[i];
	return NULL;
}
