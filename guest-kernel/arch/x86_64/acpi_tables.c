/*
 * ACPI tables as bytes (acpi_tables.h). Section numbers are ACPI 6.4's.
 * Every multi-byte field is read byte by byte, little-endian: firmware
 * does not align tables, and nothing here reads past the length the
 * caller vouched for.
 */
#include "acpi_tables.h"

/* RSDP (5.2.5.3) */
#define RSDP_RSDT_ADDRESS	16
#define RSDP_REVISION		15
#define RSDP_LENGTH		20
#define RSDP_XSDT_ADDRESS	24

/* System Description Table Header (5.2.6) */
#define HEADER_LENGTH_FIELD	4

/* FADT (5.2.9, Table 5.9): byte offsets */
#define FADT_DSDT		40
#define FADT_PM1A_CNT_BLK	64
#define FADT_PM1B_CNT_BLK	68
#define FADT_PM1_CNT_LEN	89
#define FADT_FLAGS		112
#define FADT_ACPI1_LENGTH	116	/* the ACPI 1.0 FADT ends after RESET_VALUE's place */
#define FADT_X_DSDT		140
#define FADT_X_PM1A_CNT_BLK	172
#define FADT_X_PM1B_CNT_BLK	184
#define FADT_SLEEP_CONTROL_REG	244
#define FADT_HW_REDUCED_ACPI	(1u << 20)

/* Generic Address Structure (5.2.3.2) */
#define GAS_LENGTH		12
#define GAS_SPACE		0
#define GAS_BIT_WIDTH		1
#define GAS_ACCESS_SIZE		3
#define GAS_ADDRESS		4

static uint64_t read_le(const uint8_t *bytes, unsigned int size)
{
	uint64_t value = 0;

	for (unsigned int i = 0; i < size; i++)
		value |= (uint64_t)bytes[i] << (8 * i);
	return value;
}

uint8_t acpi_sum(const uint8_t *bytes, size_t length)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < length; i++)
		sum = (uint8_t)(sum + bytes[i]);
	return sum;
}

static bool same_bytes(const uint8_t *bytes, const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++)
		if (bytes[i] != (uint8_t)text[i])
			return false;
	return true;
}

int acpi_rsdp_parse(const uint8_t *rsdp, size_t available, struct acpi_root *root,
		    const char **why)
{
	uint32_t length;

	if (available < ACPI_RSDP_V1_LENGTH || !same_bytes(rsdp, "RSD PTR ", 8)) {
		*why = "no RSDP signature";
		return -1;
	}
	if (acpi_sum(rsdp, ACPI_RSDP_V1_LENGTH)) {
		*why = "RSDP checksum wrong";
		return -1;
	}
	root->revision = rsdp[RSDP_REVISION];
	root->rsdt = (uint32_t)read_le(rsdp + RSDP_RSDT_ADDRESS, 4);
	root->xsdt = 0;
	if (root->revision < 2)
		return 0;
	if (available < ACPI_RSDP_V2_LENGTH) {
		*why = "RSDP revision 2 truncated";
		return -1;
	}
	length = (uint32_t)read_le(rsdp + RSDP_LENGTH, 4);
	if (length < ACPI_RSDP_V2_LENGTH || length > available) {
		*why = "RSDP length out of bounds";
		return -1;
	}
	if (acpi_sum(rsdp, length)) {
		*why = "RSDP extended checksum wrong";
		return -1;
	}
	root->xsdt = read_le(rsdp + RSDP_XSDT_ADDRESS, 8);
	return 0;
}

uint32_t acpi_table_length(const uint8_t *table, size_t available)
{
	if (available < ACPI_HEADER_LENGTH)
		return 0;
	return (uint32_t)read_le(table + HEADER_LENGTH_FIELD, 4);
}

int acpi_table_check(const uint8_t *table, size_t available, const char *signature,
		     const char **why)
{
	uint32_t length = acpi_table_length(table, available);

	if (!length) {
		*why = "table header truncated";
		return -1;
	}
	if (!same_bytes(table, signature, 4)) {
		*why = "wrong table signature";
		return -1;
	}
	if (length < ACPI_HEADER_LENGTH || length > available) {
		*why = "table length out of bounds";
		return -1;
	}
	if (acpi_sum(table, length)) {
		*why = "table checksum wrong";
		return -1;
	}
	return 0;
}

