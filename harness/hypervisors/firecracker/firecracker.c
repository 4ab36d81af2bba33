/*
 * Firecracker: what it offers and its ops table. Sources read: the
 * firecracker-microvm/firecracker tree of 2026-08 (docs/, src/vmm/src/).
 *
 * - Boot: an ELF with a PVH note boots through PVH, an ELF without one
 *   or a bzImage through the Linux boot protocol (arch/x86_64/mod.rs,
 *   load_kernel; docs/pvh.md); aarch64 takes an arm64 Image
 *   (arch/aarch64/mod.rs). No firmware.
 * - Transports: virtio-mmio version 2 only (transport/mmio.rs,
 *   MMIO_VERSION = 2; VIRTIO_F_VERSION_1 always offered), or with
 *   --enable-pci modern virtio-pci only (transport/pci/device.rs: device
 *   id 0x1040 + type, MSI-X, no INTx). No legacy interface either way.
 * - Devices: block, net (a host tap), entropy (virtio-rng), balloon;
 *   also vsock, pmem and virtio-mem, which vcts has no device type for.
 * - Layout: virtio-mmio windows of 0x1000 from MEM_32BIT_DEVICES_START
 *   (x86_64 0xc0001000, after the boot timer's window at 0xc0000000;
 *   aarch64 0x40003000, after the RTC and the serial port), GSI 5 up on
 *   x86_64, in attach order; on x86_64 Firecracker appends
 *   virtio_mmio.device=4K@ADDR:GSI for each to the kernel command line
 *   (device_manager/mmio.rs), which the kernel parses.
 * - Console: the serial port on the process's standard input and output:
 *   an 8250 at I/O port 0x3f8 on x86_64, a 16550-compatible UART at
 *   0x40002000 on aarch64 (the kernel's aarch64 console is PL011 only).
 * - Exit: the guest's i8042 reset (x86_64) or PSCI SYSTEM_OFF/RESET
 *   (aarch64) ends the process with 0 (docs/design.md, "Machine Model";
 *   lib.rs, FcExitCode).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hypervisors/firecracker/firecracker.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

static const char *const machines[] = { "default" };

static const struct backend_arch firecracker_arches[] = {
	{
		.arch = "x86_64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		/* GSI 5 to 23: 19 windows (arch/x86_64/layout.rs). */
		.mmio = { 0xc0001000ull, 0x1000, 19 },
		.package = "firecracker (a release binary, see docs/hypervisors/firecracker.md)",
		.binary = "firecracker",
		.boot_image = "pvh",
		.exit_method = "reset",
		.firmware = FIRMWARE_NONE,
	},
	{
		.arch = "aarch64",
		.machines = machines,
		.machine_count = ARRAY_SIZE(machines),
		.mmio = { 0x40003000ull, 0x1000, 96 },
		.package = "firecracker (a release binary, see docs/hypervisors/firecracker.md)",
		.binary = "firecracker",
		.boot_image = "arm64-image",
		.exit_method = "psci",
		.firmware = FIRMWARE_NONE,
	},
};

static const char *const transports[] = { "mmio-v2", "pci-modern" };
static const char *const device_types[] = { "rng", "blk", "net", "balloon" };
static const char *const boot_images[] = { "pvh", "linux", "arm64-image" };

const char *const firecracker_attach_order[] = { "balloon", "blk", "net", "rng" };
const size_t firecracker_attach_order_count = ARRAY_SIZE(firecracker_attach_order);

static const struct exit_meaning exit_meanings[] = {
	{ 0, "the microVM stopped: the guest reset (i8042) or powered off (PSCI)" },
	{ 1, "generic error (e.g. a device could not be set up)" },
	{ 2, "unexpected error" },
	{ 148, "a system call the seccomp filter forbids" },
	{ 149, "SIGBUS" },
	{ 150, "SIGSEGV" },
	{ 151, "SIGXFSZ" },
	{ 152, "bad configuration in --config-file" },
	{ 153, "bad command-line arguments" },
	{ 154, "SIGXCPU" },
	{ 155, "SIGPIPE" },
	{ 156, "SIGHUP" },
	{ 157, "SIGILL" },
};

static const char *const version_args[] = { "--version", NULL };

static int firecracker_prepare(struct backend *backend, const char *binary,
			       const char *binary_source)
{
	return profile_prepare(backend, binary, binary_source, version_args);
}

/* 0 whatever the kernel's value: the guest only asks for a reset. */
static int firecracker_exit_status(const struct backend *backend, int value)
{
	(void)backend;
	(void)value;
	return 0;
}

static void firecracker_location(const struct vcts_config *config, size_t index,
				 char *buf, size_t size)
{
	const struct backend_arch *arch = hypervisor_arch(&firecracker_hypervisor, config->arch);
	size_t rank = profile_attach_rank(config, index, firecracker_attach_order,
					  firecracker_attach_order_count);

	/* PCI: device 0 is the host bridge; the devices follow in attach order. */
	if (config->bus == BUS_PCI)
		snprintf(buf, size, "00:%02zx.0", rank + 1);
	else if (arch && rank < arch->mmio.slots)
		snprintf(buf, size, "mmio@0x%" PRIx64, arch->mmio.base + rank * arch->mmio.stride);
	else
		snprintf(buf, size, "%s", "");
}

const struct hypervisor_ops firecracker_hypervisor = {
	.name = "firecracker",
	.doc = "docs/hypervisors/firecracker.md",
	.arches = firecracker_arches,
	.arch_count = ARRAY_SIZE(firecracker_arches),
	.transports = transports,
	.transport_count = ARRAY_SIZE(transports),
	.device_types = device_types,
	.device_type_count = ARRAY_SIZE(device_types),
	.boot_images = boot_images,
	.boot_image_count = ARRAY_SIZE(boot_images),
	.prepare = firecracker_prepare,
	.release = profile_release,
	.command = firecracker_command,
	.console = profile_console,
	.exit_status = firecracker_exit_status,
	.console_route = CONSOLE_STDIO,
	.exit_meanings = exit_meanings,
	.exit_meaning_count = ARRAY_SIZE(exit_meanings),
	.vm_ending = "x86_64: i8042 reset (0xfe to port 0x64); aarch64: PSCI SYSTEM_OFF",
	.has_stand_in = true,
	.device_location = firecracker_location,
};
