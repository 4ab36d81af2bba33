/*
 * The generic backend's ops table (command.h). It offers what the test
 * kernel can be booted with and the harness can lay out: the QEMU-shaped
 * arches (their machine names are labels and the {machine} placeholder;
 * the mmio slots are where the harness looks for mmio devices), every
 * transport and the built-in device types. Which of them the command
 * really attaches is the user's to say (--transport, --devices): the
 * harness cannot read a template's mind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hypervisors/command/command.h"
#include "plan/config.h"
#include "vm/console.h"

static const char *const x86_64_machines[] = { "q35", "pc" };
static const char *const aarch64_machines[] = { "virt" };

static const struct backend_arch command_arches[] = {
	{
		.arch = "x86_64",
		.machines = x86_64_machines,
		.machine_count = ARRAY_SIZE(x86_64_machines),
		.mmio_machine = "microvm",
		.boot_image = "multiboot",
		.mmio_boot_image = "pvh",
		.mmio = { 0xfeb00000ull, 0x200, 8 },
		/* exit_method NULL: auto; the harness stops a VM still there after done. */
	},
	{
		.arch = "aarch64",
		.machines = aarch64_machines,
		.machine_count = ARRAY_SIZE(aarch64_machines),
		.boot_image = "arm64-elf",
		.mmio = { 0x0a000000ull, 0x200, 32 },
	},
};

static const char *const command_transports[] = {
	"pci-modern", "pci-transitional", "pci-legacy", "mmio-v1", "mmio-v2",
};

static const char *const command_device_types[] = {
	"rng", "blk", "net", "console", "balloon", "scsi",
};

/*
 * Every image `make` builds (docs/boot-images.md): what the command loads
 * is the template's to say. {image:NAME} finds each beside the
 * configuration's kernel.
 */
static const char *const command_boot_images[] = {
	"multiboot", "pvh", "linux", "iso-cdrom", "iso-disk", "arm64-elf", "arm64-image",
};

/* @name as given if it has a slash, else the first executable match in $PATH. */
static char *find_program(const char *name)
{
	const char *path = getenv("PATH");
	struct strlist dirs = { 0 };
	char *found = NULL;

	if (strchr(name, '/'))
		return access(name, X_OK) ? NULL : xstrdup(name);
	strlist_add_split(&dirs, path ? path : "/usr/bin:/bin", ':');
	for (size_t i = 0; !found && i < dirs.count; i++) {
		char *candidate = xasprintf("%s/%s", dirs.items[i], name);

		if (!access(candidate, X_OK))
			found = candidate;
		else
			free(candidate);
	}
	strlist_clear(&dirs);
	return found;
}

/*
 * @template is --command's (plan/setup.c passes it where QEMU gets
 * --qemu's binary). Its program must exist now, not after the first VM.
 */
static int command_prepare(struct backend *backend, const char *template,
			   const char *template_source)
{
	struct strlist words = { 0 };
	char err[512];
	char *program = NULL;

	(void)template_source;
	if (!template) {
		vcts_error("--hypervisor command needs --command TEMPLATE (docs/hypervisors/command.md)");
		return -1;
	}
	if (command_template_split(template, &words, err, sizeof(err))) {
		vcts_error("%s", err);
		return -1;
	}
	if (!strchr(words.items[0], '{')) {
		program = find_program(words.items[0]);
		if (!program) {
			vcts_error("--command: %s: %s", words.items[0],
				   strchr(words.items[0], '/') ? "not an executable file" :
				   "no such program in PATH");
			strlist_clear(&words);
			return -1;
		}
	}
	backend->binary = xstrdup(template);
	backend->version = xasprintf("command: %s", program ? program : words.items[0]);
	free(program);
	strlist_clear(&words);
	return 0;
}

static void command_release(struct backend *backend)
{
	free(backend->binary);
	free(backend->version);
	backend->binary = NULL;
	backend->version = NULL;
}

/*
 * Every word of the template filled in for @launch, the program found in
 * $PATH (the harness execs without a shell).
 */
static char **command_argv(const struct vm_launch *launch)
{
	struct strlist words = { 0 }, args = { 0 };
	char err[512];
	char *program;

	if (command_template_split(launch->backend->binary, &words, err, sizeof(err)))
		vcts_error("%s", err);
	for (size_t i = 0; i < words.count; i++) {
		char *arg = command_template_expand(words.items[i], launch, err, sizeof(err));

		if (!arg) {
			vcts_error("%s: %s", launch->config->name, err);
			arg = xstrdup(words.items[i]);
		}
		strlist_add_owned(&args, arg);
	}
	program = args.count ? find_program(args.items[0]) : NULL;
	if (program) {
		free(args.items[0]);
		args.items[0] = program;
	}
	strlist_clear(&words);
	return strlist_to_argv(&args);
}

/* --console as the options checked it; the harness completes the rest. */
static void command_console(const struct vm_launch *launch, struct console_spec *console)
{
	const char *text = launch->config->settings->console;
	char err[256];

	if (!text || console_spec_parse(text, console, err, sizeof(err)))
		console->route = CONSOLE_STDIO;
}

const struct hypervisor_ops command_hypervisor = {
	.name = "command",
	.doc = "docs/hypervisors/command.md",
	.vm_ending = "the kernel's exit method (auto: ACPI S5, PSCI), or the harness stops it 1 s after done",
	.arches = command_arches,
	.arch_count = ARRAY_SIZE(command_arches),
	.transports = command_transports,
	.transport_count = ARRAY_SIZE(command_transports),
	.device_types = command_device_types,
	.device_type_count = ARRAY_SIZE(command_device_types),
	.boot_images = command_boot_images,
	.boot_image_count = ARRAY_SIZE(command_boot_images),
	.host_actions = NULL,
	.host_action_count = 0,
	.prepare = command_prepare,
	.release = command_release,
	.command = command_argv,
	.console = command_console,
	.exit_status = NULL,
};
