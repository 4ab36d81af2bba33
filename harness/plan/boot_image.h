/*
 * Boot images and firmware (docs/boot-images.md): the wrappers of the one
 * test kernel, each built by `make`, and the firmware families a
 * hypervisor boots them with. A configuration boots one image with one
 * firmware; the hypervisor's table says which it loads.
 */
#ifndef VCTS_BOOT_IMAGE_H
#define VCTS_BOOT_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

/* How the hypervisor is handed the image. */
enum boot_medium {
	BOOT_MEDIUM_KERNEL,	/* a kernel it loads itself (-kernel): takes a command line */
	BOOT_MEDIUM_CDROM,	/* a CD the firmware boots */
	BOOT_MEDIUM_DISK,	/* a disk the firmware boots */
};

struct boot_image {
	const char *name;	/* multiboot, pvh, linux, iso-cdrom, ... */
	const char *arch;	/* the guest arch it is built for */
	const char *file;	/* under build/ARCH/ */
	const char *make_target;	/* what builds it */
	enum boot_medium medium;
	/* Does it need firmware that boots removable media (not qboot)? */
	bool needs_bootable_firmware;
	const char *description;
};

const struct boot_image *boot_image_find(const char *name);
size_t boot_image_count(void);
const struct boot_image *boot_image_at(size_t index);
/* "multiboot, pvh, ..." for messages. */
char *boot_image_names(void);
/* build/x86_64/vcts-kernel.elf */
char *boot_image_default_path(const struct boot_image *image);

/* Firmware families: the first is "default" (the hypervisor's choice). */
bool firmware_known(const char *name);
char *firmware_names(void);

#endif
