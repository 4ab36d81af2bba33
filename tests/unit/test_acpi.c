/*
 * The kernel's ACPI readers on the host (guest-kernel/arch/x86_64/
 * acpi_aml.c, acpi_tables.c): the \_S5 finder and the table checks on the
 * tables of QEMU's pc, q35 and microvm as the test kernel dumped them
 * (acpi_dump.c), on SeaBIOS's own DSDT (which has no \_S5), and on
 * hand-built AML that is truncated or lies about its lengths, which must be
 * refused without a read past its end.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest-kernel/arch/x86_64/acpi_aml.h"
#include "guest-kernel/arch/x86_64/acpi_tables.h"
#include "acpi_dump.h"
#include "util.h"

#define SEABIOS_DSDT "/usr/share/seabios/acpi-dsdt.aml"

static struct acpi_dump pc, q35, microvm;

int acpi_setup(void);
int acpi_teardown(void);

int acpi_setup(void)
{
	struct acpi_dump *dumps[] = { &pc, &q35, &microvm };
	const char *machines[] = { "pc", "q35", "microvm" };

	for (size_t i = 0; i < 3; i++) {
		if (acpi_dump_machine(machines[i], dumps[i])) {
			fprintf(stderr, "\nacpi tests: %s\n", dumps[i]->error);
			return -1;
		}
	}
	return 0;
}

int acpi_teardown(void)
{
	acpi_dump_free(&pc);
	acpi_dump_free(&q35);
	acpi_dump_free(&microvm);
	return 0;
}

static const struct acpi_dumped_table *table(const struct acpi_dump *dump, const char *sig)
{
	const struct acpi_dumped_table *t = acpi_dump_table(dump, sig);

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	return t;
}

/* \_S5 in the AML of @dsdt (after its header). */
static int find_in(const struct acpi_dumped_table *dsdt, size_t length, struct acpi_s5 *s5,
		   const char **why)
{
	return acpi_aml_find_s5(dsdt->bytes + ACPI_HEADER_LENGTH, length, s5, why);
}

/*
 * The package's end, as the AML says it (a one-byte PkgLength in QEMU's
 * tables): NameOp "_S5_" PackageOp PkgLength.
 */
static size_t package_end(const uint8_t *aml, size_t s5_offset)
{
	uint8_t lead = aml[s5_offset + 5];

	CU_ASSERT_EQUAL(lead >> 6, 0);
	return s5_offset + 5 + (lead & 0x3f);
}

/*
 * The real DSDT gives SLP_TYP @a/@b; every prefix of it that cuts the
 * package is refused, every one that holds it gives the same answer.
 */
static void check_real_dsdt(const struct acpi_dump *dump, uint8_t a, uint8_t b)
{
	const struct acpi_dumped_table *dsdt = table(dump, "DSDT");
	size_t aml_length = dsdt->length - ACPI_HEADER_LENGTH, end, refused = 0;
	struct acpi_s5 s5;
	const char *why = NULL;

	CU_ASSERT_EQUAL(acpi_table_check(dsdt->bytes, dsdt->length, "DSDT", &why), 0);
	CU_ASSERT_EQUAL_FATAL(find_in(dsdt, aml_length, &s5, &why), 0);
	CU_ASSERT_EQUAL(s5.slp_typ_a, a);
	CU_ASSERT_EQUAL(s5.slp_typ_b, b);
	CU_ASSERT_EQUAL(memcmp(dsdt->bytes + ACPI_HEADER_LENGTH + s5.offset, "_S5_", 4), 0);
	end = package_end(dsdt->bytes + ACPI_HEADER_LENGTH, s5.offset);
	for (size_t length = 0; length <= aml_length; length++) {
		struct acpi_s5 cut;
		int ret = find_in(dsdt, length, &cut, &why);

		if (length < end) {
			refused += ret != 0;
			continue;
		}
		CU_ASSERT_EQUAL(ret, 0);
		CU_ASSERT_EQUAL(cut.offset, s5.offset);
	}
	CU_ASSERT_EQUAL(refused, end);
}

static void test_qemu_dsdts(void)
{
	check_real_dsdt(&pc, 0, 0);
	check_real_dsdt(&q35, 0, 0);
	/* microvm: hardware-reduced, ACPI_GED_SLP_TYP_S5 = 5 for its sleep control register */
	check_real_dsdt(&microvm, 5, 0);
}

