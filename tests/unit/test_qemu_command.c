/*
 * The QEMU command line for a configuration: the machine of each
 * transport, the devices at their slots, device properties, the kernel
 * image and the kernel command line.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "plan/config.h"
#include "hypervisors/qemu/qemu.h"
#include "vm/kernel_cmdline.h"
#include "text.h"
#include "parse_words.h"

static struct options opts;
static struct config_matrix matrix;

static void setup(const char *const *words)
{
	char err[256];

	options_init(&opts);
	CU_ASSERT_EQUAL_FATAL(parse_words_into(&opts, words, err, sizeof(err)), 0);
	config_matrix_build(&matrix, &opts);
}

static void teardown(void)
{
	config_matrix_free(&matrix);
	options_free(&opts);
}

#define SETUP(...) setup((const char *const[]){ "run", __VA_ARGS__, NULL })

static char *command_of(size_t index, const char *accel, const char *firmware,
			bool list_mode)
{
	const struct vcts_config *config = &matrix.configs[index];
	struct backend host = {
		.ops = &qemu_hypervisor,
		.arch = hypervisor_arch(&qemu_hypervisor, config->arch),
		.binary = "/usr/bin/qemu-system-x86_64",
		.firmware = (char *)firmware,
		.accel = { .name = accel },
	};
	char *cmdline = kernel_cmdline(config, list_mode, NULL, NULL);
	struct vm_launch launch = { &host, config, "out/images", list_mode, cmdline, NULL };
	char **argv = qemu_command(&launch);
	char *joined = shell_join(argv);

	argv_free(argv);
	free(cmdline);
	return joined;
}

static char *command_for(const char *accel, const char *firmware, bool list_mode)
{
	return command_of(0, accel, firmware, list_mode);
}

/* The configuration of @transport-@mode in the matrix. */
static size_t config_index(const char *transport, const char *mode)
{
	for (size_t i = 0; i < matrix.count; i++)
		if (!strcmp(matrix.configs[i].transport, transport) &&
		    !strcmp(matrix.configs[i].mode, mode))
			return i;
	CU_FAIL_FATAL("no such configuration");
	return 0;
}

static char *command_of_transport(const char *transport, const char *mode)
{
	return command_of(config_index(transport, mode), "tcg",
			  "/usr/share/qemu/qboot.rom", false);
}

static void test_full_command(void)
{
	char *cmd;

	SETUP("--kernel", "k.elf", "--devices", "rng,blk");
	cmd = command_for("tcg", "/usr/share/qemu/qboot.rom", false);
	CU_ASSERT_STRING_EQUAL(cmd,
		"/usr/bin/qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 128M -smp 1 "
		"-nodefaults -no-user-config -display none -vga none "
		"-bios /usr/share/qemu/qboot.rom -kernel k.elf "
		"-append 'vcts.seed=1 vcts.mode=modern vcts.transport=pci-modern vcts.exit=debug-exit' "
		"-serial stdio -monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 "
		"-no-reboot -device virtio-rng-pci,disable-legacy=on,packed=on,addr=0x3 "
		"-drive file=out/images/blk0.img,format=raw,if=none,id=blk0,cache=unsafe "
		"-device virtio-blk-pci,disable-legacy=on,packed=on,drive=blk0,serial=vcts-blk0,num-queues=2,discard=on,write-zeroes=on,addr=0x4 "
		"-drive file=out/images/blk1.img,format=raw,if=none,id=blk1,readonly=on "
		"-device virtio-blk-pci,disable-legacy=on,packed=on,drive=blk1,serial=vcts-blk1,discard=on,write-zeroes=on,addr=0x5 "
		"-qmp unix:reports/latest/qmp-qemu-x86_64-q35-pci-modern-modern.sock,server=on,wait=off");
	free(cmd);
	teardown();
}

static void test_kvm_without_firmware(void)
{
	char *cmd;

	SETUP("--devices", "rng");
	cmd = command_for("kvm", NULL, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "-accel kvm -cpu host "));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-bios"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-drive"));
	free(cmd);
	teardown();
}

