/*
 * The x86 kernel's PCI INTx routing on the host (guest-kernel/arch/x86_64/
 * intx_routing.c, acpi_madt.c): the interrupt router found on made-up
 * chipsets (i440FX + PIIX3 with its PIRQs off, routed, half routed; PIIX4;
 * ICH9; nothing known) and the configuration writes it makes, and the
 * MADT's Interrupt Source Overrides in QEMU's own pc MADT (as the test
 * kernel dumped it, acpi_dump.c) and in hand-built tables that lie about
 * their lengths.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "guest-kernel/arch/x86_64/acpi_madt.h"
#include "guest-kernel/arch/x86_64/intx_routing.h"
#include "acpi_dump.h"

#define DEVFNS		256
#define CONFIG_BYTES	256
#define BDF(slot, fn)	((slot) << 3 | (fn))

/* Bus 0 of a made-up machine: 0xff where no function answers. */
static uint8_t config_space[DEVFNS][CONFIG_BYTES];
static int config_writes;
static struct acpi_dump pc_dump;

int intx_routing_setup(void);
int intx_routing_teardown(void);

int intx_routing_setup(void)
{
	if (acpi_dump_machine("pc", &pc_dump)) {
		fprintf(stderr, "\nintx routing tests: %s\n", pc_dump.error);
		return -1;
	}
	return 0;
}

int intx_routing_teardown(void)
{
	acpi_dump_free(&pc_dump);
	return 0;
}

static uint32_t fake_read32(uint32_t bdf, uint16_t offset)
{
	const uint8_t *at;

	if (bdf >= DEVFNS)
		return 0xffffffffu;
	at = &config_space[bdf][offset & 0xfc];
	return (uint32_t)at[0] | (uint32_t)at[1] << 8 | (uint32_t)at[2] << 16 |
	       (uint32_t)at[3] << 24;
}

static void fake_write32(uint32_t bdf, uint16_t offset, uint32_t value)
{
	config_writes++;
	if (bdf >= DEVFNS)
		return;
	for (int i = 0; i < 4; i++)
		config_space[bdf][(offset & 0xfc) + i] = (uint8_t)(value >> (8 * i));
}

static const struct intx_config_ops fake_config = { fake_read32, fake_write32 };

static void add_function(uint32_t bdf, uint16_t vendor, uint16_t device, bool multi,
			 uint8_t pin)
{
	uint8_t *c = config_space[bdf];

	memset(c, 0, CONFIG_BYTES);
	c[0] = (uint8_t)vendor;
	c[1] = (uint8_t)(vendor >> 8);
	c[2] = (uint8_t)device;
	c[3] = (uint8_t)(device >> 8);
	c[0x0e] = multi ? 0x80 : 0;
	c[0x3c] = 0xff;		/* Interrupt Line: unknown */
	c[0x3d] = pin;
}

static void set_pirqs(uint32_t router, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	config_space[router][0x60] = a;
	config_space[router][0x61] = b;
	config_space[router][0x62] = c;
	config_space[router][0x63] = d;
}

/*
 * QEMU's pc as it is wired: i440FX, the PIIX3 at 00:01 (ISA bridge, IDE
 * without a pin, PM with INTA wired to the SCI), virtio devices at 00:03
 * (INTA) and 00:04 (two functions, INTA and INTB). PIRQs as given.
 */
static void make_pc(uint16_t isa_bridge, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	memset(config_space, 0xff, sizeof(config_space));
	config_writes = 0;
	add_function(BDF(0, 0), 0x8086, 0x1237, false, 0);
	add_function(BDF(1, 0), 0x8086, isa_bridge, true, 0);
	add_function(BDF(1, 1), 0x8086, 0x7010, false, 0);
	add_function(BDF(1, 3), 0x8086, 0x7113, false, 1);
	config_space[BDF(1, 3)][0x3c] = 9;
	add_function(BDF(3, 0), 0x1af4, 0x1044, false, 1);
	add_function(BDF(4, 0), 0x1af4, 0x1041, true, 1);
	add_function(BDF(4, 1), 0x1af4, 0x1042, false, 2);
	set_pirqs(BDF(1, 0), a, b, c, d);
}

static bool has_line(const struct intx_routing *r, uint8_t line)
{
	for (int i = 0; i < r->line_count; i++)
		if (r->lines[i] == line)
			return true;
	return false;
}

