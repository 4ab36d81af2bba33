/*
 * build/x86_64/vcts.iso (docs/boot-images.md) booted the four ways it is
 * made for: as a CD and as a hard disk, under SeaBIOS and under OVMF.
 * GRUB loads the kernel through multiboot2 with vcts.cmdline=ask; each
 * run must get the harness's command line (its seed and filter show in
 * the kernel's config line), give the rng and blk verdicts the default
 * image gives, lose none, and end by itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcts_run.h"

/* A seed other than the kernel's default: only the harness's answer carries it. */
#define ISO_RUN "--devices rng,blk --filter 'devices.rng.*,devices.blk.*' --baseline auto " \
		"--seed 7 --timeout 120"

/* The verdicts of the default image (multiboot through QEMU's -kernel). */
static char *reference_verdicts;
static size_t reference_count;

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "test device verdict" of every result, sorted, one a line. */
static char *verdicts_of(const struct run *run, size_t *count)
{
	json_object *results;
	size_t n, total = 1;
	char **lines, *text;

	*count = 0;
	if (!run->results || !json_object_object_get_ex(run->results, "results", &results))
		return calloc(1, 1);
	n = json_object_array_length(results);
	lines = calloc(n + 1, sizeof(*lines));
	for (size_t i = 0; i < n; i++) {
		json_object *result = json_object_array_get_idx(results, i);
		size_t size = strlen(string_field(result, "test")) +
			      strlen(config_field(result, "device")) +
			      strlen(string_field(result, "verdict")) + 4;

		lines[i] = malloc(size);
		snprintf(lines[i], size, "%s %s %s\n", string_field(result, "test"),
			 config_field(result, "device"), string_field(result, "verdict"));
		total += size;
	}
	qsort(lines, n, sizeof(*lines), compare_strings);
	text = calloc(1, total);
	for (size_t i = 0; i < n; i++) {
		strcat(text, lines[i]);
		free(lines[i]);
	}
	free(lines);
	*count = n;
	return text;
}

/* The first run record (NULL if none). */
static json_object *first_run(const struct run *run)
{
	json_object *runs;

	if (!run->results || !json_object_object_get_ex(run->results, "runs", &runs) ||
	    !json_object_array_length(runs))
		return NULL;
	return json_object_array_get_idx(runs, 0);
}

static const char *run_field(const struct run *run, const char *key)
{
	json_object *record = first_run(run);

	return record ? string_field(record, key) : "";
}

/* The kernel's line of @kind in the first VM's console log, or "" (free() it). */
static char *kernel_line(const struct run *run, const char *kind)
{
	char path[1024], prefix[64], *log, *start, *end, *line;

	snprintf(path, sizeof(path), "%s/%s", run->output, run_field(run, "log"));
	snprintf(prefix, sizeof(prefix), "@vcts %s ", kind);
	log = read_file(path);
	start = log ? strstr(log, prefix) : NULL;
	if (!start) {
		free(log);
		return calloc(1, 1);
	}
	end = strchr(start, '\n');
	line = strndup(start, end ? (size_t)(end - start) : strlen(start));
	free(log);
	return line;
}

static void test_reference_run(void)
{
	struct run run;

	run_vcts(&run, "iso-reference", "run", ISO_RUN);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	reference_verdicts = verdicts_of(&run, &reference_count);
	/* rng and blk on rng0, blk0 and blk1: dozens of pairs, xfails among them. */
	CU_ASSERT(reference_count >= 40);
	CU_ASSERT(count_results(&run, "devices.blk.", "xfail") >= 1);
	printf(" (%.1f s) ", run.seconds);
	free_run(&run);
}

