/*
 * Interrupt controllers. The 8259s are remapped away from the exception
 * vectors and masked; every interrupt goes through the local APIC, either
 * as an MSI written by a device or routed by the I/O APIC.
 */
#include "apic.h"
#include "arch_io.h"
#include "traps.h"

#define LAPIC_BASE		0xfee00000u
#define LAPIC_ID		0x020
#define LAPIC_TPR		0x080
#define LAPIC_EOI		0x0b0
#define LAPIC_SVR		0x0f0
#define LAPIC_SVR_ENABLE	0x100
#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	0x800

#define IOAPIC_BASE		0xfec00000u
#define IOAPIC_VERSION		0x01
#define IOAPIC_REDIRECTION	0x10
#define IOAPIC_MASKED		(1u << 16)
#define IOAPIC_LEVEL		(1u << 15)
#define IOAPIC_ACTIVE_LOW	(1u << 13)

static unsigned int ioapic_pins;

static void write_msr(uint32_t msr, uint64_t value)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)value),
			 "d"((uint32_t)(value >> 32)));
}


static uint64_t read_msr(uint32_t msr)
{
	uint32_t low, high;

	__asm__ volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr));
	return ((uint64_t)high << 32) | low;
}

static void lapic_write(uint32_t reg, uint32_t value)
{
	mmio_write32(LAPIC_BASE + reg, value);
}

static uint32_t lapic_read(uint32_t reg)
{
	return mmio_read32(LAPIC_BASE + reg);
}

static void ioapic_write(uint32_t reg, uint32_t value)
{
	mmio_write32(IOAPIC_BASE, reg);
	mmio_write32(IOAPIC_BASE + 0x10, value);
}

static uint32_t ioapic_read(uint32_t reg)
{
	mmio_write32(IOAPIC_BASE, reg);
	return mmio_read32(IOAPIC_BASE + 0x10);
}

unsigned int ioapic_pins_at(uintptr_t base)
{
	uint32_t version;

	mmio_write32(base, IOAPIC_VERSION);
	version = mmio_read32(base + 0x10);
	/* Version 0x1x or 0x2x; nothing there reads 0 or all ones. */
	if ((version & 0xf0) != 0x10 && (version & 0xf0) != 0x20)
		return 0;
	return ((version >> 16) & 0xff) + 1;
}

/* Remap the 8259s to 0x20-0x2f (away from exceptions) and mask them. */
static void pic_disable(void)
{
	outb(0x20, 0x11);
	outb(0xa0, 0x11);
	outb(0x21, 0x20);
	outb(0xa1, 0x28);
	outb(0x21, 0x04);
	outb(0xa1, 0x02);
	outb(0x21, 0x01);
	outb(0xa1, 0x01);
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

void apic_init(void)
{
	pic_disable();
	write_msr(MSR_APIC_BASE, (read_msr(MSR_APIC_BASE) & 0xfffu) |
		  LAPIC_BASE | APIC_BASE_ENABLE);
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_SVR, LAPIC_SVR_ENABLE | SPURIOUS_VECTOR);

	ioapic_pins = ((ioapic_read(IOAPIC_VERSION) >> 16) & 0xff) + 1;
	if (ioapic_pins > 120)		/* a garbage read: no I/O APIC there */
		ioapic_pins = 0;
	for (unsigned int pin = 0; pin < ioapic_pins; pin++)
		ioapic_mask(pin);
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_id(void)
{
	return lapic_read(LAPIC_ID) >> 24;
}

unsigned int ioapic_pin_count(void)
{
	return ioapic_pins;
}

void ioapic_mask(unsigned int pin)
{
	if (pin >= ioapic_pins)
		return;
	ioapic_write(IOAPIC_REDIRECTION + 2 * pin + 1, 0);
	ioapic_write(IOAPIC_REDIRECTION + 2 * pin, IOAPIC_MASKED);
}

/* Fixed delivery, physical destination: this CPU (82093AA 3.2.4). */
void ioapic_route(unsigned int pin, int vector, bool level, bool active_low)
{
	uint32_t low = (uint32_t)vector;

	if (pin >= ioapic_pins)
		return;
	if (level)
		low |= IOAPIC_LEVEL;
	if (active_low)
		low |= IOAPIC_ACTIVE_LOW;
	ioapic_write(IOAPIC_REDIRECTION + 2 * pin + 1, lapic_id() << 24);
	ioapic_write(IOAPIC_REDIRECTION + 2 * pin, low);
}