/* GSIs 16..23 among the lines, every one of them. */
static void check_gsis_16_to_23(const struct intx_routing *r)
{
	for (uint8_t gsi = 16; gsi < 24; gsi++)
		CU_ASSERT(has_line(r, gsi));
}

static void check_pirqs(const struct intx_routing *r, uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	CU_ASSERT_EQUAL(r->pirq_irq[0], a);
	CU_ASSERT_EQUAL(r->pirq_irq[1], b);
	CU_ASSERT_EQUAL(r->pirq_irq[2], c);
	CU_ASSERT_EQUAL(r->pirq_irq[3], d);
	/* And the router's registers say so. */
	CU_ASSERT_EQUAL(fake_read32(BDF(1, 0), 0x60),
			(uint32_t)a | (uint32_t)b << 8 | (uint32_t)c << 16 | (uint32_t)d << 24);
}

/* qboot or SeaBIOS did nothing: PIRQs off as at reset; the kernel routes them as they would. */
static void test_piix3_pirqs_off(void)
{
	struct intx_routing r;

	make_pc(0x7000, 0x80, 0x80, 0x80, 0x80);
	intx_routing_find(&fake_config, &r);
	CU_ASSERT_EQUAL(r.router, INTX_ROUTER_PIIX3);
	CU_ASSERT_EQUAL(r.router_bdf, BDF(1, 0));
	CU_ASSERT_STRING_EQUAL(intx_router_name(r.router), "PIIX3");
	CU_ASSERT_EQUAL(r.pirq_found[0], 0x80);
	check_pirqs(&r, 10, 10, 11, 11);
	CU_ASSERT_EQUAL(r.isa_irqs, (1u << 10) | (1u << 11));
	CU_ASSERT_EQUAL(r.line_count, 10);
	CU_ASSERT(has_line(&r, 10));
	CU_ASSERT(has_line(&r, 11));
	check_gsis_16_to_23(&r);
	/* 00:03 INTA -> PIRQC, 00:04 INTA -> PIRQD, 00:04.1 INTB -> PIRQA. */
	CU_ASSERT_EQUAL(config_space[BDF(3, 0)][0x3c], 11);
	CU_ASSERT_EQUAL(config_space[BDF(4, 0)][0x3c], 11);
	CU_ASSERT_EQUAL(config_space[BDF(4, 1)][0x3c], 10);
	CU_ASSERT_EQUAL(r.interrupt_lines_written, 3);
	/* The PIIX's own functions keep theirs (the SCI is IRQ 9), pins untouched. */
	CU_ASSERT_EQUAL(config_space[BDF(1, 3)][0x3c], 9);
	CU_ASSERT_EQUAL(config_space[BDF(4, 1)][0x3d], 2);
	/* One write for the route registers, one per Interrupt Line. */
	CU_ASSERT_EQUAL(config_writes, 4);
}

/* Firmware routed every PIRQ: nothing is written, its choice is taken. */
static void test_piix3_routed_by_firmware(void)
{
	struct intx_routing r;

	make_pc(0x7000, 0x05, 0x0b, 0x0a, 0x0b);
	intx_routing_find(&fake_config, &r);
	CU_ASSERT_EQUAL(config_writes, 0);
	check_pirqs(&r, 5, 11, 10, 11);
	CU_ASSERT_EQUAL(r.isa_irqs, (1u << 5) | (1u << 10) | (1u << 11));
	CU_ASSERT_EQUAL(r.line_count, 11);
	CU_ASSERT(has_line(&r, 5));
	check_gsis_16_to_23(&r);
	CU_ASSERT_EQUAL(config_space[BDF(3, 0)][0x3c], 0xff);
	CU_ASSERT_EQUAL(r.interrupt_lines_written, 0);
}

/*
 * Half routed: A off, B a reserved IRQ (2, the cascade), C with reserved
 * bits set, D IRQ 14: A-C are routed here, D is kept, and only the
 * functions behind A-C learn a new line.
 */
