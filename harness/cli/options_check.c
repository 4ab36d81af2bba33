/*
 * Checking the options once they are all parsed: names against the
 * tables, what applies to what, and the per-arch values of --kernel and
 * --qemu. Also the defaults that depend on the whole command line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "cli/options_boot.h"
#include "hypervisors/backend.h"
#include "hypervisors/command/command.h"
#include "plan/arch.h"
#include "plan/exit_method.h"
#include "plan/config.h"

struct check {
	struct options *opts;
	const struct hypervisor_ops *hypervisor;	/* --hypervisor's backend */
	char *err;
	size_t size;
};

static int fail(struct check *c, const char *fmt, ...) PRINTF_LIKE(2, 3);

static int fail(struct check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err, c->size, fmt, ap);
	va_end(ap);
	return -1;
}

static int check_property(struct check *c, const char *prop)
{
	const char *dot = strchr(prop, '.');
	const char *equals = strchr(prop, '=');
	char *type;
	int ret = 0;

	if (!dot || !equals || dot > equals || dot == prop || equals == dot + 1)
		return fail(c, "--device-property '%s': expected TYPE.PROP=VALUE, e.g. rng.max-bytes=1", prop);
	type = xstrndup(prop, (size_t)(dot - prop));
	if (!device_type_find(type)) {
		char *known = device_type_names();

		ret = fail(c, "--device-property '%s': unknown device type '%s' (known: %s)", prop, type, known);
		free(known);
	} else if (!strlist_contains(&c->opts->devices, type)) {
		ret = fail(c, "--device-property '%s': device type '%s' is not in --devices", prop, type);
	}
	free(type);
	return ret;
}

/* --arch: known names, "all" expanded, in the table's order. */
static int check_arches(struct check *c)
{
	struct strlist *given = &c->opts->arches;
	struct strlist ordered = { 0 };

	if (!given->count)
		strlist_add(given, "x86_64");
	for (size_t i = 0; i < given->count; i++) {
		char *known;
		int ret;

		if (!strcmp(given->items[i], "all") || arch_find(given->items[i]))
			continue;
		known = arch_names();
		ret = fail(c, "unknown arch '%s' (known: %s, all)", given->items[i], known);
		free(known);
		return ret;
	}
	for (size_t i = 0; i < arch_count(); i++) {
		const char *name = arch_at(i)->name;

		if (strlist_contains(given, "all") || strlist_contains(given, name))
			strlist_add(&ordered, name);
	}
	strlist_clear(given);
	*given = ordered;
	return 0;
}

/* "q35, pc" for one arch; "x86_64: q35, pc; aarch64: virt, ..." for several. */
static char *known_machines(const struct check *c)
{
	const struct options *opts = c->opts;
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < opts->arches.count; i++) {
		char *names = hypervisor_machine_names(c->hypervisor, opts->arches.items[i]);

		if (opts->arches.count > 1)
			strbuf_addf(&sb, "%s%s: ", i ? "; " : "", opts->arches.items[i]);
		strbuf_addstr(&sb, names);
		free(names);
	}
	if (strlist_contains(&opts->arches, "x86_64"))
		strbuf_addf(&sb, "; the %smmio transports choose microvm themselves",
			    opts->arches.count > 1 ? "x86_64 " : "");
	return strbuf_detach(&sb);
}

static bool machine_of_any_arch(const struct check *c, const char *machine)
{
	for (size_t i = 0; i < c->opts->arches.count; i++)
		if (hypervisor_has_machine(c->hypervisor, c->opts->arches.items[i], machine))
			return true;
	return false;
}

static int check_machines(struct check *c)
{
	const struct options *opts = c->opts;

	for (size_t i = 0; i < opts->machines.count; i++) {
		const char *machine = opts->machines.items[i];

		if (!machine_of_any_arch(c, machine)) {
			char *arches = strlist_join(&opts->arches, " or ");
			char *known = known_machines(c);
			int ret = fail(c, "unknown machine '%s' for %s (known: %s)", machine,
				       arches, known);

			free(arches);
			free(known);
			return ret;
		}
		if (c->hypervisor->check_machine &&
		    c->hypervisor->check_machine(machine, c->err, c->size))
			return -1;
	}
	return 0;
}

