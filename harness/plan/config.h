/*
 * Configurations: what one VM run is (hypervisor x arch x machine x
 * transport x driver mode x devices), and the matrix of them that one
 * `vcts run` iterates.
 */
#ifndef VCTS_CONFIG_H
#define VCTS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hypervisors/backend.h"
#include "plan/boot_image.h"
#include "plan/arch.h"
#include "util.h"

/* One instance of a device that a configuration attaches. */
struct device_instance {
	const char *name;	/* blk0; on PCI also the name the kernel gives it */
	const char *type;	/* blk */
	unsigned int pci_slot;	/* fixed, so the kernel's location maps back */
	const char *image_name;	/* backing file in OUTPUT/images/, or NULL */
	uint64_t image_size;
	bool read_only;
};

/* A device type the harness knows, and the instances it attaches for it. */
struct device_type {
	const char *name;
	const struct device_instance *instances;
	size_t instance_count;
	/*
	 * The devices of a VM: NULL for the hypervisor's built-in devices;
	 * "vhost-user" for those whose implementation is another program
	 * (docs/vhost-user.md). Each set is a configuration of its own.
	 */
	const char *device_set;
	/* What the kernel calls it ("blk" for vhost-user-blk), NULL: the name. */
	const char *kernel_type;
	/* Kernel command-line words a VM with this type needs, or NULL. */
	const char *kernel_args;
};

/* Where a transport's devices sit; PCI is 0 so that a zeroed config is PCI. */
enum transport_bus {
	BUS_PCI,
	BUS_MMIO,
	BUS_CCW,	/* the channel subsystem (s390x): devices by device number */
};

struct transport {
	const char *name;	/* pci-modern */
	const char *const *modes;	/* driver modes the kernel runs on it */
	size_t mode_count;
	enum transport_bus bus;
};

/*
 * What every VM of one invocation shares, resolved from the options once:
 * nothing below the plan reads the command line.
 */
struct run_settings {
	const char *output;		/* the output directory */
	uint32_t seed;
	struct strlist filters;		/* vcts.filter globs */
	struct strlist kernel_args;	/* more kernel command-line words */
	unsigned int timeout_s;		/* per VM */
	bool verbose;			/* console and diagnostics on stderr too */
	/*
	 * Where the VMs' UNIX sockets go: a short private directory
	 * (config_matrix_open_socket_dir()), since a socket path has at most
	 * 107 bytes and the output directory may be long; NULL: the output.
	 */
	char *socket_dir;
	/* --console: where the backend puts the console (vm/console.h), or NULL. */
	const char *console;
};

/* settings->socket_dir, or the output directory when there is none. */
const char *run_settings_socket_dir(const struct run_settings *settings);

struct vcts_config {
	char *name;		/* qemu-x86_64-q35-pci-modern-modern */
	const char *hypervisor;	/* the one that runs it */
	/*
	 * The hypervisor profile QEMU stands in for (--stand-in,
	 * hypervisors/profiles/stand_in.h), or NULL.
	 */
	const char *stand_in_for;
	/* NULL for a configuration read back from results.json. */
	const struct hypervisor_ops *hypervisor_ops;
	const struct run_settings *settings;
	const char *arch;
	const char *machine;
	const char *transport;
	const char *mode;
	enum transport_bus bus;
	/*
	 * The image it boots (plan/boot_image.h): --boot-image, else the arch's
	 * kernel (multiboot on x86_64, the ELF on aarch64), or PVH for x86_64
	 * mmio on microvm; and where that file is: --kernel, --kernel-pvh or
	 * build/ARCH/FILE.
	 */
	const struct boot_image *boot_image;
	char *kernel;
	/* --firmware: "default" leaves the choice to the backend. */
	const char *firmware;
	/*
	 * vcts.exit: how the kernel ends the VM (plan/exit_method.c); NULL for
	 * a configuration read back from results.json.
	 */
	const char *exit_method;
	/*
	 * The shortest part of the name that tells this configuration from
	 * the others of its matrix: "pci-legacy-legacy"; "q35-pci-legacy-legacy"
	 * when --machine lists several; "aarch64-pci-legacy-legacy" when
	 * --arch does.
	 */
	char *label;
	/* NULL for the built-in devices, else the set (struct device_type). */
	const char *device_set;
	/* In command-line order; on mmio that order decides the slot. */
	const struct device_instance **devices;
	size_t device_count;
	struct strlist kernel_args;	/* what its device types ask for */
	struct strlist device_types;	/* as the user chose them: rng, blk */
	struct strlist device_properties;	/* TYPE.PROP=VALUE */
};

struct config_matrix {
	struct vcts_config *configs;
	size_t count;
	struct run_settings settings;	/* every configuration points here */
};

const struct device_type *device_type_find(const char *name);
/* The table in its order: rng, blk, net, console, balloon, scsi. */
size_t device_type_count(void);
const struct device_type *device_type_at(size_t index);
/* "rng, blk, ..." for messages. */
char *device_type_names(void);

const struct transport *transport_find(const char *name);
char *transport_names(void);
size_t transport_count(void);
const struct transport *transport_at(size_t index);

struct options;
/*
 * Does @machine (of the --machine list) run any configuration: is it a
 * machine of a selected arch on which a selected transport takes its
 * machine from --machine? (x86_64 mmio always runs on microvm.)
 */
bool machine_applies(const struct options *opts, const char *machine);

/*
 * Every configuration the options select, in a stable order: arch by arch
 * (x86_64, aarch64); within one, for each of its machines the transports
 * that run on it (in the table's order: pci-modern, pci-transitional,
 * pci-legacy, mmio-v1, mmio-v2), then those with a machine of their own
 * (x86_64 mmio on microvm). A transport with two modes gives two
 * configurations.
 */
void config_matrix_build(struct config_matrix *matrix, const struct options *opts);
void config_matrix_free(struct config_matrix *matrix);
/*
 * Creates the private socket directory of @matrix's VMs (removed by
 * config_matrix_free()). 0, or -1 after a `vcts:` error line.
 */
int config_matrix_open_socket_dir(struct config_matrix *matrix);

/*
 * Device locations (device_location.c): where the kernel will find device
 * number @index of @config, as its `device` lines spell it: "00:04.0" on
 * PCI, "mmio@0xfeb00c00" on microvm, "mmio@0xa003c00" on virt. "" when
 * the machine has no room.
 */
void config_device_location(const struct vcts_config *config, size_t index,
			    char *buf, size_t size);
/*
 * The instance at a location the kernel reported ("00:04.0",
 * "0000:00:04.0", "mmio@0xfeb00c00"), or NULL.
 */
const struct device_instance *config_device_at(const struct vcts_config *config,
					       const char *location);
const struct device_instance *config_device_named(const struct vcts_config *config,
						  const char *name);

#endif
