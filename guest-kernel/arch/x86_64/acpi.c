/*
 * Finding ACPI's tables in guest memory and entering S5 (acpi.h). The
 * bytes themselves are judged by acpi_tables.c and acpi_aml.c; this file
 * decides which physical addresses may be read at all: below 4 GiB, which
 * boot.S maps one to one, and at most ACPI_TABLE_MAX bytes per table.
 * Section numbers are ACPI 6.4's. Nothing here assumes a BIOS: under UEFI
 * (or PVH) the boot protocol's RSDP address comes first, and the BIOS
 * areas are only searched when there is none.
 */
#include "arch/arch.h"
#include "acpi.h"
#include "acpi_aml.h"
#include "acpi_tables.h"
#include "lib/printf.h"

/* 5.2.5.1: the EBDA's real-mode segment is the 16-bit word at 0x40e. */
#define EBDA_SEGMENT_POINTER	0x40eu
#define EBDA_SEARCH_LENGTH	1024u
#define EBDA_LIMIT		0xa0000u	/* the EBDA lies below the VGA hole */
#define BIOS_AREA_START		0xe0000u
#define BIOS_AREA_END		0x100000u
#define RSDP_ALIGNMENT		16u
#define RSDP_MAX_LENGTH		1024u
/* No DSDT comes near this; a wild length stops here instead of at 4 GiB. */
#define ACPI_TABLE_MAX		(4u << 20)

/* PM1 control (4.8.3.2.1) and the sleep control register (4.8.3.7). */
#define PM1_SLP_TYP_SHIFT	10
#define PM1_SLP_TYP_MASK	(7u << PM1_SLP_TYP_SHIFT)
#define PM1_SLP_EN		(1u << 13)
#define SLEEP_SLP_TYP_SHIFT	2
#define SLEEP_SLP_EN		(1u << 5)

static uint64_t rsdp_from_loader;

/* What acpi_s5_prepare() found. */
static struct {
	bool prepared;
	bool ready;
	bool dump;
	bool root_searched;
	uint64_t rsdp;
	struct acpi_root rsdp_root;
	const uint8_t *root;	/* the RSDT or XSDT in use */
	bool root_is_xsdt;
	struct acpi_fadt fadt;
	struct acpi_s5 s5;
	const char *s5_table;	/* "DSDT" or "SSDT" */
} found;

void acpi_set_rsdp(uint64_t physical)
{
	rsdp_from_loader = physical;
}

uint64_t acpi_rsdp_hint(void)
{
	return rsdp_from_loader;
}

/* @length bytes at physical @address, or NULL when they are not all mapped. */
static const uint8_t *physical(uint64_t address, uint64_t length)
{
	const uint8_t *bytes = (const uint8_t *)(uintptr_t)address;

	if (!address || !arch_mmio_accessible(address, length))
		return NULL;
	/* Hide the constant from gcc, whose bounds checks take 0x40e for an object. */
	__asm__("" : "+r"(bytes));
	return bytes;
}

static void dump_table(const char *signature, uint64_t address, const uint8_t *bytes,
		       uint32_t length)
{
	char hex[2 * 32 + 1];
	static const char digits[] = "0123456789abcdef";

	if (!found.dump)
		return;
	printf("# acpi %.4s at %#llx, %u bytes\n", signature, (unsigned long long)address,
	       length);
	for (uint32_t at = 0; at < length; at += 32) {
		uint32_t n = length - at < 32 ? length - at : 32;

		for (uint32_t i = 0; i < n; i++) {
			hex[2 * i] = digits[bytes[at + i] >> 4];
			hex[2 * i + 1] = digits[bytes[at + i] & 15];
		}
		hex[2 * n] = '\0';
		printf("# acpi %.4s %04x: %s\n", signature, at, hex);
	}
}

