/*
 * The device table and the configuration matrix. Devices sit at fixed PCI
 * slots so that the location a kernel reports names one backing file; the
 * QEMU-specific spelling of each device lives in hypervisors/qemu.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "options.h"

#define MiB (1024ull * 1024)

static const struct device_instance rng_instances[] = {
	{ .name = "rng0", .type = "rng", .pci_slot = 3 },
};

static const struct device_instance blk_instances[] = {
	{ .name = "blk0", .type = "blk", .pci_slot = 4,
	  .image_name = "blk0.img", .image_size = 8 * MiB },
	{ .name = "blk1", .type = "blk", .pci_slot = 5,
	  .image_name = "blk1.img", .image_size = 1 * MiB, .read_only = true },
};

static const struct device_type device_types[] = {
	{ "rng", rng_instances, ARRAY_SIZE(rng_instances) },
	{ "blk", blk_instances, ARRAY_SIZE(blk_instances) },
};

static const char *const modern_modes[] = { "modern" };

/*
 * Later: pci-legacy (legacy), pci-transitional (legacy and modern),
 * mmio-v1 (legacy), mmio-v2 (modern). Each mode is one VM run.
 */
static const struct transport transports[] = {
	{ "pci-modern", modern_modes, ARRAY_SIZE(modern_modes) },
};

static const char *const x86_64_machines[] = { "q35", "pc" };

const struct device_type *device_type_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(device_types); i++)
		if (!strcmp(device_types[i].name, name))
			return &device_types[i];
	return NULL;
}

char *device_type_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(device_types); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", device_types[i].name);
	return strbuf_detach(&sb);
}

const struct transport *transport_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(transports); i++)
		if (!strcmp(transports[i].name, name))
			return &transports[i];
	return NULL;
}

char *transport_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(transports); i++)
		strbuf_addf(&sb, "%s, ", transports[i].name);
	strbuf_addstr(&sb, "all");
	return strbuf_detach(&sb);
}

size_t transport_count(void)
{
	return ARRAY_SIZE(transports);
}

const struct transport *transport_at(size_t index)
{
	return &transports[index];
}

bool machine_known(const char *arch, const char *machine)
{
	if (strcmp(arch, "x86_64"))
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(x86_64_machines); i++)
		if (!strcmp(x86_64_machines[i], machine))
			return true;
	return false;
}

char *machine_names(const char *arch)
{
	struct strbuf sb = { 0 };

	if (!strcmp(arch, "x86_64"))
		for (size_t i = 0; i < ARRAY_SIZE(x86_64_machines); i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", x86_64_machines[i]);
	return strbuf_detach(&sb);
}

/* The transports the user asked for, with "all" expanded, without repeats. */
static void selected_transports(const struct options *opts,
				const struct transport **out, size_t *count)
{
	*count = 0;
	for (size_t i = 0; i < ARRAY_SIZE(transports); i++) {
		const struct transport *t = &transports[i];

		if (strlist_contains(&opts->transports, "all") ||
		    strlist_contains(&opts->transports, t->name))
			out[(*count)++] = t;
	}
}

static void attach_devices(struct vcts_config *config, const struct options *opts)
{
	size_t count = 0;

	for (size_t i = 0; i < opts->devices.count; i++)
		count += device_type_find(opts->devices.items[i])->instance_count;
	config->devices = xcalloc(count, sizeof(*config->devices));
	for (size_t i = 0; i < opts->devices.count; i++) {
		const struct device_type *type = device_type_find(opts->devices.items[i]);

		for (size_t j = 0; j < type->instance_count; j++)
			config->devices[config->device_count++] = &type->instances[j];
	}
	strlist_copy(&config->device_types, &opts->devices);
	strlist_copy(&config->device_properties, &opts->device_properties);
}

static void add_config(struct config_matrix *matrix, const struct options *opts,
		       const char *machine, const struct transport *transport,
		       const char *mode)
{
	struct vcts_config *config;

	matrix->configs = xrealloc(matrix->configs,
				   (matrix->count + 1) * sizeof(*matrix->configs));
	config = &matrix->configs[matrix->count++];
	memset(config, 0, sizeof(*config));
	config->hypervisor = opts->hypervisor;
	config->arch = opts->arch;
	config->machine = machine;
	config->transport = transport->name;
	config->mode = mode;
	config->name = xasprintf("%s-%s-%s-%s-%s", opts->hypervisor, opts->arch,
				 machine, transport->name, mode);
	attach_devices(config, opts);
}

void config_matrix_build(struct config_matrix *matrix, const struct options *opts)
{
	const struct transport *chosen[ARRAY_SIZE(transports)];
	size_t transport_total;

	matrix->configs = NULL;
	matrix->count = 0;
	selected_transports(opts, chosen, &transport_total);
	for (size_t m = 0; m < opts->machines.count; m++)
		for (size_t t = 0; t < transport_total; t++)
			for (size_t i = 0; i < chosen[t]->mode_count; i++)
				add_config(matrix, opts, opts->machines.items[m],
					   chosen[t], chosen[t]->modes[i]);
}

void config_matrix_free(struct config_matrix *matrix)
{
	for (size_t i = 0; i < matrix->count; i++) {
		free(matrix->configs[i].name);
		free(matrix->configs[i].devices);
		strlist_clear(&matrix->configs[i].device_types);
		strlist_clear(&matrix->configs[i].device_properties);
	}
	free(matrix->configs);
	matrix->configs = NULL;
	matrix->count = 0;
}

void device_location(const struct device_instance *dev, char *buf, size_t size)
{
	snprintf(buf, size, "00:%02x.0", dev->pci_slot);
}

const struct device_instance *config_device_at(const struct vcts_config *config,
					       const char *location)
{
	char mine[16];

	/* A location with a PCI domain, 0000:00:04.0, names the same slot. */
	if (strlen(location) == 12 && !strncmp(location, "0000:", 5))
		location += 5;
	for (size_t i = 0; i < config->device_count; i++) {
		device_location(config->devices[i], mine, sizeof(mine));
		if (!strcasecmp(mine, location))
			return config->devices[i];
	}
	return NULL;
}

const struct device_instance *config_device_named(const struct vcts_config *config,
						  const char *name)
{
	for (size_t i = 0; i < config->device_count; i++)
		if (!strcmp(config->devices[i]->name, name))
			return config->devices[i];
	return NULL;
}
