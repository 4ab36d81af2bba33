/*
 * QEMU's spelling of one configuration. The machine is as bare as QEMU
 * allows (-nodefaults, no display, qboot instead of SeaBIOS on q35 and pc:
 * it boots in a fraction of the time). On PCI every device sits at a fixed
 * slot; on mmio the order of the -device options decides the slot
 * (plan/device_location.c), so that the location the kernel reports names
 * one backing file either way. The kernel's exit value comes back as
 * QEMU's exit status with the exit methods that carry it: debug-exit
 * (isa-debug-exit, x86_64), semihosting (aarch64), sifive-test (riscv64:
 * the virt machine always has the device) and disabled-wait (s390x: a
 * disabled-wait PSW, a guest panic unless it is the special one).
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/qemu/qemu.h"
#include "util.h"

/* -m: QEMU_GUEST_RAM_MIB spelled as QEMU wants it ("128M"). */
#define QEMU_STRINGIFY(x) #x
#define QEMU_MIB_ARG(mib) QEMU_STRINGIFY(mib) "M"
#define QEMU_GUEST_RAM_ARG QEMU_MIB_ARG(QEMU_GUEST_RAM_MIB)

void qemu_add_escaped(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		strbuf_addch(sb, *s);
		if (*s == ',')
			strbuf_addch(sb, ',');
	}
}

/*
 * ",PROP=VALUE" for every --device-property of @type. QEMU separates
 * properties with commas, so a comma inside a value is doubled.
 */
static void add_device_properties(struct strbuf *sb, const struct vcts_config *config,
				  const char *type)
{
	size_t type_len = strlen(type);

	for (size_t i = 0; i < config->device_properties.count; i++) {
		const char *prop = config->device_properties.items[i];

		if (strncmp(prop, type, type_len) || prop[type_len] != '.')
			continue;
		strbuf_addch(sb, ',');
		qemu_add_escaped(sb, prop + type_len + 1);
	}
}

/*
 * The QEMU model of a device type, where it is not virtio-TYPE: the
 * console is a virtio-serial device (its ports are devices of their own).
 */
static const char *device_model_stem(const char *type)
{
	if (!strcmp(type, "console"))
		return "virtio-serial";
	return NULL;
}

/*
 * virtio-blk-pci, virtio-blk-device (the device behind a virtio-mmio slot),
 * virtio-blk-ccw (behind a channel-subsystem proxy, on s390x).
 */
static void add_device_model(struct strbuf *sb, const struct vcts_config *config,
			     const char *type)
{
	const char *stem = device_model_stem(type);

	if (stem)
		strbuf_addstr(sb, stem);
	else
		strbuf_addf(sb, "virtio-%s", type);
	if (config->bus == BUS_MMIO)
		strbuf_addstr(sb, "-device");
	else
		strbuf_addstr(sb, config->bus == BUS_CCW ? "-ccw" : "-pci");
}

/*
 * What a device type needs on its -device beyond the transport's settings
 * (docs/devices-net-scsi.md, docs/devices-console-balloon.md):
 * net: the netdev (a datagram socket to the harness), the address
 * net_harness_mac expects, and MQ, MTU
 * and SPEED_DUPLEX offered so that their tests run; balloon: free page
 * reporting, and statistics asked for every second; blk: DISCARD and
 * WRITE_ZEROES (QEMU 7.2 defaults, stated so that the tests of
 * tests/devices/blk/discard.c do not rest on a default). (scsi gets an
 * id, the bus its scsi-hd names, in add_device().)
 */
static const char *device_type_properties(const char *type)
{
	if (!strcmp(type, "net"))
		return "netdev=" QEMU_NETDEV_ID ",mac=52:54:00:12:34:56,mq=on,host_mtu=1500,"
		       "speed=1000,duplex=full";
	if (!strcmp(type, "balloon"))
		return "free-page-reporting=on,guest-stats-polling-interval=1";
	if (!strcmp(type, "blk"))
		return "discard=on,write-zeroes=on";
	return NULL;
}

/* The transport's settings on a virtio PCI device. */
static const char *pci_transport_properties(const char *transport)
{
	if (!strcmp(transport, "pci-legacy"))
		return "disable-legacy=off,disable-modern=on";
	if (!strcmp(transport, "pci-transitional"))
		return "disable-legacy=off,disable-modern=off";
	return "disable-legacy=on";
}