static void test_piix3_half_routed(void)
{
	struct intx_routing r;

	make_pc(0x7000, 0x80, 0x02, 0x1b, 0x0e);
	intx_routing_find(&fake_config, &r);
	check_pirqs(&r, 10, 10, 11, 14);
	CU_ASSERT_EQUAL(r.pirq_found[1], 0x02);
	CU_ASSERT_EQUAL(r.pirq_found[2], 0x1b);
	CU_ASSERT_EQUAL(config_space[BDF(3, 0)][0x3c], 11);	/* PIRQC */
	CU_ASSERT_EQUAL(config_space[BDF(4, 0)][0x3c], 0xff);	/* PIRQD: firmware's */
	CU_ASSERT_EQUAL(config_space[BDF(4, 1)][0x3c], 10);	/* PIRQA */
	CU_ASSERT_EQUAL(r.interrupt_lines_written, 2);
	CU_ASSERT_EQUAL(r.isa_irqs, (1u << 10) | (1u << 11) | (1u << 14));
}

/* PIIX4 has the same registers; a PIIX behind another host bridge gets no Interrupt Lines. */
static void test_piix4_and_unknown_wiring(void)
{
	struct intx_routing r;

	make_pc(0x7110, 0x80, 0x80, 0x80, 0x80);
	intx_routing_find(&fake_config, &r);
	CU_ASSERT_EQUAL(r.router, INTX_ROUTER_PIIX4);
	check_pirqs(&r, 10, 10, 11, 11);
	CU_ASSERT_EQUAL(r.interrupt_lines_written, 3);

	make_pc(0x7000, 0x80, 0x80, 0x80, 0x80);
	config_space[BDF(0, 0)][2] = 0x34;	/* not an i440FX: slot wiring unknown */
	intx_routing_find(&fake_config, &r);
	check_pirqs(&r, 10, 10, 11, 11);
	CU_ASSERT_EQUAL(r.interrupt_lines_written, 0);
	CU_ASSERT_EQUAL(config_space[BDF(3, 0)][0x3c], 0xff);
	CU_ASSERT_EQUAL(config_writes, 1);
}

/* q35: the ICH9 LPC at 00:1f sends PIRQA-H to GSIs 16-23; nothing is written. */
static void test_ich9(void)
{
	struct intx_routing r;

	memset(config_space, 0xff, sizeof(config_space));
	config_writes = 0;
	add_function(BDF(0, 0), 0x8086, 0x29c0, false, 0);
	add_function(BDF(3, 0), 0x1af4, 0x1044, false, 1);
	add_function(BDF(31, 0), 0x8086, 0x2918, true, 0);
	set_pirqs(BDF(31, 0), 0x80, 0x80, 0x80, 0x80);
	intx_routing_find(&fake_config, &r);
	CU_ASSERT_EQUAL(r.router, INTX_ROUTER_ICH9);
	CU_ASSERT_EQUAL(r.router_bdf, BDF(31, 0));
	CU_ASSERT_EQUAL(r.isa_irqs, 0);
	CU_ASSERT_EQUAL(r.line_count, 8);
	check_gsis_16_to_23(&r);
	CU_ASSERT_EQUAL(config_writes, 0);
}

/* No router known (or no PCI at all, microvm): GSIs 16-23, nothing written. */
static void test_no_known_router(void)
{
	struct intx_routing r;

	memset(config_space, 0xff, sizeof(config_space));
	config_writes = 0;
	intx_routing_find(&fake_config, &r);
	CU_ASSERT_EQUAL(r.router, INTX_ROUTER_UNKNOWN);
	CU_ASSERT_STRING_EQUAL(intx_router_name(r.router), "no known interrupt router");
	CU_ASSERT_EQUAL(r.line_count, 8);
	check_gsis_16_to_23(&r);
	CU_ASSERT_EQUAL(config_writes, 0);
}

/* QEMU's pc MADT: IRQ 0 on GSI 2; the PCI IRQs 10 and 11 level, active high, in place. */
static void test_qemu_pc_madt(void)
{
	const struct acpi_dumped_table *madt = acpi_dump_table(&pc_dump, "APIC");
	struct acpi_isa_override o;

	CU_ASSERT_PTR_NOT_NULL_FATAL(madt);
	CU_ASSERT_FATAL(acpi_madt_isa_override(madt->bytes, 0, &o));
	CU_ASSERT_EQUAL(o.gsi, 2);
	for (uint8_t irq = 10; irq <= 11; irq++) {
		CU_ASSERT_FATAL(acpi_madt_isa_override(madt->bytes, irq, &o));
		CU_ASSERT_EQUAL(o.gsi, irq);
		CU_ASSERT_EQUAL(o.trigger, ACPI_TRIGGER_LEVEL);
		CU_ASSERT_EQUAL(o.polarity, ACPI_POLARITY_HIGH);
	}
	CU_ASSERT_FALSE(acpi_madt_isa_override(madt->bytes, 4, &o));
}

