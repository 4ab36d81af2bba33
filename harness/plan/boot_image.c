/* The boot images `make` builds (docs/boot-images.md). */
#include <string.h>

#include "plan/boot_image.h"
#include "util.h"

static const struct boot_image images[] = {
	{ "multiboot", "x86_64", "vcts-kernel.elf", "make", BOOT_MEDIUM_KERNEL, false,
	  "ELF32 with a multiboot header (QEMU -kernel on pc and q35, GRUB, grub2-bhyve)" },
	{ "pvh", "x86_64", "vcts-kernel-pvh.elf", "make", BOOT_MEDIUM_KERNEL, false,
	  "ELF with the Xen PVH entry note (QEMU microvm, Firecracker, cloud-hypervisor)" },
	{ "linux", "x86_64", "vcts-bzImage", "make", BOOT_MEDIUM_KERNEL, false,
	  "Linux x86 boot protocol image: 16-bit (QEMU, qboot, kvmtool), 32-bit (cloud-hypervisor) and 64-bit (crosvm) entries" },
	{ "iso-cdrom", "x86_64", "vcts.iso", "make iso", BOOT_MEDIUM_CDROM, true,
	  "hybrid GRUB ISO, BIOS and UEFI, as a CD (VirtualBox, bhyve UEFI)" },
	{ "iso-disk", "x86_64", "vcts.iso", "make iso", BOOT_MEDIUM_DISK, true,
	  "the same hybrid ISO as a hard disk (OpenBSD vmm with SeaBIOS)" },
	{ "arm64-elf", "aarch64", "vcts-kernel.elf", "make", BOOT_MEDIUM_KERNEL, false,
	  "ELF64 entered at e_entry in EL1 (QEMU virt -kernel)" },
	{ "arm64-image", "aarch64", "vcts-Image", "make", BOOT_MEDIUM_KERNEL, false,
	  "arm64 Linux Image header (cloud-hypervisor, crosvm, kvmtool on arm64)" },
	{ "riscv64-elf", "riscv64", "vcts-kernel.elf", "make", BOOT_MEDIUM_KERNEL, false,
	  "ELF64 loaded by QEMU virt -kernel and entered in S-mode by OpenSBI at its lowest address" },
	{ "s390x-elf", "s390x", "vcts-kernel.elf", "make ARCH=s390x", BOOT_MEDIUM_KERNEL, false,
	  "big-endian ELF64 entered at 0x10000, -append in its parameter area (QEMU s390-ccw-virtio -kernel)" },
};

static const char *const firmwares[] = { "default", "qboot", "seabios", "ovmf" };

const struct boot_image *boot_image_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(images); i++)
		if (!strcmp(images[i].name, name))
			return &images[i];
	return NULL;
}

size_t boot_image_count(void)
{
	return ARRAY_SIZE(images);
}

const struct boot_image *boot_image_at(size_t index)
{
	return &images[index];
}

char *boot_image_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(images); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", images[i].name);
	return strbuf_detach(&sb);
}

char *boot_image_default_path(const struct boot_image *image)
{
	return xasprintf("build/%s/%s", image->arch, image->file);
}

bool firmware_known(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(firmwares); i++)
		if (!strcmp(firmwares[i], name))
			return true;
	return false;
}

char *firmware_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(firmwares); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", firmwares[i]);
	return strbuf_detach(&sb);
}
