/*
 * The architecture table (docs/cli.md "Architectures"): the arches the
 * test kernel is built for. x86_64 has two images (multiboot and PVH),
 * aarch64, riscv64 and s390x one each (docs/arch-riscv64.md,
 * docs/arch-s390x.md); which machine boots which is the backend's business.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan/arch.h"
#include "util.h"

static const struct arch_desc arches[] = {
	{ .name = "x86_64", .build_command = "make" },
	{ .name = "aarch64", .build_command = "make ARCH=aarch64" },
	{ .name = "riscv64", .build_command = "make ARCH=riscv64" },
	{ .name = "s390x", .build_command = "make ARCH=s390x" },
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

char *machine_tag(const char *machine)
{
	char *tag = xstrdup(machine);

	for (char *p = tag; *p; p++)
		if (*p == ',' || *p == '=')
			*p = '-';
	return tag;
}
