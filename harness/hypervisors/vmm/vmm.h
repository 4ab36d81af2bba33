/*
 * The OpenBSD vmm profile (docs/hypervisors/vmm.md): vmm.c has what it
 * offers, its ops table and where vmd places devices; vmctl_script.c the
 * shell script its command writes (vmctl start, then wait for the VM to
 * stop); vmm_command.c the command line that runs it.
 */
#ifndef VCTS_VMM_H
#define VCTS_VMM_H

#include "hypervisors/backend.h"
#include "plan/config.h"

extern const struct hypervisor_ops vmm_hypervisor;

struct vmctl_vm {
	const struct vcts_config *config;
	const char *vmctl;	/* the vmctl program */
	const char *vm_name;
	const char *cdrom;	/* the hybrid ISO */
	const char *image_dir;
};

/* The sh(1) script of one VM (allocated). */
char *vmctl_script_text(const struct vmctl_vm *vm);
char **vmm_command(const struct vm_launch *launch);

#endif
