/*
 * Finding a QEMU installation: the binary (--qemu, $VCTS_QEMU or
 * qemu-system-ARCH on PATH), its version, its firmware, and for a QEMU
 * unpacked under a prefix of its own (QEMU 10.0 under build/, docs/
 * qemu-versions.md) its own data and module directories: a binary that
 * loads another build's modules aborts.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hypervisors/qemu/qemu.h"
#include "util.h"
#include "vm/vm_process.h"

#define VERSION_TIMEOUT_S 30

static const char *const firmware_places[] = {
	"/usr/share/qemu/qboot.rom",
	"/usr/local/share/qemu/qboot.rom",
};

static bool is_executable_file(const char *path)
{
	return access(path, X_OK) == 0;
}

char *qemu_search_path(const char *name)
{
	const char *path = getenv("PATH");
	struct strlist dirs = { 0 };
	char *found = NULL;

	if (strchr(name, '/'))
		return is_executable_file(name) ? xstrdup(name) : NULL;
	strlist_add_split(&dirs, path ? path : "/usr/bin:/bin", ':');
	for (size_t i = 0; !found && i < dirs.count; i++) {
		char *candidate = xasprintf("%s/%s", dirs.items[i], name);

		if (is_executable_file(candidate))
			found = candidate;
		else
			free(candidate);
	}
	strlist_clear(&dirs);
	return found;
}

/* A binary of ours: @name as given if it has a slash, else from PATH. */
static char *find_binary(const struct backend *backend, const char *given,
			 const char *source)
{
	char *name, *binary;

	if (given) {
		binary = qemu_search_path(given);
		if (!binary)
			vcts_error("%s%s: not found or not executable", source, given);
		return binary;
	}
	name = xasprintf("qemu-system-%s", backend->arch->arch);
	binary = qemu_search_path(name);
	if (!binary)
		vcts_error("%s not found (install %s, or run 'make deps')", name,
			   backend->arch->package);
	free(name);
	return binary;
}

/*
 * PREFIX of PREFIX/bin/qemu-system-ARCH, symbolic links resolved, or
 * NULL. /usr/bin/qemu-system-x86_64 gives /usr.
 */
static char *install_prefix(const char *binary)
{
	char resolved[PATH_MAX];
	char *slash;

	if (!realpath(binary, resolved))
		return NULL;
	for (int up = 0; up < 2; up++) {
		slash = strrchr(resolved, '/');
		if (!slash)
			return NULL;
		*slash = '\0';
	}
	return xstrdup(*resolved ? resolved : "/");
}

static bool is_directory(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* PREFIX/lib/TRIPLET/qemu: where a Debian build keeps its modules. */
static char *module_dir(const char *prefix)
{
	static const char *const triplets[] = { "x86_64-linux-gnu", "aarch64-linux-gnu" };

	for (size_t i = 0; i < ARRAY_SIZE(triplets); i++) {
		char *dir = xasprintf("%s/lib/%s/qemu", prefix, triplets[i]);

		if (is_directory(dir))
			return dir;
		free(dir);
	}
	return NULL;
}

/*
 * A QEMU outside the system's prefixes brings its firmware (-L) and its
 * modules (QEMU_MODULE_DIR) along; the system's would not match it.
 */
static void find_private_dirs(struct backend *backend)
{
	char *prefix = install_prefix(backend->binary);
	char *data, *modules;

	if (!prefix || !strcmp(prefix, "/usr") || !strcmp(prefix, "/usr/local")) {
		free(prefix);
		return;
	}
	data = xasprintf("%s/share/qemu", prefix);
	if (is_directory(data))
		backend->data_dir = data;
	else
		free(data);
	modules = module_dir(prefix);
	if (modules) {
		char *variable = xasprintf("QEMU_MODULE_DIR=%s", modules);

		strlist_add(&backend->environment, variable);
		free(variable);
		free(modules);
	}
	free(prefix);
}

/* The first line of `qemu --version`; it also proves QEMU starts at all. */
static int read_version(struct backend *backend)
{
	char *argv[] = { backend->binary, "--version", NULL };
	struct vm_outcome out;
	char err[512];
	char *text;

	if (process_capture(argv, &backend->environment, VERSION_TIMEOUT_S, &text, &out, err,
			    sizeof(err))) {
		vcts_error("%s", err);
		return -1;
	}
	if (!out.exited || out.exit_status) {
		vcts_error("%s --version failed; is it a QEMU binary?", backend->binary);
		free(text);
		return -1;
	}
	text[strcspn(text, "\n")] = '\0';
	backend->version = text;
	return 0;
}

char *qemu_find_firmware(const char *binary)
{
	char *prefix = install_prefix(binary);

	/* A QEMU installed under a prefix brings its own firmware there. */
	if (prefix) {
		char *candidate = xasprintf("%s/share/qemu/qboot.rom", prefix);

		free(prefix);
		if (access(candidate, R_OK) == 0)
			return candidate;
		free(candidate);
	}
	for (size_t i = 0; i < ARRAY_SIZE(firmware_places); i++)
		if (access(firmware_places[i], R_OK) == 0)
			return xstrdup(firmware_places[i]);
	return NULL;
}

/* qboot boots q35 and pc in a fraction of SeaBIOS's time; aarch64 needs none. */
static void find_firmware(struct backend *backend)
{
	if (strcmp(backend->arch->arch, "x86_64"))
		return;
	backend->firmware = qemu_find_firmware(backend->binary);
	if (!backend->firmware)
		vcts_note("qboot.rom not found; using QEMU's default firmware (SeaBIOS boots slower)");
}

int qemu_install_prepare(struct backend *backend, const char *binary,
			 const char *binary_source)
{
	backend->binary = find_binary(backend, binary, binary_source);
	if (!backend->binary)
		return -1;
	find_private_dirs(backend);
	if (read_version(backend))
		return -1;
	find_firmware(backend);
	return 0;
}

void qemu_install_release(struct backend *backend)
{
	free(backend->binary);
	free(backend->version);
	free(backend->firmware);
	free(backend->data_dir);
	strlist_clear(&backend->environment);
}
