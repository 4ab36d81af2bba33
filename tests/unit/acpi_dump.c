/* ACPI tables from a real QEMU, through the kernel's vcts.acpi_dump (acpi_dump.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acpi_dump.h"
#include "util.h"

#define QBOOT "/usr/share/qemu/qboot.rom"

static const char *kernel_for(const char *machine)
{
	bool pvh = !strcmp(machine, "microvm");
	const char *env = getenv(pvh ? "VCTS_KERNEL_PVH" : "VCTS_KERNEL");

	if (env && *env)
		return env;
	return pvh ? "build/x86_64/vcts-kernel-pvh.elf" : "build/x86_64/vcts-kernel.elf";
}

/*
 * vcts.exit=acpi: the VM powers itself off after the dump; `timeout`
 * bounds a kernel whose exit is broken.
 */
static char *dump_command(const char *machine, const char *kernel)
{
	bool microvm = !strcmp(machine, "microvm");

	return xasprintf("timeout 60 qemu-system-x86_64 -machine %s -accel tcg -m 128M -smp 1 "
			 "-nodefaults -no-user-config -display none -vga none %s "
			 "-kernel '%s' -append 'vcts.filter=none vcts.exit=acpi vcts.acpi_dump' "
			 "-serial stdio -monitor none -no-reboot 2>&1",
			 microvm ? "microvm,acpi=on" : machine, microvm ? "" : "-bios " QBOOT,
			 kernel);
}

static struct acpi_dumped_table *table_named(struct acpi_dump *dump, const char *signature)
{
	struct acpi_dumped_table *t;

	for (size_t i = 0; i < dump->count; i++)
		if (!strcmp(dump->tables[i].signature, signature))
			return &dump->tables[i];
	if (dump->count == ACPI_DUMP_TABLES)
		return NULL;
	t = &dump->tables[dump->count++];
	memset(t, 0, sizeof(*t));
	snprintf(t->signature, sizeof(t->signature), "%s", signature);
	return t;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* "# acpi DSDT 0020: 0100..." : the bytes at that offset of that table. */
static void take_line(struct acpi_dump *dump, const char *line)
{
	char signature[5], hex[80];
	unsigned int offset;
	struct acpi_dumped_table *t;
	size_t count;

	if (sscanf(line, "# acpi %4s %x: %79s", signature, &offset, hex) != 3)
		return;
	t = table_named(dump, signature);
	count = strlen(hex) / 2;
	if (!t || offset > (1u << 20))
		return;
	if (offset + count > t->length) {
		t->bytes = xrealloc(t->bytes, offset + count);
		memset(t->bytes + t->length, 0, offset + count - t->length);
		t->length = offset + count;
	}
	for (size_t i = 0; i < count; i++)
		t->bytes[offset + i] = (uint8_t)(hex_digit(hex[2 * i]) << 4 |
						 hex_digit(hex[2 * i + 1]));
}

int acpi_dump_machine(const char *machine, struct acpi_dump *dump)
{
	const char *kernel = kernel_for(machine);
	char *command, line[512];
	FILE *out;

	memset(dump, 0, sizeof(*dump));
	if (access(kernel, R_OK)) {
		snprintf(dump->error, sizeof(dump->error), "no kernel at %s (run make first)", kernel);
		return -1;
	}
	command = dump_command(machine, kernel);
	out = popen(command, "r");
	free(command);
	if (!out) {
		snprintf(dump->error, sizeof(dump->error), "cannot run qemu-system-x86_64");
		return -1;
	}
	while (fgets(line, sizeof(line), out))
		take_line(dump, line);
	if (pclose(out) != 0)
		snprintf(dump->error, sizeof(dump->error),
			 "QEMU %s did not power off by itself after the dump", machine);
	else if (!dump->count)
		snprintf(dump->error, sizeof(dump->error), "QEMU %s: the kernel dumped no table",
			 machine);
	return dump->error[0] ? -1 : 0;
}

const struct acpi_dumped_table *acpi_dump_table(const struct acpi_dump *dump,
						const char *signature)
{
	for (size_t i = 0; i < dump->count; i++)
		if (!strcmp(dump->tables[i].signature, signature))
			return &dump->tables[i];
	return NULL;
}

void acpi_dump_free(struct acpi_dump *dump)
{
	for (size_t i = 0; i < dump->count; i++)
		free(dump->tables[i].bytes);
	memset(dump, 0, sizeof(*dump));
}
