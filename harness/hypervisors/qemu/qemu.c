/*
 * QEMU: what it offers and its ops table. x86_64: q35 and pc with the PCI
 * transports, microvm with the mmio ones (only a PVH or Linux boot gets
 * microvm's virtio-mmio slots appended to its command line, so those boot
 * the PVH image); aarch64: virt with every transport, whose PCIe host and
 * 32 virtio-mmio slots are in its device tree (docs/arch-aarch64.md);
 * riscv64: virt with every transport, its PCIe host and 8 virtio-mmio
 * slots also in its device tree (docs/arch-riscv64.md);
 * s390x: s390-ccw-virtio with the ccw transports (docs/arch-s390x.md).
 * Each installation of QEMU (the system's 7.2, 10.0 unpacked under build/)
 * is a `struct backend` of its own, with its own version and baseline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/qemu/qemu.h"
#include "util.h"

static const char *const x86_64_machines[] = { "q35", "pc" };
static const char *const aarch64_machines[] = { "virt" };
static const char *const riscv64_machines[] = { "virt" };
static const char *const s390x_machines[] = { "s390-ccw-virtio" };

/* Each arch's transports, its default first (options_check.c). */
static const char *const pci_mmio_transports[] = {
	"pci-modern", "pci-transitional", "pci-legacy", "mmio-v1", "mmio-v2",
};
static const char *const ccw_transports[] = { "ccw-modern", "ccw-legacy" };

static const struct backend_arch qemu_arches[] = {
	{
		.arch = "x86_64",
		.machines = x86_64_machines,
		.machine_count = ARRAY_SIZE(x86_64_machines),
		.mmio_machine = "microvm",
		.boot_image = "multiboot",
		.mmio_boot_image = "pvh",
		/* microvm,acpi=off: 8 slots */
		.mmio = { 0xfeb00000ull, 0x200, 8 },
		/* isa-debug-exit carries the kernel's exit value (command.c) */
		.exit_method = "debug-exit",
		.package = "qemu-system-x86",
		.binary = "qemu-system-x86_64",
		.firmware = FIRMWARE_QBOOT,
		.transports = pci_mmio_transports,
		.transport_count = ARRAY_SIZE(pci_mmio_transports),
	},
	{
		.arch = "aarch64",
		.machines = aarch64_machines,
		.machine_count = ARRAY_SIZE(aarch64_machines),
		.boot_image = "arm64-elf",
		.mmio = { 0x0a000000ull, 0x200, 32 },
		.exit_method = "semihosting",
		.package = "qemu-system-arm",
		.binary = "qemu-system-aarch64",
		.firmware = FIRMWARE_NONE,
		.transports = pci_mmio_transports,
		.transport_count = ARRAY_SIZE(pci_mmio_transports),
	},
	{
		.arch = "riscv64",
		.machines = riscv64_machines,
		.machine_count = ARRAY_SIZE(riscv64_machines),
		.boot_image = "riscv64-elf",
		/* hw/riscv/virt.c: 8 transports, PLIC sources 1-8 */
		.mmio = { 0x10001000ull, 0x1000, 8 },
		/* the SiFive test device carries the kernel's exit value */
		.exit_method = "sifive-test",
		.package = "qemu-system-misc",
		.binary = "qemu-system-riscv64",
		/* OpenSBI, which QEMU loads itself (-bios default) */
		.firmware = FIRMWARE_NONE,
		.transports = pci_mmio_transports,
		.transport_count = ARRAY_SIZE(pci_mmio_transports),
	},
	{
		.arch = "s390x",
		.machines = s390x_machines,
		.machine_count = ARRAY_SIZE(s390x_machines),
		.boot_image = "s390x-elf",
		/* no mmio: every device is on the channel subsystem */
		/* a disabled-wait PSW ends the run (arch/s390x/exit.c) */
		.exit_method = "disabled-wait",
		.package = "qemu-system-misc",
		.binary = "qemu-system-s390x",
		/* QEMU IPLs the ELF itself (hw/s390x/ipl.c) */
		.firmware = FIRMWARE_NONE,
		.transports = ccw_transports,
		.transport_count = ARRAY_SIZE(ccw_transports),
	},
};

static const char *const qemu_transports[] = {
	"pci-modern", "pci-transitional", "pci-legacy", "mmio-v1", "mmio-v2", "ccw-modern",
	"ccw-legacy",
};