static void check_iso_run(const char *medium, const char *firmware)
{
	char name[64], arguments[512], *verdicts, *hello, *config, *done;
	struct run run;
	size_t count;

	snprintf(name, sizeof(name), "%s-%s", medium, firmware);
	snprintf(arguments, sizeof(arguments), "--boot-image %s --firmware %s %s", medium,
		 firmware, ISO_RUN);
	run_vcts(&run, name, "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 0);
	/* The same verdicts on the same devices, none lost, none added. */
	verdicts = verdicts_of(&run, &count);
	CU_ASSERT_EQUAL(count, reference_count);
	CU_ASSERT_STRING_EQUAL(verdicts, reference_verdicts ? reference_verdicts : "");
	CU_ASSERT_EQUAL(count_results(&run, "", "not-run"), 0);
	/* GRUB entered through multiboot2, with the fixed command line of grub.cfg. */
	hello = kernel_line(&run, "hello");
	CU_ASSERT_PTR_NOT_NULL(strstr(hello, " boot=multiboot2 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(hello, " cmdline=vcts.cmdline%3Dask "));
	/* What the kernel ran is what the harness answered, not grub.cfg's words. */
	config = kernel_line(&run, "config");
	CU_ASSERT_PTR_NOT_NULL(strstr(config, " seed=7 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(config, " filter=devices.rng.*,devices.blk.* "));
	/*
	 * The VM ended by itself after `done`: by ACPI S5 (the ISO's exit is
	 * auto), through the RSDP GRUB gave in the multiboot2 tags.
	 */
	done = kernel_line(&run, "done");
	CU_ASSERT_PTR_NOT_NULL(strstr(done, " exit=acpi "));
	CU_ASSERT_STRING_EQUAL(run_field(&run, "ended"), "done");
	CU_ASSERT_STRING_EQUAL(config_field(first_run(&run), "boot_image"), medium);
	CU_ASSERT_STRING_EQUAL(config_field(first_run(&run), "firmware"), firmware);
	printf(" (%.1f s) ", run.seconds);
	free(done);
	free(config);
	free(hello);
	free(verdicts);
	free_run(&run);
}

/*
 * A crash in a VM booted from the ISO: the fresh VM that resumes after it
 * asks again and gets its own command line, with vcts.resume, so it runs
 * only what was left and nothing is lost.
 */
static void test_resume_after_crash(void)
{
	struct run run;

	run_vcts(&run, "iso-resume", "run",
		 "--boot-image iso-cdrom --firmware seabios --devices rng "
		 "--filter 'selftest.guest.crash_in_test,selftest.guest.ordinary_pass'");
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, 1);
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "selftest.guest.crash_in_test"),
					    "verdict"), "crash");
	CU_ASSERT_STRING_EQUAL(string_field(find_result(&run, "selftest.guest.ordinary_pass"),
					    "verdict"), "pass");
	CU_ASSERT_EQUAL(count_results(&run, "", "not-run"), 0);
	CU_ASSERT(file_exists(&run,
			      "logs/qemu-x86_64-q35-pci-modern-modern-iso-cdrom-seabios-resume1.log"));
	printf(" (%.1f s) ", run.seconds);
	free_run(&run);
}

static void test_cdrom_seabios(void)
{
	check_iso_run("iso-cdrom", "seabios");
}

static void test_disk_seabios(void)
{
	check_iso_run("iso-disk", "seabios");
}

static void test_cdrom_ovmf(void)
{
	check_iso_run("iso-cdrom", "ovmf");
}

static void test_disk_ovmf(void)
{
	check_iso_run("iso-disk", "ovmf");
}

void add_iso_tests(CU_pSuite suite)
{
	CU_add_test(suite, "ISO: the default image's verdicts", test_reference_run);
	CU_add_test(suite, "ISO: CD under SeaBIOS", test_cdrom_seabios);
	CU_add_test(suite, "ISO: disk under SeaBIOS", test_disk_seabios);
	CU_add_test(suite, "ISO: CD under OVMF", test_cdrom_ovmf);
	CU_add_test(suite, "ISO: disk under OVMF", test_disk_ovmf);
	CU_add_test(suite, "ISO: a crash costs one result", test_resume_after_crash);
}
