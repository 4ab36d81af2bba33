/*
 * Option parsing. Everything the user can get wrong is caught here, before
 * any VM starts, and explained in one line.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plan/config.h"
#include "cli/options.h"

enum long_only_option {
	OPT_HYPERVISOR = 256,
	OPT_ARCH,
	OPT_MACHINE,
	OPT_TRANSPORT,
	OPT_DEVICES,
	OPT_DEVICE_PROPERTY,
	OPT_FILTER,
	OPT_SEED,
	OPT_ACCEL,
	OPT_TIMEOUT,
	OPT_OUTPUT,
	OPT_KERNEL,
	OPT_KERNEL_PVH,
	OPT_BOOT_IMAGE,
	OPT_FIRMWARE,
	OPT_QEMU,
	OPT_KERNEL_ARG,
	OPT_EXIT,
	OPT_VERBOSE,
	OPT_QUIET,
	OPT_BASELINE,
	OPT_RETRIES,
	OPT_RESULTS,
	OPT_SPEC,
	OPT_EXTRACT,
	OPT_JSON,
	OPT_COMMAND,
	OPT_CONSOLE,
	OPT_CONFIG,
	OPT_IMAGES,
	OPT_HYPERVISOR_BINARY,
	OPT_STAND_IN,
	OPT_HYPERVISORS,
};

static const struct option long_options[] = {
	{ "hypervisor", required_argument, NULL, OPT_HYPERVISOR },
	{ "arch", required_argument, NULL, OPT_ARCH },
	{ "machine", required_argument, NULL, OPT_MACHINE },
	{ "transport", required_argument, NULL, OPT_TRANSPORT },
	{ "devices", required_argument, NULL, OPT_DEVICES },
	{ "device-property", required_argument, NULL, OPT_DEVICE_PROPERTY },
	{ "filter", required_argument, NULL, OPT_FILTER },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "accel", required_argument, NULL, OPT_ACCEL },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "kernel-pvh", required_argument, NULL, OPT_KERNEL_PVH },
	{ "boot-image", required_argument, NULL, OPT_BOOT_IMAGE },
	{ "firmware", required_argument, NULL, OPT_FIRMWARE },
	{ "qemu", required_argument, NULL, OPT_QEMU },
	{ "kernel-arg", required_argument, NULL, OPT_KERNEL_ARG },
	{ "exit", required_argument, NULL, OPT_EXIT },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "quiet", no_argument, NULL, OPT_QUIET },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "results", required_argument, NULL, OPT_RESULTS },
	{ "spec", required_argument, NULL, OPT_SPEC },
	{ "extract", required_argument, NULL, OPT_EXTRACT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "command", required_argument, NULL, OPT_COMMAND },
	{ "console", required_argument, NULL, OPT_CONSOLE },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "images", required_argument, NULL, OPT_IMAGES },
	{ "hypervisor-binary", required_argument, NULL, OPT_HYPERVISOR_BINARY },
	{ "stand-in", no_argument, NULL, OPT_STAND_IN },
	{ "hypervisors", no_argument, NULL, OPT_HYPERVISORS },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
"usage: vcts run [options]     boot the test kernel and run the tests\n"
"       vcts list [options]    list the tests the kernel knows\n"
"       vcts report [--results FILE] [--output DIR]\n"
"                              write every report format from a results.json\n"
"       vcts compare BASELINE [BASELINE...] RESULTS [--output FILE]\n"
"                              regressions and fixes against a baseline (or\n"
"                              an earlier results.json), as Markdown; with\n"
"                              several baselines each judges its arch\n"
"       vcts coverage [--spec FILE|DIR] [--results FILE] [--output FILE]\n"
"                              spec sections the tests check (docs/coverage.md)\n"
"       vcts coverage --extract DIR [--output FILE]\n"
"                              list the device-normative sections of a spec\n"
"       vcts ingest LOG... --config NAME [--output DIR]\n"
"                              results and every report from console logs\n"
"                              captured elsewhere (docs/ingest.md)\n"
"       vcts --help | help     this text\n"
"       vcts --version\n"
"\n"
"options of run, list and coverage (which boots the kernel like list):\n"
"  --hypervisor NAME        qemu, command (with --command), bhyve, vmm,\n"
"                           virtualbox, firecracker, cloud-hypervisor, kvmtool,\n"
"                           crosvm (default qemu; docs/hypervisors.md)\n"
"  --command TEMPLATE       with --hypervisor command: the hypervisor's\n"
"                           argument template, {placeholders} filled in\n"
"                           (docs/hypervisors/command.md)\n"
"  --console ROUTE[:ADDR]   with --hypervisor command: where the command puts\n"
"                           the serial console: stdio (default), file[:PATH],\n"
"                           unix[:PATH], pty[:PATH], tcp[:[HOST:]PORT]\n"
"  --stand-in               QEMU runs the --hypervisor profile's boot image,\n"
"                           firmware, console and transports (docs/hypervisors.md)\n"
"  --arch A[,A...]          x86_64, aarch64, riscv64, s390x, or all\n"
"                           (default x86_64)\n"
"  --machine M[,M...]       x86_64: q35 or pc (default q35), for the PCI\n"
"                           transports (mmio runs on microvm); aarch64: virt\n"
"                           or virt,gic-version=2|3|host|max (default virt);\n"
"                           riscv64: virt; s390x: s390-ccw-virtio\n"
"  --transport T[,T...]     pci-modern, pci-transitional, pci-legacy,\n"
"                           mmio-v1, mmio-v2, ccw-modern, ccw-legacy (s390x),\n"
"                           or all (default: each arch's first)\n"
"  --devices D[,D...]       rng, blk, net, console, balloon, scsi (run: default\n"
"                           all six; list: none)\n"
"  --device-property TYPE.PROP=VALUE\n"
"                           add PROP=VALUE to every QEMU device of TYPE\n"
"                           (repeatable)\n"
"  --filter GLOB[,GLOB...]  run only the tests whose id matches a glob\n"
"  --seed N                 seed of the kernel's data patterns (default 1)\n"
"  --accel auto|kvm|tcg     accelerator (default auto; see docs/cli.md)\n"
"  --timeout SEC            limit of one VM run (default 120)\n"
"  --kernel [ARCH=]PATH     test kernel, or the file of --boot-image (default\n"
"                           build/ARCH/vcts-kernel.elf;\n"
"                           x86_64: the multiboot one); ARCH= with several\n"
"                           arches (repeatable)\n"
"  --kernel-pvh PATH        x86_64 test kernel, PVH (mmio transports; default\n"
"                           --kernel's path with .elf replaced by -pvh.elf)\n"
"  --boot-image NAME        multiboot, pvh, linux, iso-cdrom, iso-disk, arm64-elf,\n"
"                           arm64-image, riscv64-elf, s390x-elf (default: the\n"
"                           hypervisor's per arch;\n"
"                           docs/boot-images.md)\n"
"  --firmware NAME          default, qboot, seabios or ovmf (x86_64)\n"
"  --hypervisor-binary [ARCH=]PATH\n"
"                           the hypervisor's program (default: its name on\n"
"                           PATH; QEMU: $VCTS_QEMU, else qemu-system-ARCH);\n"
"                           ARCH= as --kernel\n"
"  --qemu [ARCH=]PATH       the same, for QEMU\n"
"  --kernel-arg ARG         append ARG to the kernel command line (repeatable)\n"
"  --exit [ARCH=]METHOD     how the kernel ends the VM: auto, halt; x86_64:\n"
"                           debug-exit (QEMU's default), acpi, reset;\n"
"                           aarch64: semihosting (QEMU's default), psci\n"
"                           riscv64: sifive-test (QEMU's default), sbi;\n"
"                           s390x: disabled-wait (QEMU's default)\n"
"  --verbose                copy the guest console to stderr\n"
"options of list:\n"
"  --json                   print the registry as one JSON document on stdout\n"
"  --hypervisors            list the hypervisors and what each offers (with\n"
"                           --json: as JSON); boots nothing\n"
"options of ingest (and --hypervisor, --arch, --machine, --transport: what\n"
"ran, default from the log):\n"
"  --config NAME            the configuration's name in the results\n"
"  --images DIR             the disk images the VM left: run its host checks\n"
"options of run (and --baseline of ingest):\n"
"  --baseline FILE|auto|none\n"
"                           known deviations to expect (default none); auto:\n"
"                           reports/baselines/HYPERVISOR-MAJOR.MINOR-ARCH.json\n"
"  --retries N              re-run a configuration with failures up to N\n"
"                           times; a result that passes on one is flaky\n"
"options of every command:\n"
"  --output DIR|FILE        run, list, report: where reports go (default\n"
"                           reports/latest); compare, coverage: the Markdown\n"
"                           file to write\n"
"  --quiet                  print only failures and the final count\n"
"options of report and coverage:\n"
"  --results FILE           a results.json (report: default OUTPUT/results.json)\n"
"options of coverage:\n"
"  --spec FILE|DIR          device-normative section list, or the spec's .tex\n"
"                           directory (default " DEFAULT_SECTIONS ")\n"
"  --extract DIR            print the sections of the spec's .tex in DIR\n"
"\n"
"exit status: 0 all passed (skips, and xfail/xpass from a baseline, are fine),\n"
"1 a test failed, timed out or crashed (compare: a regression), 2 usage or\n"
"setup error.\n";

void options_print_usage(FILE *out)
{
	fputs(usage_text, out);
}

void options_init(struct options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->hypervisor = "qemu";
	opts->seed = DEFAULT_SEED;
	opts->accel = ACCEL_AUTO;
	opts->timeout_s = DEFAULT_TIMEOUT_S;
	opts->output = DEFAULT_OUTPUT;
	opts->baseline = "none";
	opts->spec = DEFAULT_SECTIONS;
	opts->firmware = "default";
}

void options_free(struct options *opts)
{
	strlist_clear(&opts->arches);
	strlist_clear(&opts->kernels);
	strlist_clear(&opts->qemus);
	strlist_clear(&opts->exits);
	strlist_clear(&opts->machines);
	strlist_clear(&opts->transports);
	strlist_clear(&opts->devices);
	strlist_clear(&opts->device_properties);
	strlist_clear(&opts->filters);
	strlist_clear(&opts->kernel_args);
	strlist_clear(&opts->args);
}

struct parse_error {
	char *buf;
	size_t size;
};

static int fail(struct parse_error *pe, const char *fmt, ...) PRINTF_LIKE(2, 3);

static int fail(struct parse_error *pe, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pe->buf, pe->size, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_unsigned(const char *text, unsigned long max, unsigned long *out)
{
	char *end;

	if (!isdigit((unsigned char)text[0]))
		return -1;
	errno = 0;
	*out = strtoul(text, &end, 0);
	if (errno || *end || *out > max)
		return -1;
	return 0;
}

static int parse_accel(const char *text, enum accel_request *accel)
{
	if (!strcmp(text, "auto"))
		*accel = ACCEL_AUTO;
	else if (!strcmp(text, "kvm"))
		*accel = ACCEL_KVM;
	else if (!strcmp(text, "tcg"))
		*accel = ACCEL_TCG;
	else
		return -1;
	return 0;
}

/* Split a comma list into @list, dropping repeats. */
static void add_unique_split(struct strlist *list, const char *text)
{
	struct strlist parts = { 0 };

	strlist_add_split(&parts, text, ',');
	for (size_t i = 0; i < parts.count; i++)
		if (!strlist_contains(list, parts.items[i]))
			strlist_add(list, parts.items[i]);
	strlist_clear(&parts);
}

