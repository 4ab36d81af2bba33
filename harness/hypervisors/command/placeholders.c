/*
 * The {placeholders} of a --command template (docs/hypervisors/command.md):
 * checked once when the options are read, so that a typo is a usage error
 * before anything starts, and filled in for each VM.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hypervisors/command/command.h"
#include "plan/boot_image.h"
#include "plan/config.h"
#include "vm/console.h"

/* What a placeholder's argument names, after its colon. */
enum placeholder_arg {
	ARG_NONE,
	ARG_DEVICE,		/* a device instance: blk0 */
	ARG_DISK,		/* a device instance with a disk image */
	ARG_BOOT_IMAGE,		/* a boot image the backend offers */
};

/* Which --console routes give a placeholder a value. */
enum placeholder_console {
	NEEDS_NO_CONSOLE,
	NEEDS_CONSOLE_PATH,	/* file, unix, or pty with a path */
	NEEDS_CONSOLE_TCP,
};

struct placeholder {
	const char *name;
	enum placeholder_arg arg;
	enum placeholder_console console;
	char *(*value)(const struct vm_launch *launch, const char *arg);
};

/*
 * The file of a boot image of the backend's offer, as `make` names it
 * (plan/boot_image.c), or NULL.
 */
static const char *boot_image_file(const char *name)
{
	const struct boot_image *image = boot_image_find(name);

	for (size_t i = 0; image && i < command_hypervisor.boot_image_count; i++)
		if (!strcmp(command_hypervisor.boot_images[i], name))
			return image->file;
	return NULL;
}

static char *value_kernel(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(l->config->kernel);
}

/* The configuration's own image where it is, another beside it. */
static char *value_image(const struct vm_launch *l, const char *arg)
{
	const char *kernel = l->config->kernel;
	const char *slash = strrchr(kernel, '/');
	const char *file = boot_image_file(arg);

	if (!file)
		return NULL;
	if (l->config->boot_image && !strcmp(l->config->boot_image->name, arg))
		return xstrdup(kernel);
	if (!slash)
		return xstrdup(file);
	return xasprintf("%.*s/%s", (int)(slash - kernel), kernel, file);
}

static char *value_cmdline(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(l->kernel_cmdline);
}

static char *value_disk(const struct vm_launch *l, const char *arg)
{
	const struct device_instance *dev = config_device_named(l->config, arg);

	if (!dev || !dev->image_name)
		return NULL;
	return xasprintf("%s/%s", l->image_dir, dev->image_name);
}

static char *value_pci_slot(const struct vm_launch *l, const char *arg)
{
	const struct device_instance *dev = config_device_named(l->config, arg);

	return dev ? xasprintf("%u", dev->pci_slot) : NULL;
}

static char *value_serial(const struct vm_launch *l, const char *arg)
{
	const struct device_instance *dev = config_device_named(l->config, arg);

	return dev ? xasprintf("vcts-%s", dev->name) : NULL;
}

static char *value_console_path(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return l->console && l->console->path ? xstrdup(l->console->path) : NULL;
}

static char *value_console_host(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return l->console && l->console->host ? xstrdup(l->console->host) : NULL;
}

static char *value_console_port(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return l->console && l->console->port ? xasprintf("%u", l->console->port) : NULL;
}

static char *value_machine(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(l->config->machine);
}

static char *value_arch(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(l->config->arch);
}

static char *value_accel(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(l->backend->accel.name ? l->backend->accel.name : "");
}

static char *value_transport(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(l->config->transport);
}

static char *value_config(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(l->config->name);
}

static char *value_output(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(l->config->settings->output);
}

static char *value_sockets(const struct vm_launch *l, const char *arg)
{
	(void)arg;
	return xstrdup(run_settings_socket_dir(l->config->settings));
}

