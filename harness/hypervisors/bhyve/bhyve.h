/*
 * The bhyve profile (docs/hypervisors/bhyve.md): bhyve.c has what it
 * offers and its ops table, bhyve_config.c the bhyve_config(5) file its
 * command writes, bhyve_command.c the command line that names it.
 */
#ifndef VCTS_BHYVE_H
#define VCTS_BHYVE_H

#include "hypervisors/backend.h"
#include "plan/config.h"

extern const struct hypervisor_ops bhyve_hypervisor;

/* Where bhyve's UEFI firmware is installed (the edk2-bhyve package). */
#define BHYVE_UEFI_FIRMWARE "/usr/local/share/uefi-firmware/BHYVE_UEFI.fd"

/* The PCI slots of the ISO's AHCI controller and the LPC bridge (COM1, the boot ROM). */
#define BHYVE_BOOT_DISK_SLOT 30
#define BHYVE_LPC_SLOT 31

struct bhyve_vm {
	const struct vcts_config *config;
	const char *vm_name;	/* the name bhyve gives /dev/vmm/NAME */
	const char *firmware;	/* the UEFI boot ROM */
	const char *boot_disk;	/* the hybrid ISO, on an AHCI CD-ROM */
	const char *image_dir;	/* the disk images */
	const char *console_socket;	/* the virtio-console port's UNIX socket */
};

/* The bhyve_config(5) text of one VM (allocated). */
char *bhyve_config_text(const struct bhyve_vm *vm);
char **bhyve_command(const struct vm_launch *launch);

#endif