/*
 * --machine's comma list, where a part with "=" is a property of the
 * machine before it: "q35,virt,gic-version=3" is q35 and virt,gic-version=3.
 */
static void add_machines(struct strlist *list, const char *text)
{
	struct strlist parts = { 0 }, machines = { 0 };

	strlist_add_split(&parts, text, ',');
	for (size_t i = 0; i < parts.count; i++) {
		char **last = machines.count ? &machines.items[machines.count - 1] : NULL;

		if (last && strchr(parts.items[i], '=')) {
			char *joined = xasprintf("%s,%s", *last, parts.items[i]);

			free(*last);
			*last = joined;
		} else {
			strlist_add(&machines, parts.items[i]);
		}
	}
	for (size_t i = 0; i < machines.count; i++)
		if (!strlist_contains(list, machines.items[i]))
			strlist_add(list, machines.items[i]);
	strlist_clear(&parts);
	strlist_clear(&machines);
}

static bool has_space(const char *s)
{
	for (; *s; s++)
		if (isspace((unsigned char)*s) || *s == '"')
			return true;
	return false;
}

static int handle_option(struct options *opts, int opt, const char *arg,
			 struct parse_error *pe)
{
	unsigned long value;

	switch (opt) {
	case OPT_HYPERVISOR:
		opts->hypervisor = arg;
		opts->hypervisor_given = true;
		break;
	case OPT_ARCH:
		add_unique_split(&opts->arches, arg);
		break;
	case OPT_MACHINE:
		add_machines(&opts->machines, arg);
		break;
	case OPT_TRANSPORT:
		add_unique_split(&opts->transports, arg);
		break;
	case OPT_DEVICES:
		strlist_clear(&opts->devices);
		add_unique_split(&opts->devices, arg);
		opts->devices_given = true;
		break;
	case OPT_DEVICE_PROPERTY:
		strlist_add(&opts->device_properties, arg);
		break;
	case OPT_FILTER:
		if (has_space(arg))
			return fail(pe, "--filter '%s': a glob cannot hold spaces or quotes (it goes on the kernel command line)", arg);
		add_unique_split(&opts->filters, arg);
		break;
	case OPT_SEED:
		if (parse_unsigned(arg, UINT32_MAX, &value))
			return fail(pe, "--seed '%s': expected a number from 0 to 4294967295", arg);
		opts->seed = (uint32_t)value;
		break;
	case OPT_ACCEL:
		if (parse_accel(arg, &opts->accel))
			return fail(pe, "--accel '%s': expected auto, kvm or tcg", arg);
		break;
	case OPT_TIMEOUT:
		if (parse_unsigned(arg, 86400, &value) || value == 0)
			return fail(pe, "--timeout '%s': expected seconds from 1 to 86400", arg);
		opts->timeout_s = (unsigned int)value;
		break;
	case OPT_OUTPUT:
		if (!*arg)
			return fail(pe, "--output: empty directory name");
		opts->output = arg;
		opts->output_given = true;
		break;
	case OPT_KERNEL:
		if (!arg[arch_value_prefix(arg)])
			return fail(pe, "--kernel: empty path");
		strlist_add(&opts->kernels, arg);
		break;
	case OPT_KERNEL_PVH:
		opts->kernel_pvh = arg;
		break;
	case OPT_BOOT_IMAGE:
		opts->boot_image = arg;
		break;
	case OPT_FIRMWARE:
		opts->firmware = arg;
		break;
	case OPT_QEMU:
	case OPT_HYPERVISOR_BINARY:
		opts->binary_option = opt == OPT_QEMU ? "--qemu " : "--hypervisor-binary ";
		if (!arg[arch_value_prefix(arg)])
			return fail(pe, "%.*s: empty path", (int)strlen(opts->binary_option) - 1,
				    opts->binary_option);
		strlist_add(&opts->qemus, arg);
		break;
	case OPT_STAND_IN:
		opts->stand_in = true;
		break;
	case OPT_HYPERVISORS:
		opts->hypervisors = true;
		break;
	case OPT_KERNEL_ARG:
		strlist_add(&opts->kernel_args, arg);
		break;
	case OPT_EXIT:
		strlist_add(&opts->exits, arg);
		break;
	case OPT_VERBOSE:
		opts->verbose = true;
		break;
	case OPT_QUIET:
		opts->quiet = true;
		break;
	case OPT_RETRIES:
		if (parse_unsigned(arg, MAX_RETRIES, &value))
			return fail(pe, "--retries '%s': expected a number from 0 to %d", arg, MAX_RETRIES);
		opts->retries = (unsigned int)value;
		break;
	case OPT_RESULTS:
		opts->results = arg;
		break;
	case OPT_SPEC:
		opts->spec = arg;
		break;
	case OPT_EXTRACT:
		opts->extract = arg;
		break;
	case OPT_JSON:
		opts->json = true;
		break;
	case OPT_COMMAND:
		opts->command_template = arg;
		break;
	case OPT_CONSOLE:
		opts->console = arg;
		break;
	case OPT_CONFIG:
		if (!*arg)
			return fail(pe, "--config: empty configuration name");
		opts->config_name = arg;
		break;
	case OPT_IMAGES:
		opts->images = arg;
		break;
	case OPT_BASELINE:
		if (!*arg)
			return fail(pe, "--baseline: expected a file, auto or none");
		opts->baseline = arg;
		break;
	case 'h':
		opts->help = true;
		break;
	}
	return 0;
}