static void test_device_properties_and_commas(void)
{
	char *cmd;

	SETUP("--device-property", "rng.max-bytes=1", "--device-property",
	      "rng.period=60000", "--device-property", "blk.opt=a,b");
	cmd = command_for("tcg", NULL, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		"virtio-rng-pci,disable-legacy=on,packed=on,addr=0x3,max-bytes=1,period=60000 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "serial=vcts-blk0,num-queues=2,discard=on,write-zeroes=on,addr=0x4,opt=a,,b "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "serial=vcts-blk1,discard=on,write-zeroes=on,addr=0x5,opt=a,,b"));
	free(cmd);
	teardown();
}

static void test_kernel_cmdline(void)
{
	char *line;

	SETUP("--seed", "42", "--filter", "devices.*", "--filter", "modern.init.*",
	      "--kernel-arg", "vcts.selftest=hang");
	line = kernel_cmdline(&matrix.configs[0], false, NULL, NULL);
	CU_ASSERT_STRING_EQUAL(line,
		"vcts.seed=42 vcts.mode=modern vcts.transport=pci-modern "
		"vcts.filter=devices.*,modern.init.* vcts.selftest=hang vcts.exit=debug-exit");
	free(line);
	line = kernel_cmdline(&matrix.configs[0], true, NULL, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, " vcts.list "));
	free(line);
	/* A fresh VM after one that died in a test on a device. */
	line = kernel_cmdline(&matrix.configs[0], false, "devices.blk.flush", "blk1");
	CU_ASSERT_PTR_NOT_NULL(strstr(line, " vcts.resume=devices.blk.flush/blk1 "));
	free(line);
	teardown();
}

static const char mmio_v1_command[] =
	"/usr/bin/qemu-system-x86_64 -machine microvm,acpi=off -accel tcg -cpu max -m 128M -smp 1 "
	"-nodefaults -no-user-config -display none -vga none -kernel k-pvh.elf "
	"-append 'vcts.seed=1 vcts.mode=legacy vcts.transport=mmio-v1 vcts.exit=debug-exit' "
	"-serial stdio -monitor none -device isa-debug-exit,iobase=0xf4,iosize=0x04 "
	"-no-reboot -global virtio-mmio.force-legacy=true -device virtio-rng-device "
	"-drive file=out/images/blk0.img,format=raw,if=none,id=blk0,cache=unsafe "
	"-device virtio-blk-device,drive=blk0,serial=vcts-blk0,num-queues=2,discard=on,write-zeroes=on "
	"-drive file=out/images/blk1.img,format=raw,if=none,id=blk1,readonly=on "
	"-device virtio-blk-device,drive=blk1,serial=vcts-blk1,discard=on,write-zeroes=on "
	"-qmp unix:reports/latest/qmp-qemu-x86_64-microvm-mmio-v1-legacy.sock,server=on,wait=off";

/* microvm brings its own firmware: no -bios even when qboot was found. */
static void test_mmio_commands(void)
{
	char *cmd;

	SETUP("--transport", "all", "--kernel", "k.elf", "--devices", "rng,blk");
	cmd = command_of_transport("mmio-v1", "legacy");
	CU_ASSERT_STRING_EQUAL(cmd, mmio_v1_command);
	free(cmd);
	cmd = command_of_transport("mmio-v2", "modern");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "-machine microvm,acpi=off "));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-bios"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -kernel k-pvh.elf "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "'vcts.seed=1 vcts.mode=modern vcts.transport=mmio-v2 vcts.exit=debug-exit'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -global virtio-mmio.force-legacy=false "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-rng-device,packed=on "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-blk-device,packed=on,drive=blk1,"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-pci"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "addr="));
	free(cmd);
	teardown();
}

