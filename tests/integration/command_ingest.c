/*
 * Integration tests of the generic backend and of ingestion: QEMU driven
 * through `--hypervisor command` with its x86_64 command line written as a
 * template, once per console route, must give the verdicts
 * `--hypervisor qemu` gives; and a run's own console logs, ingested, must
 * give the verdicts of the run.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vcts_run.h"

#define DEVICES "--devices rng,blk"
#define RESIZE "devices.blk.resize_raises_config_change"

/*
 * QEMU's x86_64 q35 line as the qemu backend spells it for pci-modern
 * with rng and blk (tests/unit/test_qemu_command.c pins that one), less
 * QMP (the command backend performs no host actions) and isa-debug-exit
 * (its VMs end the backend's default way, ACPI S5).
 */
static const char *qemu_template(char *buf, size_t size, const char *serial)
{
	const char *qboot = "/usr/share/qemu/qboot.rom";

	snprintf(buf, size,
		 "qemu-system-x86_64 -machine {machine} -accel {accel} -cpu max -m 128M -smp 1 "
		 "-nodefaults -no-user-config -display none -vga none %s%s "
		 "-kernel {kernel} -append {cmdline} -serial %s -monitor none "
		 "-no-reboot "
		 "-device virtio-rng-pci,disable-legacy=on,packed=on,addr={pci-slot:rng0} "
		 "-drive file={disk:blk0},format=raw,if=none,id=blk0,cache=unsafe "
		 "-device virtio-blk-pci,disable-legacy=on,packed=on,drive=blk0,serial={serial:blk0},"
		 "num-queues=2,discard=on,write-zeroes=on,addr={pci-slot:blk0} "
		 "-drive file={disk:blk1},format=raw,if=none,id=blk1,readonly=on "
		 "-device virtio-blk-pci,disable-legacy=on,packed=on,drive=blk1,serial={serial:blk1},"
		 "discard=on,write-zeroes=on,addr={pci-slot:blk1}",
		 access(qboot, R_OK) ? "" : "-bios ", access(qboot, R_OK) ? "" : qboot, serial);
	return buf;
}

static json_object *results_of(const struct run *run)
{
	json_object *results = NULL;

	if (run->results)
		json_object_object_get_ex(run->results, "results", &results);
	return results;
}

static json_object *find_pair(const struct run *run, const char *test, const char *device)
{
	json_object *results = results_of(run);

	for (size_t i = 0; results && i < json_object_array_length(results); i++) {
		json_object *r = json_object_array_get_idx(results, i);

		if (!strcmp(string_field(r, "test"), test) &&
		    !strcmp(config_field(r, "device"), device))
			return r;
	}
	return NULL;
}

/*
 * Does @got have the verdict of @want for every (test, device), and no
 * pair @want lacks? A pair whose test is @excused (NULL: none) may differ
 * only as @excused_verdict with @excused_message in its message. Returns
 * the number of pairs compared, -1 on the first difference (printed).
 */
static int same_verdicts(const struct run *want, const struct run *got, const char *excused,
			 const char *excused_verdict, const char *excused_message)
{
	json_object *results = results_of(want);
	size_t count = results ? json_object_array_length(results) : 0;
	json_object *other = results_of(got);

	if (!results || !other || json_object_array_length(other) != count) {
		fprintf(stderr, "\n%s: %zu results, %s: %zu\n", want->output, count, got->output,
			other ? json_object_array_length(other) : 0);
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		json_object *r = json_object_array_get_idx(results, i);
		const char *test = string_field(r, "test"), *device = config_field(r, "device");
		json_object *o = find_pair(got, test, device);
		const char *verdict = o ? string_field(o, "verdict") : "(none)";
		bool excusable = excused && !strcmp(test, excused) &&
				 !strcmp(verdict, excused_verdict) &&
				 strstr(string_field(o, "message"), excused_message);

		if (strcmp(verdict, string_field(r, "verdict")) && !excusable) {
			fprintf(stderr, "\n%s [%s]: %s in %s, %s in %s\n", test, device,
				string_field(r, "verdict"), want->output, verdict, got->output);
			return -1;
		}
	}
	return (int)count;
}

static struct run reference;	/* --hypervisor qemu, the same devices and kernel */