static int parse_command_word(struct options *opts, const char *word,
			      struct parse_error *pe)
{
	if (!strcmp(word, "run"))
		opts->command = COMMAND_RUN;
	else if (!strcmp(word, "list"))
		opts->command = COMMAND_LIST;
	else if (!strcmp(word, "report"))
		opts->command = COMMAND_REPORT;
	else if (!strcmp(word, "compare"))
		opts->command = COMMAND_COMPARE;
	else if (!strcmp(word, "coverage"))
		opts->command = COMMAND_COVERAGE;
	else if (!strcmp(word, "ingest"))
		opts->command = COMMAND_INGEST;
	else if (!strcmp(word, "help") || !strcmp(word, "--help") || !strcmp(word, "-h"))
		opts->command = COMMAND_HELP;
	else if (!strcmp(word, "--version") || !strcmp(word, "version"))
		opts->command = COMMAND_VERSION;
	else if (word[0] == '-')
		return fail(pe, "unknown option '%s' (commands: run, list, report, compare, coverage, ingest, help; see 'vcts --help')", word);
	else
		return fail(pe, "unknown command '%s' (commands: run, list, report, compare, coverage, ingest, help; see 'vcts --help')", word);
	return 0;
}

#define CMD(c) (1u << (c))
#define VM_COMMANDS (CMD(COMMAND_RUN) | CMD(COMMAND_LIST) | CMD(COMMAND_COVERAGE))
#define ALL_COMMANDS (VM_COMMANDS | CMD(COMMAND_REPORT) | CMD(COMMAND_COMPARE) | \
		      CMD(COMMAND_INGEST))