static void test_pci_commands(void)
{
	char *cmd;

	SETUP("--transport", "all", "--kernel", "k.elf", "--device-property", "rng.max-bytes=8");
	cmd = command_of_transport("pci-legacy", "legacy");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		"-machine q35 -accel tcg -cpu max -m 128M -smp 1 -nodefaults "
		"-no-user-config -display none -vga none -bios /usr/share/qemu/qboot.rom "
		"-kernel k.elf -append 'vcts.seed=1 vcts.mode=legacy vcts.transport=pci-legacy vcts.exit=debug-exit' "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-rng-pci,disable-legacy=off,disable-modern=on,addr=0x3,max-bytes=8 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-blk-pci,disable-legacy=off,disable-modern=on,drive=blk1,serial=vcts-blk1,discard=on,write-zeroes=on,addr=0x5"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-global"));
	/* A legacy interface cannot offer RING_PACKED (bit 34). */
	CU_ASSERT_PTR_NULL(strstr(cmd, "packed=on"));
	free(cmd);
	/* A transitional device runs twice: the same machine, each mode. */
	for (size_t i = 0; i < 2; i++) {
		const char *mode = i ? "legacy" : "modern";
		char *append = xasprintf("-append 'vcts.seed=1 vcts.mode=%s "
					 "vcts.transport=pci-transitional vcts.exit=debug-exit' ", mode);

		cmd = command_of_transport("pci-transitional", mode);
		CU_ASSERT_PTR_NOT_NULL(strstr(cmd, append));
		CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -kernel k.elf "));
		CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
			" -device virtio-blk-pci,disable-legacy=off,disable-modern=off,packed=on,drive=blk0,serial=vcts-blk0,num-queues=2,discard=on,write-zeroes=on,addr=0x4 "));
		free(append);
		free(cmd);
	}
	cmd = command_of_transport("pci-modern", "modern");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-rng-pci,disable-legacy=on,packed=on,addr=0x3,max-bytes=8 "));
	free(cmd);
	teardown();
}

/* --machine pc gives pc to the PCI transports; mmio stays on microvm. */
static void test_machine_option_and_mmio(void)
{
	char *cmd;

	SETUP("--machine", "pc", "--transport", "pci-legacy,mmio-v2", "--kernel-pvh", "p");
	cmd = command_of_transport("pci-legacy", "legacy");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -machine pc -accel "));
	free(cmd);
	cmd = command_of_transport("mmio-v2", "modern");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -machine microvm,acpi=off -accel "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -kernel p "));
	free(cmd);
	teardown();
}

/* The four device types of docs/devices-net-scsi.md and devices-console-balloon.md. */
static void test_new_devices_pci(void)
{
	char *cmd;

	SETUP("--kernel", "k.elf", "--output", "out", "--devices", "net,console,balloon,scsi");
	cmd = command_for("tcg", NULL, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -no-reboot -netdev dgram,id=n0,local.type=unix,"
		"local.path=out/net-qemu-x86_64-q35-pci-modern-modern.sock,remote.type=unix,"
		"remote.path=out/net-qemu-x86_64-q35-pci-modern-modern-peer.sock "
		"-device virtio-net-pci,disable-legacy=on,packed=on,netdev=n0,"
		"mac=52:54:00:12:34:56,mq=on,host_mtu=1500,speed=1000,duplex=full,addr=0x8 "
		"-device virtio-serial-pci,disable-legacy=on,packed=on,addr=0x6 "
		"-chardev socket,id=vcts-port1,"
		"path=out/console-qemu-x86_64-q35-pci-modern-modern.sock,server=on,wait=off "
		"-device virtserialport,chardev=vcts-port1,name=org.vcts.0 "
		"-chardev file,id=vcts-con0,"
		"path=out/logs/qemu-x86_64-q35-pci-modern-modern-console0.txt "
		"-device virtconsole,chardev=vcts-con0,name=org.vcts.console "
		"-device virtio-balloon-pci,disable-legacy=on,packed=on,"
		"free-page-reporting=on,guest-stats-polling-interval=1,addr=0x7 "
		"-device virtio-scsi-pci,disable-legacy=on,packed=on,id=scsi0,addr=0x9 "
		"-drive file=out/images/scsi0.img,format=raw,if=none,id=scsi0-hd,cache=unsafe "
		"-device scsi-hd,drive=scsi0-hd,bus=scsi0.0,channel=0,scsi-id=0,lun=0"));
	free(cmd);
	teardown();
}

