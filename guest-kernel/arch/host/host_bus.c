/*
 * The host architecture's buses: the registers of devices that a host
 * program models register by register (tests/reference/ref_pci*.c,
 * ref_mmio.c), so that the kernel's real transports (transports/) drive
 * them through the same accessors as on hardware.
 *
 * - Memory: arch_io.h sends every mmio_read/mmio_write whose address lies
 *   in the register space (HOST_REGISTER_SPACE, reserved here and never
 *   readable as memory) to host_register_read/host_register_write, which
 *   offer it to each attached device until one decodes it, as devices on
 *   a bus do. Nobody: reads all ones, writes vanish (a master abort).
 * - Port I/O: the same for arch_port_read/arch_port_write.
 * - PCI configuration space: by bus/device/function, all ones where no
 *   function is attached (the way an empty slot reads).
 * - Wired interrupt lines of platform devices (virtio-mmio): handler
 *   tables like INTx's, level-triggered: a device signals the line while
 *   it is asserted.
 *
 * Outside the register space accessors stay plain volatile accesses, so
 * the rings and everything else work as before, and a host program that
 * attaches nothing (the fuzzer, the "reference" transport) sees no change.
 */
#include <string.h>
#include <sys/mman.h>

#include "arch/host/host.h"

#define HOST_BUS_DEVICES	16
#define HOST_WIRED_LINES	8
#define HOST_WIRED_HANDLERS	4
/* Ports the PCI I/O window hands out, as on a PC (below them: legacy ISA). */
#define HOST_PCI_IO_BASE	0xc000u
#define HOST_PCI_IO_LIMIT	0x10000u

struct bus_slot {
	const struct host_bus_device *ops;
	void *model;
	uint32_t bdf;
};

static struct bus_slot bus[HOST_BUS_DEVICES];
static int bus_count;

/* One past the register space once it is reserved; 0 before (arch_io.h). */
uintptr_t host_register_space_end;