/* SeaBIOS's legacy DSDT (package seabios) has its \_S5 in an SSDT it builds at boot. */
static void test_seabios_dsdt_has_no_s5(void)
{
	char *text = NULL;
	size_t length = 0;
	FILE *f = fopen(SEABIOS_DSDT, "rb");
	struct acpi_s5 s5;
	const char *why = NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	text = xmalloc(1 << 16);
	length = fread(text, 1, 1 << 16, f);
	fclose(f);
	CU_ASSERT_EQUAL(acpi_table_check((uint8_t *)text, length, "DSDT", &why), 0);
	CU_ASSERT_EQUAL(acpi_aml_find_s5((uint8_t *)text + ACPI_HEADER_LENGTH,
					 length - ACPI_HEADER_LENGTH, &s5, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "no \\_S5 object in the AML");
	free(text);
}

#define FIND(expect, ...) find_bytes(expect, (const uint8_t[]){ __VA_ARGS__ }, \
				     sizeof((const uint8_t[]){ __VA_ARGS__ }))

static struct acpi_s5 found;

/* NULL expects a find; otherwise the refusal reason. */
static void find_bytes(const char *expect, const uint8_t *aml, size_t length)
{
	const char *why = NULL;
	/* A copy on the heap of exactly @length bytes, so that a read past it is caught by ASan or valgrind. */
	uint8_t *copy = xmalloc(length ? length : 1);
	int ret;

	if (aml)
		memcpy(copy, aml, length);
	ret = acpi_aml_find_s5(aml ? copy : NULL, length, &found, &why);
	if (!expect) {
		CU_ASSERT_EQUAL(ret, 0);
	} else if (ret != -1 || strcmp(why, expect)) {
		fprintf(stderr, "\nexpected refusal: %s; got %d (%s)\n", expect, ret, ret ? why : "");
		CU_FAIL(expect);
	}
	free(copy);
}

#define NAME_S5 0x08, '_', 'S', '5', '_'

static void test_hand_built_aml(void)
{
	FIND(NULL, NAME_S5, 0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00);
	CU_ASSERT_EQUAL(found.slp_typ_a, 0);
	CU_ASSERT_EQUAL(found.offset, 1);
	/* \_S5 with BytePrefix, WordPrefix and DWordPrefix constants */
	FIND(NULL, 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x09, 0x04, 0x0a, 0x05, 0x0b, 0x07, 0x00,
	     0x00, 0x00);
	CU_ASSERT_EQUAL(found.slp_typ_a, 5);
	CU_ASSERT_EQUAL(found.slp_typ_b, 7);
	FIND(NULL, NAME_S5, 0x12, 0x10, 0x02, 0x0c, 0x01, 0, 0, 0, 0x0e, 0x06, 0, 0, 0, 0, 0, 0, 0);
	CU_ASSERT_EQUAL(found.slp_typ_a, 1);
	CU_ASSERT_EQUAL(found.slp_typ_b, 6);
	/* A two-byte PkgLength: low nibble 6, next byte 0 */
	FIND(NULL, NAME_S5, 0x12, 0x46, 0x00, 0x02, 0x01, 0x01, 0x00);
	CU_ASSERT_EQUAL(found.slp_typ_b, 1);
	/* A reference to _S5_ (not after NameOp) is skipped; the definition after it counts. */
	FIND(NULL, 0x70, '_', 'S', '5', '_', 0x60, NAME_S5, 0x12, 0x05, 0x02, 0x0a, 0x03, 0x00);
	CU_ASSERT_EQUAL(found.offset, 7);
	CU_ASSERT_EQUAL(found.slp_typ_a, 3);
}