static const char *const qemu_device_types[] = {
	"rng", "blk", "net", "console", "balloon", "scsi", "vhost-user-blk", "vhost-user-fs",
};

/*
 * The vhost-user back ends (docs/vhost-user.md) speak only the 1.x
 * interface: libvhost-user refuses a driver that does not accept
 * VERSION_1. vhost-user-blk runs on mmio-v2 only: on virtio-pci QEMU 7.2
 * tells a back end whose driver polls that there is no call eventfd, and
 * qemu-storage-daemon 7.2 writes to it anyway and stops serving after the
 * first request (docs/findings.md); virtiofsd is not hit (its queues
 * never see a request from this kernel).
 */
static bool qemu_device_runs_on(const char *type, const char *transport, const char *mode)
{
	if (!strcmp(type, "vhost-user-blk"))
		return !strcmp(transport, "mmio-v2");
	if (!strcmp(type, "vhost-user-fs"))
		return !strcmp(mode, "modern") &&
		       (!strcmp(transport, "pci-modern") || !strcmp(transport, "mmio-v2"));
	return true;
}

/*
 * docs/boot-images.md: every image; qemu_check_boot() says which machine
 * and firmware boot which.
 */
static const char *const qemu_boot_images[] = {
	"multiboot", "pvh", "linux", "iso-cdrom", "iso-disk", "arm64-elf", "arm64-image",
	"riscv64-elf", "s390x-elf",
};

static const struct host_action_module *const qemu_host_actions[] = {
	&qemu_actions_qmp,
	&qemu_actions_blk,
	&qemu_actions_console,
	&qemu_actions_balloon,
	&qemu_actions_scsi,
	&qemu_actions_net,
	&qemu_vhost_user_daemons,
};

enum qemu_exit_method qemu_exit_method(const char *arch)
{
	if (!strcmp(arch, "riscv64"))
		return QEMU_EXIT_SIFIVE_TEST;
	if (!strcmp(arch, "s390x"))
		return QEMU_EXIT_DISABLED_WAIT;
	return !strcmp(arch, "aarch64") ? QEMU_EXIT_SEMIHOSTING : QEMU_EXIT_ISA_DEBUG;
}

static const struct exit_meaning qemu_exit_meanings[] = {
	{ 0, "aarch64: the kernel passed (semihosting SYS_EXIT 0); s390x: the kernel passed (its special wait PSW); x86_64: QEMU itself stopped" },
	{ 1, "x86_64: the kernel passed (isa-debug-exit 0); aarch64: a test failed; s390x: a test failed or the kernel crashed (a disabled wait); or a QEMU error" },
	{ 2, "aarch64: the kernel crashed" },
	{ 3, "x86_64: a test failed (isa-debug-exit 1)" },
	{ 5, "x86_64: the kernel crashed (isa-debug-exit 2)" },
};

static int qemu_exit_status(const struct backend *backend, int value)
{
	enum qemu_exit_method method = qemu_exit_method(backend->arch->arch);

	switch (method) {
	case QEMU_EXIT_SEMIHOSTING:
	case QEMU_EXIT_SIFIVE_TEST:
		return value;
	case QEMU_EXIT_DISABLED_WAIT:
		/*
		 * s390x: QEMU exits 0 for the kernel's pass (its "special" wait
		 * PSW) and 1 for any other disabled wait, which -action
		 * panic=exit-failure turns into an exit (docs/arch-s390x.md).
		 */
		return value ? 1 : 0;
	default:
		return (value << 1) | 1;
	}
}

/* The properties a machine may carry after a comma, and their values. */
struct machine_property {
	const char *machine;
	const char *name;
	const char *const *values;
	size_t value_count;
};

static const char *const gic_versions[] = { "2", "3", "host", "max" };
static const char *const on_off[] = { "on", "off" };

static const struct machine_property machine_properties[] = {
	{ "virt", "gic-version", gic_versions, ARRAY_SIZE(gic_versions) },
	/* ACPI tables or none: the kernel's ACPI S5 exit and its fallbacks (docs/exits.md). */
	{ "q35", "acpi", on_off, ARRAY_SIZE(on_off) },
	{ "pc", "acpi", on_off, ARRAY_SIZE(on_off) },
};


