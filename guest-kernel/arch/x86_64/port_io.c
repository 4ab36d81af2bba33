/* x86 port I/O for the bus code, and where microvm puts virtio-mmio. */
#include "arch/arch.h"
#include "apic.h"

bool arch_has_port_io(void)
{
	return true;
}

uint32_t arch_port_read(uint16_t port, int width)
{
	if (width == 1)
		return inb(port);
	if (width == 2)
		return inw(port);
	return inl(port);
}

void arch_port_write(uint16_t port, int width, uint32_t value)
{
	if (width == 1)
		outb(port, (uint8_t)value);
	else if (width == 2)
		outw(port, (uint16_t)value);
	else
		outl(port, value);
}

/*
 * QEMU's microvm has its virtio-mmio transports at 0xfeb00000 + i * 0x200
 * and tells where only in its ACPI tables, or, with acpi=off, through
 * virtio_mmio.device= entries appended to a PVH or Linux command line
 * (docs/transport-mmio.md). How many, and on which interrupt inputs,
 * depends on the machine's options (hw/i386/microvm.c,
 * microvm_devices_init):
 *   second I/O APIC (ioapic2, on with ACPI by default): 24 on GSI 24 + i;
 *   ACPI without it (ioapic2=off):                     8 on GSI 16 + i;
 *   no ACPI:                                            8 on IRQ 5 + i.
 * The second I/O APIC answers at 0xfec10000; ACPI is there when firmware
 * left an RSDP in the BIOS area. Probing reads only the magic register
 * (and the version and device ID of a transport that has it), and only
 * when no PCI host bridge exists.
 */
#define MICROVM_MMIO_BASE	0xfeb00000u
#define MICROVM_MMIO_STRIDE	0x200u
#define MICROVM_IOAPIC2_BASE	0xfec10000u

static bool acpi_rsdp_present(void)
{
	/* ACPI 5.2.5.1: "RSD PTR " on a 16-byte boundary in 0xe0000-0xfffff. */
	for (uintptr_t at = 0xe0000; at < 0x100000; at += 16) {
		if (mmio_read32(at) == 0x20445352u && mmio_read32(at + 4) == 0x20525450u)
			return true;
	}
	return false;
}

int arch_mmio_default_windows(struct mmio_window *windows, int max)
{
	int slots = 8, count = 0;
	uint32_t first_irq = 5;

	if (ioapic_pins_at(MICROVM_IOAPIC2_BASE)) {
		slots = 24;
		first_irq = 24;
	} else if (acpi_rsdp_present()) {
		first_irq = 16;
	}
	/*
	 * In the order QEMU fills them, highest slot first, so devices are
	 * named in -device order as with the command-line entries.
	 */
	for (int i = slots - 1; i >= 0 && count < max; i--) {
		windows[count++] = (struct mmio_window){
			.base = MICROVM_MMIO_BASE + (uint64_t)i * MICROVM_MMIO_STRIDE,
			.size = MICROVM_MMIO_STRIDE,
			.irq = first_irq + (uint32_t)i,
		};
	}
	return count;
}

/* The boot code identity-maps the low 4 GiB, and nothing else. */
bool arch_mmio_accessible(uint64_t base, uint64_t size)
{
	return base < 0x100000000ull && size <= 0x100000000ull - base;
}
