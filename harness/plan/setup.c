/*
 * Host preparation, in the order a user would fix things: the hypervisor,
 * kernel, output directory, baseline, accelerator; the first three for
 * each arch the configurations have.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/setup.h"
#include "util.h"

/* @config's image; the user named it, unless it is the default. */
/* Did --kernel name @config's image (the arch's default one)? */
static bool kernel_given(const struct options *opts, const struct vcts_config *config)
{
	const char *given = options_arch_value(&opts->kernels, config->arch);

	return given && !strcmp(given + arch_value_prefix(given), config->kernel);
}

static int check_kernel(const struct options *opts, const struct vcts_config *config)
{
	const struct arch_desc *arch = arch_find(config->arch);
	const struct boot_image *image = config->boot_image;

	if (access(config->kernel, R_OK) == 0)
		return 0;
	if (!strcmp(image->name, "pvh") && opts->kernel_pvh)
		vcts_error("--kernel-pvh %s: %s", config->kernel, strerror(errno));
	else if (!strcmp(image->name, "pvh") && !opts->boot_image)
		vcts_error("%s not found: the x86_64 mmio transports boot the PVH kernel (build it with 'make', or give --kernel-pvh)",
			   config->kernel);
	else if (kernel_given(opts, config))
		vcts_error("--kernel %s: %s", config->kernel, strerror(errno));
	else if (strcmp(image->make_target, "make"))
		vcts_error("%s not found: boot image '%s' (build it with '%s')", config->kernel,
			   image->name, image->make_target);
	else
		vcts_error("%s not found (build it with '%s')", config->kernel,
			   arch ? arch->build_command : "make");
	return -1;
}

/* Only the images the configurations will boot must exist; each is checked once. */
static int check_kernels(const struct options *opts,
			 const struct vcts_config *configs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		bool seen = false;

		for (size_t j = 0; j < i && !seen; j++)
			seen = !strcmp(configs[j].kernel, configs[i].kernel);
		if (!seen && check_kernel(opts, &configs[i]))
			return -1;
	}
	return 0;
}

/*
 * Only `run` applies one. auto: each arch's own file (from the version of
 * its QEMU); a file: loaded once, for every arch.
 */
static int load_baselines(struct host_setup *setup, const struct options *opts)
{
	bool per_arch = !strcmp(opts->baseline, "auto");

	if (opts->command != COMMAND_RUN)
		return 0;
	setup->baselines = xcalloc(setup->backend_count, sizeof(*setup->baselines));
	for (size_t i = 0; i < setup->backend_count; i++) {
		const struct backend *b = &setup->backends[i];
		const char *hypervisor = b->ops->name;
		struct baseline *bl = &setup->baselines[setup->baseline_count];
		int ret;

		if (!per_arch && setup->baseline_count) {
			baseline_announce_mismatch(setup->baseline, hypervisor, b->arch->arch,
						   b->version);
			continue;
		}
		ret = baseline_select(bl, opts->baseline, hypervisor, b->arch->arch, b->version);
		if (ret < 0)
			return -1;
		if (!ret)
			continue;
		if (setup->baseline_count)
			setup->baselines[setup->baseline_count - 1].next = bl;
		setup->baseline_count++;
	}
	setup->baseline = setup->baseline_count ? &setup->baselines[0] : NULL;
	return 0;
}

static int choose_accel(struct backend *b, const struct options *opts, bool say_arch)
{
	const char *arch = b->arch->arch;
	struct kvm_probe probe;

	kvm_probe_host(&probe);
	if (accel_choose(opts->accel, arch, &probe, &b->accel)) {
		vcts_error("%s%s%s", say_arch ? arch : "", say_arch ? ": " : "", b->accel.reason);
		return -1;
	}
	vcts_note("%s%saccel %s (%s)", say_arch ? arch : "", say_arch ? ": " : "",
		  b->accel.name, b->accel.reason);
	return 0;
}

static int prepare_output(const struct options *opts)
{
	static const char *const subdirs[] = { "", "/logs", "/images" };

	for (size_t i = 0; i < ARRAY_SIZE(subdirs); i++) {
		char *dir = xasprintf("%s%s", opts->output, subdirs[i]);
		int ret = mkdir_p(dir);

		if (ret == 0 && access(dir, W_OK))
			ret = -1;
		if (ret) {
			vcts_error("cannot create output directory %s: %s", dir,
				   strerror(errno));
			free(dir);
			return -1;
		}
		free(dir);
	}
	return 0;
}

/* One installation per arch of @configs, in their order. */
static void collect_arches(struct host_setup *setup, const struct vcts_config *configs,
			   size_t count)
{
	setup->backends = xcalloc(count ? count : 1, sizeof(*setup->backends));
	for (size_t i = 0; i < count; i++) {
		const struct vcts_config *c = &configs[i];
		struct backend *b;

		if (host_setup_for(setup, c->arch))
			continue;
		b = &setup->backends[setup->backend_count++];
		b->ops = c->hypervisor_ops;
		b->arch = hypervisor_arch(c->hypervisor_ops, c->arch);
	}
}

static int prepare_backend(struct backend *b, const struct options *opts)
{
	const char *source;
	const char *binary = options_hypervisor_binary(opts, b->arch->arch, &source);

	return b->ops->prepare(b, binary, source);
}

/* The device types the default list left out on this host, and why. */
static void note_unavailable_devices(const struct options *opts)
{
	const struct hypervisor_ops *hv = hypervisor_find(opts->hypervisor);

	if (opts->devices_given || !hv || !hv->device_available)
		return;
	for (size_t i = 0; i < device_type_count(); i++) {
		const char *type = device_type_at(i)->name;
		char why[256];

		if (hypervisor_offers_device(hv, type) && !hv->device_available(type, why, sizeof(why)))
			vcts_note("device type %s left out: %s", type, why);
	}
}

int host_setup_prepare(struct host_setup *setup, const struct options *opts,
		       const struct vcts_config *configs, size_t count)
{
	memset(setup, 0, sizeof(*setup));
	note_unavailable_devices(opts);
	collect_arches(setup, configs, count);
	if (options_binary_variable_ignored(opts))
		vcts_note("VCTS_QEMU ignored: it names one binary and --arch names several (use --qemu ARCH=PATH)");
	for (size_t i = 0; i < setup->backend_count; i++)
		if (prepare_backend(&setup->backends[i], opts))
			return -1;
	if (check_kernels(opts, configs, count) || prepare_output(opts) ||
	    load_baselines(setup, opts))
		return -1;
	for (size_t i = 0; i < setup->backend_count; i++)
		if (choose_accel(&setup->backends[i], opts, setup->backend_count > 1))
			return -1;
	return 0;
}

const struct backend *host_setup_for(const struct host_setup *setup, const char *arch)
{
	for (size_t i = 0; i < setup->backend_count; i++)
		if (!strcmp(setup->backends[i].arch->arch, arch))
			return &setup->backends[i];
	return NULL;
}

void host_setup_release(struct host_setup *setup)
{
	for (size_t i = 0; i < setup->baseline_count; i++)
		baseline_release(&setup->baselines[i]);
	free(setup->baselines);
	for (size_t i = 0; i < setup->backend_count; i++)
		if (setup->backends[i].ops)
			setup->backends[i].ops->release(&setup->backends[i]);
	free(setup->backends);
	memset(setup, 0, sizeof(*setup));
}
