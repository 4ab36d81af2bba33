/*
 * Reading the device tree into struct fdt_platform (fdt_platform.h).
 * Node and property names are those of DTSpec v0.4 chapter 3 (/memory,
 * /chosen) and of the Linux bindings QEMU follows (virtio/mmio.yaml,
 * arm/psci.yaml, interrupt-controller/arm,gic*.yaml).
 */
#include <libfdt.h>

#include "fdt/fdt_platform.h"
#include "lib/string.h"

bool fdt_platform_valid(const void *address)
{
	return fdt_check_header(address) == 0;
}

uint32_t fdt_platform_size(const void *fdt)
{
	return fdt_totalsize(fdt);
}

const char *fdt_platform_error(int error)
{
	return fdt_strerror(error);
}

/* The first string of @node's `compatible` into @out ("" if none). */
static void first_compatible(const void *fdt, int node, char *out, size_t size)
{
	int length;
	const char *compatible = fdt_getprop(fdt, node, "compatible", &length);

	out[0] = 0;
	if (compatible && length > 0)
		strlcpy(out, compatible, size < (size_t)length ? size : (size_t)length);
}

/* DTSpec 3.4: every node with device_type = "memory", every reg entry. */
static int read_memory(const void *fdt, struct fdt_platform *platform)
{
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);

	for (; node >= 0; node = fdt_node_offset_by_prop_value(fdt, node, "device_type",
							       "memory", 7)) {
		for (int i = 0; platform->memory_count < FDT_MAX_MEMORY; i++) {
			struct fdt_range *range = &platform->memory[platform->memory_count];

			if (fdt_read_reg(fdt, node, i, range))
				break;
			if (range->size)
				platform->memory_count++;
		}
	}
	return platform->memory_count ? 0 : -FDT_ERR_NOTFOUND;
}

/* DTSpec 3.6: stdout-path is a path or an alias, optionally ":options". */
static void read_console(const void *fdt, int chosen, struct fdt_platform *platform)
{
	const char *path = fdt_getprop(fdt, chosen, "stdout-path", NULL);
	const char *colon;
	int node, length;

	if (!path)
		return;
	colon = strchr(path, ':');
	length = colon ? (int)(colon - path) : (int)strlen(path);
	if (path[0] != '/') {
		path = fdt_get_alias_namelen(fdt, path, length);
		if (!path)
			return;
		length = (int)strlen(path);
	}
	node = fdt_path_offset_namelen(fdt, path, length);
	if (node < 0 || fdt_read_reg(fdt, node, 0, &platform->console))
		return;
	first_compatible(fdt, node, platform->console_compatible,
			 sizeof(platform->console_compatible));
}

static void read_chosen(const void *fdt, struct fdt_platform *platform)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *bootargs;
	int length;

	platform->cmdline[0] = 0;
	if (chosen < 0)
		return;
	bootargs = fdt_getprop(fdt, chosen, "bootargs", &length);
	if (bootargs && length > 0)
		strlcpy(platform->cmdline, bootargs,
			length < FDT_CMDLINE_MAX ? (size_t)length : FDT_CMDLINE_MAX);
	read_console(fdt, chosen, platform);
}

/* virtio/mmio.yaml: compatible "virtio,mmio", one reg, one interrupt. */
static int read_mmio(const void *fdt, struct fdt_platform *platform)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "virtio,mmio");

	for (; node >= 0 && platform->mmio_count < FDT_MAX_MMIO;
	     node = fdt_node_offset_by_compatible(fdt, node, "virtio,mmio")) {
		struct fdt_mmio_node *mmio = &platform->mmio[platform->mmio_count];
		int error;

		if (!fdt_node_enabled(fdt, node))
			continue;
		error = fdt_read_reg(fdt, node, 0, &mmio->reg);
		if (!error)
			error = fdt_read_first_irq(fdt, node, &mmio->irq);
		if (error)
			return error;
		platform->mmio_count++;
	}
	return 0;
}

static void read_msi_frames(const void *fdt, int controller, struct fdt_intc *intc)
{
	int child;

	fdt_for_each_subnode(child, fdt, controller) {
		if (intc->msi_count == FDT_MAX_MSI_FRAMES)
			break;
		if (!fdt_getprop(fdt, child, "msi-controller", NULL) ||
		    !fdt_node_enabled(fdt, child) ||
		    fdt_read_reg(fdt, child, 0, &intc->msi[intc->msi_count].reg))
			continue;
		first_compatible(fdt, child, intc->msi[intc->msi_count].compatible,
				 sizeof(intc->msi[0].compatible));
		intc->msi_count++;
	}
}

/* The controller the root node's interrupt-parent names (DTSpec 2.4.1). */
static int read_intc(const void *fdt, struct fdt_intc *intc)
{
	int controller = fdt_interrupt_parent(fdt, 0);

	if (controller < 0)
		return controller == -FDT_ERR_NOTFOUND ? 0 : controller;
	first_compatible(fdt, controller, intc->compatible, sizeof(intc->compatible));
	while (intc->reg_count < FDT_MAX_REGS &&
	       !fdt_read_reg(fdt, controller, intc->reg_count, &intc->regs[intc->reg_count]))
		intc->reg_count++;
	read_msi_frames(fdt, controller, intc);
	intc->present = true;
	return 0;
}

/* arm/psci.yaml: "method" is the conduit, "hvc" or "smc". */
static void read_psci(const void *fdt, struct fdt_platform *platform)
{
	static const char *const compatibles[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };
	const char *method;

	platform->psci_method[0] = 0;
	for (unsigned int i = 0; i < sizeof(compatibles) / sizeof(compatibles[0]); i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, compatibles[i]);

		if (node < 0)
			continue;
		method = fdt_getprop(fdt, node, "method", NULL);
		if (method)
			strlcpy(platform->psci_method, method, sizeof(platform->psci_method));
		return;
	}
}

int fdt_platform_read(const void *fdt, struct fdt_platform *platform)
{
	int error = fdt_check_header(fdt);

	memset(platform, 0, sizeof(*platform));
	if (error)
		return error;
	read_chosen(fdt, platform);
	error = read_memory(fdt, platform);
	if (!error)
		error = read_mmio(fdt, platform);
	if (!error)
		error = fdt_read_pci_host(fdt, &platform->pci);
	if (!error)
		error = read_intc(fdt, &platform->intc);
	read_psci(fdt, platform);
	return error;
}
