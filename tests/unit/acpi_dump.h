/*
 * ACPI tables as QEMU's machines really have them: the test kernel boots
 * with vcts.acpi_dump (docs/kernel-options.md) and prints every table its
 * exit path accepted in hex; this reads them back for the host tests of
 * guest-kernel/arch/x86_64/acpi_aml.c and acpi_tables.c. Nothing is
 * committed: the tables come from the QEMU that runs the tests.
 */
#ifndef VCTS_UNIT_ACPI_DUMP_H
#define VCTS_UNIT_ACPI_DUMP_H

#include <stddef.h>
#include <stdint.h>

#define ACPI_DUMP_TABLES 8

struct acpi_dumped_table {
	char signature[5];	/* "DSDT", "FACP", "RSDP", ... */
	uint8_t *bytes;
	size_t length;
};

struct acpi_dump {
	struct acpi_dumped_table tables[ACPI_DUMP_TABLES];
	size_t count;
	char error[256];	/* why there is nothing, when count is 0 */
};

/*
 * Boots $VCTS_KERNEL (or build/x86_64/vcts-kernel.elf; $VCTS_KERNEL_PVH
 * for microvm) on QEMU's @machine ("pc", "q35", "microvm") and collects
 * the dump. 0, or -1 with @dump->error set.
 */
int acpi_dump_machine(const char *machine, struct acpi_dump *dump);
/* The table with @signature, or NULL. */
const struct acpi_dumped_table *acpi_dump_table(const struct acpi_dump *dump,
						const char *signature);
void acpi_dump_free(struct acpi_dump *dump);

#endif