/*
 * On x86_64 --machine chooses the machine of the PCI transports only: the
 * mmio ones need microvm. A machine no selected transport would run on is
 * something that cannot happen, e.g. mmio on pc.
 */
static int check_machines_apply(struct check *c)
{
	const struct options *opts = c->opts;

	for (size_t i = 0; i < opts->machines.count; i++) {
		char *transports;
		int ret;

		if (machine_applies(opts, opts->machines.items[i]))
			continue;
		transports = strlist_join(&opts->transports, ",");
		ret = fail(c, "--machine %s does not apply to %s: the mmio transports always run on microvm (--machine is for the PCI transports)",
			   opts->machines.items[i], transports);
		free(transports);
		return ret;
	}
	return 0;
}

/* PATH names the only arch's; ARCH=PATH needs ARCH in --arch. */
static int check_arch_values(struct check *c, const char *option,
			     const struct strlist *values)
{
	const struct strlist *arches = &c->opts->arches;

	for (size_t i = 0; i < values->count; i++) {
		const char *value = values->items[i];
		size_t prefix = arch_value_prefix(value);
		char *arch;
		int ret = 0;

		if (!prefix && arches->count > 1)
			return fail(c, "%s %s: with several arches say which one it is for (%s %s=%s)",
				    option, value, option, arches->items[0], value);
		if (!prefix)
			continue;
		arch = xstrndup(value, prefix - 1);
		if (!strlist_contains(arches, arch))
			ret = fail(c, "%s %s: %s is not in --arch", option, value, arch);
		free(arch);
		if (ret)
			return ret;
	}
	return 0;
}

/* "--hypervisor-binary" or "--qemu", as the user spelt it. */
static const char *binary_option_name(const struct options *opts)
{
	return opts->binary_option && !strcmp(opts->binary_option, "--qemu ") ? "--qemu" :
	       "--hypervisor-binary";
}

static int check_kernel_pvh(struct check *c)
{
	if (!c->opts->kernel_pvh || strlist_contains(&c->opts->arches, "x86_64"))
		return 0;
	return fail(c, "--kernel-pvh applies to x86_64 only (on aarch64 the mmio transports boot --kernel)");
}

static int check_list(struct check *c, const struct strlist *list, const char *what,
		      bool (*known)(const char *), char *(*names)(void))
{
	for (size_t i = 0; i < list->count; i++) {
		char *all;
		int ret;

		if (known(list->items[i]))
			continue;
		all = names();
		ret = fail(c, "unknown %s '%s' (known: %s)", what, list->items[i], all);
		free(all);
		return ret;
	}
	return 0;
}

static bool transport_known(const char *name)
{
	return !strcmp(name, "all") || transport_find(name);
}

static bool transport_named(const char *name)
{
	return transport_find(name) != NULL;
}

static bool arch_known(const char *name)
{
	return arch_find(name) != NULL;
}

static bool device_known(const char *name)
{
	return device_type_find(name) != NULL;
}

/* Does any arch of --arch run @transport (kvmtool: mmio on aarch64 only)? */
static bool offered_on_some_arch(const struct check *c, const char *transport)
{
	for (size_t i = 0; i < c->opts->arches.count; i++)
		if (hypervisor_arch_offers_transport(c->hypervisor, c->opts->arches.items[i],
						     transport))
			return true;
	return false;
}

/*
 * The hypervisor runs every transport and device type asked for by name
 * ("all" takes those it offers).
 */
static int check_offered(struct check *c)
{
	const struct hypervisor_ops *hv = c->hypervisor;

	for (size_t i = 0; i < c->opts->transports.count; i++) {
		const char *t = c->opts->transports.items[i];

		if (strcmp(t, "all") && !hypervisor_offers_transport(hv, t))
			return fail(c, "%s does not offer transport '%s'", hv->name, t);
		if (strcmp(t, "all") && !offered_on_some_arch(c, t)) {
			char *arches = strlist_join(&c->opts->arches, " or ");
			int ret = fail(c, "%s does not offer transport '%s' on %s", hv->name, t, arches);

			free(arches);
			return ret;
		}
	}
	for (size_t i = 0; i < c->opts->devices.count; i++) {
		const char *type = c->opts->devices.items[i];
		char why[256];

		if (!hypervisor_offers_device(hv, type))
			return fail(c, "%s does not offer device type '%s'", hv->name, type);
		if (hv->device_available && !hv->device_available(type, why, sizeof(why)))
			return fail(c, "device type '%s' cannot run on this host: %s", type, why);
	}
	return 0;
}

