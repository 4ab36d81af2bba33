/*
 * \_S5 in AML without an interpreter (acpi_aml.h). Firmware writes it as
 *
 *   DefName    := NameOp NameString DataRefObject     (ACPI 6.4 20.2.5.1)
 *   DefPackage := PackageOp PkgLength NumElements PackageElementList
 *                                                      (20.2.5.4)
 *
 * i.e. 08 [5C] "_S5_" 12 <PkgLength> <NumElements> <element> <element> ...
 * with each element an integer constant (20.2.3). Every candidate is
 * checked against the bytes that exist and against its own package
 * length; one that does not parse is skipped (a later one may), and its
 * reason is kept for the caller.
 */
#include "acpi_aml.h"

#define AML_NAME_OP		0x08
#define AML_ROOT_CHAR		0x5c	/* '\' (20.2.2) */
#define AML_PACKAGE_OP		0x12
#define AML_ZERO_OP		0x00	/* 20.2.3 ConstObj */
#define AML_ONE_OP		0x01
#define AML_ONES_OP		0xff
#define AML_BYTE_PREFIX		0x0a	/* 20.2.3 ComputationalData */
#define AML_WORD_PREFIX		0x0b
#define AML_DWORD_PREFIX	0x0c
#define AML_QWORD_PREFIX	0x0e
#define SLP_TYP_MAX		7	/* a 3-bit field (4.8.3.2.1, 4.8.3.7) */

/* A cursor that cannot move past @end. */
struct aml_cursor {
	const uint8_t *aml;
	size_t at;
	size_t end;
};

static int take_byte(struct aml_cursor *c, uint8_t *byte)
{
	if (c->at >= c->end)
		return -1;
	*byte = c->aml[c->at++];
	return 0;
}

/*
 * PkgLength (20.2.4): bits 7-6 of the lead byte count the bytes that
 * follow (0-3). With none, bits 5-0 are the length; otherwise bits 3-0
 * are its low nibble, bits 5-4 must be zero, and each following byte
 * adds 8 more bits. The length counts itself and what follows it.
 */
static int take_pkg_length(struct aml_cursor *c, uint32_t *length, const char **why)
{
	uint8_t lead, byte;
	unsigned int extra;

	if (take_byte(c, &lead)) {
		*why = "\\_S5 package length truncated";
		return -1;
	}
	extra = lead >> 6;
	if (!extra) {
		*length = lead & 0x3f;
		return 0;
	}
	if (lead & 0x30) {
		*why = "\\_S5 package length has reserved bits set";
		return -1;
	}
	*length = lead & 0x0f;
	for (unsigned int i = 0; i < extra; i++) {
		if (take_byte(c, &byte)) {
			*why = "\\_S5 package length truncated";
			return -1;
		}
		*length |= (uint32_t)byte << (4 + 8 * i);
	}
	return 0;
}

/* A little-endian constant of @size bytes. */
static int take_le(struct aml_cursor *c, unsigned int size, uint64_t *value)
{
	uint8_t byte;

	*value = 0;
	for (unsigned int i = 0; i < size; i++) {
		if (take_byte(c, &byte))
			return -1;
		*value |= (uint64_t)byte << (8 * i);
	}
	return 0;
}

/* One package element that must be an integer constant (20.2.3). */
static int take_integer(struct aml_cursor *c, uint64_t *value, const char **why)
{
	uint8_t op;
	int ret;

	if (take_byte(c, &op)) {
		*why = "\\_S5 package ends before its second element";
		return -1;
	}
	switch (op) {
	case AML_ZERO_OP:
		*value = 0;
		return 0;
	case AML_ONE_OP:
		*value = 1;
		return 0;
	case AML_ONES_OP:
		*value = UINT64_MAX;
		return 0;
	case AML_BYTE_PREFIX:
		ret = take_le(c, 1, value);
		break;
	case AML_WORD_PREFIX:
		ret = take_le(c, 2, value);
		break;
	case AML_DWORD_PREFIX:
		ret = take_le(c, 4, value);
		break;
	case AML_QWORD_PREFIX:
		ret = take_le(c, 8, value);
		break;
	default:
		*why = "\\_S5 package element is not an integer constant";
		return -1;
	}
	if (ret)
		*why = "\\_S5 package element truncated";
	return ret;
}

static int take_sleep_type(struct aml_cursor *c, uint8_t *slp_typ, const char **why)
{
	uint64_t value;

	if (take_integer(c, &value, why))
		return -1;
	if (value > SLP_TYP_MAX) {
		*why = "\\_S5 sleep type does not fit SLP_TYP's 3 bits";
		return -1;
	}
	*slp_typ = (uint8_t)value;
	return 0;
}

/* The package after the name at @at (just past "_S5_"). */
static int parse_package(const uint8_t *aml, size_t length, size_t at,
			 struct acpi_s5 *s5, const char **why)
{
	struct aml_cursor c = { aml, at, length };
	size_t package_start;
	uint32_t package_length;
	uint8_t op, elements;

	if (take_byte(&c, &op) || op != AML_PACKAGE_OP) {
		*why = "\\_S5 is not a package";
		return -1;
	}
	package_start = c.at;
	if (take_pkg_length(&c, &package_length, why))
		return -1;
	if (package_length > length - package_start) {
		*why = "\\_S5 package length runs past the end of the table";
		return -1;
	}
	/* From here on nothing may be read beyond the package itself. */
	c.end = package_start + package_length;
	if (take_byte(&c, &elements)) {
		*why = "\\_S5 package too short for its element count";
		return -1;
	}
	if (elements < 2) {
		*why = "\\_S5 package has fewer than two elements";
		return -1;
	}
	if (take_sleep_type(&c, &s5->slp_typ_a, why) ||
	    take_sleep_type(&c, &s5->slp_typ_b, why))
		return -1;
	return 0;
}

/* Is the "_S5_" at @at the name of a DefName, "Name (_S5, ...)" or "Name (\_S5, ...)"? */
static int is_definition(const uint8_t *aml, size_t at)
{
	if (at >= 1 && aml[at - 1] == AML_NAME_OP)
		return 1;
	return at >= 2 && aml[at - 1] == AML_ROOT_CHAR && aml[at - 2] == AML_NAME_OP;
}

int acpi_aml_find_s5(const uint8_t *aml, size_t length, struct acpi_s5 *s5,
		     const char **why)
{
	const char *first_refusal = NULL;

	if (!aml)
		length = 0;
	for (size_t at = 0; length >= 4 && at <= length - 4; at++) {
		const char *reason = NULL;

		if (aml[at] != '_' || aml[at + 1] != 'S' || aml[at + 2] != '5' ||
		    aml[at + 3] != '_' || !is_definition(aml, at))
			continue;
		if (!parse_package(aml, length, at + 4, s5, &reason)) {
			s5->offset = at;
			return 0;
		}
		if (!first_refusal)
			first_refusal = reason;
	}
	*why = first_refusal ? first_refusal : "no \\_S5 object in the AML";
	return -1;
}