size_t acpi_root_entry_count(const uint8_t *table, bool xsdt)
{
	uint32_t length = (uint32_t)read_le(table + HEADER_LENGTH_FIELD, 4);

	return (length - ACPI_HEADER_LENGTH) / (xsdt ? 8 : 4);
}

uint64_t acpi_root_entry(const uint8_t *table, bool xsdt, size_t index)
{
	unsigned int size = xsdt ? 8 : 4;

	return read_le(table + ACPI_HEADER_LENGTH + index * size, size);
}

/*
 * A Generic Address Structure: system memory or I/O only; the access
 * width from the register width, else the access size, else @width.
 */
static struct acpi_register read_gas(const uint8_t *gas, uint8_t width)
{
	struct acpi_register reg = { 0, 0, 0 };
	uint8_t bits = gas[GAS_BIT_WIDTH], access = gas[GAS_ACCESS_SIZE];

	if (gas[GAS_SPACE] != ACPI_SPACE_MEMORY && gas[GAS_SPACE] != ACPI_SPACE_IO)
		return reg;
	reg.space = gas[GAS_SPACE];
	reg.address = read_le(gas + GAS_ADDRESS, 8);
	if (bits == 8 || bits == 16 || bits == 32)
		reg.bit_width = bits;
	else if (access >= 1 && access <= 3)
		reg.bit_width = (uint8_t)(8u << (access - 1));
	else
		reg.bit_width = width;
	return reg;
}

/*
 * A PM1 control block: X_PM1x_CNT_BLK when the FADT is long enough and it
 * is set, else the 32-bit I/O port of PM1x_CNT_BLK, which needs
 * PM1_CNT_LEN >= 2 to hold SLP_TYP and SLP_EN (bits 10-13, 4.8.3.2.1).
 */
static struct acpi_register pm1_control(const uint8_t *fadt, uint32_t length,
					unsigned int extended, unsigned int legacy)
{
	struct acpi_register reg = { 0, 0, 0 };

	if (length >= extended + GAS_LENGTH) {
		reg = read_gas(fadt + extended, 16);
		if (reg.address)
			return reg;
	}
	if (fadt[FADT_PM1_CNT_LEN] >= 2) {
		reg.space = ACPI_SPACE_IO;
		reg.bit_width = 16;
		reg.address = read_le(fadt + legacy, 4);
	}
	return reg;
}

int acpi_fadt_parse(const uint8_t *fadt, struct acpi_fadt *out, const char **why)
{
	uint32_t length = (uint32_t)read_le(fadt + HEADER_LENGTH_FIELD, 4);
	struct acpi_fadt zero = { 0 };

	*out = zero;
	if (length < FADT_ACPI1_LENGTH) {
		*why = "FADT shorter than ACPI 1.0's";
		return -1;
	}
	if (length >= FADT_X_DSDT + 8)
		out->dsdt = read_le(fadt + FADT_X_DSDT, 8);
	if (!out->dsdt)
		out->dsdt = read_le(fadt + FADT_DSDT, 4);
	out->hardware_reduced = read_le(fadt + FADT_FLAGS, 4) & FADT_HW_REDUCED_ACPI;
	out->pm1a_control = pm1_control(fadt, length, FADT_X_PM1A_CNT_BLK, FADT_PM1A_CNT_BLK);
	out->pm1b_control = pm1_control(fadt, length, FADT_X_PM1B_CNT_BLK, FADT_PM1B_CNT_BLK);
	if (length >= FADT_SLEEP_CONTROL_REG + GAS_LENGTH)
		out->sleep_control = read_gas(fadt + FADT_SLEEP_CONTROL_REG, 8);
	if (!out->dsdt) {
		*why = "FADT names no DSDT";
		return -1;
	}
	if (out->hardware_reduced && !out->sleep_control.address) {
		*why = "hardware-reduced FADT without a sleep control register";
		return -1;
	}
	if (!out->hardware_reduced && !out->pm1a_control.address) {
		*why = "FADT names no PM1a control block";
		return -1;
	}
	return 0;
}
