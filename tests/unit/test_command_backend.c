/*
 * The generic backend (harness/hypervisors/command/): how a template is
 * split, which placeholders it may hold and what they become for one VM,
 * and the options that go with it.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/command/command.h"
#include "plan/config.h"
#include "text.h"
#include "vm/console.h"
#include "vm/kernel_cmdline.h"
#include "parse_words.h"

static char *split_joined(const char *template, char *err, size_t err_size)
{
	struct strlist words = { 0 };
	char *joined = NULL;

	if (!command_template_split(template, &words, err, err_size))
		joined = strlist_join(&words, "|");
	strlist_clear(&words);
	return joined;
}

static void test_template_split(void)
{
	char err[256] = "";
	char *joined;

	joined = split_joined("prog  -a 'one two'\t\"say \\\"hi\\\"\" back\\ slash '' "
			      "\"a\\\\b\" \"c\\d\" x'y'\"z\"", err, sizeof(err));
	CU_ASSERT_STRING_EQUAL(joined ? joined : err,
			       "prog|-a|one two|say \"hi\"|back slash||a\\b|c\\d|xyz");
	free(joined);
	/* Braces are the placeholders' business, not the splitter's. */
	joined = split_joined("p {disk:blk0} '{cmdline}'", err, sizeof(err));
	CU_ASSERT_STRING_EQUAL(joined ? joined : err, "p|{disk:blk0}|{cmdline}");
	free(joined);
	CU_ASSERT_PTR_NULL(split_joined("prog 'open", err, sizeof(err)));
	CU_ASSERT_STRING_EQUAL(err, "--command: the single quote at offset 5 is never closed");
	CU_ASSERT_PTR_NULL(split_joined("prog \"open", err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "double quote"));
	CU_ASSERT_PTR_NULL(split_joined("  \t ", err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "the template is empty"));
}

static struct strlist types;

static int check(const char *template, const char *console, char *err, size_t size)
{
	err[0] = '\0';
	return command_template_check(template, &types, console, err, size);
}

static void expect_rejected(const char *template, const char *console, const char *says)
{
	char err[1024];

	CU_ASSERT_EQUAL(check(template, console, err, sizeof(err)), -1);
	if (!strstr(err, says))
		fprintf(stderr, "\n%s: got \"%s\"\n", template, err);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, says));
}

