/*
 * The boot images the hypervisors load (docs/boot-images.md), and which
 * of them this vcts builds: a profile or stand-in whose image is not
 * built says so in one line instead of starting anything.
 */
#ifndef VCTS_BOOT_IMAGE_H
#define VCTS_BOOT_IMAGE_H

#include <stdbool.h>

struct boot_image {
	const char *name;	/* multiboot, pvh, linux, iso-cdrom, iso-disk, arm64-elf, arm64-image */
	const char *arch;	/* the guest arch it is for */
	const char *what;	/* one line for messages and listings */
	/*
	 * Where `make` puts it, or will (the images not built yet: the names
	 * the commands spell until their builds land); NULL for the ELF
	 * images, whose files --kernel and --kernel-pvh name.
	 */
	const char *file;
	bool built;		/* does `make` build it? */
};

/* The image named @name, or NULL. */
const struct boot_image *boot_image_find(const char *name);

#endif