static void run_reference(void)
{
	char arguments[2048];

	snprintf(arguments, sizeof(arguments), "--kernel %s " DEVICES, kernel);
	run_vcts(&reference, "command-reference-qemu", "run", arguments);
}

static const struct {
	const char *route;	/* --console */
	const char *serial;	/* QEMU's -serial */
	const char *resize_says;	/* why the resize test skips */
} routes[] = {
	{ "stdio", "stdio", "command cannot perform host action 'blk-resize'" },
	{ "file", "file:{console-path}", "the console is output-only" },
	{ "unix", "unix:{console-path},server=on,wait=off",
	  "command cannot perform host action 'blk-resize'" },
	{ "pty", "pty", "command cannot perform host action 'blk-resize'" },
	{ "tcp", "tcp:{console-host}:{console-port},server=on,wait=off",
	  "command cannot perform host action 'blk-resize'" },
};

/*
 * The same verdicts per test and device as the qemu backend's, on every
 * route. The one test that needs a host action skips, saying why: the
 * command backend performs none, and a file console cannot carry one.
 */
static void test_command_backend_every_console(void)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(reference.results);
	CU_ASSERT_STRING_EQUAL(string_field(find_pair(&reference, RESIZE, "blk0"), "verdict"),
			       "pass");
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		char template[2048], arguments[4096], name[64];
		struct run run;

		snprintf(name, sizeof(name), "command-%s", routes[i].route);
		snprintf(arguments, sizeof(arguments),
			 "--hypervisor command --kernel %s " DEVICES " --console %s --command '%s'",
			 kernel, routes[i].route,
			 qemu_template(template, sizeof(template), routes[i].serial));
		run_vcts(&run, name, "run", arguments);
		CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
		CU_ASSERT_EQUAL(run.status, reference.status);
		CU_ASSERT(same_verdicts(&reference, &run, RESIZE, "skip",
					routes[i].resize_says) > 200);
		CU_ASSERT_STRING_EQUAL(string_field(find_pair(&run, RESIZE, "blk0"), "verdict"),
				       "skip");
		CU_ASSERT_STRING_EQUAL(string_field(find_pair(&run, "devices.blk.write_visible_on_host",
							     "blk0"), "verdict"), "pass");
		CU_ASSERT(run.stderr_text && !strstr(run.stderr_text, "does not match"));
		free_run(&run);
	}
}