/*
 * packed=on makes QEMU offer VIRTIO_F_RING_PACKED (bit 34; its default is
 * off), so that the packed-ring tests have something to test. Only where
 * the device has a 1.x interface: a legacy interface has 32 feature bits
 * and no way to offer it (pci-legacy, mmio-v1, ccw-legacy). Drivers take
 * it only when a test asks (virtio_setup's features); --device-property TYPE.packed=off
 * comes later on the line and wins.
 */
static bool transport_offers_packed(const char *transport)
{
	return !strcmp(transport, "pci-modern") || !strcmp(transport, "pci-transitional") ||
	       !strcmp(transport, "mmio-v2") || !strcmp(transport, "ccw-modern");
}

/*
 * On the channel subsystem: the device number, fixed as a PCI slot is, in
 * the virtual channel subsystem fe that guests without MCSS-E see as
 * theirs (plan/device_location.c); ccw-legacy caps the virtio-ccw
 * revision at 0, which leaves the device the legacy interface only
 * (docs/transport-ccw.md).
 */
static void add_ccw_address(struct strbuf *sb, const struct vcts_config *config,
			    const struct device_instance *dev)
{
	strbuf_addf(sb, ",devno=fe.0.%04x", dev->pci_slot);
	if (!strcmp(config->transport, "ccw-legacy"))
		strbuf_addstr(sb, ",max_revision=0");
}

static void add_drive(struct strlist *args, const struct device_instance *dev,
		      const char *drive_id, const char *image_dir)
{
	struct strbuf sb = { 0 };
	char *path = xasprintf("%s/%s", image_dir, dev->image_name);

	strbuf_addstr(&sb, "file=");
	qemu_add_escaped(&sb, path);
	strbuf_addf(&sb, ",format=raw,if=none,id=%s,%s", drive_id,
		    dev->read_only ? "readonly=on" : "cache=unsafe");
	free(path);
	strlist_add(args, "-drive");
	strlist_add(args, sb.buf);
	strbuf_release(&sb);
}

static void add_pair(struct strlist *args, const char *option, const char *value)
{
	strlist_add(args, option);
	strlist_add(args, value);
}

/*
 * The console's ports: port 1, org.vcts.0, on a UNIX socket the harness
 * connects to when a test asks (host_action_console.c; QEMU listens,
 * wait=off so that it starts without a peer), and a virtconsole as port
 * 0 whose output goes to OUTPUT/logs/CONFIG-console0.txt.
 */
/*
 * --device-property console.max_ports=N: with fewer than 2 ports there is
 * room for the console port 0 only (QEMU refuses a port 1), and the tests
 * that need org.vcts.0 skip for want of it.
 */
static bool console_has_port1(const struct vcts_config *config)
{
	for (size_t i = 0; i < config->device_properties.count; i++) {
		const char *prop = config->device_properties.items[i];

		if (!strncmp(prop, "console.max_ports=", 18))
			return strtoul(prop + 18, NULL, 0) >= 2;
	}
	return true;
}

static void add_console_ports(struct strlist *args, const struct vcts_config *config,
			      const struct device_instance *dev)
{
	struct strbuf sb = { 0 };
	char *path = qemu_console_socket(config);

	if (console_has_port1(config)) {
		strbuf_addstr(&sb, "socket,id=vcts-port1,path=");
		qemu_add_escaped(&sb, path);
		strbuf_addstr(&sb, ",server=on,wait=off");
		add_pair(args, "-chardev", sb.buf);
		add_pair(args, "-device", "virtserialport,chardev=vcts-port1,name=org.vcts.0");
		strbuf_release(&sb);
	}
	free(path);
	path = xasprintf("%s/logs/%s-%s.txt", config->settings->output, config->name,
			 dev->name);
	strbuf_addstr(&sb, "file,id=vcts-con0,path=");
	qemu_add_escaped(&sb, path);
	add_pair(args, "-chardev", sb.buf);
	add_pair(args, "-device", "virtconsole,chardev=vcts-con0,name=org.vcts.console");
	strbuf_release(&sb);
	free(path);
}

