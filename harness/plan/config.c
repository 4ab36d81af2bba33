/*
 * The device and transport tables and the configuration matrix. The
 * arches and their machines are in arch.c; where each device ends up (and
 * so which backing file a location the kernel reports names) is in
 * device_location.c; how a hypervisor spells machines and devices is its
 * backend's (hypervisors/).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/config.h"
#include "plan/exit_method.h"
#include "cli/options.h"
#include "hypervisors/profiles/profile_plan.h"

#define MiB (1024ull * 1024)

static const struct device_instance rng_instances[] = {
	{ .name = "rng0", .type = "rng", .pci_slot = 3 },
};

static const struct device_instance blk_instances[] = {
	{ .name = "blk0", .type = "blk", .pci_slot = 4,
	  .image_name = "blk0.img", .image_size = 8 * MiB },
	{ .name = "blk1", .type = "blk", .pci_slot = 5,
	  .image_name = "blk1.img", .image_size = 1 * MiB, .read_only = true },
};

/*
 * Slots 6 to 9 are the ones docs/devices-*.md name; the kernel finds the
 * devices wherever they are. What a hypervisor needs besides the virtio
 * device (QEMU: the netdev, the console's ports and chardevs, the SCSI
 * disk) is its backend's (hypervisors/qemu/command.c).
 */
static const struct device_instance net_instances[] = {
	{ .name = "net0", .type = "net", .pci_slot = 8 },
};

static const struct device_instance console_instances[] = {
	{ .name = "console0", .type = "console", .pci_slot = 6 },
};

static const struct device_instance balloon_instances[] = {
	{ .name = "balloon0", .type = "balloon", .pci_slot = 7 },
};

/* The disk behind the controller: SCSI_IMAGE_BYTES of the host pattern. */
static const struct device_instance scsi_instances[] = {
	{ .name = "scsi0", .type = "scsi", .pci_slot = 9,
	  .image_name = "scsi0.img", .image_size = 8 * MiB },
};

/*
 * The vhost-user set (docs/vhost-user.md): block devices served by
 * qemu-storage-daemon, the same disks as blk0 and blk1; a file system
 * served by virtiofsd from a directory under OUTPUT/images/.
 */
static const struct device_instance vhost_user_blk_instances[] = {
	{ .name = "vublk0", .type = "vhost-user-blk", .pci_slot = 4,
	  .image_name = "vublk0.img", .image_size = 8 * MiB },
	{ .name = "vublk1", .type = "vhost-user-blk", .pci_slot = 5,
	  .image_name = "vublk1.img", .image_size = 1 * MiB, .read_only = true },
};

static const struct device_instance vhost_user_fs_instances[] = {
	{ .name = "vufs0", .type = "vhost-user-fs", .pci_slot = 6 },
};

#define VHOST_USER "vhost-user"

static const struct device_type device_types[] = {
	{ "rng", rng_instances, ARRAY_SIZE(rng_instances), NULL, NULL, NULL },
	{ "blk", blk_instances, ARRAY_SIZE(blk_instances), NULL, NULL, NULL },
	{ "net", net_instances, ARRAY_SIZE(net_instances), NULL, NULL, NULL },
	{ "console", console_instances, ARRAY_SIZE(console_instances), NULL, NULL, NULL },
	{ "balloon", balloon_instances, ARRAY_SIZE(balloon_instances), NULL, NULL, NULL },
	{ "scsi", scsi_instances, ARRAY_SIZE(scsi_instances), NULL, NULL, NULL },
	/* qemu-storage-daemon 7.2 cannot set a serial: GET_ID has nothing to match. */
	{ "vhost-user-blk", vhost_user_blk_instances, ARRAY_SIZE(vhost_user_blk_instances),
	  VHOST_USER, "blk", "vcts.blk_serials=0" },
	{ "vhost-user-fs", vhost_user_fs_instances, ARRAY_SIZE(vhost_user_fs_instances),
	  VHOST_USER, "fs", NULL },
};


static const char *const modern_modes[] = { "modern" };
static const char *const legacy_modes[] = { "legacy" };
static const char *const both_modes[] = { "modern", "legacy" };

