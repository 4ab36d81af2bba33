/*
 * VirtualBox (hypervisors/virtualbox/): the VBoxManage sequence, pinned
 * for its virtio-scsi disk (VirtualBox has no virtio-blk or virtio-rng:
 * scsi on pci-modern and net on pci-transitional are what it offers), the
 * monolithicFlat VMDK over vcts's raw image, COM1 into a file, the PCI
 * slots VirtualBox gives.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/virtualbox/virtualbox.h"
#include "profile_case.h"

#define OPEN(pc, ...) profile_case_open(pc, (const char *const[]){ __VA_ARGS__, NULL })
#define CONFIG "virtualbox-x86_64-piix3-pci-modern-modern"

static const char expected_script[] =
	"#!/bin/sh\n"
	"# vcts: configuration " CONFIG " on VirtualBox (docs/hypervisors/virtualbox.md)\n"
	"set -e\n"
	"vboxmanage=/usr/bin/VBoxManage\n"
	"vboxheadless=/usr/bin/VBoxHeadless\n"
	"vm=vcts-" CONFIG "\n"
	"base=OUTPUT/logs/" CONFIG "-virtualbox.d\n"
	"cdrom=CWD/build/x86_64/vcts.iso\n"
	"serial=OUTPUT/logs/" CONFIG "-serial.txt\n"
	"cleanup() {\n"
	"\t\"$vboxmanage\" unregistervm \"$vm\" >/dev/null 2>&1 || true\n"
	"\t\"$vboxmanage\" closemedium dvd \"$cdrom\" >/dev/null 2>&1 || true\n"
	"\t\"$vboxmanage\" closemedium disk OUTPUT/images/scsi0.vmdk >/dev/null 2>&1 || true\n"
	"\trm -rf \"$base\"\n"
	"}\n"
	"trap cleanup EXIT\n"
	"\"$vboxmanage\" createvm --name \"$vm\" --ostype Other_64 --basefolder \"$base\" --register\n"
	"\"$vboxmanage\" modifyvm \"$vm\" --memory 128 --cpus 1 --chipset piix3 --firmware bios"
	" --ioapic on --boot1 dvd --boot2 none --boot3 none --boot4 none --audio none --usb off"
	" --uart1 0x3F8 4 --uartmode1 file \"$serial\"\n"
	"\"$vboxmanage\" modifyvm \"$vm\" --nic1 none\n"
	"\"$vboxmanage\" storagectl \"$vm\" --name IDE --add ide\n"
	"\"$vboxmanage\" storageattach \"$vm\" --storagectl IDE --port 0 --device 0 --type dvddrive"
	" --medium \"$cdrom\"\n"
	"\"$vboxmanage\" storagectl \"$vm\" --name VirtIO --add virtio --controller VirtIO\n"
	"\"$vboxmanage\" storageattach \"$vm\" --storagectl VirtIO --port 0 --device 0 --type hdd"
	" --medium OUTPUT/images/scsi0.vmdk\n"
	"\"$vboxheadless\" --startvm \"$vm\"\n";

/* 8 MiB: 16384 sectors, 16 cylinders of 16 heads and 63 sectors. */
static const char expected_vmdk[] =
	"# Disk DescriptorFile\n"
	"version=1\n"
	"CID=fffffffe\n"
	"parentCID=ffffffff\n"
	"createType=\"monolithicFlat\"\n"
	"\n"
	"# Extent description\n"
	"RW 16384 FLAT \"scsi0.img\" 0\n"
	"\n"
	"# The disk Data Base\n"
	"ddb.virtualHWVersion = \"4\"\n"
	"ddb.adapterType = \"lsilogic\"\n"
	"ddb.geometry.cylinders = \"16\"\n"
	"ddb.geometry.heads = \"16\"\n"
	"ddb.geometry.sectors = \"63\"\n";

static void test_scsi_sequence(void)
{
	struct profile_case pc;
	char *cmd, *text;

	OPEN(&pc, "--hypervisor", "virtualbox", "--transport", "pci-modern", "--devices", "scsi,net");
	CU_ASSERT_EQUAL(pc.matrix.configs[0].device_count, 1);
	cmd = profile_case_command(&pc, 0, "/usr/bin/VBoxManage", NULL);
	CU_ASSERT_STRING_EQUAL(cmd, "/bin/sh OUTPUT/logs/" CONFIG "-virtualbox.sh");
	text = profile_case_file(&pc, "logs/" CONFIG "-virtualbox.sh");
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_STRING_EQUAL(text, expected_script);
	free(text);
	text = profile_case_file(&pc, "images/scsi0.vmdk");
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_STRING_EQUAL(text, expected_vmdk);
	free(text);
	free(cmd);
	profile_case_close(&pc);
}

/* The transitional virtio-net, driven both ways, on ich9. */
static void test_net_transitional(void)
{
	struct profile_case pc;
	char *text;

	OPEN(&pc, "--hypervisor", "virtualbox", "--machine", "ich9", "--devices", "net,scsi");
	CU_ASSERT_EQUAL(pc.matrix.count, 2);
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[1].mode, "legacy");
	CU_ASSERT_EQUAL(pc.matrix.configs[1].device_count, 1);
	free(profile_case_command(&pc, 1, "VBoxManage", NULL));
	text = profile_case_file(&pc, "logs/virtualbox-x86_64-ich9-pci-transitional-legacy-"
				    "virtualbox.sh");
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, " --chipset ich9 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"$vboxmanage\" modifyvm \"$vm\" --nic1 null --nictype1 virtio"
					    " --macaddress1 525400123456 --cableconnected1 on\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "VirtIO"));
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(&pc.matrix.configs[1], "00:03.0"), "net0");
	free(text);
	profile_case_close(&pc);
}

static void test_console_file(void)
{
	struct profile_case pc;
	struct backend host = { .ops = &virtualbox_hypervisor };
	struct console_spec spec;
	struct vm_launch launch;

	OPEN(&pc, "--hypervisor", "virtualbox", "--transport", "pci-modern", "--devices", "scsi");
	launch = (struct vm_launch){ &host, &pc.matrix.configs[0], "images", false, "", NULL };
	virtualbox_hypervisor.console(&launch, &spec);
	CU_ASSERT_EQUAL(spec.route, CONSOLE_FILE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(spec.path);
	CU_ASSERT_PTR_NOT_NULL(strstr(spec.path, "/logs/" CONFIG "-serial.txt"));
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(&pc.matrix.configs[0], "00:0f.0"), "scsi0");
	free(spec.path);
	profile_case_close(&pc);
}

CU_TestInfo virtualbox_command_tests[] = {
	{ "virtio-scsi on pci-modern", test_scsi_sequence },
	{ "transitional virtio-net on ich9", test_net_transitional },
	{ "console into a file", test_console_file },
	CU_TEST_INFO_NULL,
};
