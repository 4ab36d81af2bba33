/*
 * The kernel's exit methods (docs/exits.md). The table mirrors what
 * guest-kernel/arch/<arch>/exit.c accepts for vcts.exit; the harness checks
 * --exit against it so that a method the kernel would not know is a usage
 * error here, not a silent "auto" in the guest.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "hypervisors/backend.h"
#include "plan/arch.h"
#include "plan/boot_image.h"
#include "plan/exit_method.h"
#include "util.h"

struct exit_method {
	const char *name;
	const char *arches;	/* space-separated */
	bool carries_status;
};

/* In the order messages list them. */
static const struct exit_method methods[] = {
	{ "auto", "x86_64 aarch64 riscv64 s390x", false },
	{ "debug-exit", "x86_64", true },
	{ "acpi", "x86_64", false },
	{ "reset", "x86_64", false },
	{ "psci", "aarch64", false },
	{ "semihosting", "aarch64", true },
	{ "sifive-test", "riscv64", true },
	{ "sbi", "riscv64", false },
	{ "disabled-wait", "s390x", true },
	{ "halt", "x86_64 aarch64 riscv64 s390x", false },
};

static const struct exit_method *find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(methods); i++)
		if (!strcmp(methods[i].name, name))
			return &methods[i];
	return NULL;
}

static bool listed(const char *words, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = words; (p = strstr(p, word)); p += len)
		if ((p == words || p[-1] == ' ') && (p[len] == ' ' || !p[len]))
			return true;
	return false;
}

bool exit_method_on_arch(const char *name, const char *arch)
{
	const struct exit_method *m = find(name);

	return m && listed(m->arches, arch);
}

bool exit_method_known(const char *name)
{
	return find(name) != NULL;
}

bool exit_method_carries_status(const char *name)
{
	const struct exit_method *m = name ? find(name) : NULL;

	return m && m->carries_status;
}

char *exit_method_names(const char *arch)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(methods); i++)
		if (listed(methods[i].arches, arch))
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", methods[i].name);
	return strbuf_detach(&sb);
}

const char *exit_method_for(const struct options *opts,
			    const struct backend_arch *backend_arch,
			    const struct boot_image *image)
{
	/* The kernel hears nothing from us but its image's own command line. */
	if (image && image->medium != BOOT_MEDIUM_KERNEL)
		return "auto";
	const char *given = options_arch_value(&opts->exits, backend_arch->arch);

	if (given)
		return given;
	return backend_arch->exit_method ? backend_arch->exit_method : "auto";
}

/* "x86_64: auto, ...; aarch64: auto, ..." for the arches of the run. */
static char *names_of_arches(const struct strlist *arches)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < arches->count; i++) {
		char *names = exit_method_names(arches->items[i]);

		strbuf_addf(&sb, "%s%s: %s", i ? "; " : "", arches->items[i], names);
		free(names);
	}
	return strbuf_detach(&sb);
}

static int refuse(char *err, size_t err_size, const char *value, const char *method,
		  const char *arch, const struct strlist *arches)
{
	char *known = names_of_arches(arches);

	if (!exit_method_known(method))
		snprintf(err, err_size, "--exit %s: unknown exit method (%s)", value, known);
	else
		snprintf(err, err_size, "--exit %s: %s has no exit method %s (%s)", value, arch,
			 method, known);
	free(known);
	return -1;
}

/* METHOD: for every arch of the run; ARCH=METHOD: for one of them. */
static int check_value(const struct options *opts, const char *value, char *err,
		       size_t err_size)
{
	size_t prefix = arch_value_prefix(value);
	const char *method = value + prefix;

	if (prefix) {
		char *arch = xstrndup(value, prefix - 1);
		int ret = 0;

		if (!strlist_contains(&opts->arches, arch)) {
			snprintf(err, err_size, "--exit %s: %s is not in --arch", value, arch);
			ret = -1;
		} else if (!exit_method_on_arch(method, arch)) {
			ret = refuse(err, err_size, value, method, arch, &opts->arches);
		}
		free(arch);
		return ret;
	}
	for (size_t i = 0; i < opts->arches.count; i++)
		if (!exit_method_on_arch(method, opts->arches.items[i]))
			return refuse(err, err_size, value, method, opts->arches.items[i],
				      &opts->arches);
	return 0;
}

int exit_method_check(const struct options *opts, char *err, size_t err_size)
{
	const struct boot_image *image = opts->boot_image ? boot_image_find(opts->boot_image) : NULL;

	for (size_t i = 0; image && image->medium != BOOT_MEDIUM_KERNEL && i < opts->exits.count; i++) {
		const char *value = opts->exits.items[i];

		if (strcmp(value + arch_value_prefix(value), "auto")) {
			snprintf(err, err_size, "--exit %s: the %s image takes no command line from vcts (its own boot menu ends the VM by auto)",
				 value, image->name);
			return -1;
		}
	}
	for (size_t i = 0; i < opts->exits.count; i++)
		if (check_value(opts, opts->exits.items[i], err, err_size))
			return -1;
	return 0;
}