/*
 * Each mode is one VM run. A transitional device offers both interfaces,
 * so the kernel drives it once through each. Which machine and kernel
 * image a transport gets depends on the arch (arch.c).
 */
static const struct transport transports[] = {
	{ "pci-modern", modern_modes, ARRAY_SIZE(modern_modes), BUS_PCI },
	{ "pci-transitional", both_modes, ARRAY_SIZE(both_modes), BUS_PCI },
	{ "pci-legacy", legacy_modes, ARRAY_SIZE(legacy_modes), BUS_PCI },
	{ "mmio-v1", legacy_modes, ARRAY_SIZE(legacy_modes), BUS_MMIO },
	{ "mmio-v2", modern_modes, ARRAY_SIZE(modern_modes), BUS_MMIO },
	/*
	 * virtio-ccw (s390x): revision 1 or 2, and revision 0, the legacy
	 * interface, on devices that offer nothing else (docs/transport-ccw.md).
	 */
	{ "ccw-modern", modern_modes, ARRAY_SIZE(modern_modes), BUS_CCW },
	{ "ccw-legacy", legacy_modes, ARRAY_SIZE(legacy_modes), BUS_CCW },
};

size_t device_type_count(void)
{
	return ARRAY_SIZE(device_types);
}

const struct device_type *device_type_at(size_t index)
{
	return &device_types[index];
}

const struct device_type *device_type_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(device_types); i++)
		if (!strcmp(device_types[i].name, name))
			return &device_types[i];
	return NULL;
}

char *device_type_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(device_types); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", device_types[i].name);
	return strbuf_detach(&sb);
}

const struct transport *transport_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(transports); i++)
		if (!strcmp(transports[i].name, name))
			return &transports[i];
	return NULL;
}

char *transport_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(transports); i++)
		strbuf_addf(&sb, "%s, ", transports[i].name);
	strbuf_addstr(&sb, "all");
	return strbuf_detach(&sb);
}

size_t transport_count(void)
{
	return ARRAY_SIZE(transports);
}

const struct transport *transport_at(size_t index)
{
	return &transports[index];
}

/* The machine @t runs on on @arch whatever --machine says, or NULL. */
static const char *own_machine(const struct transport *t, const struct backend_arch *arch)
{
	return t->bus == BUS_MMIO ? arch->mmio_machine : NULL;
}

/* --boot-image, else what the hypervisor boots on @arch for @t. */
static const struct boot_image *boot_image_of(const struct options *opts,
					       const struct transport *t,
					       const struct backend_arch *arch)
{
	if (opts->boot_image)
		return boot_image_find(opts->boot_image);
	if (t->bus == BUS_MMIO && arch->mmio_boot_image)
		return boot_image_find(arch->mmio_boot_image);
	return boot_image_find(arch->boot_image);
}

/*
 * Where @image is: --kernel-pvh (or the PVH twin of x86_64's --kernel)
 * for pvh; --kernel for the image --boot-image names, or for the arch's
 * default image; else build/ARCH/FILE.
 */
static char *boot_image_path(const struct options *opts, const struct boot_image *image,
			     const struct backend_arch *arch)
{
	if (!strcmp(image->name, "pvh"))
		return options_kernel_pvh(opts);
	/*
	 * --kernel names the file of the image that boots (--boot-image's, else
	 * the arch's); without it, the image's own file (a profile's default
	 * image need not be the ELF kernel).
	 */
	if (options_arch_value(&opts->kernels, arch->arch) &&
	    (opts->boot_image || !strcmp(image->name, arch->boot_image)))
		return options_kernel(opts, arch->arch);
	return boot_image_default_path(image);
}

/*
 * The transports the user asked for, with "all" expanded to those the
 * hypervisor offers, without repeats.
 */
static void selected_transports(const struct options *opts,
				const struct transport **out, size_t *count)
{
	const struct hypervisor_ops *hv = hypervisor_find(opts->hypervisor);

	*count = 0;
	for (size_t i = 0; i < ARRAY_SIZE(transports); i++) {
		const struct transport *t = &transports[i];

		if (strlist_contains(&opts->transports, t->name) ||
		    (strlist_contains(&opts->transports, "all") &&
		     hv && hypervisor_offers_transport(hv, t->name)))
			out[(*count)++] = t;
	}
}