static uint32_t le32_at(const uint8_t *bytes)
{
	return (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
	       (uint32_t)bytes[3] << 24;
}

/* The RSDP at @address, if one is there (5.2.5.3). */
static bool rsdp_at(uint64_t address, struct acpi_root *root, const char **why)
{
	const uint8_t *rsdp = physical(address, ACPI_RSDP_V2_LENGTH);
	size_t available = ACPI_RSDP_V2_LENGTH;
	uint32_t claimed;

	if (!rsdp) {
		*why = "outside the mapped 4 GiB";
		return false;
	}
	/* A later revision may be longer: read what its length field says, within reason. */
	claimed = le32_at(rsdp + 20);
	if (rsdp[15] >= 2 && claimed > available && claimed <= RSDP_MAX_LENGTH &&
	    physical(address, claimed))
		available = claimed;
	if (acpi_rsdp_parse(rsdp, available, root, why))
		return false;
	dump_table("RSDP", address, rsdp, (uint32_t)(root->revision >= 2 ?
			le32_at(rsdp + 20) : ACPI_RSDP_V1_LENGTH));
	return true;
}

/* The first RSDP on a 16-byte boundary in [@from, @to). */
static uint64_t scan_for_rsdp(uint64_t from, uint64_t to, struct acpi_root *root)
{
	const char *why;

	for (uint64_t at = from; at + ACPI_RSDP_V1_LENGTH <= to; at += RSDP_ALIGNMENT) {
		const uint8_t *p = physical(at, 8);

		if (p && p[0] == 'R' && p[1] == 'S' && p[2] == 'D' && p[3] == ' ' &&
		    rsdp_at(at, root, &why))
			return at;
	}
	return 0;
}

/* The loader's RSDP, else the EBDA's first KiB, else 0xE0000-0xFFFFF (5.2.5.1). */
static uint64_t find_rsdp(struct acpi_root *root)
{
	uint64_t hint = rsdp_from_loader, ebda, at;
	const uint8_t *segment = physical(EBDA_SEGMENT_POINTER, 2);
	const char *why;

	if (hint) {
		if (rsdp_at(hint, root, &why))
			return hint;
		printf("# exit: acpi: the loader's RSDP at %#llx: %s\n",
		       (unsigned long long)hint, why);
	}
	ebda = segment ? (uint64_t)(segment[0] | segment[1] << 8) << 4 : 0;
	if (ebda && ebda + EBDA_SEARCH_LENGTH <= EBDA_LIMIT) {
		at = scan_for_rsdp(ebda, ebda + EBDA_SEARCH_LENGTH, root);
		if (at)
			return at;
	}
	return scan_for_rsdp(BIOS_AREA_START, BIOS_AREA_END, root);
}

/* The table at @address if it has @signature, a sane length and a right checksum. */
static const uint8_t *table_at(uint64_t address, const char *signature, const char **why)
{
	const uint8_t *header = physical(address, ACPI_HEADER_LENGTH);
	uint32_t length;

	if (!header) {
		*why = "table outside the mapped 4 GiB";
		return NULL;
	}
	length = acpi_table_length(header, ACPI_HEADER_LENGTH);
	if (length > ACPI_TABLE_MAX || !physical(address, length)) {
		*why = "table length out of bounds";
		return NULL;
	}
	if (acpi_table_check(header, length, signature, why))
		return NULL;
	dump_table(signature, address, header, length);
	return header;
}

/* Entry @index of the root table, if it is a table with @signature. */
static const uint8_t *root_entry_table(size_t index, const char *signature, uint64_t *address)
{
	const uint8_t *header;
	const char *why;

	*address = acpi_root_entry(found.root, found.root_is_xsdt, index);
	header = physical(*address, 4);
	if (!header || header[0] != signature[0] || header[1] != signature[1] ||
	    header[2] != signature[2] || header[3] != signature[3])
		return NULL;
	header = table_at(*address, signature, &why);
	if (!header)
		printf("# exit: acpi: %s at %#llx: %s\n", signature,
		       (unsigned long long)*address, why);
	return header;
}

static const uint8_t *find_in_root(const char *signature, size_t *index)
{
	size_t count = acpi_root_entry_count(found.root, found.root_is_xsdt);
	uint64_t address;

	for (; *index < count; (*index)++) {
		const uint8_t *table = root_entry_table(*index, signature, &address);

		if (table) {
			(*index)++;
			return table;
		}
	}
	return NULL;
}

/* The XSDT when the RSDP has one that checks out (5.2.8), else the RSDT (5.2.7). */
static bool choose_root(const struct acpi_root *root)
{
	const char *why;

	if (root->xsdt) {
		found.root = table_at(root->xsdt, "XSDT", &why);
		found.root_is_xsdt = found.root != NULL;
		if (found.root)
			return true;
		printf("# exit: acpi: XSDT at %#llx: %s; trying the RSDT\n",
		       (unsigned long long)root->xsdt, why);
	}
	found.root = table_at(root->rsdt, "RSDT", &why);
	if (!found.root)
		printf("# exit: acpi: RSDT at %#x: %s\n", root->rsdt, why);
	return found.root != NULL;
}

/* \_S5 in the DSDT, else in an SSDT. */
static bool find_s5(const char **why)
{
	const uint8_t *table = table_at(found.fadt.dsdt, "DSDT", why);
	size_t index = 0;

	found.s5_table = "DSDT";
	if (!table) {
		printf("# exit: acpi: DSDT at %#llx: %s\n", (unsigned long long)found.fadt.dsdt,
		       *why);
		return false;
	}
	if (!acpi_aml_find_s5(table + ACPI_HEADER_LENGTH,
			      acpi_table_length(table, ACPI_HEADER_LENGTH) - ACPI_HEADER_LENGTH,
			      &found.s5, why))
		return true;
	found.s5_table = "SSDT";
	while ((table = find_in_root("SSDT", &index))) {
		const char *ignored;

		if (!acpi_aml_find_s5(table + ACPI_HEADER_LENGTH,
				      acpi_table_length(table, ACPI_HEADER_LENGTH) -
				      ACPI_HEADER_LENGTH, &found.s5, &ignored))
			return true;
	}
	return false;
}

/* Can the kernel write @reg: an I/O port, or memory it maps? */
static bool register_reachable(const struct acpi_register *reg)
{
	if (reg->space == ACPI_SPACE_IO)
		return reg->address <= 0xffff;
	return physical(reg->address, reg->bit_width / 8) != NULL;
}

static const char *space_name(const struct acpi_register *reg)
{
	return reg->space == ACPI_SPACE_IO ? "io" : "memory";
}

static bool registers_reachable(void)
{
	const struct acpi_fadt *f = &found.fadt;

	if (f->hardware_reduced)
		return register_reachable(&f->sleep_control);
	return register_reachable(&f->pm1a_control) &&
	       (!f->pm1b_control.address || register_reachable(&f->pm1b_control));
}

static void say_plan(void)
{
	const struct acpi_fadt *f = &found.fadt;

	if (f->hardware_reduced) {
		printf("# exit: acpi: S5 through the sleep control register (%s %#llx), SLP_TYP %u from the %s's \\_S5\n",
		       space_name(&f->sleep_control),
		       (unsigned long long)f->sleep_control.address, found.s5.slp_typ_a,
		       found.s5_table);
		return;
	}
	printf("# exit: acpi: S5 through PM1a_CNT (%s %#llx), SLP_TYPa %u, SLP_TYPb %u from the %s's \\_S5%s\n",
	       space_name(&f->pm1a_control), (unsigned long long)f->pm1a_control.address,
	       found.s5.slp_typ_a, found.s5.slp_typ_b, found.s5_table,
	       f->pm1b_control.address ? ", and PM1b_CNT" : "");
}

/* The RSDP and the RSDT or XSDT, looked for once (by the exit or by acpi_table()). */
static bool root_found(void)
{
	if (found.root_searched)
		return found.root != NULL;
	found.root_searched = true;
	found.rsdp = find_rsdp(&found.rsdp_root);
	if (!found.rsdp) {
		printf("# exit: acpi: no RSDP (the loader gave none; none in the EBDA or 0xe0000-0xfffff)\n");
		return false;
	}
	printf("# exit: acpi: RSDP at %#llx, revision %u\n", (unsigned long long)found.rsdp,
	       found.rsdp_root.revision);
	return choose_root(&found.rsdp_root);
}

const uint8_t *acpi_table(const char *signature)
{
	size_t index = 0;

	if (!root_found())
		return NULL;
	return find_in_root(signature, &index);
}

static bool prepare(void)
{
	const uint8_t *fadt;
	size_t index = 0;
	const char *why;

	if (!root_found())
		return false;
	/* Dumped too: the host tests of the interrupt routing read QEMU's MADT. */
	if (found.dump)
		acpi_table("APIC");
	fadt = find_in_root("FACP", &index);
	if (!fadt) {
		printf("# exit: acpi: no valid FADT in the %s\n", found.root_is_xsdt ? "XSDT" : "RSDT");
		return false;
	}
	if (acpi_fadt_parse(fadt, &found.fadt, &why)) {
		printf("# exit: acpi: %s\n", why);
		return false;
	}
	if (!find_s5(&why)) {
		printf("# exit: acpi: %s\n", why);
		return false;
	}
	if (!registers_reachable()) {
		printf("# exit: acpi: the S5 control register is out of reach\n");
		return false;
	}
	say_plan();
	return true;
}

bool acpi_s5_prepare(bool dump)
{
	/* Marked first: a fault on the way must not bring us back here. */
	if (found.prepared)
		return found.ready;
	found.prepared = true;
	found.dump = dump;
	found.ready = prepare();
	return found.ready;
}

static uint32_t read_register(const struct acpi_register *reg)
{
	if (reg->space == ACPI_SPACE_IO)
		return arch_port_read((uint16_t)reg->address, reg->bit_width / 8);
	return mmio_read_sized((uintptr_t)reg->address, reg->bit_width / 8);
}

static void write_register(const struct acpi_register *reg, uint32_t value)
{
	if (reg->space == ACPI_SPACE_IO)
		arch_port_write((uint16_t)reg->address, reg->bit_width / 8, value);
	else
		mmio_write_sized((uintptr_t)reg->address, reg->bit_width / 8, value);
}

/* PM1x_CNT: keep the other bits (SCI_EN among them), set SLP_TYPx and SLP_EN. */
static void enter_through_pm1(const struct acpi_register *reg, uint8_t slp_typ)
{
	uint32_t value = read_register(reg) & ~(PM1_SLP_TYP_MASK | PM1_SLP_EN);

	write_register(reg, value | (uint32_t)slp_typ << PM1_SLP_TYP_SHIFT | PM1_SLP_EN);
}

/* 16.1.7: SLP_TYPa to PM1a_CNT and SLP_TYPb to PM1b_CNT, each with SLP_EN. */
void acpi_s5_enter(void)
{
	const struct acpi_fadt *f = &found.fadt;

	if (!found.ready)
		return;
	if (f->hardware_reduced) {
		write_register(&f->sleep_control,
			       (uint32_t)found.s5.slp_typ_a << SLEEP_SLP_TYP_SHIFT | SLEEP_SLP_EN);
		return;
	}
	enter_through_pm1(&f->pm1a_control, found.s5.slp_typ_a);
	if (f->pm1b_control.address)
		enter_through_pm1(&f->pm1b_control, found.s5.slp_typ_b);
}