/*
 * The subcommands each option means something to. Anything else is a
 * usage error rather than silently ignored: `vcts compare --retries 3`
 * is a mistake the user wants to hear about.
 */
static unsigned int option_commands(int opt)
{
	switch (opt) {
	case OPT_OUTPUT:
	case OPT_QUIET:
	case 'h':
		return ALL_COMMANDS;
	case OPT_BASELINE:
		return CMD(COMMAND_RUN) | CMD(COMMAND_INGEST);
	case OPT_RETRIES:
		return CMD(COMMAND_RUN);
	case OPT_CONFIG:
	case OPT_IMAGES:
		return CMD(COMMAND_INGEST);
	case OPT_HYPERVISOR:
	case OPT_ARCH:
	case OPT_MACHINE:
	case OPT_TRANSPORT:
		return VM_COMMANDS | CMD(COMMAND_INGEST);
	case OPT_RESULTS:
		return CMD(COMMAND_REPORT) | CMD(COMMAND_COVERAGE);
	case OPT_SPEC:
	case OPT_EXTRACT:
		return CMD(COMMAND_COVERAGE);
	case OPT_JSON:
	case OPT_HYPERVISORS:
		return CMD(COMMAND_LIST);
	default:
		return VM_COMMANDS;
	}
}

static const char *command_word(enum vcts_command command)
{
	static const char *const words[] = {
		[COMMAND_RUN] = "run", [COMMAND_LIST] = "list",
		[COMMAND_REPORT] = "report", [COMMAND_COMPARE] = "compare",
		[COMMAND_COVERAGE] = "coverage", [COMMAND_INGEST] = "ingest",
	};

	return (size_t)command < ARRAY_SIZE(words) && words[command] ? words[command] : "vcts";
}