static const struct placeholder placeholders[] = {
	{ "kernel", ARG_NONE, NEEDS_NO_CONSOLE, value_kernel },
	{ "image", ARG_BOOT_IMAGE, NEEDS_NO_CONSOLE, value_image },
	{ "cmdline", ARG_NONE, NEEDS_NO_CONSOLE, value_cmdline },
	{ "disk", ARG_DISK, NEEDS_NO_CONSOLE, value_disk },
	{ "pci-slot", ARG_DEVICE, NEEDS_NO_CONSOLE, value_pci_slot },
	{ "serial", ARG_DEVICE, NEEDS_NO_CONSOLE, value_serial },
	{ "console-path", ARG_NONE, NEEDS_CONSOLE_PATH, value_console_path },
	{ "console-host", ARG_NONE, NEEDS_CONSOLE_TCP, value_console_host },
	{ "console-port", ARG_NONE, NEEDS_CONSOLE_TCP, value_console_port },
	{ "machine", ARG_NONE, NEEDS_NO_CONSOLE, value_machine },
	{ "arch", ARG_NONE, NEEDS_NO_CONSOLE, value_arch },
	{ "accel", ARG_NONE, NEEDS_NO_CONSOLE, value_accel },
	{ "transport", ARG_NONE, NEEDS_NO_CONSOLE, value_transport },
	{ "config", ARG_NONE, NEEDS_NO_CONSOLE, value_config },
	{ "output", ARG_NONE, NEEDS_NO_CONSOLE, value_output },
	{ "sockets", ARG_NONE, NEEDS_NO_CONSOLE, value_sockets },
};

char *command_placeholder_names(void)
{
	static const char *const arg_names[] = {
		[ARG_NONE] = "", [ARG_DEVICE] = ":DEVICE", [ARG_DISK] = ":DEVICE",
		[ARG_BOOT_IMAGE] = ":NAME",
	};
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++)
		strbuf_addf(&sb, "%s{%s%s}", i ? ", " : "", placeholders[i].name,
			    arg_names[placeholders[i].arg]);
	return strbuf_detach(&sb);
}

/* One placeholder of a template: the text between the braces. */
struct use {
	const struct placeholder *known;
	char *name;
	char *arg;		/* after the colon, or NULL */
};

static void use_release(struct use *u)
{
	free(u->name);
	free(u->arg);
}

static void parse_use(const char *text, size_t len, struct use *u)
{
	const char *colon = memchr(text, ':', len);
	size_t name_len = colon ? (size_t)(colon - text) : len;

	u->name = xstrndup(text, name_len);
	u->arg = colon ? xstrndup(colon + 1, len - name_len - 1) : NULL;
	u->known = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++)
		if (!strcmp(placeholders[i].name, u->name))
			u->known = &placeholders[i];
}

/*
 * Walks @word: literal text into @out, each placeholder to @visit (which
 * appends its value, or fails). 0, or -1 with @err set.
 */
static int walk(const char *word, struct strbuf *out,
		int (*visit)(void *ctx, const struct use *u, struct strbuf *out,
			     char *err, size_t err_size),
		void *ctx, char *err, size_t err_size)
{
	for (const char *p = word; *p; p++) {
		const char *close;
		struct use u;
		int ret;

		if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}')) {
			strbuf_addch(out, *p++);
			continue;
		}
		if (*p != '{') {
			strbuf_addch(out, *p);
			continue;
		}
		close = strchr(p, '}');
		if (!close) {
			snprintf(err, err_size, "--command: '%s': a '{' without its '}' (write {{ for a brace)",
				 word);
			return -1;
		}
		parse_use(p + 1, (size_t)(close - p - 1), &u);
		ret = visit(ctx, &u, out, err, err_size);
		use_release(&u);
		if (ret)
			return -1;
		p = close;
	}
	return 0;
}

/* What a check knows: the devices chosen and the console asked for. */
struct check_ctx {
	const struct strlist *device_types;
	const struct console_spec *console;
};

static bool instance_chosen(const struct check_ctx *cc, const char *name, bool disk)
{
	for (size_t t = 0; t < cc->device_types->count; t++) {
		const struct device_type *type = device_type_find(cc->device_types->items[t]);

		for (size_t i = 0; type && i < type->instance_count; i++)
			if (!strcmp(type->instances[i].name, name))
				return !disk || type->instances[i].image_name;
	}
	return false;
}

static char *offered_boot_images(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < command_hypervisor.boot_image_count; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", command_hypervisor.boot_images[i]);
	return strbuf_detach(&sb);
}

/* "blk0, blk1": the instances of the chosen types (with a disk image: @disk). */
static char *chosen_instance_names(const struct check_ctx *cc, bool disk)
{
	struct strbuf sb = { 0 };

	for (size_t t = 0; t < cc->device_types->count; t++) {
		const struct device_type *type = device_type_find(cc->device_types->items[t]);

		for (size_t i = 0; type && i < type->instance_count; i++)
			if (!disk || type->instances[i].image_name)
				strbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
					    type->instances[i].name);
	}
	return strbuf_detach(&sb);
}