/* A run's own log, ingested: the run's verdicts, with its disk images for the host checks. */
static void test_ingest_round_trip(void)
{
	char arguments[2048];
	struct run run;

	snprintf(arguments, sizeof(arguments),
		 "%s/logs/qemu-x86_64-q35-pci-modern-modern.log --images %s/images "
		 "--config qemu-x86_64-q35-pci-modern-modern", reference.output, reference.output);
	run_vcts(&run, "ingest-reference", "ingest", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT_EQUAL(run.status, reference.status);
	CU_ASSERT(same_verdicts(&reference, &run, NULL, NULL, NULL) > 200);
	CU_ASSERT_STRING_EQUAL(config_field(find_result(&run, "devices.rng.buffer_filled"),
					    "hypervisor"), "qemu");
	CU_ASSERT(file_exists(&run, "logs/qemu-x86_64-q35-pci-modern-modern.log"));
	CU_ASSERT(file_exists(&run, "report.html"));
	CU_ASSERT(file_exists(&run, "junit.xml"));
	free_run(&run);
	/* Without the images the host check cannot be made, and says so. */
	snprintf(arguments, sizeof(arguments),
		 "%s/logs/qemu-x86_64-q35-pci-modern-modern.log --config q", reference.output);
	run_vcts(&run, "ingest-no-images", "ingest", arguments);
	CU_ASSERT(same_verdicts(&reference, &run, "devices.blk.write_visible_on_host", "skip",
				"without the disk images") > 200);
	free_run(&run);
}

/*
 * The serial file of the command backend's file route is a console log
 * captured outside vcts, with nothing of the harness's in it: ingested,
 * it gives the verdicts of the run that wrote it.
 */
static void test_ingest_serial_file(void)
{
	char arguments[2048];
	struct run command = { 0 }, run;

	snprintf(command.output, sizeof(command.output), "%s/command-file", work);
	snprintf(arguments, sizeof(arguments), "%s/results.json", command.output);
	command.results = json_object_from_file(arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(command.results);
	snprintf(arguments, sizeof(arguments),
		 "%1$s/logs/command-x86_64-q35-pci-modern-modern-serial.txt --images %1$s/images "
		 "--config vbox-like --hypervisor virtualbox --machine pc", command.output);
	run_vcts(&run, "ingest-serial-file", "ingest", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run.results);
	CU_ASSERT(same_verdicts(&command, &run, NULL, NULL, NULL) > 200);
	CU_ASSERT_STRING_EQUAL(config_field(find_result(&run, "devices.rng.buffer_filled"),
					    "hypervisor"), "virtualbox");
	CU_ASSERT_STRING_EQUAL(config_field(find_result(&run, "devices.rng.buffer_filled"),
					    "transport"), "pci-modern");
	json_object_put(command.results);
	free_run(&run);
}

/*
 * A run with a failure and a crash: every VM's log ingested together
 * (the shell's glob order) gives the run's verdicts; the first VM's log
 * alone is cut off where the crash was, and what it planned after that is
 * not-run, as it would be live without a fresh VM.
 */
static void test_ingest_failure_and_crash(void)
{
	char arguments[2048];
	struct run live, all, first;

	snprintf(arguments, sizeof(arguments),
		 "--kernel %s " DEVICES " --filter 'modern.features.*,modern.ring.indirect_after_direct_read,"
		 "selftest.guest.crash_in_test,selftest.guest.ordinary_pass'", kernel);
	run_vcts(&live, "ingest-crash-live", "run", arguments);
	CU_ASSERT_PTR_NOT_NULL_FATAL(live.results);
	CU_ASSERT(count_results(&live, "selftest.guest.crash_in_test", "crash") >= 1);
	CU_ASSERT(count_results(&live, "modern.ring.indirect_after_direct_read", "fail") >= 1);
	CU_ASSERT(file_exists(&live, "logs/qemu-x86_64-q35-pci-modern-modern-resume1.log"));
	snprintf(arguments, sizeof(arguments),
		 "%s/logs/qemu-x86_64-q35-pci-modern-modern*.log --config x --images %s/images",
		 live.output, live.output);
	run_vcts(&all, "ingest-crash-all", "ingest", arguments);
	CU_ASSERT_EQUAL(all.status, live.status);
	CU_ASSERT(same_verdicts(&live, &all, NULL, NULL, NULL) > 10);
	snprintf(arguments, sizeof(arguments),
		 "%s/logs/qemu-x86_64-q35-pci-modern-modern.log --config x", live.output);
	run_vcts(&first, "ingest-crash-first", "ingest", arguments);
	CU_ASSERT_EQUAL(first.status, 1);
	CU_ASSERT(count_results(&first, "selftest.guest.crash_in_test", "crash") == 1);
	CU_ASSERT(count_results(&first, "selftest.guest.ordinary_pass", "not-run") >= 1);
	free_run(&live);
	free_run(&all);
	free_run(&first);
}

static bool one_line_error(const struct run *run, const char *says)
{
	const char *text = run->stderr_text ? run->stderr_text : "";

	return !strncmp(text, "vcts: ", 6) && strchr(text, '\n') == text + strlen(text) - 1 &&
	       strstr(text, says);
}

/* Not a log of ours: one line, nothing written. */
static void test_ingest_without_hello(void)
{
	struct run run;

	run_vcts(&run, "ingest-no-hello", "ingest", "--config x /etc/hostname");
	CU_ASSERT_EQUAL(run.status, 2);
	CU_ASSERT(one_line_error(&run, "no hello line of the vcts kernel"));
	CU_ASSERT(!file_exists(&run, "results.json"));
	free_run(&run);
}

static int setup_reference(void)
{
	run_reference();
	return 0;
}

static int release_reference(void)
{
	free_run(&reference);
	return 0;
}

void add_command_ingest_suite(void)
{
	CU_pSuite suite = CU_add_suite("command backend and ingest (vcts under QEMU)",
				       setup_reference, release_reference);

	CU_add_test(suite, "command backend: every console route", test_command_backend_every_console);
	CU_add_test(suite, "ingest: a run's own log", test_ingest_round_trip);
	CU_add_test(suite, "ingest: the file route's serial file", test_ingest_serial_file);
	CU_add_test(suite, "ingest: a failure and a crash", test_ingest_failure_and_crash);
	CU_add_test(suite, "ingest: no hello line", test_ingest_without_hello);
}
