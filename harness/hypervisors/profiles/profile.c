/*
 * The profiles' shared steps (profile.h): the program and its version,
 * the boot image, the files a command writes, device order and tables.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "hypervisors/profiles/profile.h"
#include "hypervisors/qemu/qemu.h"
#include "plan/boot_image.h"
#include "util.h"
#include "vm/vm_process.h"

#define VERSION_TIMEOUT_S 30

/* The hypervisor's program: as the user named it, else from PATH. */
static char *find_program(const struct backend *backend, const char *given,
			  const char *source)
{
	char *found;

	if (given) {
		found = qemu_search_path(given);
		if (!found)
			vcts_error("%s%s: not found or not executable", source, given);
		return found;
	}
	found = qemu_search_path(backend->arch->binary);
	if (!found)
		vcts_error("%s not found on PATH (see %s)", backend->arch->binary,
			   backend->ops->doc);
	return found;
}

/* "bhyve on FreeBSD 14.1-RELEASE": for a hypervisor that prints no version. */
static char *host_version(const struct backend *backend)
{
	struct utsname host;

	if (uname(&host))
		return xasprintf("%s", backend->arch->binary);
	return xasprintf("%s on %s %s", backend->arch->binary, host.sysname, host.release);
}

/* The first non-empty line of `BINARY ARGS...`; it also shows the program starts. */
static int read_version(struct backend *backend, const char *const *args)
{
	struct strlist argv = { 0 };
	char **vector;
	struct vm_outcome out;
	char err[512];
	char *text, *line;
	int ret;

	strlist_add(&argv, backend->binary);
	for (size_t i = 0; args[i]; i++)
		strlist_add(&argv, args[i]);
	vector = strlist_to_argv(&argv);
	ret = process_capture(vector, &backend->environment, VERSION_TIMEOUT_S, &text, &out,
			      err, sizeof(err));
	argv_free(vector);
	if (ret) {
		vcts_error("%s", err);
		return -1;
	}
	if (!out.exited || out.exit_status) {
		vcts_error("%s %s failed; is it %s? (see %s)", backend->binary, args[0],
			   backend->ops->name, backend->ops->doc);
		free(text);
		return -1;
	}
	for (line = text; *line == '\n' || *line == '\r' || *line == ' '; line++)
		;
	line[strcspn(line, "\r\n")] = '\0';
	backend->version = xstrdup(*line ? line : backend->arch->binary);
	free(text);
	return 0;
}

int profile_check_boot_image(const struct backend_arch *arch, const char *who)
{
	const struct boot_image *image = arch->boot_image ? boot_image_find(arch->boot_image) : NULL;
	char *path;
	int ret = 0;

	if (!image) {
		vcts_error("%s: no boot image on %s", who, arch->arch);
		return -1;
	}
	/* The ELF kernels: --kernel and --kernel-pvh may put them elsewhere (plan/setup.c). */
	if (!strcmp(image->file, "vcts-kernel.elf") || !strcmp(image->name, "pvh"))
		return 0;
	path = boot_image_default_path(image);
	if (access(path, R_OK)) {
		vcts_error("%s boots the %s image on %s (%s): %s is not built (build it with '%s')",
			   who, image->name, arch->arch, image->description, path,
			   image->make_target);
		ret = -1;
	}
	free(path);
	return ret;
}

int profile_prepare(struct backend *backend, const char *given, const char *source,
		    const char *const *version_args)
{
	if (profile_check_boot_image(backend->arch, backend->ops->name))
		return -1;
	backend->binary = find_program(backend, given, source);
	if (!backend->binary)
		return -1;
	if (!version_args) {
		backend->version = host_version(backend);
		return 0;
	}
	return read_version(backend, version_args);
}

void profile_release(struct backend *backend)
{
	free(backend->binary);
	free(backend->version);
	free(backend->firmware);
	free(backend->data_dir);
	strlist_clear(&backend->environment);
	backend->binary = backend->version = backend->firmware = backend->data_dir = NULL;
}

char *profile_output_file(const struct vcts_config *config, const char *suffix)
{
	return xasprintf("%s/logs/%s-%s", config->settings->output, config->name, suffix);
}

void profile_write_file(const char *path, const char *text)
{
	if (write_file_atomically(path, text, strlen(text)))
		vcts_error("cannot write %s: %s", path, strerror(errno));
}

char *profile_absolute_path(const char *path)
{
	char *cwd;
	char *absolute;

	if (path[0] == '/')
		return xstrdup(path);
	cwd = getcwd(NULL, 0);
	if (!cwd)
		return xstrdup(path);
	absolute = xasprintf("%s/%s", cwd, path);
	free(cwd);
	return absolute;
}

char *profile_image_path(const char *image_dir, const struct device_instance *dev)
{
	return xasprintf("%s/%s", image_dir, dev->image_name);
}

char *profile_cmdline(const struct vm_launch *launch, const char *extra)
{
	if (!extra || !*extra)
		return xstrdup(launch->kernel_cmdline);
	return xasprintf("%s %s", launch->kernel_cmdline, extra);
}

char *profile_console_path(const struct vcts_config *config, enum console_route route)
{
	if (route == CONSOLE_FILE)
		return profile_output_file(config, "serial.txt");
	if (route == CONSOLE_UNIX_SOCKET)
		return xasprintf("%s/serial-%s.sock", run_settings_socket_dir(config->settings),
				 config->name);
	return NULL;
}

void profile_console(const struct vm_launch *launch, struct console_spec *console)
{
	memset(console, 0, sizeof(*console));
	console->route = launch->backend->ops->console_route;
	console->path = profile_console_path(launch->config, console->route);
}

bool profile_has_type(const struct vcts_config *config, const char *type)
{
	for (size_t i = 0; i < config->device_count; i++)
		if (!strcmp(config->devices[i]->type, type))
			return true;
	return false;
}

static size_t type_rank(const char *type, const char *const *order, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (!strcmp(order[i], type))
			return i;
	return count;
}

size_t profile_attach_rank(const struct vcts_config *config, size_t index,
			   const char *const *order, size_t order_count)
{
	size_t mine = type_rank(config->devices[index]->type, order, order_count);
	size_t rank = 0;

	for (size_t i = 0; i < config->device_count; i++) {
		size_t theirs = type_rank(config->devices[i]->type, order, order_count);

		if (theirs < mine || (theirs == mine && i < index))
			rank++;
	}
	return rank;
}

bool profile_table_runs(const struct device_transport *table, size_t count,
			const char *type, const char *transport, const char *mode)
{
	for (size_t i = 0; i < count; i++)
		if (!strcmp(table[i].type, type) && !strcmp(table[i].transport, transport) &&
		    (!table[i].mode || !strcmp(table[i].mode, mode)))
			return true;
	return false;
}
