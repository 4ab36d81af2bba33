/*
 * The device and transport tables and the configuration matrix. Where each
 * device ends up (and so which backing file a location the kernel reports
 * names) is in device_location.c; the QEMU-specific spelling of machines
 * and devices lives in hypervisors/qemu.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
static const char *const legacy_modes[] = { "legacy" };
static const char *const both_modes[] = { "modern", "legacy" };

/*
 * Each mode is one VM run. A transitional device offers both interfaces,
 * so the kernel drives it once through each. The mmio transports need
 * microvm (the only x86 machine with virtio-mmio slots) and the PVH
 * entry: only for a PVH (or Linux) boot does QEMU append the
 * virtio_mmio.device= entries that tell the kernel where the slots are.
 */
static const struct transport transports[] = {
	{ "pci-modern", modern_modes, ARRAY_SIZE(modern_modes),
	  BUS_PCI, NULL, BOOT_MULTIBOOT },
	{ "pci-transitional", both_modes, ARRAY_SIZE(both_modes),
	  BUS_PCI, NULL, BOOT_MULTIBOOT },
	{ "pci-legacy", legacy_modes, ARRAY_SIZE(legacy_modes),
	  BUS_PCI, NULL, BOOT_MULTIBOOT },
	{ "mmio-v1", legacy_modes, ARRAY_SIZE(legacy_modes),
	  BUS_MMIO, "microvm", BOOT_PVH },
	{ "mmio-v2", modern_modes, ARRAY_SIZE(modern_modes),
	  BUS_MMIO, "microvm", BOOT_PVH },
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

bool transports_use_machine_option(const struct options *opts)
{
	const struct transport *chosen[ARRAY_SIZE(transports)];
	size_t count;

	selected_transports(opts, chosen, &count);
	for (size_t i = 0; i < count; i++)
		if (!chosen[i]->machine)
			return true;
	return false;
}

static void attach_devices(struct vcts_config *config, const struct options *opts)
{
	size_t count = 0;

	for (size_t i = 0; i < opts->devices.count; i++)
		count += device_type_find(opts->devices.items[i])->instance_count;
	config->devices = xcalloc(count ? count : 1, sizeof(*config->devices));
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
	config->bus = transport->bus;
	config->boot = transport->boot;
	config->kernel = transport->boot == BOOT_PVH ? opts->kernel_pvh : opts->kernel;
	config->name = xasprintf("%s-%s-%s-%s-%s", opts->hypervisor, opts->arch,
				 machine, transport->name, mode);
	attach_devices(config, opts);
}

static void add_transport_configs(struct config_matrix *matrix,
				  const struct options *opts, const char *machine,
				  const struct transport *t)
{
	for (size_t i = 0; i < t->mode_count; i++)
		add_config(matrix, opts, machine, t, t->modes[i]);
}

static bool same_transport_and_mode(const struct vcts_config *a,
				    const struct vcts_config *b)
{
	return !strcmp(a->transport, b->transport) && !strcmp(a->mode, b->mode);
}

/* TRANSPORT-MODE, with the machine in front when that is not enough. */
static void label_configs(struct config_matrix *matrix)
{
	for (size_t i = 0; i < matrix->count; i++) {
		struct vcts_config *c = &matrix->configs[i];
		bool ambiguous = false;

		for (size_t j = 0; j < matrix->count && !ambiguous; j++)
			ambiguous = j != i && same_transport_and_mode(c, &matrix->configs[j]);
		if (ambiguous)
			c->label = xasprintf("%s-%s-%s", c->machine, c->transport, c->mode);
		else
			c->label = xasprintf("%s-%s", c->transport, c->mode);
	}
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
			if (!chosen[t]->machine)
				add_transport_configs(matrix, opts,
						      opts->machines.items[m], chosen[t]);
	/* A transport with a machine of its own runs once, whatever --machine lists. */
	for (size_t t = 0; t < transport_total; t++)
		if (chosen[t]->machine)
			add_transport_configs(matrix, opts, chosen[t]->machine, chosen[t]);
	label_configs(matrix);
}

void config_matrix_free(struct config_matrix *matrix)
{
	for (size_t i = 0; i < matrix->count; i++) {
		free(matrix->configs[i].name);
		free(matrix->configs[i].label);
		free(matrix->configs[i].devices);
		strlist_clear(&matrix->configs[i].device_types);
		strlist_clear(&matrix->configs[i].device_properties);
	}
	free(matrix->configs);
	matrix->configs = NULL;
	matrix->count = 0;
}