static void test_malformed_aml(void)
{
	FIND("no \\_S5 object in the AML", 0x10, 0x20, '_', 'S', '5');
	FIND("no \\_S5 object in the AML", 0);
	find_bytes("no \\_S5 object in the AML", NULL, 0);
	FIND("\\_S5 is not a package", NAME_S5, 0x0a, 0x05);
	FIND("\\_S5 is not a package", NAME_S5);
	FIND("\\_S5 package length truncated", NAME_S5, 0x12);
	FIND("\\_S5 package length truncated", NAME_S5, 0x12, 0x46);
	FIND("\\_S5 package length has reserved bits set", NAME_S5, 0x12, 0x76, 0x00, 0x02, 0, 0);
	/* Truncated: the package says 6 bytes, 5 are there. */
	FIND("\\_S5 package length runs past the end of the table", NAME_S5, 0x12, 0x06, 0x04,
	     0x00, 0x00, 0x00);
	FIND("\\_S5 package length runs past the end of the table", NAME_S5, 0x12, 0x3f, 0x04,
	     0x00, 0x00, 0x00, 0x00);
	/* Lengths that cut the package inside: its elements lie past its end. */
	FIND("\\_S5 package too short for its element count", NAME_S5, 0x12, 0x01, 0x04, 0, 0);
	FIND("\\_S5 package ends before its second element", NAME_S5, 0x12, 0x03, 0x02, 0x00,
	     0x00, 0x00);
	FIND("\\_S5 package element truncated", NAME_S5, 0x12, 0x04, 0x02, 0x00, 0x0b, 0x00);
	FIND("\\_S5 package has fewer than two elements", NAME_S5, 0x12, 0x03, 0x01, 0x00);
	FIND("\\_S5 package element is not an integer constant", NAME_S5, 0x12, 0x07, 0x02,
	     'A', 'B', 'C', 'D', 0x00);
	FIND("\\_S5 sleep type does not fit SLP_TYP's 3 bits", NAME_S5, 0x12, 0x05, 0x02, 0x0a,
	     0x08, 0x00);
	FIND("\\_S5 sleep type does not fit SLP_TYP's 3 bits", NAME_S5, 0x12, 0x04, 0x02, 0xff,
	     0x00);
}

/* What the exit writes to, from each machine's FADT (5.2.9). */
static void test_qemu_fadts(void)
{
	struct acpi_fadt fadt;
	const struct acpi_dumped_table *t = table(&pc, "FACP");
	const char *why = NULL;

	CU_ASSERT_EQUAL_FATAL(acpi_table_check(t->bytes, t->length, "FACP", &why), 0);
	CU_ASSERT_EQUAL_FATAL(acpi_fadt_parse(t->bytes, &fadt, &why), 0);
	CU_ASSERT_FALSE(fadt.hardware_reduced);
	CU_ASSERT_EQUAL(fadt.pm1a_control.space, ACPI_SPACE_IO);
	CU_ASSERT_EQUAL(fadt.pm1a_control.address, 0x604);
	CU_ASSERT_EQUAL(fadt.pm1a_control.bit_width, 16);
	CU_ASSERT_EQUAL(fadt.pm1b_control.address, 0);
	t = table(&q35, "FACP");
	CU_ASSERT_EQUAL_FATAL(acpi_fadt_parse(t->bytes, &fadt, &why), 0);
	CU_ASSERT_EQUAL(fadt.pm1a_control.address, 0x604);
	t = table(&microvm, "FACP");
	CU_ASSERT_EQUAL_FATAL(acpi_table_check(t->bytes, t->length, "FACP", &why), 0);
	CU_ASSERT_EQUAL_FATAL(acpi_fadt_parse(t->bytes, &fadt, &why), 0);
	CU_ASSERT_TRUE(fadt.hardware_reduced);
	CU_ASSERT_EQUAL(fadt.sleep_control.space, ACPI_SPACE_MEMORY);
	CU_ASSERT_EQUAL(fadt.sleep_control.bit_width, 8);
	CU_ASSERT_EQUAL(fadt.sleep_control.address, 0xfea00200);
	CU_ASSERT_NOT_EQUAL(fadt.dsdt, 0);
}