/*
 * Without --transport, each arch's default one: the first its backend
 * lists for it (ccw-modern on s390x), else the hypervisor's first (QEMU's
 * pci-modern, Firecracker's mmio-v2), else pci-modern.
 */
static void add_default_transports(struct options *opts, const struct hypervisor_ops *hv)
{
	const char *first = hv && hv->transport_count ? hv->transports[0] : "pci-modern";

	for (size_t i = 0; i < opts->arches.count; i++) {
		const struct backend_arch *arch = hv ? hypervisor_arch(hv, opts->arches.items[i]) :
						  NULL;
		const char *name = arch && arch->transport_count ? arch->transports[0] : first;

		if (!strlist_contains(&opts->transports, name))
			strlist_add(&opts->transports, name);
	}
	if (!opts->transports.count)
		strlist_add(&opts->transports, first);
}

/* Defaults that depend on the subcommand or on whether a list was given. */
static void apply_defaults(struct options *opts)
{
	const struct hypervisor_ops *hv = hypervisor_find(opts->hypervisor);

	if (!opts->transports.count)
		add_default_transports(opts, hv);
	/*
	 * run: every device type the harness knows and the hypervisor offers
	 * on this host (plan/setup.c says which it left out and why).
	 */
	if (!opts->devices_given && opts->command == COMMAND_RUN)
		for (size_t i = 0; hv && i < device_type_count(); i++) {
			const char *type = device_type_at(i)->name;
			char why[256];

			if (hypervisor_offers_device(hv, type) &&
			    (!hv->device_available || hv->device_available(type, why, sizeof(why))))
				strlist_add(&opts->devices, type);
		}
}

static int check_hypervisor(struct check *c)
{
	char *known;
	int ret;

	c->hypervisor = hypervisor_find(c->opts->hypervisor);
	if (c->hypervisor && c->opts->stand_in && !c->hypervisor->has_stand_in)
		return fail(c, "--stand-in: %s runs itself; QEMU stands in for the profiles "
			    "(see docs/hypervisors.md)", c->hypervisor->name);
	if (c->hypervisor)
		return 0;
	known = hypervisor_names();
	ret = fail(c, "unknown hypervisor '%s' (known: %s)", c->opts->hypervisor, known);
	free(known);
	return ret;
}

/*
 * --command and --console belong to the generic backend, which needs the
 * first; its template's placeholders are checked now, before anything
 * starts, and since the template alone says which devices it attaches,
 * `run` wants them named (--devices).
 */
static int check_command_backend(struct check *c)
{
	const struct options *opts = c->opts;

	if (strcmp(c->hypervisor->name, command_hypervisor.name)) {
		if (opts->command_template || opts->console)
			return fail(c, "%s applies to --hypervisor command only",
				    opts->command_template ? "--command" : "--console");
		return 0;
	}
	if (!opts->command_template)
		return fail(c, "--hypervisor command needs --command TEMPLATE (docs/hypervisors/command.md)");
	if (opts->command == COMMAND_RUN && !opts->devices_given)
		return fail(c, "--hypervisor command needs --devices: the device types your --command attaches");
	return command_template_check(opts->command_template, &opts->devices, opts->console,
				      c->err, c->size);
}

/*
 * ingest: no hypervisor is started, so any name goes for what ran; the
 * arch and transport, when given, must be ones the harness knows. The
 * rest comes from the log (cli/command_ingest.c).
 */
static int check_ingest(struct check *c)
{
	const struct options *opts = c->opts;

	if (!opts->config_name)
		return fail(c, "ingest needs --config NAME: the configuration the log is of (see docs/ingest.md)");
	if (opts->arches.count > 1 || opts->transports.count > 1 || opts->machines.count > 1)
		return fail(c, "ingest reads the logs of one configuration: one --arch, --machine and --transport at most");
	if (opts->arches.count && !arch_find(opts->arches.items[0]))
		return check_list(c, &opts->arches, "arch", arch_known, arch_names);
	if (opts->transports.count && !transport_find(opts->transports.items[0]))
		return check_list(c, &opts->transports, "transport", transport_named,
				  transport_names);
	return 0;
}

