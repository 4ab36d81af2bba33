/*
 * The stand-ins whose boot image exists today, run for real: QEMU as
 * Firecracker (PVH on microvm with virtio-mmio v2, and on q35 with
 * modern virtio-pci), as cloud-hypervisor (PVH on q35, modern
 * virtio-pci) and as bhyve (the ISO as a CD under OVMF on q35, legacy
 * virtio-pci), as kvmtool (the bzImage) and as Firecracker on aarch64 (the
 * arm64 Image), rng and blk, a few tests each. Every result names QEMU
 * and the profile. Then the ones that cannot run here, each in one line:
 * a stand-in whose console cannot carry the command line, a profile whose
 * program is absent.
 */
#include <stdlib.h>
#include <string.h>

#include "vcts_run.h"

#define STAND_IN_FILTER "--devices rng,blk --baseline auto --filter " \
	"'devices.rng.buffer_filled,devices.blk.write_then_read_roundtrip," \
	"devices.blk.write_visible_on_host'"

/* Every run of @run stood in for @profile, and QEMU ran it. */
static void check_runs(const struct run *run, const char *profile)
{
	json_object *runs;

	CU_ASSERT_FATAL(json_object_object_get_ex(run->results, "runs", &runs));
	CU_ASSERT(json_object_array_length(runs) > 0);
	for (size_t i = 0; i < json_object_array_length(runs); i++) {
		json_object *r = json_object_array_get_idx(runs, i);
		json_object *config = json_object_object_get(r, "config");
		const char *name = string_field(config, "name");

		CU_ASSERT_STRING_EQUAL(string_field(r, "stand_in_for"), profile);
		CU_ASSERT_STRING_EQUAL(string_field(config, "hypervisor"), "qemu");
		CU_ASSERT_PTR_NOT_NULL(strstr(string_field(r, "hypervisor_version"), "QEMU"));
		CU_ASSERT(strlen(name) > strlen(profile) &&
			  !strcmp(name + strlen(name) - strlen(profile), profile));
	}
}

static void test_firecracker_stand_in(void)
{
	struct run run;

	run_vcts(&run, "stand-in-firecracker", "run",
		 "--hypervisor firecracker --stand-in --transport all " STAND_IN_FILTER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_runs(&run, "firecracker");
	CU_ASSERT_EQUAL(count_in_config(&run, "devices.", "pass", "mmio-v2", "modern"), 3);
	CU_ASSERT_EQUAL(count_in_config(&run, "devices.", "pass", "pci-modern", "modern"), 3);
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-microvm-mmio-v2-modern-as-firecracker.log"));
	free_run(&run);
}

/* bhyve: the ISO as a CD under OVMF (q35), legacy-only virtio-pci. */
static void test_bhyve_stand_in(void)
{
	struct run run;
	json_object *runs, *config;

	run_vcts(&run, "stand-in-bhyve", "run", "--hypervisor bhyve --stand-in " STAND_IN_FILTER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_runs(&run, "bhyve");
	CU_ASSERT_EQUAL(count_in_config(&run, "devices.", "pass", "pci-legacy", "legacy"), 3);
	CU_ASSERT_FATAL(json_object_object_get_ex(run.results, "runs", &runs));
	config = json_object_object_get(json_object_array_get_idx(runs, 0), "config");
	CU_ASSERT_STRING_EQUAL(string_field(config, "boot_image"), "iso-cdrom");
	CU_ASSERT_STRING_EQUAL(string_field(config, "firmware"), "ovmf");
	free_run(&run);
}

static void test_cloud_hypervisor_stand_in(void)
{
	struct run run;

	run_vcts(&run, "stand-in-cloud-hypervisor", "run",
		 "--hypervisor cloud-hypervisor --stand-in " STAND_IN_FILTER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_runs(&run, "cloud-hypervisor");
	CU_ASSERT_EQUAL(count_results(&run, "devices.", "pass"), 3);
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "devices.blk.write_visible_on_host"),
					    "verdict"), "pass");
	free_run(&run);
}

/*
 * The Linux boot protocol image and the arm64 Image: QEMU as kvmtool
 * (legacy-only virtio-pci on q35, the keyboard controller's reset) and as
 * Firecracker on aarch64 (virtio-mmio v2 on virt, PSCI).
 */
static void test_linux_images_stand_ins(void)
{
	struct run run;

	run_vcts(&run, "stand-in-kvmtool", "run",
		 "--hypervisor kvmtool --stand-in --transport pci-legacy " STAND_IN_FILTER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_runs(&run, "kvmtool");
	CU_ASSERT_EQUAL(count_in_config(&run, "devices.", "pass", "pci-legacy", "legacy"), 3);
	free_run(&run);
	run_vcts(&run, "stand-in-firecracker-aarch64", "run",
		 "--hypervisor firecracker --stand-in --arch aarch64 " STAND_IN_FILTER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_runs(&run, "firecracker");
	CU_ASSERT_EQUAL(count_in_config(&run, "devices.", "pass", "mmio-v2", "modern"), 3);
	free_run(&run);
}

/* A stand-in whose console cannot carry the ISO's command line, a profile without its program. */
static void test_what_cannot_run_here(void)
{
	struct run run;

	run_vcts(&run, "stand-in-file-console", "run", "--hypervisor virtualbox --stand-in");
	CU_ASSERT_EQUAL(run.status, 2);
	CU_ASSERT_STRING_EQUAL(run.stderr_text ? run.stderr_text : "",
			       "vcts: the virtualbox stand-in: its console is a file, which cannot carry "
			       "the command line the iso-cdrom image asks for "
			       "(see docs/hypervisors/virtualbox.md)\n");
	free_run(&run);
	run_vcts(&run, "profile-no-program", "run", "--hypervisor firecracker");
	CU_ASSERT_EQUAL(run.status, 2);
	CU_ASSERT_STRING_EQUAL(run.stderr_text ? run.stderr_text : "",
			       "vcts: firecracker not found on PATH (see docs/hypervisors/firecracker.md)\n");
	free_run(&run);
}

void add_stand_in_tests(CU_pSuite suite)
{
	CU_add_test(suite, "stand-in: Firecracker (microvm mmio-v2, q35 pci-modern)",
		    test_firecracker_stand_in);
	CU_add_test(suite, "stand-in: cloud-hypervisor (q35 pci-modern)",
		    test_cloud_hypervisor_stand_in);
	CU_add_test(suite, "stand-in: bhyve (the ISO under OVMF, pci-legacy)", test_bhyve_stand_in);
	CU_add_test(suite, "stand-in: kvmtool (bzImage) and Firecracker on aarch64 (Image)",
		    test_linux_images_stand_ins);
	CU_add_test(suite, "stand-in and profile that cannot run here", test_what_cannot_run_here);
}