/* The transport flags as for rng and blk; no addr= and no packed=on on mmio-v1. */
static void test_new_devices_transports(void)
{
	char *cmd;

	SETUP("--transport", "all", "--kernel", "k.elf", "--output", "o,x");
	cmd = command_of_transport("pci-legacy", "legacy");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-net-pci,disable-legacy=off,disable-modern=on,netdev=n0,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-serial-pci,disable-legacy=off,disable-modern=on,addr=0x6 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-balloon-pci,disable-legacy=off,disable-modern=on,free-page-reporting=on,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-scsi-pci,disable-legacy=off,disable-modern=on,id=scsi0,addr=0x9 "));
	/* A comma in the output directory is doubled in both paths. */
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		"path=o,,x/logs/qemu-x86_64-q35-pci-legacy-legacy-console0.txt "));
	CU_ASSERT_PTR_NULL(strstr(cmd, "packed=on"));
	free(cmd);
	cmd = command_of_transport("pci-transitional", "legacy");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-scsi-pci,disable-legacy=off,disable-modern=off,packed=on,id=scsi0,addr=0x9 "));
	free(cmd);
	cmd = command_of_transport("mmio-v1", "legacy");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-blk-device,drive=blk1,serial=vcts-blk1,discard=on,write-zeroes=on "
		"-netdev dgram,id=n0,local.type=unix,"
		"local.path=o,,x/net-qemu-x86_64-microvm-mmio-v1-legacy.sock,remote.type=unix,"
		"remote.path=o,,x/net-qemu-x86_64-microvm-mmio-v1-legacy-peer.sock "
		"-device virtio-net-device,netdev=n0,"
		"mac=52:54:00:12:34:56,mq=on,host_mtu=1500,speed=1000,duplex=full "
		"-device virtio-serial-device -chardev socket,id=vcts-port1,"
		"path=o,,x/console-qemu-x86_64-microvm-mmio-v1-legacy.sock,server=on,wait=off "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtconsole,chardev=vcts-con0,name=org.vcts.console "
		"-device virtio-balloon-device,free-page-reporting=on,guest-stats-polling-interval=1 "
		"-device virtio-scsi-device,id=scsi0 "
		"-drive file=out/images/scsi0.img,format=raw,if=none,id=scsi0-hd,cache=unsafe "
		"-device scsi-hd,drive=scsi0-hd,bus=scsi0.0,channel=0,scsi-id=0,lun=0"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "addr="));
	CU_ASSERT_PTR_NULL(strstr(cmd, "packed=on"));
	free(cmd);
	cmd = command_of_transport("mmio-v2", "modern");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-net-device,packed=on,netdev=n0,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-serial-device,packed=on -chardev "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-balloon-device,packed=on,free-page-reporting=on,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device virtio-scsi-device,packed=on,id=scsi0 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "path=o,,x/logs/qemu-x86_64-microvm-mmio-v2-modern-console0.txt "));
	free(cmd);
	teardown();
}

/*
 * --device-property TYPE.PROP=VALUE: TYPE is the --devices name; the
 * property goes on the virtio device (for console the virtio-serial one,
 * for scsi the controller), not on the ports or the disk.
 */
static void test_new_devices_properties(void)
{
	char *cmd;

	SETUP("--device-property", "net.host_mtu=9000", "--device-property", "console.max_ports=4",
	      "--device-property", "balloon.deflate-on-oom=on",
	      "--device-property", "scsi.num_queues=2", "--device-property", "scsi.x=a,b");
	cmd = command_for("tcg", NULL, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, ",speed=1000,duplex=full,addr=0x8,host_mtu=9000 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-serial-pci,disable-legacy=on,packed=on,addr=0x6,max_ports=4 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		",guest-stats-polling-interval=1,addr=0x7,deflate-on-oom=on "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd,
		" -device virtio-scsi-pci,disable-legacy=on,packed=on,id=scsi0,addr=0x9,"
		"num_queues=2,x=a,,b -drive "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "-device virtconsole,chardev=vcts-con0,name=org.vcts.console -device"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, ",scsi-id=0,lun=0"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "lun=0,"));
	free(cmd);
	teardown();
}

static void test_missing_binary(void)
{
	struct backend host = {
		.ops = &qemu_hypervisor,
		.arch = hypervisor_arch(&qemu_hypervisor, "x86_64"),
	};
	const char *binary, *source;

	SETUP("--qemu", "/nonexistent/qemu");
	binary = options_hypervisor_binary(&opts, "x86_64", &source);
	CU_ASSERT_STRING_EQUAL(binary, "/nonexistent/qemu");
	CU_ASSERT_EQUAL(qemu_hypervisor.prepare(&host, binary, source), -1);
	CU_ASSERT_PTR_NULL(host.binary);
	qemu_hypervisor.release(&host);
	teardown();
}