/* The disk on the controller's bus at target 0, LUN 0. */
static void add_scsi_disk(struct strlist *args, const struct device_instance *dev,
			  const char *image_dir)
{
	char *drive_id = xasprintf("%s-hd", dev->name);
	char *disk = xasprintf("scsi-hd,drive=%s,bus=%s.0,channel=0,scsi-id=0,lun=0",
			       drive_id, dev->name);

	add_drive(args, dev, drive_id, image_dir);
	add_pair(args, "-device", disk);
	free(disk);
	free(drive_id);
}

/*
 * QEMU 7.2's dgram netdev: frames go to and come from the harness's socket
 * (its path must not exist when QEMU starts: the session removes it).
 */
static void add_net_backend(struct strlist *args, const struct vcts_config *config)
{
	char *local = qemu_net_socket(config, false);
	char *remote = qemu_net_socket(config, true);
	struct strbuf sb = { 0 };

	strbuf_addstr(&sb, "dgram,id=" QEMU_NETDEV_ID ",local.type=unix,local.path=");
	qemu_add_escaped(&sb, local);
	strbuf_addstr(&sb, ",remote.type=unix,remote.path=");
	qemu_add_escaped(&sb, remote);
	add_pair(args, "-netdev", sb.buf);
	strbuf_release(&sb);
	free(remote);
	free(local);
}

/* A device whose back end is another program: docs/vhost-user.md. */
static void add_vhost_user_device(struct strlist *args, const struct vcts_config *config,
				  const struct device_instance *dev)
{
	struct strbuf sb = { 0 };

	qemu_vhost_user_add_device(args, config, dev, &sb);
	if (config->bus == BUS_PCI)
		strbuf_addf(&sb, ",addr=0x%x", dev->pci_slot);
	add_device_properties(&sb, config, dev->type);
	add_pair(args, "-device", sb.buf);
	strbuf_release(&sb);
}

static void add_device(struct strlist *args, const struct vcts_config *config,
		       const struct device_instance *dev, const char *image_dir)
{
	bool scsi = !strcmp(dev->type, "scsi");
	const char *type_props = device_type_properties(dev->type);
	struct strbuf sb = { 0 };

	if (!strcmp(dev->type, "net"))
		add_net_backend(args, config);
	else if (dev->image_name && !scsi)
		add_drive(args, dev, dev->name, image_dir);
	add_device_model(&sb, config, dev->type);
	if (config->bus == BUS_PCI)
		strbuf_addf(&sb, ",%s", pci_transport_properties(config->transport));
	if (config->bus == BUS_CCW)
		add_ccw_address(&sb, config, dev);
	if (transport_offers_packed(config->transport))
		strbuf_addstr(&sb, ",packed=on");
	if (scsi)
		strbuf_addf(&sb, ",id=%s", dev->name);
	else if (dev->image_name)
		strbuf_addf(&sb, ",drive=%s,serial=vcts-%s", dev->name, dev->name);
	/* Two request queues on the writable disk, so that multiqueue is offered. */
	if (!strcmp(dev->type, "blk") && !dev->read_only)
		strbuf_addstr(&sb, ",num-queues=2");
	if (type_props)
		strbuf_addf(&sb, ",%s", type_props);
	if (config->bus == BUS_PCI)
		strbuf_addf(&sb, ",addr=0x%x", dev->pci_slot);
	add_device_properties(&sb, config, dev->type);
	add_pair(args, "-device", sb.buf);
	strbuf_release(&sb);
	if (!strcmp(dev->type, "console"))
		add_console_ports(args, config, dev);
	else if (scsi)
		add_scsi_disk(args, dev, image_dir);
}

/*
 * virtio-mmio's version: 1 (legacy) for mmio-v1, 2 for mmio-v2. QEMU's
 * default is force-legacy=on, but both are spelt out so that a QEMU with
 * another default still runs what the configuration says.
 */
static void add_mmio_version(struct strlist *args, const struct vcts_config *config)
{
	strlist_add(args, "-global");
	strlist_add(args, strcmp(config->transport, "mmio-v1") ?
			  "virtio-mmio.force-legacy=false" :
			  "virtio-mmio.force-legacy=true");
}

/*
 * -machine @machine; with a vhost-user device the guest's RAM is a memfd
 * shared with its back end (vhost-user maps guest memory: without it the
 * daemon gives up at the first queue).
 */
