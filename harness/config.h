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

#include "util.h"

/* One instance of a device that a configuration attaches. */
struct device_instance {
	const char *name;	/* the name the kernel gives it: blk0 */
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
};

struct transport {
	const char *name;	/* pci-modern */
	const char *const *modes;	/* driver modes the kernel runs on it */
	size_t mode_count;
};

struct vcts_config {
	char *name;		/* qemu-x86_64-q35-pci-modern-modern */
	const char *hypervisor;
	const char *arch;
	const char *machine;
	const char *transport;
	const char *mode;
	const struct device_instance **devices;
	size_t device_count;
	struct strlist device_types;	/* as the user chose them: rng, blk */
	struct strlist device_properties;	/* TYPE.PROP=VALUE */
};

struct config_matrix {
	struct vcts_config *configs;
	size_t count;
};

const struct device_type *device_type_find(const char *name);
/* "rng, blk" for messages. */
char *device_type_names(void);

const struct transport *transport_find(const char *name);
char *transport_names(void);
size_t transport_count(void);
const struct transport *transport_at(size_t index);

bool machine_known(const char *arch, const char *machine);
char *machine_names(const char *arch);

struct options;
/* Every configuration the options select, in a stable order. */
void config_matrix_build(struct config_matrix *matrix, const struct options *opts);
void config_matrix_free(struct config_matrix *matrix);

/* The instance at PCI location "00:04.0" (or "0000:00:04.0"), or NULL. */
const struct device_instance *config_device_at(const struct vcts_config *config,
					       const char *location);
const struct device_instance *config_device_named(const struct vcts_config *config,
						  const char *name);
/* "00:04.0" for @dev. */
void device_location(const struct device_instance *dev, char *buf, size_t size);

#endif
