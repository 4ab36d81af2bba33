/*
 * ACPI tables as bytes: checks of the RSDP and of a table header, the
 * entries of the RSDT/XSDT, and what the S5 exit needs from the FADT.
 * Pure functions of the bytes given (no memory is read beyond them), so
 * that the host unit tests run them on tables dumped from QEMU; acpi.c
 * finds the bytes in guest memory.
 */
#ifndef VCTS_X86_ACPI_TABLES_H
#define VCTS_X86_ACPI_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACPI_HEADER_LENGTH	36	/* 5.2.6 System Description Table Header */
#define ACPI_RSDP_V1_LENGTH	20	/* 5.2.5.3: what the ACPI 1.0 checksum covers */
#define ACPI_RSDP_V2_LENGTH	36

/* Generic Address Structure (ACPI 6.4 5.2.3.2), the parts used here. */
#define ACPI_SPACE_MEMORY	0
#define ACPI_SPACE_IO		1
struct acpi_register {
	uint8_t space;		/* ACPI_SPACE_* */
	uint8_t bit_width;	/* 8, 16 or 32 */
	uint64_t address;	/* 0: absent */
};

/* Where the RSDP points (5.2.5.3). */
struct acpi_root {
	uint64_t xsdt;		/* 0 unless revision >= 2 gave one */
	uint32_t rsdt;
	uint8_t revision;
};

/* What the FADT (5.2.9) says about entering S5. */
struct acpi_fadt {
	uint64_t dsdt;			/* X_DSDT when set, else DSDT */
	bool hardware_reduced;		/* Flags.HW_REDUCED_ACPI (bit 20) */
	struct acpi_register pm1a_control;	/* X_PM1a_CNT_BLK, else PM1a_CNT_BLK */
	struct acpi_register pm1b_control;
	struct acpi_register sleep_control;	/* SLEEP_CONTROL_REG (4.8.3.7) */
};

/* The 8-bit sum of @length bytes: 0 for a table whose checksum is right. */
uint8_t acpi_sum(const uint8_t *bytes, size_t length);

/*
 * Is @rsdp (with @available bytes readable) an RSDP: signature "RSD PTR ",
 * the ACPI 1.0 checksum over 20 bytes, and from revision 2 on a length of
 * at least 36 within @available and the extended checksum over it? 0 with
 * @root filled, or -1 with @why.
 */
int acpi_rsdp_parse(const uint8_t *rsdp, size_t available, struct acpi_root *root,
		    const char **why);

/*
 * The length a table's header claims, if @available holds a header at all;
 * 0 otherwise.
 */
uint32_t acpi_table_length(const uint8_t *table, size_t available);

/*
 * Is @table (@available bytes readable) a table with @signature whose
 * length fits @available and whose checksum is right? 0, or -1 with @why.
 */
int acpi_table_check(const uint8_t *table, size_t available, const char *signature,
		     const char **why);

/*
 * The tables an RSDT (4-byte entries) or XSDT (8-byte entries) lists: how
 * many, and entry @index. @table has been checked.
 */
size_t acpi_root_entry_count(const uint8_t *table, bool xsdt);
uint64_t acpi_root_entry(const uint8_t *table, bool xsdt, size_t index);

/*
 * The FADT's S5 registers and DSDT. @fadt has been checked; fields past
 * its length (an older revision) count as absent. 0, or -1 with @why when
 * it names no DSDT or no register to write.
 */
int acpi_fadt_parse(const uint8_t *fadt, struct acpi_fadt *out, const char **why);

#endif
