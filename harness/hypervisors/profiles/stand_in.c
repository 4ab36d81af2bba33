/*
 * The stand-in backends: QEMU's ops table with what the profile decides
 * put back (profile.h has the profiles' data). The firmware is the
 * configuration's (--firmware, set by profile_plan.c to the profile's
 * family), which QEMU's boot.c turns into -bios; the exit method is the
 * profile's (plan/exit_method.c). What differs from the profile's own
 * run, and stays different, is in docs/hypervisors.md: QEMU's device
 * models and QEMU's machines.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hypervisors/profiles/profile.h"
#include "hypervisors/profiles/stand_in.h"
#include "hypervisors/qemu/qemu.h"
#include "util.h"

#define MAX_STAND_INS 16

struct stand_in_ops {
	struct hypervisor_ops ops;	/* first: a stand-in is its ops table */
	const struct hypervisor_ops *profile;
};

static struct stand_in_ops stand_ins[MAX_STAND_INS];
static size_t stand_in_count;

const struct hypervisor_ops *stand_in_profile(const struct hypervisor_ops *ops)
{
	for (size_t i = 0; i < stand_in_count; i++)
		if (ops == &stand_ins[i].ops)
			return stand_ins[i].profile;
	return NULL;
}

static const struct backend_arch *profile_arch(const struct backend *backend)
{
	return hypervisor_arch(stand_in_profile(backend->ops), backend->arch->arch);
}

const char *stand_in_firmware_option(enum firmware_family family)
{
	if (family == FIRMWARE_SEABIOS)
		return "seabios";
	if (family == FIRMWARE_OVMF)
		return "ovmf";
	return "default";
}

const char *stand_in_firmware(const char *arch, enum firmware_family family)
{
	switch (family) {
	case FIRMWARE_SEABIOS:
		return "seabios";
	case FIRMWARE_OVMF:
		return "ovmf";
	case FIRMWARE_QBOOT:
		return "qboot";
	case FIRMWARE_NONE:
		break;
	}
	return strcmp(arch, "x86_64") ? "none" : "qboot";
}

/*
 * A console the harness can only read (a file, VirtualBox's serial log)
 * cannot answer the ISO's request for its command line (vcts.cmdline=ask,
 * docs/boot-images.md): the kernel would run its built-in words, not the
 * configuration's mode and filter, and its results would be filed under
 * the wrong configuration. Every other route is read and answered (vm/).
 */
static bool console_carries_cmdline(const struct backend_arch *arch,
				    enum console_route route)
{
	const struct boot_image *image = boot_image_find(arch->boot_image);

	return route != CONSOLE_FILE || !image || image->medium == BOOT_MEDIUM_KERNEL;
}

static int stand_in_prepare(struct backend *backend, const char *binary, const char *source)
{
	const struct hypervisor_ops *profile = stand_in_profile(backend->ops);
	const struct backend_arch *arch = profile_arch(backend);
	char *who = xasprintf("the %s stand-in", profile->name);
	int ret = -1;

	if (!arch)
		vcts_error("%s: %s has no %s", who, profile->name, backend->arch->arch);
	else if (!console_carries_cmdline(arch, profile->console_route))
		vcts_error("%s: its console is a file, which cannot carry the command line the %s image asks for (see %s)",
			   who, arch->boot_image, profile->doc);
	else if (!profile_check_boot_image(arch, who))
		ret = qemu_install_prepare(backend, binary, source);
	free(who);
	return ret;
}

char *stand_in_serial(enum console_route route, const char *path)
{
	struct strbuf sb = { 0 };

	switch (route) {
	case CONSOLE_STDIO:
		return xstrdup("stdio");
	case CONSOLE_PTY:
		return xstrdup("pty");
	case CONSOLE_FILE:
		strbuf_addstr(&sb, "file:");
		qemu_add_escaped(&sb, path);
		break;
	case CONSOLE_UNIX_SOCKET:
		strbuf_addstr(&sb, "unix:");
		qemu_add_escaped(&sb, path);
		strbuf_addstr(&sb, ",server=on,wait=off");
		break;
	case CONSOLE_TCP:
		strbuf_addstr(&sb, "tcp:127.0.0.1:0,server=on,wait=off");
		break;
	}
	return strbuf_detach(&sb);
}

static void stand_in_console(const struct vm_launch *launch, struct console_spec *console)
{
	memset(console, 0, sizeof(*console));
	console->route = launch->backend->ops->console_route;
	console->path = profile_console_path(launch->config, console->route);
}

/* QEMU's command line with the serial port routed the profile's way. */
static char **stand_in_command(const struct vm_launch *launch)
{
	char **argv = qemu_command(launch);
	enum console_route route = launch->backend->ops->console_route;

	for (size_t i = 0; argv[i] && argv[i + 1]; i++) {
		char *path;

		if (strcmp(argv[i], "-serial") || route == CONSOLE_STDIO)
			continue;
		path = profile_console_path(launch->config, route);
		free(argv[i + 1]);
		argv[i + 1] = stand_in_serial(route, path);
		free(path);
		break;
	}
	return argv;
}

static void fill(struct stand_in_ops *s, const struct hypervisor_ops *profile)
{
	s->ops = qemu_hypervisor;
	s->profile = profile;
	s->ops.doc = profile->doc;
	s->ops.prepare = stand_in_prepare;
	s->ops.command = stand_in_command;
	s->ops.console = stand_in_console;
	s->ops.console_route = profile->console_route;
	/* The profile's host actions (none so far): their tests skip alike. */
	s->ops.host_actions = profile->host_actions;
	s->ops.host_action_count = profile->host_action_count;
	s->ops.device_available = NULL;
	s->ops.has_stand_in = false;
}

const struct hypervisor_ops *stand_in_for(const struct hypervisor_ops *profile)
{
	for (size_t i = 0; i < stand_in_count; i++)
		if (stand_ins[i].profile == profile)
			return &stand_ins[i].ops;
	if (stand_in_count == MAX_STAND_INS)
		return NULL;
	fill(&stand_ins[stand_in_count], profile);
	return &stand_ins[stand_in_count++].ops;
}
