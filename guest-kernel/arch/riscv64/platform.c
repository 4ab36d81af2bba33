/*
 * The buses the device tree describes: the PCI host bridge's ECAM window
 * for configuration space (PCI Express Base 7.2.2, "Enhanced Configuration
 * Access Mechanism": bus << 20 | device << 15 | function << 12), its
 * address windows for BARs, and the virtio-mmio transports. No port I/O:
 * PCI I/O space is memory-mapped through the host bridge's I/O window.
 * Translation is off (satp Bare), so every physical address is reachable;
 * what is RAM comes from the memory nodes.
 */
#include "arch/arch.h"
#include "lib/printf.h"
#include "platform.h"
#include "plic.h"

/* I/O BARs above the ISA-compatible range, as on x86. */
#define IO_SPACE_FIRST		0x1000u

static uintptr_t ecam_base;
static uint32_t ecam_bus_first, ecam_buses;
static struct pci_windows windows;
static struct mmio_window mmio_windows[FDT_MAX_MMIO];
static int mmio_window_count;
static struct fdt_range ram[FDT_MAX_MEMORY];
static int ram_count;

static void pci_host_init(const struct fdt_pci_host *pci)
{
	const struct fdt_pci_window *io = &pci->io, *mem = &pci->mem32;

	if (!pci->present)
		return;
	ecam_base = (uintptr_t)pci->ecam.base;
	ecam_bus_first = pci->bus_first;
	ecam_buses = (uint32_t)(pci->ecam.size >> 20);
	/* pci.c writes CPU addresses into memory BARs: the window must be 1:1. */
	if (mem->size && mem->cpu_base == mem->pci_base && mem->cpu_base + mem->size <= 1ull << 32) {
		windows.mem32_base = mem->cpu_base;
		windows.mem32_limit = mem->cpu_base + mem->size;
	} else if (mem->size) {
		printf("# pci: 32-bit window %#llx -> %#llx not identity-mapped: no memory BARs\n",
		       (unsigned long long)mem->cpu_base, (unsigned long long)mem->pci_base);
	}
	if (io->size) {
		windows.io_base = io->pci_base < IO_SPACE_FIRST ? IO_SPACE_FIRST : io->pci_base;
		windows.io_limit = io->pci_base + io->size;
		windows.io_cpu_base = io->cpu_base - io->pci_base;
	}
	windows.io_is_port_space = false;
}

/*
 * In the order QEMU fills them: its virt machine gives the first -device
 * the transport created last, the highest address (hw/riscv/virt.c
 * creates them in address order; the bus hands out the newest first), so
 * the highest address comes first and devices are named in -device order.
 */
static void mmio_init(const struct fdt_platform *platform)
{
	for (int i = 0; i < platform->mmio_count; i++) {
		const struct fdt_mmio_node *node = &platform->mmio[i];
		struct mmio_window window = {
			.base = node->reg.base,
			.size = node->reg.size > 0xffffffffu ? 0xffffffffu : (uint32_t)node->reg.size,
			.irq = plic_source_of(&node->irq),
		};
		int at = mmio_window_count++;

		while (at > 0 && mmio_windows[at - 1].base < window.base) {
			mmio_windows[at] = mmio_windows[at - 1];
			at--;
		}
		mmio_windows[at] = window;
	}
}

void platform_init(const struct fdt_platform *platform)
{
	for (int i = 0; i < platform->memory_count; i++)
		ram[ram_count++] = platform->memory[i];
	pci_host_init(&platform->pci);
	mmio_init(platform);
}

uint32_t arch_pci_config_read32(uint32_t bdf, uint16_t offset)
{
	uint32_t bus = bdf >> 8;

	if (!ecam_base || bus < ecam_bus_first || bus - ecam_bus_first >= ecam_buses)
		return 0xffffffffu;
	return mmio_read32(ecam_base + ((uintptr_t)(bdf - (ecam_bus_first << 8)) << 12) +
			   (offset & 0xffcu));
}

void arch_pci_config_write32(uint32_t bdf, uint16_t offset, uint32_t value)
{
	uint32_t bus = bdf >> 8;

	if (!ecam_base || bus < ecam_bus_first || bus - ecam_bus_first >= ecam_buses)
		return;
	mmio_write32(ecam_base + ((uintptr_t)(bdf - (ecam_bus_first << 8)) << 12) +
		     (offset & 0xffcu), value);
}

void arch_pci_windows(struct pci_windows *out)
{
	*out = windows;
}

bool arch_has_port_io(void)
{
	return false;
}

uint32_t arch_port_read(uint16_t port, int width)
{
	(void)port;
	(void)width;
	return 0xffffffffu;
}

void arch_port_write(uint16_t port, int width, uint32_t value)
{
	(void)port;
	(void)width;
	(void)value;
}

int arch_mmio_default_windows(struct mmio_window *out, int max)
{
	int count = 0;

	for (; count < mmio_window_count && count < max; count++)
		out[count] = mmio_windows[count];
	return count;
}

/* Anything but RAM may be a register block; a wrong guess is an access fault (a crash). */
bool arch_mmio_accessible(uint64_t base, uint64_t size)
{
	if (!size || base + size < base)
		return false;
	for (int i = 0; i < ram_count; i++) {
		if (base < ram[i].base + ram[i].size && ram[i].base < base + size)
			return false;
	}
	return true;
}