int options_check(struct options *opts, bool defaults_only, char *err, size_t err_size)
{
	struct check c = { .opts = opts, .err = err, .size = err_size };
	int ret;

	if (opts->command == COMMAND_INGEST)
		return defaults_only ? 0 : check_ingest(&c);
	/* The arches first: each has its default transport (add_default_transports). */
	ret = check_arches(&c);
	apply_defaults(opts);
	if (ret || defaults_only)
		return ret;
	ret = check_hypervisor(&c);
	if (!ret)
		ret = check_machines(&c);
	if (!ret)
		ret = check_list(&c, &opts->transports, "transport", transport_known,
				 transport_names);
	if (!ret)
		ret = check_list(&c, &opts->devices, "device", device_known, device_type_names);
	if (!ret)
		ret = check_offered(&c);
	if (!ret)
		ret = check_machines_apply(&c);
	if (!ret)
		ret = check_command_backend(&c);
	if (!ret)
		ret = check_arch_values(&c, "--kernel", &opts->kernels);
	if (!ret)
		ret = check_arch_values(&c, binary_option_name(opts), &opts->qemus);
	if (!ret)
		ret = check_kernel_pvh(&c);
	if (!ret)
		ret = options_check_boot(c.hypervisor, opts, err, err_size);
	if (!ret)
		ret = exit_method_check(opts, c.err, c.size);
	if (!ret && opts->device_properties.count && c.hypervisor->has_stand_in && !opts->stand_in)
		ret = fail(&c, "--device-property sets properties of QEMU's devices, and %s runs its own "
			   "(with --stand-in QEMU runs)", c.hypervisor->name);
	for (size_t i = 0; !ret && i < opts->device_properties.count; i++)
		ret = check_property(&c, opts->device_properties.items[i]);
	return ret;
}

char *kernel_pvh_path_for(const char *kernel)
{
	size_t len = strlen(kernel);

	if (len >= 4 && !strcmp(kernel + len - 4, ".elf"))
		return xasprintf("%.*s-pvh.elf", (int)(len - 4), kernel);
	return xasprintf("%s-pvh", kernel);
}

const char *options_arch_value(const struct strlist *values, const char *arch)
{
	const char *found = NULL;

	/* The last one for @arch wins, as for any option given twice. */
	for (size_t i = 0; i < values->count; i++) {
		size_t prefix = arch_value_prefix(values->items[i]);

		if (!prefix)
			found = values->items[i];
		else if (strlen(arch) == prefix - 1 && !strncmp(values->items[i], arch, prefix - 1))
			found = values->items[i] + prefix;
	}
	return found;
}

char *options_kernel(const struct options *opts, const char *arch)
{
	const char *given = options_arch_value(&opts->kernels, arch);

	return given ? xstrdup(given) : xasprintf(DEFAULT_KERNEL_FORMAT, arch);
}

char *options_kernel_pvh(const struct options *opts)
{
	const char *kernel = options_arch_value(&opts->kernels, "x86_64");

	if (opts->kernel_pvh)
		return xstrdup(opts->kernel_pvh);
	return kernel ? kernel_pvh_path_for(kernel) : xstrdup(DEFAULT_KERNEL_PVH);
}

/* $VCTS_QEMU names QEMU: only when QEMU is what runs, itself or as a stand-in. */
static const char *qemu_variable(const struct options *opts)
{
	const char *env = getenv("VCTS_QEMU");

	if (strcmp(opts->hypervisor, "qemu") && !opts->stand_in)
		return NULL;
	return env && *env ? env : NULL;
}

const char *options_hypervisor_binary(const struct options *opts, const char *arch,
				      const char **source)
{
	const char *given = options_arch_value(&opts->qemus, arch);
	const char *env = qemu_variable(opts);

	/* The generic backend's "binary" is its template. */
	if (opts->command_template) {
		*source = "--command ";
		return opts->command_template;
	}
	*source = opts->binary_option ? opts->binary_option : "--hypervisor-binary ";
	if (given)
		return given;
	*source = "VCTS_QEMU=";
	return env && opts->arches.count == 1 ? env : NULL;
}

bool options_binary_variable_ignored(const struct options *opts)
{
	return qemu_variable(opts) && opts->arches.count > 1;
}