static void test_template_check(void)
{
	char err[1024];

	strlist_add(&types, "rng");
	strlist_add(&types, "blk");
	CU_ASSERT_EQUAL(check("q -kernel {kernel} -append {cmdline} {disk:blk0} {disk:blk1} "
			      "{pci-slot:rng0} {serial:blk1} {image:pvh} {image:multiboot} "
			      "{machine} {arch} {accel} {transport} {config} {output} {sockets} "
			      "{{literal}}", NULL, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(err, "");
	expect_rejected("q {kernal}", NULL, "unknown placeholder {kernal} (known: {kernel}, {image:NAME}, ");
	expect_rejected("q {kernel:x}", NULL, "{kernel} takes no argument ({kernel:x})");
	expect_rejected("q {disk}", NULL, "{disk} needs a device, e.g. {disk:blk0}");
	expect_rejected("q {disk:rng0}", NULL, "{disk:rng0}: --devices attaches no disk rng0 (disks: blk0, blk1)");
	expect_rejected("q {pci-slot:net0}", NULL, "--devices attaches no device net0 (devices: rng0, blk0, blk1)");
	expect_rejected("q {image:iso}", NULL, "no such boot image (command offers multiboot, pvh, linux, iso-cdrom, iso-disk, arm64-elf, arm64-image)");
	expect_rejected("q {image}", NULL, "{image} needs a boot image");
	expect_rejected("q -x{kernel", NULL, "a '{' without its '}'");
	expect_rejected("q {console-port}", "unix", "{console-port} has no value with --console unix (it needs --console tcp)");
	expect_rejected("q {console-path}", NULL, "{console-path} has no value with --console stdio");
	expect_rejected("q {console-path}", "pty", "has no value with --console pty");
	expect_rejected("q {console-host}", "file", "it needs --console tcp");
	expect_rejected("q", "tcp:99999", "port from 1 to 65535");
	CU_ASSERT_EQUAL(check("q {console-path}", "pty:/dev/nmdm0B", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(check("q {console-path}", "file", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(check("q {console-host}:{console-port}", "tcp", err, sizeof(err)), 0);
	strlist_clear(&types);
}

static struct options opts;
static struct config_matrix matrix;

#define TEMPLATE "/bin/echo -kernel {kernel} -append {cmdline} " \
	"-device virtio-blk-pci,drive=blk0,addr={pci-slot:blk0},serial={serial:blk0} " \
	"-drive file={disk:blk0} -serial tcp:{console-host}:{console-port},server=on,wait=off " \
	"-machine {machine} -accel {accel} '{{literal}}' {image:pvh} x}y"

/*
 * One VM's argument vector: every placeholder filled in from the
 * configuration, its disk images and the console the harness chose.
 */
static void test_argument_vector(void)
{
	const char *words[] = { "run", "--hypervisor", "command", "--devices", "rng,blk",
				"--console", "tcp:127.0.0.1:4555", "--kernel", "build/k.elf",
				"--command", TEMPLATE, NULL };
	char err[256];
	struct console_spec console = { .route = CONSOLE_STDIO };
	const struct vcts_config *config;
	struct backend host = { .ops = &command_hypervisor, .binary = TEMPLATE,
				.accel = { .name = "tcg" } };
	char *cmdline, *joined;
	char **argv;

	options_init(&opts);
	CU_ASSERT_EQUAL_FATAL(parse_words_into(&opts, words, err, sizeof(err)), 0);
	config_matrix_build(&matrix, &opts);
	CU_ASSERT_EQUAL_FATAL(matrix.count, 1);
	config = &matrix.configs[0];
	CU_ASSERT_STRING_EQUAL(config->name, "command-x86_64-q35-pci-modern-modern");
	host.arch = hypervisor_arch(&command_hypervisor, config->arch);
	cmdline = kernel_cmdline(config, false, NULL, NULL);
	{
		struct vm_launch launch = { &host, config, "out/images", false, cmdline, NULL };

		command_hypervisor.console(&launch, &console);
		CU_ASSERT_EQUAL(console.route, CONSOLE_TCP);
		launch.console = &console;
		argv = command_hypervisor.command(&launch);
	}
	joined = shell_join(argv);
	CU_ASSERT_STRING_EQUAL(joined,
		"/bin/echo -kernel build/k.elf "
		"-append 'vcts.seed=1 vcts.mode=modern vcts.transport=pci-modern vcts.exit=auto' "
		"-device virtio-blk-pci,drive=blk0,addr=4,serial=vcts-blk0 "
		"-drive file=out/images/blk0.img "
		"-serial tcp:127.0.0.1:4555,server=on,wait=off -machine q35 -accel tcg "
		"'{literal}' build/vcts-kernel-pvh.elf 'x}y'");
	free(joined);
	argv_free(argv);
	free(cmdline);
	console_spec_release(&console);
	config_matrix_free(&matrix);
	options_free(&opts);
}

/* The console route @console, as vm_run.c takes it: the command line the kernel gets. */
static char *routed_cmdline(const char *console, bool *routed)
{
	const char *words[] = { "run", "--hypervisor", "command", "--devices", "rng",
				"--console", console, "--command", "/bin/echo {kernel}", NULL };
	struct backend host = { .ops = &command_hypervisor, .accel = { .name = "tcg" } };
	struct console_spec spec = { .route = CONSOLE_STDIO };
	char err[256];
	char *cmdline;

	options_init(&opts);
	CU_ASSERT_EQUAL_FATAL(parse_words_into(&opts, words, err, sizeof(err)), 0);
	config_matrix_build(&matrix, &opts);
	cmdline = kernel_cmdline(&matrix.configs[0], false, NULL, NULL);
	{
		struct vm_launch launch = { &host, &matrix.configs[0], "i", false, cmdline, NULL };

		CU_ASSERT_EQUAL(console_route_launch(&launch, &spec, &cmdline, err, sizeof(err)), 0);
		CU_ASSERT_PTR_EQUAL(launch.kernel_cmdline, cmdline);
		*routed = launch.console == &spec;
	}
	console_spec_release(&spec);
	config_matrix_free(&matrix);
	options_free(&opts);
	return cmdline;
}

/*
 * A file cannot answer: the kernel is told. A pty drops what is unread
 * when the hypervisor closes it: the kernel halts and vcts stops the VM.
 */
static void test_kernel_hears_of_its_console(void)
{
	static const struct {
		const char *console, *tail;
		bool routed;
	} cases[] = {
		{ "stdio", "vcts.exit=auto", false },
		{ "unix", "vcts.exit=auto", true },
		{ "tcp", "vcts.exit=auto", true },
		{ "file", "vcts.exit=auto vcts.console=output-only", true },
		{ "pty", "vcts.exit=auto vcts.exit=halt", true },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool routed = !cases[i].routed;
		char *cmdline = routed_cmdline(cases[i].console, &routed);
		size_t len = strlen(cmdline), tail = strlen(cases[i].tail);

		CU_ASSERT(len > tail && !strcmp(cmdline + len - tail, cases[i].tail) &&
			  cmdline[len - tail - 1] == ' ');
		CU_ASSERT_EQUAL(routed, cases[i].routed);
		free(cmdline);
	}
}

/* What it offers and does not: no exit status, no host actions, a console of the user's. */
static void test_what_it_is(void)
{
	CU_ASSERT_PTR_EQUAL(hypervisor_find("command"), &command_hypervisor);
	CU_ASSERT_PTR_NULL(command_hypervisor.exit_status);
	CU_ASSERT_EQUAL(command_hypervisor.host_action_count, 0);
	CU_ASSERT_PTR_NOT_NULL(command_hypervisor.console);
	CU_ASSERT(hypervisor_offers_transport(&command_hypervisor, "mmio-v1"));
	CU_ASSERT(hypervisor_offers_device(&command_hypervisor, "scsi"));
	CU_ASSERT(!hypervisor_offers_device(&command_hypervisor, "vhost-user-blk"));
}

static void expect_usage_error(const char *const *words, const char *says)
{
	char err[512] = "";

	options_init(&opts);
	CU_ASSERT_EQUAL(parse_words_into(&opts, words, err, sizeof(err)), -1);
	if (!strstr(err, says))
		fprintf(stderr, "\ngot \"%s\"\n", err);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, says));
	options_free(&opts);
}

#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_its_options(void)
{
	char err[512];

	expect_usage_error(WORDS("run", "--command", "q"),
			   "--command applies to --hypervisor command only");
	expect_usage_error(WORDS("run", "--console", "pty"),
			   "--console applies to --hypervisor command only");
	expect_usage_error(WORDS("run", "--hypervisor", "command", "--devices", "rng"),
			   "--hypervisor command needs --command TEMPLATE");
	expect_usage_error(WORDS("run", "--hypervisor", "command", "--command", "q {kernel}"),
			   "--hypervisor command needs --devices");
	expect_usage_error(WORDS("run", "--hypervisor", "command", "--devices", "rng",
				 "--command", "q {disk:blk0}"),
			   "--devices attaches no disk blk0");
	expect_usage_error(WORDS("list", "--hypervisor", "command", "--command", "q {nope}"),
			   "unknown placeholder {nope}");
	expect_usage_error(WORDS("report", "--command", "q"),
			   "option '--command' does not apply to 'report'");
	options_init(&opts);
	CU_ASSERT_EQUAL(parse_words_into(&opts, WORDS("list", "--hypervisor", "command",
						     "--console", "pty", "--command",
						     "q -kernel {kernel} -serial pty"),
				     err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(opts.console, "pty");
	options_free(&opts);
}

CU_TestInfo command_backend_tests[] = {
	{ "template split without a shell", test_template_split },
	{ "placeholders checked before anything runs", test_template_check },
	{ "one VM's argument vector", test_argument_vector },
	{ "the kernel hears of its console", test_kernel_hears_of_its_console },
	{ "what it offers", test_what_it_is },
	{ "its options", test_its_options },
	CU_TEST_INFO_NULL,
};
