/*
 * QEMU standing in for the profiles (hypervisors/profiles/stand_in.c):
 * the configurations it becomes (name, machine, image, who ran it), the
 * QEMU command line with the profile's console route, what prepare()
 * says when the profile's image is not built, runs[].stand_in_for
 * through results.json and back, and `list --hypervisors --json`.
 */
#include <CUnit/CUnit.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "cli/list_hypervisors.h"
#include "hypervisors/profiles/stand_in.h"
#include "hypervisors/qemu/qemu.h"
#include "plan/boot_image.h"
#include "profile_case.h"
#include "results/results_read.h"

#define OPEN(pc, ...) profile_case_open(pc, (const char *const[]){ __VA_ARGS__, NULL })

static void test_firecracker_on_microvm(void)
{
	struct profile_case pc;
	const struct vcts_config *c;
	char *cmd;

	OPEN(&pc, "--hypervisor", "firecracker", "--stand-in", "--devices", "rng,blk");
	c = &pc.matrix.configs[0];
	CU_ASSERT_STRING_EQUAL(c->name, "qemu-x86_64-microvm-mmio-v2-modern-as-firecracker");
	CU_ASSERT_STRING_EQUAL(c->hypervisor, "qemu");
	CU_ASSERT_STRING_EQUAL(c->stand_in_for, "firecracker");
	CU_ASSERT_STRING_EQUAL(c->machine, "microvm");
	CU_ASSERT_STRING_EQUAL(c->boot_image->name, "pvh");
	CU_ASSERT_STRING_EQUAL(c->exit_method, "reset");
	CU_ASSERT_PTR_EQUAL(stand_in_profile(c->hypervisor_ops), hypervisor_find("firecracker"));
	/* QEMU's microvm layout: the plan places the devices as on QEMU. */
	CU_ASSERT_STRING_EQUAL(profile_case_name_at(c, "mmio@0xfeb00e00"), "rng0");
	cmd = profile_case_command(&pc, 0, "/usr/bin/qemu-system-x86_64", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -machine microvm,acpi=off "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -kernel build/x86_64/vcts-kernel-pvh.elf "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -serial stdio "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -global virtio-mmio.force-legacy=false "));
	free(cmd);
	profile_case_close(&pc);
}

/* cloud-hypervisor: PVH on q35, qboot before it, modern-only devices. */
static void test_cloud_hypervisor_on_q35(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "cloud-hypervisor", "--stand-in", "--devices", "rng");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[0].name,
			       "qemu-x86_64-q35-pci-modern-modern-as-cloud-hypervisor");
	cmd = profile_case_command(&pc, 0, "qemu-system-x86_64", "/usr/share/qemu/qboot.rom");
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -machine q35 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -bios /usr/share/qemu/qboot.rom "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -kernel build/x86_64/vcts-kernel-pvh.elf "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "virtio-rng-pci,disable-legacy=on,"));
	free(cmd);
	profile_case_close(&pc);
}

/* VirtualBox's piix3 is QEMU's pc, its COM1 a file; vmm's console a pty. */
static void test_console_routes(void)
{
	struct profile_case pc;
	char *cmd;

	OPEN(&pc, "--hypervisor", "virtualbox", "--stand-in", "--devices", "net");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[0].machine, "pc");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[0].kernel, "build/x86_64/vcts.iso");
	CU_ASSERT_STRING_EQUAL(pc.matrix.configs[0].firmware, "seabios");
	cmd = profile_case_command(&pc, 0, "qemu-system-x86_64", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -serial file:OUTPUT/logs/"
				      "qemu-x86_64-pc-pci-transitional-modern-as-virtualbox-serial.txt "));
	CU_ASSERT_PTR_NULL(strstr(cmd, " -bios "));
	free(cmd);
	profile_case_close(&pc);
	OPEN(&pc, "--hypervisor", "vmm", "--stand-in", "--devices", "rng");
	cmd = profile_case_command(&pc, 0, "qemu-system-x86_64", NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " -serial pty "));
	free(cmd);
	profile_case_close(&pc);
}

static void test_missing_image(void)
{
	struct profile_case pc;
	const struct vcts_config *c;
	struct backend b = { 0 };
	char *said, *expected;

	OPEN(&pc, "--hypervisor", "kvmtool", "--stand-in", "--devices", "rng");
	c = &pc.matrix.configs[0];
	b.ops = c->hypervisor_ops;
	b.arch = hypervisor_arch(c->hypervisor_ops, c->arch);
	empty_directory_enter();
	stderr_capture_begin();
	CU_ASSERT_EQUAL(b.ops->prepare(&b, NULL, NULL), -1);
	said = stderr_capture_end();
	empty_directory_leave();
	expected = xasprintf("vcts: the kvmtool stand-in boots the linux image on x86_64 (%s): "
			     "build/x86_64/vcts-bzImage is not built (build it with 'make')\n",
			     boot_image_find("linux")->description);
	CU_ASSERT_STRING_EQUAL(said, expected);
	free(expected);
	CU_ASSERT_PTR_NULL(b.binary);
	b.ops->release(&b);
	free(said);
	profile_case_close(&pc);
}

/*
 * A console that cannot carry the command line the ISO asks for (VirtualBox's
 * serial file) stops the stand-in before it files results under the wrong
 * configuration.
 */