/* The length of the machine's name, without its properties. */
static size_t base_length(const char *machine)
{
	return strcspn(machine, ",");
}

static const struct machine_property *find_property(const char *machine,
						    const char *prop, size_t len)
{
	size_t base = base_length(machine);

	for (size_t i = 0; i < ARRAY_SIZE(machine_properties); i++) {
		const struct machine_property *p = &machine_properties[i];

		if (strlen(p->machine) == base && !strncmp(p->machine, machine, base) &&
		    strlen(p->name) == len && !strncmp(p->name, prop, len))
			return p;
	}
	return NULL;
}

static void describe_properties(struct strbuf *sb, const char *machine, size_t base)
{
	size_t shown = 0;

	for (size_t i = 0; i < ARRAY_SIZE(machine_properties); i++) {
		const struct machine_property *p = &machine_properties[i];

		if (strlen(p->machine) != base || strncmp(p->machine, machine, base))
			continue;
		strbuf_addf(sb, "%s%.*s,%s=", shown++ ? ", " : "", (int)base, machine, p->name);
		for (size_t v = 0; v < p->value_count; v++)
			strbuf_addf(sb, "%s%s", v ? "|" : "", p->values[v]);
	}
	if (!shown)
		strbuf_addstr(sb, "none");
}

static bool value_allowed(const struct machine_property *p, const char *value, size_t len)
{
	for (size_t i = 0; i < p->value_count; i++)
		if (strlen(p->values[i]) == len && !strncmp(p->values[i], value, len))
			return true;
	return false;
}

static int qemu_check_machine(const char *machine, char *why, size_t size)
{
	size_t base = base_length(machine);
	const char *p = machine + base;

	while (*p == ',') {
		const char *prop = p + 1;
		size_t len = strcspn(prop, ","), name_len = strcspn(prop, "=,");
		const struct machine_property *known = find_property(machine, prop, name_len);

		if (!known || name_len >= len ||
		    !value_allowed(known, prop + name_len + 1, len - name_len - 1)) {
			struct strbuf sb = { 0 };

			describe_properties(&sb, machine, base);
			snprintf(why, size, "machine '%s': unknown property '%.*s' (known: %s)",
				 machine, (int)len, prop, sb.buf);
			strbuf_release(&sb);
			return -1;
		}
		p = prop + len;
	}
	return 0;
}

bool qemu_machine_has_property(const char *machine, const char *property)
{
	size_t len = strlen(property);

	for (const char *p = strchr(machine, ','); p; p = strchr(p + 1, ','))
		if (!strncmp(p + 1, property, len) && p[1 + len] == '=')
			return true;
	return false;
}


static char *qemu_machine_help(const char *machine)
{
	struct strbuf sb = { 0 };

	for (size_t k = 0; k < ARRAY_SIZE(machine_properties); k++) {
		if (strcmp(machine_properties[k].machine, machine))
			continue;
		describe_properties(&sb, machine, strlen(machine));
		return strbuf_detach(&sb);
	}
	return NULL;
}

const struct hypervisor_ops qemu_hypervisor = {
	.name = "qemu",
	.doc = "docs/hypervisors.md",
	.arches = qemu_arches,
	.arch_count = ARRAY_SIZE(qemu_arches),
	.transports = qemu_transports,
	.transport_count = ARRAY_SIZE(qemu_transports),
	.device_types = qemu_device_types,
	.device_type_count = ARRAY_SIZE(qemu_device_types),
	.boot_images = qemu_boot_images,
	.boot_image_count = ARRAY_SIZE(qemu_boot_images),
	.host_actions = qemu_host_actions,
	.host_action_count = ARRAY_SIZE(qemu_host_actions),
	.device_runs_on = qemu_device_runs_on,
	.device_available = qemu_vhost_user_available,
	.check_machine = qemu_check_machine,
	.machine_help = qemu_machine_help,
	.check_boot = qemu_check_boot,
	.prepare = qemu_install_prepare,
	.release = qemu_install_release,
	.command = qemu_command,
	.exit_status = qemu_exit_status,
	.console_route = CONSOLE_STDIO,
	.exit_meanings = qemu_exit_meanings,
	.exit_meaning_count = ARRAY_SIZE(qemu_exit_meanings),
	.vm_ending = "x86_64: isa-debug-exit (status (v << 1) | 1); aarch64: semihosting SYS_EXIT",
};