bool host_register_space_setup(void)
{
	void *space;

	if (host_register_space_end)
		return true;
	/* PROT_NONE: an access that bypasses the accessors faults loudly. */
	space = mmap((void *)(uintptr_t)HOST_REGISTER_SPACE, HOST_REGISTER_SPACE_SIZE, PROT_NONE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	if (space == MAP_FAILED)
		return false;
	if (space != (void *)(uintptr_t)HOST_REGISTER_SPACE) {
		munmap(space, HOST_REGISTER_SPACE_SIZE);	/* no MAP_FIXED_NOREPLACE: a hint */
		return false;
	}
	host_register_space_end = HOST_REGISTER_SPACE + HOST_REGISTER_SPACE_SIZE;
	return true;
}

bool host_bus_attach(const struct host_bus_device *ops, void *model, uint32_t bdf)
{
	if (bus_count == HOST_BUS_DEVICES)
		return false;
	bus[bus_count++] = (struct bus_slot){ ops, model, bdf };
	return true;
}

void host_bus_detach_all(void)
{
	memset(bus, 0, sizeof(bus));
	bus_count = 0;
}

uint32_t host_register_read(uintptr_t address, int width)
{
	uint32_t value;

	for (int i = 0; i < bus_count; i++) {
		const struct host_bus_device *ops = bus[i].ops;

		if (ops->mem_read && ops->mem_read(bus[i].model, address, width, &value))
			return value;
	}
	return width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
}

void host_register_write(uintptr_t address, int width, uint32_t value)
{
	for (int i = 0; i < bus_count; i++) {
		const struct host_bus_device *ops = bus[i].ops;

		if (ops->mem_write && ops->mem_write(bus[i].model, address, width, value))
			return;
	}
}

bool arch_has_port_io(void)
{
	return true;
}

uint32_t arch_port_read(uint16_t port, int width)
{
	uint32_t value;

	for (int i = 0; i < bus_count; i++) {
		if (bus[i].ops->io_read && bus[i].ops->io_read(bus[i].model, port, width, &value))
			return value;
	}
	return width == 4 ? 0xffffffffu : (1u << (8 * width)) - 1;
}

void arch_port_write(uint16_t port, int width, uint32_t value)
{
	for (int i = 0; i < bus_count; i++) {
		if (bus[i].ops->io_write && bus[i].ops->io_write(bus[i].model, port, width, value))
			return;
	}
}

static const struct bus_slot *pci_function_at(uint32_t bdf)
{
	for (int i = 0; i < bus_count; i++) {
		if (bus[i].ops->config_read32 && bus[i].bdf == bdf)
			return &bus[i];
	}
	return NULL;
}

uint32_t arch_pci_config_read32(uint32_t bdf, uint16_t offset)
{
	const struct bus_slot *fn = pci_function_at(bdf);

	return fn ? fn->ops->config_read32(fn->model, offset & 0xfc) : 0xffffffffu;
}

void arch_pci_config_write32(uint32_t bdf, uint16_t offset, uint32_t value)
{
	const struct bus_slot *fn = pci_function_at(bdf);

	if (fn && fn->ops->config_write32)
		fn->ops->config_write32(fn->model, offset & 0xfc, value);
}

/* BARs go into the first part of the register space, I/O BARs at 0xc000 and up. */
void arch_pci_windows(struct pci_windows *windows)
{
	memset(windows, 0, sizeof(*windows));
	if (!host_register_space_end)
		return;
	windows->mem32_base = HOST_REGISTER_SPACE;
	windows->mem32_limit = HOST_PLATFORM_WINDOWS;
	windows->io_base = HOST_PCI_IO_BASE;
	windows->io_limit = HOST_PCI_IO_LIMIT;
	windows->io_is_port_space = true;
}

/* The host program probes its platform windows itself (ref_machine.c): none by default. */
int arch_mmio_default_windows(struct mmio_window *windows, int max)
{
	(void)windows, (void)max;
	return 0;
}

bool arch_mmio_accessible(uint64_t base, uint64_t size)
{
	return host_register_space_end && base >= HOST_REGISTER_SPACE &&
	       size <= host_register_space_end - base;
}

/* Wired lines: HOST_WIRED_LINES lines numbered from HOST_FIRST_WIRED_IRQ. */

struct wired_client {
	intx_handler_t handler;
	void *arg;
};

struct wired_line {
	struct wired_client clients[HOST_WIRED_HANDLERS];
	uint32_t unclaimed;
};

static struct wired_line wired_lines[HOST_WIRED_LINES];

static struct wired_line *wired_line(uint32_t irq)
{
	if (irq < HOST_FIRST_WIRED_IRQ || irq - HOST_FIRST_WIRED_IRQ >= HOST_WIRED_LINES)
		return NULL;
	return &wired_lines[irq - HOST_FIRST_WIRED_IRQ];
}

int arch_wired_irq_register(uint32_t irq, intx_handler_t handler, void *arg)
{
	struct wired_line *line = wired_line(irq);

	if (!line)
		return ARCH_IRQ_NO_LINE;
	for (int i = 0; i < HOST_WIRED_HANDLERS; i++) {
		if (!line->clients[i].handler) {
			line->clients[i] = (struct wired_client){ handler, arg };
			return 0;
		}
	}
	return ARCH_IRQ_BUSY;
}

void arch_wired_irq_unregister(uint32_t irq, intx_handler_t handler, void *arg)
{
	struct wired_line *line = wired_line(irq);

	for (int i = 0; line && i < HOST_WIRED_HANDLERS; i++) {
		if (line->clients[i].handler == handler && line->clients[i].arg == arg)
			line->clients[i] = (struct wired_client){ NULL, NULL };
	}
}

uint32_t arch_wired_irq_unclaimed(uint32_t irq)
{
	struct wired_line *line = wired_line(irq);

	return line ? line->unclaimed : 0;
}

/*
 * A line without handlers is masked (as arch/common does): nothing is
 * counted. Held back while interrupts are disabled, like INTx: the device
 * signals again at its next step while the line stays asserted.
 */
void host_wired_signal(uint32_t irq)
{
	struct wired_line *line = wired_line(irq);
	bool registered = false, claimed = false;

	if (!line || !host_irq_enabled())
		return;
	for (int i = 0; i < HOST_WIRED_HANDLERS; i++) {
		if (!line->clients[i].handler)
			continue;
		registered = true;
		if (line->clients[i].handler(line->clients[i].arg))
			claimed = true;
	}
	if (registered && !claimed)
		line->unclaimed++;
}

void host_wired_reset(void)
{
	memset(wired_lines, 0, sizeof(wired_lines));
}