bool machine_applies(const struct options *opts, const char *machine)
{
	const struct hypervisor_ops *hv = hypervisor_find(opts->hypervisor);
	const struct transport *chosen[ARRAY_SIZE(transports)];
	size_t count;

	selected_transports(opts, chosen, &count);
	for (size_t a = 0; a < opts->arches.count; a++) {
		const struct backend_arch *arch = hypervisor_arch(hv, opts->arches.items[a]);

		if (!arch || !hypervisor_has_machine(hv, arch->arch, machine))
			continue;
		for (size_t i = 0; i < count; i++)
			if (!own_machine(chosen[i], arch) &&
			    hypervisor_arch_offers_transport(hv, arch->arch, chosen[i]->name))
				return true;
	}
	return false;
}

/*
 * The matrix being built, for one arch at a time. Configurations point at
 * the options' strings (machines) and the static tables.
 */
struct matrix_build {
	struct config_matrix *matrix;
	const struct options *opts;
	const struct hypervisor_ops *hypervisor;
	const struct backend_arch *arch;
};

static bool same_set(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/*
 * The chosen device types of @set that the hypervisor runs on @transport
 * in @mode (vhost-user back ends have no legacy interface, for one).
 */
static bool type_belongs(const struct matrix_build *mb, const struct device_type *type,
			 const char *set, const struct transport *transport, const char *mode)
{
	const struct hypervisor_ops *hv = mb->hypervisor;

	return same_set(type->device_set, set) &&
	       (!hv->device_runs_on || hv->device_runs_on(type->name, transport->name, mode));
}

/* The devices of @config: the chosen types of its set that run there. */
static void attach_devices(struct vcts_config *config, const struct matrix_build *mb,
			   const struct transport *transport)
{
	const struct strlist *chosen = &mb->opts->devices;
	size_t count = 0;

	for (size_t i = 0; i < chosen->count; i++)
		count += device_type_find(chosen->items[i])->instance_count;
	config->devices = xcalloc(count ? count : 1, sizeof(*config->devices));
	for (size_t i = 0; i < chosen->count; i++) {
		const struct device_type *type = device_type_find(chosen->items[i]);

		if (!type_belongs(mb, type, config->device_set, transport, config->mode))
			continue;
		strlist_add(&config->device_types, type->name);
		if (type->kernel_args && !strlist_contains(&config->kernel_args, type->kernel_args))
			strlist_add(&config->kernel_args, type->kernel_args);
		for (size_t j = 0; j < type->instance_count; j++)
			config->devices[config->device_count++] = &type->instances[j];
	}
	strlist_copy(&config->device_properties, &mb->opts->device_properties);
}

/* Does any chosen type of @set run on @transport in @mode? */
static bool set_has_devices(const struct matrix_build *mb, const char *set,
			    const struct transport *transport, const char *mode)
{
	const struct strlist *chosen = &mb->opts->devices;

	for (size_t i = 0; i < chosen->count; i++)
		if (type_belongs(mb, device_type_find(chosen->items[i]), set, transport, mode))
			return true;
	return false;
}

static void settings_from_options(struct run_settings *settings,
				  const struct options *opts)
{
	settings->output = opts->output;
	settings->seed = opts->seed;
	strlist_copy(&settings->filters, &opts->filters);
	strlist_copy(&settings->kernel_args, &opts->kernel_args);
	settings->timeout_s = opts->timeout_s;
	settings->verbose = opts->verbose;
	settings->console = opts->console;
}


/*
 * "-linux", "-iso-cdrom-ovmf": what the name says when --boot-image or
 * --firmware chose other than the defaults ("" when not).
 */
static char *boot_tag(const struct options *opts)
{
	bool firmware = strcmp(opts->firmware, "default");

	return xasprintf("%s%s%s%s", opts->boot_image ? "-" : "",
			 opts->boot_image ? opts->boot_image : "", firmware ? "-" : "",
			 firmware ? opts->firmware : "");
}

static void add_config_of_set(struct matrix_build *mb, const char *machine,
			      const struct transport *transport, const char *mode,
			      const char *set)
{
	struct config_matrix *matrix = mb->matrix;
	struct vcts_config *config;
	char *tag = machine_tag(machine);
	char *boot;

	matrix->configs = xrealloc(matrix->configs,
				   (matrix->count + 1) * sizeof(*matrix->configs));
	config = &matrix->configs[matrix->count++];
	memset(config, 0, sizeof(*config));
	config->hypervisor = mb->hypervisor->name;
	config->hypervisor_ops = mb->hypervisor;
	config->settings = &matrix->settings;
	config->arch = mb->arch->arch;
	config->machine = machine;
	config->transport = transport->name;
	config->mode = mode;
	config->bus = transport->bus;
	config->boot_image = boot_image_of(mb->opts, transport, mb->arch);
	config->kernel = boot_image_path(mb->opts, config->boot_image, mb->arch);
	config->firmware = mb->opts->firmware;
	config->exit_method = exit_method_for(mb->opts, mb->arch, config->boot_image);
	config->device_set = set;
	boot = boot_tag(mb->opts);
	config->name = xasprintf("%s-%s-%s-%s-%s%s%s%s", config->hypervisor, config->arch,
				 tag, transport->name, mode, set ? "-" : "", set ? set : "", boot);
	free(boot);
	free(tag);
	attach_devices(config, mb, transport);
}

/*
 * One configuration per device set with devices on @transport: the
 * built-in devices (as always when they were chosen, or when nothing of
 * another set runs there), then each other set.
 */
static void add_config(struct matrix_build *mb, const char *machine,
		       const struct transport *transport, const char *mode)
{
	const char *sets[ARRAY_SIZE(device_types) + 1] = { NULL };
	size_t set_count = 1;

	for (size_t i = 0; i < ARRAY_SIZE(device_types); i++) {
		const char *set = device_types[i].device_set;
		bool known = false;

		for (size_t j = 0; j < set_count; j++)
			known |= same_set(sets[j], set);
		if (!known)
			sets[set_count++] = set;
	}
	for (size_t i = 0; i < set_count; i++)
		if (set_has_devices(mb, sets[i], transport, mode) ||
		    (!sets[i] && !mb->opts->devices.count))
			add_config_of_set(mb, machine, transport, mode, sets[i]);
}

static void add_transport_configs(struct matrix_build *mb, const char *machine,
				  const struct transport *t)
{
	for (size_t i = 0; i < t->mode_count; i++)
		add_config(mb, machine, t, t->modes[i]);
}

/* Is any other configuration of the matrix the same in what @same compares? */
static bool ambiguous(const struct config_matrix *matrix, size_t index,
		      bool (*same)(const struct vcts_config *, const struct vcts_config *))
{
	for (size_t j = 0; j < matrix->count; j++)
		if (j != index && same(&matrix->configs[index], &matrix->configs[j]))
			return true;
	return false;
}

static bool same_transport_and_mode(const struct vcts_config *a,
				    const struct vcts_config *b)
{
	return !strcmp(a->transport, b->transport) && !strcmp(a->mode, b->mode) &&
	       same_set(a->device_set, b->device_set);
}

static bool same_arch_transport_and_mode(const struct vcts_config *a,
					 const struct vcts_config *b)
{
	return !strcmp(a->arch, b->arch) && same_transport_and_mode(a, b);
}

/*
 * TRANSPORT-MODE, with the machine in front when that is not enough
 * within the arch, and the arch in front of all when there are several.
 */
static void label_configs(struct config_matrix *matrix)
{
	bool several_arches = false;

	for (size_t i = 1; i < matrix->count; i++)
		several_arches |= strcmp(matrix->configs[i].arch, matrix->configs[0].arch) != 0;
	for (size_t i = 0; i < matrix->count; i++) {
		struct vcts_config *c = &matrix->configs[i];
		struct strbuf sb = { 0 };

		if (several_arches)
			strbuf_addf(&sb, "%s-", c->arch);
		if (ambiguous(matrix, i, same_arch_transport_and_mode)) {
			char *tag = machine_tag(c->machine);

			strbuf_addf(&sb, "%s-", tag);
			free(tag);
		}
		strbuf_addf(&sb, "%s-%s", c->transport, c->mode);
		if (c->device_set)
			strbuf_addf(&sb, "-%s", c->device_set);
		c->label = strbuf_detach(&sb);
	}
}

/* Does the hypervisor run @t on the arch being built (kvmtool: mmio on aarch64 only)? */
static bool arch_runs(const struct matrix_build *mb, const struct transport *t)
{
	return hypervisor_arch_offers_transport(mb->hypervisor, mb->arch->arch, t->name);
}

/* The transports of @arch that take their machine from --machine, on @machine. */
static void build_machine(struct matrix_build *mb, const char *machine,
			  const struct transport *const *chosen, size_t count)
{
	for (size_t t = 0; t < count; t++)
		if (!own_machine(chosen[t], mb->arch) && arch_runs(mb, chosen[t]))
			add_transport_configs(mb, machine, chosen[t]);
}

static void build_arch(struct matrix_build *mb, const struct transport *const *chosen,
		       size_t count)
{
	const struct options *opts = mb->opts;
	bool listed = false;

	for (size_t m = 0; m < opts->machines.count; m++) {
		if (!hypervisor_has_machine(mb->hypervisor, mb->arch->arch,
					    opts->machines.items[m]))
			continue;
		build_machine(mb, opts->machines.items[m], chosen, count);
		listed = true;
	}
	if (!listed)
		build_machine(mb, mb->arch->machines[0], chosen, count);
	/* A transport with a machine of its own runs once, whatever --machine lists. */
	for (size_t t = 0; t < count; t++)
		if (own_machine(chosen[t], mb->arch) && arch_runs(mb, chosen[t]))
			add_transport_configs(mb, own_machine(chosen[t], mb->arch), chosen[t]);
}

void config_matrix_build(struct config_matrix *matrix, const struct options *opts)
{
	const struct transport *chosen[ARRAY_SIZE(transports)];
	struct matrix_build mb = { .matrix = matrix, .opts = opts };
	size_t transport_total;

	memset(matrix, 0, sizeof(*matrix));
	settings_from_options(&matrix->settings, opts);
	mb.hypervisor = hypervisor_find(opts->hypervisor);
	if (!mb.hypervisor)
		return;
	selected_transports(opts, chosen, &transport_total);
	for (size_t a = 0; a < opts->arches.count; a++) {
		mb.arch = hypervisor_arch(mb.hypervisor, opts->arches.items[a]);
		if (mb.arch)
			build_arch(&mb, chosen, transport_total);
	}
	label_configs(matrix);
	profile_plan_apply(matrix, opts);
}

const char *run_settings_socket_dir(const struct run_settings *settings)
{
	return settings->socket_dir ? settings->socket_dir : settings->output;
}

int config_matrix_open_socket_dir(struct config_matrix *matrix)
{
	const char *base = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *dir = xasprintf("%s/vcts-XXXXXX", base);

	if (!mkdtemp(dir)) {
		vcts_error("cannot create a socket directory in %s: %s", base, strerror(errno));
		free(dir);
		return -1;
	}
	matrix->settings.socket_dir = dir;
	return 0;
}

void config_matrix_free(struct config_matrix *matrix)
{
	/* Every session unlinked its sockets: what is left is the empty directory. */
	if (matrix->settings.socket_dir)
		rmdir(matrix->settings.socket_dir);
	free(matrix->settings.socket_dir);
	strlist_clear(&matrix->settings.filters);
	strlist_clear(&matrix->settings.kernel_args);
	for (size_t i = 0; i < matrix->count; i++) {
		free(matrix->configs[i].name);
		free(matrix->configs[i].label);
		free(matrix->configs[i].kernel);
		free(matrix->configs[i].devices);
		strlist_clear(&matrix->configs[i].device_types);
		strlist_clear(&matrix->configs[i].kernel_args);
		strlist_clear(&matrix->configs[i].device_properties);
	}
	free(matrix->configs);
	memset(matrix, 0, sizeof(*matrix));
}