/* A MADT header (length set later) and room for entries. */
static size_t madt_start(uint8_t *t)
{
	memset(t, 0, 128);
	memcpy(t, "APIC", 4);
	return 44;
}

static size_t add_override(uint8_t *t, size_t at, uint8_t bus, uint8_t irq, uint32_t gsi,
			   uint8_t flags)
{
	uint8_t e[10] = { 2, 10, bus, irq, (uint8_t)gsi, (uint8_t)(gsi >> 8),
			  (uint8_t)(gsi >> 16), (uint8_t)(gsi >> 24), flags, 0 };

	memcpy(t + at, e, sizeof(e));
	return at + sizeof(e);
}

static void set_length(uint8_t *t, uint32_t length)
{
	for (int i = 0; i < 4; i++)
		t[4 + i] = (uint8_t)(length >> (8 * i));
}

/*
 * Overrides by hand: another bus's entry and an I/O APIC entry are passed
 * over; a remapped, active-low IRQ; an entry past the table's length, one
 * that claims a length of 0, and one that runs past the end are never
 * read, nor anything after them.
 */
static void test_hand_built_madt(void)
{
	uint8_t t[128];
	uint8_t ioapic[12] = { 1, 12, 0, 0, 0, 0, 0xc0, 0xfe, 0, 0, 0, 0 };
	struct acpi_isa_override o;
	size_t at = madt_start(t), end;

	memcpy(t + at, ioapic, sizeof(ioapic));
	at += sizeof(ioapic);
	at = add_override(t, at, 1, 9, 30, 0x0d);
	at = add_override(t, at, 0, 9, 20, 0x0f);
	end = at;
	at = add_override(t, at, 0, 5, 5, 0x05);
	set_length(t, (uint32_t)end);
	CU_ASSERT_FATAL(acpi_madt_isa_override(t, 9, &o));
	CU_ASSERT_EQUAL(o.gsi, 20);
	CU_ASSERT_EQUAL(o.trigger, ACPI_TRIGGER_LEVEL);
	CU_ASSERT_EQUAL(o.polarity, ACPI_POLARITY_LOW);
	CU_ASSERT_FALSE(acpi_madt_isa_override(t, 5, &o));	/* past the length */
	set_length(t, (uint32_t)at);
	CU_ASSERT_FATAL(acpi_madt_isa_override(t, 5, &o));
	CU_ASSERT_EQUAL(o.trigger, ACPI_TRIGGER_EDGE);
	CU_ASSERT_EQUAL(o.polarity, ACPI_POLARITY_HIGH);
	t[end + 1] = 0;		/* a zero length would loop forever */
	CU_ASSERT_FALSE(acpi_madt_isa_override(t, 5, &o));
	t[end + 1] = 10;
	set_length(t, (uint32_t)at - 1);	/* the entry runs past the end */
	CU_ASSERT_FALSE(acpi_madt_isa_override(t, 5, &o));
	set_length(t, 44);	/* no entries at all */
	CU_ASSERT_FALSE(acpi_madt_isa_override(t, 9, &o));
}

CU_TestInfo intx_routing_tests[] = {
	{ "PIIX3 with its PIRQs off: routed 10, 10, 11, 11", test_piix3_pirqs_off },
	{ "PIIX3 routed by firmware: taken as it is", test_piix3_routed_by_firmware },
	{ "PIIX3 half routed: the rest routed", test_piix3_half_routed },
	{ "PIIX4, and a PIIX behind an unknown host bridge", test_piix4_and_unknown_wiring },
	{ "ICH9: GSIs 16-23", test_ich9 },
	{ "no known router: GSIs 16-23", test_no_known_router },
	{ "QEMU's pc MADT", test_qemu_pc_madt },
	{ "hand-built MADTs", test_hand_built_madt },
	CU_TEST_INFO_NULL,
};