static int check_arg(const struct check_ctx *cc, const struct use *u, char *err,
		     size_t err_size)
{
	const struct placeholder *p = u->known;

	if (p->arg == ARG_NONE && u->arg) {
		snprintf(err, err_size, "--command: {%s} takes no argument ({%s:%s})", p->name,
			 p->name, u->arg);
		return -1;
	}
	if (p->arg != ARG_NONE && (!u->arg || !*u->arg)) {
		snprintf(err, err_size, "--command: {%s} needs %s, e.g. {%s:%s}", p->name,
			 p->arg == ARG_BOOT_IMAGE ? "a boot image" : "a device",
			 p->name, p->arg == ARG_BOOT_IMAGE ? "pvh" : "blk0");
		return -1;
	}
	if (p->arg == ARG_BOOT_IMAGE && !boot_image_file(u->arg)) {
		char *known = offered_boot_images();

		snprintf(err, err_size, "--command: {%s:%s}: no such boot image (command offers %s)",
			 p->name, u->arg, known);
		free(known);
		return -1;
	}
	if ((p->arg == ARG_DEVICE || p->arg == ARG_DISK) &&
	    !instance_chosen(cc, u->arg, p->arg == ARG_DISK)) {
		char *known = chosen_instance_names(cc, p->arg == ARG_DISK);

		snprintf(err, err_size, "--command: {%s:%s}: --devices attaches no %s %s (%ss: %s)",
			 p->name, u->arg, p->arg == ARG_DISK ? "disk" : "device", u->arg,
			 p->arg == ARG_DISK ? "disk" : "device", *known ? known : "none");
		free(known);
		return -1;
	}
	return 0;
}

static int check_console(const struct check_ctx *cc, const struct use *u, char *err,
			 size_t err_size)
{
	enum console_route route = cc->console->route;
	bool fits = true;

	if (u->known->console == NEEDS_CONSOLE_PATH)
		fits = route == CONSOLE_FILE || route == CONSOLE_UNIX_SOCKET ||
		       (route == CONSOLE_PTY && cc->console->path);
	else if (u->known->console == NEEDS_CONSOLE_TCP)
		fits = route == CONSOLE_TCP;
	if (fits)
		return 0;
	snprintf(err, err_size, "--command: {%s} has no value with --console %s (%s)",
		 u->known->name, console_route_name(route),
		 u->known->console == NEEDS_CONSOLE_TCP ? "it needs --console tcp" :
		 "it needs --console file, unix, or pty:PATH");
	return -1;
}

static int check_use(void *ctx, const struct use *u, struct strbuf *out, char *err,
		     size_t err_size)
{
	(void)out;
	if (!u->known) {
		char *known = command_placeholder_names();

		snprintf(err, err_size, "--command: unknown placeholder {%s%s%s} (known: %s)",
			 u->name, u->arg ? ":" : "", u->arg ? u->arg : "", known);
		free(known);
		return -1;
	}
	if (check_arg(ctx, u, err, err_size))
		return -1;
	return check_console(ctx, u, err, err_size);
}

int command_template_check(const char *text, const struct strlist *device_types,
			   const char *console, char *err, size_t err_size)
{
	struct console_spec spec = { .route = CONSOLE_STDIO };
	struct check_ctx cc = { device_types, &spec };
	struct strlist words = { 0 };
	int ret = command_template_split(text, &words, err, err_size);

	if (!ret && console)
		ret = console_spec_parse(console, &spec, err, err_size);
	for (size_t i = 0; !ret && i < words.count; i++) {
		struct strbuf scratch = { 0 };

		ret = walk(words.items[i], &scratch, check_use, &cc, err, err_size);
		strbuf_release(&scratch);
	}
	console_spec_release(&spec);
	strlist_clear(&words);
	return ret;
}

static int expand_use(void *ctx, const struct use *u, struct strbuf *out, char *err,
		      size_t err_size)
{
	char *value = u->known ? u->known->value(ctx, u->arg ? u->arg : "") : NULL;

	if (!value) {
		snprintf(err, err_size, "--command: {%s%s%s} has no value for this VM",
			 u->name, u->arg ? ":" : "", u->arg ? u->arg : "");
		return -1;
	}
	strbuf_addstr(out, value);
	free(value);
	return 0;
}

char *command_template_expand(const char *word, const struct vm_launch *launch,
			      char *err, size_t err_size)
{
	struct strbuf out = { 0 };

	if (walk(word, &out, expand_use, (void *)launch, err, err_size)) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out);
}
