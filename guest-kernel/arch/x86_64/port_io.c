/* x86 port I/O for the bus code, and where microvm puts virtio-mmio. */
#include "arch/arch.h"

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
 * QEMU's microvm with ACPI (its default) has 24 virtio-mmio transports at
 * 0xfeb00000 + i * 0x200 on GSI 24 + i and tells only the ACPI tables; with
 * acpi=off it has 8 on IRQ 5 + i and appends virtio_mmio.device= entries to
 * a PVH or Linux command line (docs/transport-mmio.md). Probing reads only the
 * magic register, and only when no PCI host bridge exists.
 */
#define MICROVM_MMIO_BASE	0xfeb00000u
#define MICROVM_MMIO_STRIDE	0x200u
#define MICROVM_MMIO_SLOTS	24
#define MICROVM_MMIO_FIRST_GSI	24

int arch_mmio_default_windows(struct mmio_window *windows, int max)
{
	int count = 0;

	for (int i = 0; i < MICROVM_MMIO_SLOTS && count < max; i++) {
		windows[count++] = (struct mmio_window){
			.base = MICROVM_MMIO_BASE + (uint64_t)i * MICROVM_MMIO_STRIDE,
			.size = MICROVM_MMIO_STRIDE,
			.irq = MICROVM_MMIO_FIRST_GSI + (uint32_t)i,
		};
	}
	return count;
}
