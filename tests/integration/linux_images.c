/*
 * The Linux boot protocol images (docs/boot-images.md) booted for real:
 * vcts-bzImage through QEMU's 16-bit Linux loader on q35 (pci-modern) and
 * microvm (mmio-v2, whose virtio_mmio.device= words reach the kernel
 * through cmd_line_ptr), through its 64-bit and 32-bit entries from the
 * stand-in loader (tests/boot/), and vcts-Image on aarch64 virt, entered in EL1
 * by vcts and in EL2 by QEMU directly. Each runs the rng and blk tests and
 * must give the verdicts of the default image, lose nothing, and say
 * boot=linux in its hello line.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "vcts_run.h"

#define DEVICE_TESTS	"--devices rng,blk --filter 'devices.rng.*,devices.blk.*' --baseline auto"
#define X86_TRANSPORTS	"--transport pci-modern,mmio-v2"

static const char *bzimage, *arm64_image, *linux_loader;

/* Verdicts that mean a run lost a result (DESIGN, "The result line protocol"). */
static const char *const lost_verdicts[] = { "not-run", "crash", "timeout", "error" };

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * One line per rng and blk result of @run on @transport: "test device
 * transport mode verdict", sorted and joined. free() it.
 */
static char *verdict_list(const struct run *run, const char *transport)
{
	json_object *results;
	size_t count = 0, size = 1;
	char **lines, *joined;

	if (!run->results || !json_object_object_get_ex(run->results, "results", &results))
		return strdup("");
	lines = calloc(json_object_array_length(results) + 1, sizeof(*lines));
	for (size_t i = 0; i < json_object_array_length(results); i++) {
		json_object *result = json_object_array_get_idx(results, i);
		const char *test = string_field(result, "test");
		char line[512];

		if (strcmp(config_field(result, "transport"), transport) ||
		    (strncmp(test, "devices.rng.", 12) && strncmp(test, "devices.blk.", 12)))
			continue;
		snprintf(line, sizeof(line), "%s %s %s %s %s\n", test,
			 config_field(result, "device"), config_field(result, "transport"),
			 config_field(result, "mode"), string_field(result, "verdict"));
		lines[count++] = strdup(line);
		size += strlen(line);
	}
	qsort(lines, count, sizeof(*lines), compare_strings);
	joined = calloc(1, size);
	for (size_t i = 0; i < count; i++) {
		strcat(joined, lines[i]);
		free(lines[i]);
	}
	free(lines);
	return joined;
}

/* @run's verdicts on @transport are @reference's, and there are some. */
static void check_same_verdicts(const struct run *run, const struct run *reference,
				const char *transport)
{
	char *got = verdict_list(run, transport), *want = verdict_list(reference, transport);

	CU_ASSERT(strlen(want) > 0);
	CU_ASSERT_STRING_EQUAL(got, want);
	if (strcmp(got, want))
		fprintf(stderr, "\n--- %s verdicts:\n%s--- default image's:\n%s", run->output, got,
			want);
	free(got);
	free(want);
}

static void check_nothing_lost(const struct run *run)
{
	for (size_t i = 0; i < sizeof(lost_verdicts) / sizeof(lost_verdicts[0]); i++)
		CU_ASSERT_EQUAL(count_results(run, "", lost_verdicts[i]), 0);
}

/* Every log @run's results name has a hello line with " boot=@protocol ". */
static void check_boot_protocol(const struct run *run, const char *protocol)
{
	json_object *results;
	char expected[64];
	const char *previous = "";

	snprintf(expected, sizeof(expected), " boot=%s ", protocol);
	CU_ASSERT_FATAL(run->results &&
			json_object_object_get_ex(run->results, "results", &results));
	for (size_t i = 0; i < json_object_array_length(results); i++) {
		const char *name = string_field(json_object_array_get_idx(results, i), "log");
		char path[1024], *log, *hello;

		if (!strcmp(name, previous))
			continue;	/* one check per log */
		previous = name;
		snprintf(path, sizeof(path), "%s/%s", run->output, name);
		log = read_file(path);
		hello = log ? strstr(log, "@vcts hello ") : NULL;
		CU_ASSERT_PTR_NOT_NULL(hello);
		if (hello) {
			*strchrnul(hello, '\n') = 0;
			CU_ASSERT_PTR_NOT_NULL(strstr(hello, expected));
		}
		free(log);
	}
}

/*
 * The default images' verdicts: the every-transport run of run_vcts.c
 * (work/@every_transport, rng and blk on every transport, registered
 * before these tests), or, when run alone, a run of our own.
 */
static void reference_run(struct run *run, const char *every_transport, const char *name,
			  const char *arguments)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s/results.json", work, every_transport);
	memset(run, 0, sizeof(*run));
	run->results = json_object_from_file(path);
	if (run->results) {
		snprintf(run->output, sizeof(run->output), "%s/%s", work, every_transport);
		return;
	}
	run_vcts(run, name, "run", arguments);
}

static struct run x86_reference;