/* compare takes BASELINE... RESULTS, ingest LOG...; every other command no argument. */
static int take_arguments(struct options *opts, int argc, char **argv, int first,
			  struct parse_error *pe)
{
	if (opts->command == COMMAND_INGEST) {
		for (int i = first; i < argc; i++)
			strlist_add(&opts->args, argv[i]);
		if (!opts->args.count && !opts->help)
			return fail(pe, "ingest needs at least one console log: vcts ingest LOG... --config NAME (see 'vcts --help')");
		return 0;
	}
	if (opts->command != COMMAND_COMPARE) {
		if (first < argc)
			return fail(pe, "unexpected argument '%s' for '%s' (see 'vcts --help')",
				    argv[first], argv[0]);
		return 0;
	}
	for (int i = first; i < argc; i++)
		strlist_add(&opts->args, argv[i]);
	if (opts->args.count < 2 && !opts->help)
		return fail(pe, "compare needs two files: BASELINE RESULTS, or several baselines and RESULTS (see 'vcts --help')");
	return 0;
}

static int parse_subcommand_options(struct options *opts, int argc, char **argv,
				    struct parse_error *pe)
{
	int opt, index = -1;

	/* Restart getopt from scratch: the unit tests parse many times. */
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", long_options, &index)) != -1) {
		if (opt == '?')
			return fail(pe, "unknown option '%s' for '%s' (see 'vcts --help')",
				    argv[optind - 1], argv[0]);
		if (opt == ':')
			return fail(pe, "option '%s' needs a value (see 'vcts --help')",
				    argv[optind - 1]);
		if (!(option_commands(opt) & CMD(opts->command)))
			return fail(pe, "option '--%s' does not apply to '%s' (see 'vcts --help')",
				    index >= 0 ? long_options[index].name : "h",
				    command_word(opts->command));
		if (handle_option(opts, opt, optarg, pe))
			return -1;
	}
	return take_arguments(opts, argc, argv, optind, pe);
}

int options_parse(struct options *opts, int argc, char **argv, char *err,
		  size_t err_size)
{
	struct parse_error pe = { err, err_size };
	err[0] = '\0';
	if (argc < 2)
		return fail(&pe, "no command given (commands: run, list, report, compare, coverage, ingest, help; see 'vcts --help')");
	if (parse_command_word(opts, argv[1], &pe))
		return -1;
	if (opts->command == COMMAND_HELP || opts->command == COMMAND_VERSION) {
		if (argc > 2)
			return fail(&pe, "unexpected argument '%s' (see 'vcts --help')", argv[2]);
		return 0;
	}
	if (parse_subcommand_options(opts, argc - 1, argv + 1, &pe))
		return -1;
	return options_check(opts, opts->help, err, err_size);
}