static void add_machine_option(struct strlist *args, const struct vcts_config *config,
			       const char *machine)
{
	char *value;

	if (!qemu_config_uses_vhost_user(config)) {
		add_pair(args, "-machine", machine);
		return;
	}
	add_pair(args, "-object", "memory-backend-memfd,id=vcts-ram,size=" QEMU_GUEST_RAM_ARG
		 ",share=on");
	value = xasprintf("%s,memory-backend=vcts-ram", machine);
	add_pair(args, "-machine", value);
	free(value);
}

/*
 * x86_64. microvm without ACPI: 8 virtio-mmio slots, and QEMU appends
 * their virtio_mmio.device= entries to a PVH kernel's command line. It
 * brings its own firmware (qboot); q35 and pc get qboot through -bios.
 */
static void add_x86_64_machine(struct strlist *args, const struct backend *host,
			       const struct vcts_config *config)
{
	static const char *const fixed[] = {
		"-m", QEMU_GUEST_RAM_ARG, "-smp", "1", "-nodefaults", "-no-user-config",
		"-display", "none", "-vga", "none",
	};
	bool microvm = !strcmp(config->machine, "microvm");
	const char *firmware;
	bool kvm = !strcmp(host->accel.name, "kvm");

	add_machine_option(args, config, microvm ? "microvm,acpi=off" : config->machine);
	strlist_add(args, "-accel");
	strlist_add(args, host->accel.name);
	strlist_add(args, "-cpu");
	strlist_add(args, kvm ? "host" : "max");
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		strlist_add(args, fixed[i]);
	firmware = microvm ? NULL : qemu_firmware_file(host, config);
	if (firmware) {
		strlist_add(args, "-bios");
		strlist_add(args, firmware);
	}
}

/*
 * aarch64 virt: no firmware (-kernel enters the ELF in EL1) and no VGA to
 * turn off. A Cortex-A57 under TCG; under KVM the host's CPU and GIC,
 * unless the machine names a gic-version.
 */
static void add_aarch64_machine(struct strlist *args, const struct backend *host,
				const struct vcts_config *config)
{
	static const char *const fixed[] = {
		"-m", QEMU_GUEST_RAM_ARG, "-smp", "1", "-nodefaults", "-no-user-config",
		"-display", "none",
	};
	bool kvm = !strcmp(host->accel.name, "kvm");

	if (kvm && !qemu_machine_has_property(config->machine, "gic-version")) {
		char *machine = xasprintf("%s,gic-version=host", config->machine);

		add_machine_option(args, config, machine);
		free(machine);
	} else {
		add_machine_option(args, config, config->machine);
	}
	strlist_add(args, "-accel");
	strlist_add(args, host->accel.name);
	strlist_add(args, "-cpu");
	strlist_add(args, kvm ? "host" : "cortex-a57");
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		strlist_add(args, fixed[i]);
}

/*
 * riscv64 virt: OpenSBI, QEMU's default -bios (spelt out so that a QEMU
 * with another default still boots it), starts -kernel in S-mode with the
 * device tree in a1; no VGA to turn off. The generic rv64 CPU under TCG
 * (QEMU 7.2's default too), the host's under KVM.
 */
static void add_riscv64_machine(struct strlist *args, const struct backend *host,
				const struct vcts_config *config)
{
	static const char *const fixed[] = {
		"-m", QEMU_GUEST_RAM_ARG, "-smp", "1", "-nodefaults", "-no-user-config",
		"-display", "none", "-bios", "default",
	};
	bool kvm = !strcmp(host->accel.name, "kvm");

	add_machine_option(args, config, config->machine);
	strlist_add(args, "-accel");
	strlist_add(args, host->accel.name);
	strlist_add(args, "-cpu");
	strlist_add(args, kvm ? "host" : "rv64");
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		strlist_add(args, fixed[i]);
}

/*
 * s390x s390-ccw-virtio: no firmware (-kernel starts the ELF itself), no
 * graphics. TCG's default CPU model; under KVM (an s390x host) the host's.
 */
