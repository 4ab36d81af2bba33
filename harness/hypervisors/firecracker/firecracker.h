/*
 * The Firecracker profile (docs/hypervisors/firecracker.md): firecracker.c
 * has what it offers, its ops table and where it places devices;
 * firecracker_config.c the --config-file JSON; firecracker_command.c the
 * command line that writes and names it.
 */
#ifndef VCTS_FIRECRACKER_H
#define VCTS_FIRECRACKER_H

#include "hypervisors/backend.h"
#include "plan/config.h"

extern const struct hypervisor_ops firecracker_hypervisor;

/*
 * The order Firecracker attaches virtio devices in (src/vmm/src/builder.rs,
 * build_microvm_for_boot): balloon, block devices in the order given, net,
 * pmem, vsock, entropy. Each takes the next transport: the next 4 KiB
 * virtio-mmio window, or the next PCI device number with --enable-pci.
 */
extern const char *const firecracker_attach_order[];
extern const size_t firecracker_attach_order_count;

/* The --config-file JSON of one VM (allocated), devices from @image_dir. */
char *firecracker_config_json(const struct vcts_config *config, const char *kernel,
			      const char *boot_args, const char *image_dir);
char **firecracker_command(const struct vm_launch *launch);

#endif