static void test_unread_console(void)
{
	struct profile_case pc;
	struct backend b = { 0 };
	char *said;

	OPEN(&pc, "--hypervisor", "virtualbox", "--stand-in", "--devices", "net");
	b.ops = pc.matrix.configs[0].hypervisor_ops;
	b.arch = hypervisor_arch(b.ops, "x86_64");
	stderr_capture_begin();
	CU_ASSERT_EQUAL(b.ops->prepare(&b, NULL, NULL), -1);
	said = stderr_capture_end();
	CU_ASSERT_STRING_EQUAL(said, "vcts: the virtualbox stand-in: its console is a file, which "
			       "cannot carry the command line the iso-cdrom image asks for "
			       "(see docs/hypervisors/virtualbox.md)\n");
	b.ops->release(&b);
	free(said);
	profile_case_close(&pc);
}

/* QEMU itself has no stand-in; a stand-in's firmware is of the profile's family. */
static void test_stand_in_rules(void)
{
	struct options opts;
	char err[256];

	options_init(&opts);
	CU_ASSERT_EQUAL(options_parse(&opts, 3, (char *[]){ "vcts", "run", "--stand-in", NULL },
				      err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "--stand-in: qemu runs itself; QEMU stands in for the profiles "
			       "(see docs/hypervisors.md)");
	options_free(&opts);
	options_init(&opts);
	CU_ASSERT_EQUAL(options_parse(&opts, 8, (char *[]){ "vcts", "run", "--hypervisor", "crosvm",
				      "--devices", "rng", "--device-property", "rng.max-bytes=1", NULL },
				      err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "--device-property sets properties of QEMU's devices, and crosvm "
			       "runs its own (with --stand-in QEMU runs)");
	options_free(&opts);
	CU_ASSERT_STRING_EQUAL(stand_in_firmware("x86_64", FIRMWARE_NONE), "qboot");
	CU_ASSERT_STRING_EQUAL(stand_in_firmware("aarch64", FIRMWARE_NONE), "none");
	CU_ASSERT_STRING_EQUAL(stand_in_firmware("x86_64", FIRMWARE_OVMF), "ovmf");
	{
		char *pty = stand_in_serial(CONSOLE_PTY, NULL);

		CU_ASSERT_STRING_EQUAL(pty, "pty");
		free(pty);
	}
}

static const char *string_or_none(json_object *value)
{
	const char *s = value ? json_object_get_string(value) : NULL;

	return s ? s : "(none)";
}

/* runs[].stand_in_for is written, and read back onto the configuration. */
static void test_results_round_trip(void)
{
	struct profile_case pc;
	struct report report = { 0 };
	struct loaded_results lr;
	char err[256], *text;
	json_object *root, *runs;

	OPEN(&pc, "--hypervisor", "firecracker", "--stand-in", "--devices", "rng");
	report_add_run(&report, &pc.matrix.configs[0]);
	text = report_json_text(&report);
	root = json_tokener_parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT(json_object_object_get_ex(root, "runs", &runs));
	CU_ASSERT_STRING_EQUAL(string_or_none(json_object_object_get(
		json_object_array_get_idx(runs, 0), "stand_in_for")), "firecracker");
	CU_ASSERT_EQUAL(results_parse(&lr, "results.json", text, strlen(text), err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(lr.report.runs[0]->config->stand_in_for ?
			       lr.report.runs[0]->config->stand_in_for : "(none)", "firecracker");
	CU_ASSERT_STRING_EQUAL(lr.report.runs[0]->config->hypervisor, "qemu");
	results_release(&lr);
	json_object_put(root);
	free(text);
	report_free(&report);
	profile_case_close(&pc);
}

static json_object *hypervisor_named(json_object *list, const char *name)
{
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *h = json_object_array_get_idx(list, i);

		if (!strcmp(json_object_get_string(json_object_object_get(h, "name")), name))
			return h;
	}
	return NULL;
}

static void test_list_json(void)
{
	char *text = list_hypervisors_json_text();
	json_object *root = json_tokener_parse(text);
	json_object *list, *fc, *vbox, *arch;

	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	list = json_object_object_get(root, "hypervisors");
	CU_ASSERT_EQUAL(json_object_array_length(list), 9);
	fc = hypervisor_named(list, "firecracker");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fc);
	CU_ASSERT_STRING_EQUAL(json_object_get_string(json_object_object_get(fc, "console")), "stdio");
	arch = json_object_array_get_idx(json_object_object_get(fc, "arches"), 0);
	CU_ASSERT_STRING_EQUAL(json_object_get_string(json_object_object_get(arch, "boot_image")), "pvh");
	CU_ASSERT_PTR_NOT_NULL(strstr(json_object_get_string(json_object_object_get(arch, "stand_in")),
				      "QEMU microvm for mmio-v2, q35 for pci-modern; the pvh image; "
				      "qboot firmware; exit reset; its image is built"));
	vbox = hypervisor_named(list, "virtualbox");
	CU_ASSERT_PTR_NOT_NULL_FATAL(vbox);
	CU_ASSERT_STRING_EQUAL(json_object_to_json_string(json_object_object_get(
		json_object_object_get(vbox, "devices"), "scsi")), "[ \"pci-modern\" ]");
	CU_ASSERT_EQUAL(json_object_array_length(json_object_object_get(
		hypervisor_named(list, "qemu"), "host_actions")) > 0, 1);
	json_object_put(root);
	free(text);
}

CU_TestInfo stand_in_command_tests[] = {
	{ "Firecracker on microvm", test_firecracker_on_microvm },
	{ "cloud-hypervisor on q35", test_cloud_hypervisor_on_q35 },
	{ "console routes", test_console_routes },
	{ "image not built", test_missing_image },
	{ "a file console and the ISO", test_unread_console },
	{ "rules", test_stand_in_rules },
	{ "results.json round trip", test_results_round_trip },
	{ "list --hypervisors --json", test_list_json },
	CU_TEST_INFO_NULL,
};
