/*
 * The architecture table (docs/cli.md "Architectures").
 *
 * x86_64: q35 and pc for the PCI transports; virtio-mmio needs microvm,
 * and there only a PVH (or Linux) boot gets the slots appended to its
 * command line, so the mmio transports boot the PVH image on microvm.
 *
 * aarch64: QEMU's virt machine has both a PCIe host bridge and 32
 * virtio-mmio slots described in its device tree, so every transport runs
 * on the --machine list (virt, optionally with gic-version=) and boots the
 * one kernel image (docs/arch-aarch64.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/arch.h"
#include "util.h"

static const char *const x86_64_machines[] = { "q35", "pc" };
static const char *const aarch64_machines[] = { "virt" };

static const struct arch_desc arches[] = {
	{
		.name = "x86_64",
		.machines = x86_64_machines,
		.machine_count = ARRAY_SIZE(x86_64_machines),
		.mmio_machine = "microvm",
		.mmio_boots_pvh = true,
		/* microvm,acpi=off: 8 slots */
		.mmio = { 0xfeb00000ull, 0x200, 8 },
		.exit = EXIT_ISA_DEBUG,
		.build_command = "make",
		.qemu_package = "qemu-system-x86",
	},
	{
		.name = "aarch64",
		.machines = aarch64_machines,
		.machine_count = ARRAY_SIZE(aarch64_machines),
		.mmio = { 0x0a000000ull, 0x200, 32 },
		.exit = EXIT_SEMIHOSTING,
		.build_command = "make ARCH=aarch64",
		.qemu_package = "qemu-system-arm",
	},
};

/* The properties a machine may carry after a comma, and their values. */
struct machine_property {
	const char *machine;
	const char *name;
	const char *const *values;
	size_t value_count;
};

static const char *const gic_versions[] = { "2", "3", "host", "max" };

static const struct machine_property machine_properties[] = {
	{ "virt", "gic-version", gic_versions, ARRAY_SIZE(gic_versions) },
};

const struct arch_desc *arch_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++)
		if (!strcmp(arches[i].name, name))
			return &arches[i];
	return NULL;
}

size_t arch_count(void)
{
	return ARRAY_SIZE(arches);
}

const struct arch_desc *arch_at(size_t index)
{
	return &arches[index];
}

char *arch_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(arches); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", arches[i].name);
	return strbuf_detach(&sb);
}

size_t arch_value_prefix(const char *value)
{
	for (size_t i = 0; i < ARRAY_SIZE(arches); i++) {
		size_t len = strlen(arches[i].name);

		if (!strncmp(value, arches[i].name, len) && value[len] == '=')
			return len + 1;
	}
	return 0;
}

/* The length of the machine's name, without its properties. */
static size_t base_length(const char *machine)
{
	return strcspn(machine, ",");
}

bool machine_of_arch(const char *arch, const char *machine)
{
	const struct arch_desc *a = arch_find(arch);
	size_t len = base_length(machine);

	for (size_t i = 0; a && i < a->machine_count; i++)
		if (strlen(a->machines[i]) == len && !strncmp(a->machines[i], machine, len))
			return true;
	return false;
}

static const struct machine_property *find_property(const char *machine,
						    const char *prop, size_t len)
{
	size_t base = base_length(machine);

	for (size_t i = 0; i < ARRAY_SIZE(machine_properties); i++) {
		const struct machine_property *p = &machine_properties[i];

		if (strlen(p->machine) == base && !strncmp(p->machine, machine, base) &&
		    strlen(p->name) == len && !strncmp(p->name, prop, len))
			return p;
	}
	return NULL;
}

static void describe_properties(struct strbuf *sb, const char *machine, size_t base)
{
	size_t shown = 0;

	for (size_t i = 0; i < ARRAY_SIZE(machine_properties); i++) {
		const struct machine_property *p = &machine_properties[i];

		if (strlen(p->machine) != base || strncmp(p->machine, machine, base))
			continue;
		strbuf_addf(sb, "%s%.*s,%s=", shown++ ? ", " : "", (int)base, machine, p->name);
		for (size_t v = 0; v < p->value_count; v++)
			strbuf_addf(sb, "%s%s", v ? "|" : "", p->values[v]);
	}
	if (!shown)
		strbuf_addstr(sb, "none");
}

static bool value_allowed(const struct machine_property *p, const char *value, size_t len)
{
	for (size_t i = 0; i < p->value_count; i++)
		if (strlen(p->values[i]) == len && !strncmp(p->values[i], value, len))
			return true;
	return false;
}

int machine_check_properties(const char *machine, char *why, size_t size)
{
	size_t base = base_length(machine);
	const char *p = machine + base;

	while (*p == ',') {
		const char *prop = p + 1;
		size_t len = strcspn(prop, ","), name_len = strcspn(prop, "=,");
		const struct machine_property *known = find_property(machine, prop, name_len);

		if (!known || name_len >= len ||
		    !value_allowed(known, prop + name_len + 1, len - name_len - 1)) {
			struct strbuf sb = { 0 };

			describe_properties(&sb, machine, base);
			snprintf(why, size, "machine '%s': unknown property '%.*s' (known: %s)",
				 machine, (int)len, prop, sb.buf);
			strbuf_release(&sb);
			return -1;
		}
		p = prop + len;
	}
	return 0;
}

char *machine_names(const char *arch)
{
	const struct arch_desc *a = arch_find(arch);
	struct strbuf sb = { 0 };

	for (size_t i = 0; a && i < a->machine_count; i++) {
		const char *m = a->machines[i];

		strbuf_addf(&sb, "%s%s", i ? ", " : "", m);
		for (size_t k = 0; k < ARRAY_SIZE(machine_properties); k++) {
			if (strcmp(machine_properties[k].machine, m))
				continue;
			strbuf_addstr(&sb, ", ");
			describe_properties(&sb, m, strlen(m));
			break;
		}
	}
	return strbuf_detach(&sb);
}

char *machine_tag(const char *machine)
{
	char *tag = xstrdup(machine);

	for (char *p = tag; *p; p++)
		if (*p == ',' || *p == '=')
			*p = '-';
	return tag;
}

bool machine_has_property(const char *machine, const char *property)
{
	size_t len = strlen(property);

	for (const char *p = strchr(machine, ','); p; p = strchr(p + 1, ','))
		if (!strncmp(p + 1, property, len) && p[1 + len] == '=')
			return true;
	return false;
}

int arch_exit_status(const char *arch, int value)
{
	const struct arch_desc *a = arch_find(arch);

	if (a && a->exit == EXIT_SEMIHOSTING)
		return value;
	return (value << 1) | 1;
}