/*
 * The vhost-user set is a configuration of its own, only where its back
 * ends run (mmio-v2; vhost-user-fs on pci-modern too): guest RAM in a
 * shared memfd, a chardev per back end, the blk disks' queues as the
 * daemon exports them, and the kernel told there is no serial to expect.
 */
static void test_vhost_user_devices(void)
{
	char *cmd;
	size_t i;

	SETUP("--transport", "all", "--output", "out", "--devices", "rng,vhost-user-blk,vhost-user-fs");
	/* 6 built-in configurations, and the vhost-user set on pci-modern and mmio-v2. */
	CU_ASSERT_EQUAL_FATAL(matrix.count, 8);
	for (i = 0; i < matrix.count && !matrix.configs[i].device_set; i++)
		;
	CU_ASSERT_STRING_EQUAL(matrix.configs[i].name,
			       "qemu-x86_64-q35-pci-modern-modern-vhost-user");
	CU_ASSERT_EQUAL(matrix.configs[i].device_count, 1);
	cmd = command_of(i, "tcg", NULL, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -object memory-backend-memfd,id=vcts-ram,size=128M,share=on -machine q35,memory-backend=vcts-ram "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -chardev socket,id=vcts-vu-vufs0,path=out/vhost-qemu-x86_64-q35-pci-modern-modern-vhost-user-vufs0.sock -device vhost-user-fs-pci,chardev=vcts-vu-vufs0,tag=vcts,addr=0x6 "));
	CU_ASSERT_PTR_NULL(strstr(cmd, "virtio-rng"));
	free(cmd);
	i = matrix.count - 1;
	CU_ASSERT_STRING_EQUAL(matrix.configs[i].name,
			       "qemu-x86_64-microvm-mmio-v2-modern-vhost-user");
	CU_ASSERT_STRING_EQUAL(matrix.configs[i].label, "mmio-v2-modern-vhost-user");
	CU_ASSERT_EQUAL(matrix.configs[i].device_count, 3);
	cmd = command_of(i, "tcg", NULL, false);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -machine microvm,acpi=off,memory-backend=vcts-ram "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device vhost-user-blk,chardev=vcts-vu-vublk0,num-queues=2 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -device vhost-user-blk,chardev=vcts-vu-vublk1,num-queues=1 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "vcts.blk_serials=0"));
	CU_ASSERT_PTR_NULL(strstr(cmd, "-drive"));
	free(cmd);
	teardown();
}

/*
 * Regressions the property sweep found (make check-options): a console
 * with max_ports=1 has no room for port 1, so none is attached; sockets go
 * to the run's socket directory, never under a long --output.
 */
static void test_sweep_regressions(void)
{
	char *cmd;

	SETUP("--output", "a/very/long/output/directory/of/the/kind/a/property/sweep/makes",
	      "--devices", "console", "--device-property", "console.max_ports=1");
	matrix.settings.socket_dir = xstrdup("/tmp/vcts-AbCdEf");
	cmd = command_of(0, "tcg", NULL, false);
	CU_ASSERT_PTR_NULL(strstr(cmd, "virtserialport"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "virtconsole,chardev=vcts-con0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -qmp unix:/tmp/vcts-AbCdEf/qmp-qemu-x86_64-q35-pci-modern-modern.sock,"));
	free(cmd);
	free(matrix.settings.socket_dir);
	matrix.settings.socket_dir = NULL;
	teardown();
}

CU_TestInfo qemu_command_tests[] = {
	{ "full command", test_full_command },
	{ "KVM without firmware", test_kvm_without_firmware },
	{ "device properties and commas", test_device_properties_and_commas },
	{ "kernel command line", test_kernel_cmdline },
	{ "missing binary", test_missing_binary },
	{ "mmio-v1 and mmio-v2 on microvm", test_mmio_commands },
	{ "pci-legacy and pci-transitional", test_pci_commands },
	{ "--machine and mmio", test_machine_option_and_mmio },
	{ "net, console, balloon, scsi on PCI", test_new_devices_pci },
	{ "net, console, balloon, scsi per transport", test_new_devices_transports },
	{ "net, console, balloon, scsi device properties", test_new_devices_properties },
	{ "vhost-user devices", test_vhost_user_devices },
	{ "property sweep regressions", test_sweep_regressions },
	CU_TEST_INFO_NULL,
};