static void test_bzimage_q35_and_microvm(void)
{
	struct run run;

	reference_run(&x86_reference, "all-transports", "linux-reference-x86_64",
		      X86_TRANSPORTS " " DEVICE_TESTS);
	CU_ASSERT_EQUAL_FATAL(x86_reference.status, 0);
	/* --boot-image boots build/x86_64/vcts-bzImage (--kernel names default images only). */
	run_vcts(&run, "linux-bzimage", "run", "--boot-image linux " X86_TRANSPORTS " " DEVICE_TESTS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_same_verdicts(&run, &x86_reference, "pci-modern");
	check_same_verdicts(&run, &x86_reference, "mmio-v2");
	check_nothing_lost(&run);
	check_boot_protocol(&run, "linux");
	/* The q35 and microvm configurations say which image they booted. */
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-q35-pci-modern-modern-linux.log"));
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-microvm-mmio-v2-modern-linux.log"));
	free_run(&run);
}

/* The stand-in loader (tests/boot/) with @words on its command line, on q35. */
static void check_loader_run(const char *name, const char *words)
{
	char arguments[1024];
	struct run run;

	snprintf(arguments, sizeof(arguments), "--kernel %s %s %s", linux_loader, words,
		 DEVICE_TESTS);
	run_vcts(&run, name, "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_same_verdicts(&run, &x86_reference, "pci-modern");
	check_nothing_lost(&run);
	check_boot_protocol(&run, "linux");
	free_run(&run);
}

/* The 64-bit entry, loaded at 2 MiB as crosvm does: it moves itself to 1 MiB. */
static void test_bzimage_64bit_entry(void)
{
	check_loader_run("linux-bzimage-64bit-entry", "");
}

/* The 32-bit entry with a loader's boot_params, as cloud-hypervisor enters it. */
static void test_bzimage_32bit_entry(void)
{
	check_loader_run("linux-bzimage-32bit-entry", "--kernel-arg linux-loader.entry=32");
	free_run(&x86_reference);	/* the last run compared with it */
}

static void test_arm64_image(void)
{
	struct run reference, run;

	reference_run(&reference, "aarch64-all-transports", "linux-reference-aarch64",
		      "--arch aarch64 " DEVICE_TESTS);
	CU_ASSERT_EQUAL_FATAL(reference.status, 0);
	run_vcts(&run, "linux-arm64-image", "run",
		 "--arch aarch64 --boot-image arm64-image " DEVICE_TESTS);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	check_same_verdicts(&run, &reference, "pci-modern");
	check_nothing_lost(&run);
	check_boot_protocol(&run, "linux");
	CU_ASSERT(file_exists(&run, "logs/qemu-aarch64-virt-pci-modern-modern-arm64-image.log"));
	free_run(&reference);
	free_run(&run);
}

/*
 * EL2 entry (virt,virtualization=on), which vcts's machine table does not
 * offer: QEMU directly. The rng tests pass, and a guest exception becomes
 * a crash line through VBAR_EL1, which only happens once boot.S has
 * dropped to EL1 (a kernel left in EL2 would take it through VBAR_EL2);
 * semihosting's exit status says crash (2). A guest that never ends is
 * stopped after 60 s (status 124).
 */
static int count_lines_with(const char *text, const char *needle)
{
	int count = 0;

	for (const char *p = text; (p = strstr(p, needle)); p++)
		count++;
	return count;
}

static void test_arm64_image_at_el2(void)
{
	char shell[4096], path[1024], *console;
	int raw;

	snprintf(path, sizeof(path), "%s/linux-arm64-image-el2", work);
	snprintf(shell, sizeof(shell),
		 "mkdir -p '%s' && timeout 60 qemu-system-aarch64 "
		 "-machine virt,virtualization=on,gic-version=3 -accel tcg -cpu cortex-a57 "
		 "-m 128M -nodefaults -no-user-config -display none -kernel '%s' "
		 "-append 'vcts.filter=devices.rng.*,selftest.guest.crash_in_test "
		 "vcts.exit=semihosting' -serial stdio -monitor none -semihosting -no-reboot "
		 "-device virtio-rng-pci,addr=0x3 "
		 ">'%s/console.txt' 2>&1 </dev/null", path, arm64_image, path);
	strcat(path, "/console.txt");
	raw = system(shell);
	console = read_file(path);
	CU_ASSERT(WIFEXITED(raw) && WEXITSTATUS(raw) == 2);
	CU_ASSERT_FATAL(console != NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(console, " boot=linux "));
	CU_ASSERT_EQUAL(count_lines_with(console, " verdict=pass "), 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(console, "@vcts crash test=selftest.guest.crash_in_test "));
	CU_ASSERT_PTR_NOT_NULL(strstr(console, " name=data%20abort "));
	free(console);
}

static void check_environment(void)
{
	CU_ASSERT_FATAL(bzimage && arm64_image && linux_loader);
}

void add_linux_image_tests(CU_pSuite suite)
{
	bzimage = getenv("VCTS_BZIMAGE");
	arm64_image = getenv("VCTS_IMAGE_AARCH64");
	linux_loader = getenv("VCTS_LINUX_LOADER");
	if (!bzimage || !arm64_image || !linux_loader) {
		CU_add_test(suite, "Linux images: VCTS_BZIMAGE, VCTS_IMAGE_AARCH64, "
			    "VCTS_LINUX_LOADER set", check_environment);
		return;
	}
	CU_add_test(suite, "Linux images: bzImage on q35 and microvm", test_bzimage_q35_and_microvm);
	CU_add_test(suite, "Linux images: bzImage 64-bit entry", test_bzimage_64bit_entry);
	CU_add_test(suite, "Linux images: bzImage 32-bit entry", test_bzimage_32bit_entry);
	CU_add_test(suite, "Linux images: arm64 Image", test_arm64_image);
	CU_add_test(suite, "Linux images: arm64 Image at EL2", test_arm64_image_at_el2);
}