/* A FADT built by hand from QEMU's pc one, changed field by field. */
static void test_fadt_fields(void)
{
	const struct acpi_dumped_table *t = table(&q35, "FACP");
	uint8_t *f = xcalloc(1, 276);
	struct acpi_fadt fadt;
	const char *why = NULL;

	memcpy(f, t->bytes, t->length < 276 ? t->length : 276);
	f[4] = 100;	/* shorter than ACPI 1.0's 116 bytes */
	CU_ASSERT_EQUAL(acpi_fadt_parse(f, &fadt, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "FADT shorter than ACPI 1.0's");
	f[4] = (uint8_t)276;
	f[5] = 1;	/* 276: every field up to SLEEP_STATUS_REG */
	memset(f + 172, 0, 24);
	f[172] = ACPI_SPACE_MEMORY;	/* X_PM1a_CNT_BLK wins over PM1a_CNT_BLK */
	f[173] = 32;
	f[176] = 0x00;
	f[177] = 0x10;
	f[178] = 0xfe;
	CU_ASSERT_EQUAL(acpi_fadt_parse(f, &fadt, &why), 0);
	CU_ASSERT_EQUAL(fadt.pm1a_control.space, ACPI_SPACE_MEMORY);
	CU_ASSERT_EQUAL(fadt.pm1a_control.address, 0xfe1000);
	CU_ASSERT_EQUAL(fadt.pm1a_control.bit_width, 32);
	f[172] = 0x7f;	/* an address space the kernel cannot write: the 32-bit field */
	CU_ASSERT_EQUAL(acpi_fadt_parse(f, &fadt, &why), 0);
	CU_ASSERT_EQUAL(fadt.pm1a_control.address, 0x604);
	f[89] = 1;	/* PM1_CNT_LEN 1 cannot hold SLP_TYP */
	CU_ASSERT_EQUAL(acpi_fadt_parse(f, &fadt, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "FADT names no PM1a control block");
	f[114] |= 0x10;	/* HW_REDUCED_ACPI (flags bit 20), no SLEEP_CONTROL_REG */
	CU_ASSERT_EQUAL(acpi_fadt_parse(f, &fadt, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "hardware-reduced FADT without a sleep control register");
	free(f);
}

static void test_rsdp_and_headers(void)
{
	const struct acpi_dumped_table *t = table(&pc, "RSDP");
	uint8_t copy[64];
	struct acpi_root root;
	const char *why = NULL;

	CU_ASSERT_EQUAL(acpi_rsdp_parse(t->bytes, t->length, &root, &why), 0);
	CU_ASSERT_EQUAL(root.revision, 0);
	CU_ASSERT_NOT_EQUAL(root.rsdt, 0);
	t = table(&microvm, "RSDP");
	CU_ASSERT_EQUAL_FATAL(t->length, 36);
	CU_ASSERT_EQUAL(acpi_rsdp_parse(t->bytes, t->length, &root, &why), 0);
	CU_ASSERT_EQUAL(root.revision, 2);
	CU_ASSERT_NOT_EQUAL(root.xsdt, 0);
	memcpy(copy, t->bytes, 36);
	CU_ASSERT_EQUAL(acpi_rsdp_parse(copy, 35, &root, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "RSDP revision 2 truncated");
	copy[33] ^= 1;	/* a reserved byte: only the extended checksum covers it */
	CU_ASSERT_EQUAL(acpi_rsdp_parse(copy, 36, &root, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "RSDP extended checksum wrong");
	copy[0] = 'X';
	CU_ASSERT_EQUAL(acpi_rsdp_parse(copy, 36, &root, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "no RSDP signature");
	t = table(&q35, "DSDT");
	CU_ASSERT_EQUAL(acpi_table_check(t->bytes, t->length - 1, "DSDT", &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "table length out of bounds");
	CU_ASSERT_EQUAL(acpi_table_check(t->bytes, t->length, "SSDT", &why), -1);
	CU_ASSERT_EQUAL(acpi_table_check(t->bytes, 20, "DSDT", &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "table header truncated");
	t = table(&q35, "RSDT");
	CU_ASSERT_EQUAL(acpi_table_check(t->bytes, t->length, "RSDT", &why), 0);
	CU_ASSERT_TRUE(acpi_root_entry_count(t->bytes, false) >= 2);
	t->bytes[t->length - 1] ^= 0x40;
	CU_ASSERT_EQUAL(acpi_table_check(t->bytes, t->length, "RSDT", &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "table checksum wrong");
	t->bytes[t->length - 1] ^= 0x40;
}

CU_TestInfo acpi_tests[] = {
	{ "\\_S5 in QEMU's pc, q35 and microvm DSDTs, and every prefix", test_qemu_dsdts },
	{ "SeaBIOS's own DSDT has no \\_S5", test_seabios_dsdt_has_no_s5 },
	{ "hand-built AML", test_hand_built_aml },
	{ "malformed AML is refused", test_malformed_aml },
	{ "QEMU's FADTs", test_qemu_fadts },
	{ "FADT fields", test_fadt_fields },
	{ "RSDP and table headers", test_rsdp_and_headers },
	CU_TEST_INFO_NULL,
};
