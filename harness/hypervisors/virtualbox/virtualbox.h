/*
 * The VirtualBox profile (docs/hypervisors/virtualbox.md): virtualbox.c
 * has what it offers, its ops table and where VirtualBox places devices;
 * vboxmanage_script.c the VBoxManage sequence its command writes; vmdk.c
 * the VMDK descriptors that let VirtualBox use vcts's raw disk images;
 * virtualbox_command.c the command line that runs the sequence.
 */
#ifndef VCTS_VIRTUALBOX_H
#define VCTS_VIRTUALBOX_H

#include <stdint.h>

#include "hypervisors/backend.h"
#include "plan/config.h"

extern const struct hypervisor_ops virtualbox_hypervisor;

/*
 * PCI slots VirtualBox gives them (Main/src-client/BusAssignmentManager.cpp,
 * g_aGenericRules): the first network card 3, the first virtio-scsi
 * controller 15, on both chipsets.
 */
#define VIRTUALBOX_NIC1_SLOT 3
#define VIRTUALBOX_VIRTIO_SCSI_SLOT 15

struct vbox_vm {
	const struct vcts_config *config;
	const char *vboxmanage;		/* the VBoxManage program */
	const char *vboxheadless;	/* VBoxHeadless, next to it */
	const char *vm_name;
	const char *base_folder;	/* where VirtualBox keeps the VM's settings */
	const char *cdrom;		/* the hybrid ISO */
	const char *serial_file;	/* COM1 writes into it */
	const char *image_dir;		/* the raw images and their .vmdk descriptors */
};

/* The sh(1) script of one VM (allocated). */
char *vboxmanage_script_text(const struct vbox_vm *vm);
/* IMAGE_DIR/NAME.vmdk next to IMAGE_DIR/NAME.img (free() it). */
char *vmdk_path(const char *image_dir, const struct device_instance *dev);
/* A monolithicFlat VMDK descriptor of the raw file @flat_name, @bytes long. */
char *vmdk_descriptor_text(const char *flat_name, uint64_t bytes);
char **virtualbox_command(const struct vm_launch *launch);

#endif