static void add_s390x_machine(struct strlist *args, const struct backend *host,
			      const struct vcts_config *config)
{
	static const char *const fixed[] = {
		"-m", QEMU_GUEST_RAM_ARG, "-smp", "1", "-nodefaults", "-no-user-config",
		"-display", "none",
	};

	add_machine_option(args, config, config->machine);
	strlist_add(args, "-accel");
	strlist_add(args, host->accel.name);
	if (!strcmp(host->accel.name, "kvm"))
		add_pair(args, "-cpu", "host");
	for (size_t i = 0; i < ARRAY_SIZE(fixed); i++)
		strlist_add(args, fixed[i]);
}

static void add_machine(struct strlist *args, const struct backend *host,
			const struct vcts_config *config)
{
	if (!strcmp(config->arch, "riscv64"))
		add_riscv64_machine(args, host, config);
	else if (!strcmp(config->arch, "aarch64"))
		add_aarch64_machine(args, host, config);
	else if (!strcmp(config->arch, "s390x"))
		add_s390x_machine(args, host, config);
	else
		add_x86_64_machine(args, host, config);
}

/*
 * The device of the configuration's exit method (docs/exits.md), which
 * carries the kernel's exit value into QEMU's exit status: isa-debug-exit
 * for debug-exit, -semihosting for semihosting (without it the kernel's
 * hlt would trap), panic=exit-failure on s390x (a disabled wait that is
 * not the special one is a guest panic); riscv64 virt's SiFive test device
 * is always there. The other methods need nothing: ACPI S5 and a reset
 * (with -no-reboot, which the command line always has) end QEMU with
 * status 0, and a halted VM is stopped by the harness after `done`.
 */
static void add_exit(struct strlist *args, const struct vcts_config *config)
{
	const char *method = config->exit_method ? config->exit_method : "";

	if (!strcmp(method, "semihosting")) {
		strlist_add(args, "-semihosting");
	} else if (!strcmp(config->arch, "s390x")) {
		/*
		 * Every s390x method ends in a wait: a disabled wait that is not
		 * the special one is a guest panic, which ends QEMU with status 1
		 * only with this (0 by default).
		 */
		add_pair(args, "-action", "panic=exit-failure");
	} else if (!strcmp(method, "debug-exit")) {
		strlist_add(args, "-device");
		strlist_add(args, "isa-debug-exit,iobase=0xf4,iosize=0x04");
	}
}

char *qemu_qmp_socket(const struct vcts_config *config)
{
	return xasprintf("%s/qmp-%s.sock", run_settings_socket_dir(config->settings), config->name);
}

char *qemu_console_socket(const struct vcts_config *config)
{
	return xasprintf("%s/console-%s.sock", run_settings_socket_dir(config->settings), config->name);
}

char *qemu_net_socket(const struct vcts_config *config, bool peer)
{
	return xasprintf("%s/net-%s%s.sock", run_settings_socket_dir(config->settings), config->name,
			 peer ? "-peer" : "");
}

/* Host actions (docs/host-actions.md) go through QMP. */
static void add_qmp(struct strlist *args, const struct vcts_config *config)
{
	char *socket = qemu_qmp_socket(config);
	struct strbuf qmp = { 0 };

	strbuf_addstr(&qmp, "unix:");
	qemu_add_escaped(&qmp, socket);
	strbuf_addstr(&qmp, ",server=on,wait=off");
	add_pair(args, "-qmp", qmp.buf);
	strbuf_release(&qmp);
	free(socket);
}

char **qemu_command(const struct vm_launch *launch)
{
	const struct backend *host = launch->backend;
	const struct vcts_config *config = launch->config;
	struct strlist args = { 0 };

	strlist_add(&args, host->binary);
	if (host->data_dir)
		add_pair(&args, "-L", host->data_dir);
	add_machine(&args, host, config);
	qemu_add_boot(&args, config, launch->kernel_cmdline);
	add_pair(&args, "-serial", "stdio");
	add_pair(&args, "-monitor", "none");
	add_exit(&args, config);
	strlist_add(&args, "-no-reboot");
	if (config->bus == BUS_MMIO)
		add_mmio_version(&args, config);
	for (size_t i = 0; i < config->device_count; i++) {
		if (qemu_is_vhost_user(config->devices[i]))
			add_vhost_user_device(&args, config, config->devices[i]);
		else
			add_device(&args, config, config->devices[i], launch->image_dir);
	}
	if (!launch->list_mode)
		add_qmp(&args, config);
	return strlist_to_argv(&args);
}
