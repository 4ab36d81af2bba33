/*
 * Host preparation, in the order a user would fix things: QEMU, kernel,
 * output directory, baseline, accelerator; the first three for each arch
 * the configurations have.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan/setup.h"
#include "util.h"
#include "vm/vm_process.h"

#define VERSION_TIMEOUT_S 30

/* @config's image; the user named it, unless it is the default. */
static int check_kernel(const struct options *opts, const struct vcts_config *config)
{
	const struct arch_desc *arch = arch_find(config->arch);

	if (access(config->kernel, R_OK) == 0)
		return 0;
	if (config->boot == BOOT_PVH) {
		if (opts->kernel_pvh)
			vcts_error("--kernel-pvh %s: %s", config->kernel, strerror(errno));
		else
			vcts_error("%s not found: the x86_64 mmio transports boot the PVH kernel (build it with 'make', or give --kernel-pvh)",
				   config->kernel);
	} else if (options_arch_value(&opts->kernels, config->arch)) {
		vcts_error("--kernel %s: %s", config->kernel, strerror(errno));
	} else {
		vcts_error("%s not found (build it with '%s')", config->kernel,
			   arch ? arch->build_command : "make");
	}
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

/* The first line of `qemu --version`; it also proves QEMU starts at all. */
static int read_qemu_version(struct qemu_host *qemu)
{
	char *argv[] = { qemu->binary, "--version", NULL };
	struct vm_outcome out;
	char err[512];
	char *text;

	if (process_capture(argv, VERSION_TIMEOUT_S, &text, &out, err, sizeof(err))) {
		vcts_error("%s", err);
		return -1;
	}
	if (!out.exited || out.exit_status) {
		vcts_error("%s --version failed; is it a QEMU binary?", qemu->binary);
		free(text);
		return -1;
	}
	text[strcspn(text, "\n")] = '\0';
	qemu->version = text;
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
	setup->baselines = xcalloc(setup->host_count, sizeof(*setup->baselines));
	for (size_t i = 0; i < setup->host_count; i++) {
		const struct arch_host *h = &setup->hosts[i];
		struct baseline *bl = &setup->baselines[setup->baseline_count];
		int ret;

		if (!per_arch && setup->baseline_count) {
			baseline_announce_mismatch(setup->baseline, opts, h->arch,
						   h->qemu.version);
			continue;
		}
		ret = baseline_select(bl, opts, h->arch, h->qemu.version);
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

static int choose_accel(struct arch_host *h, const struct options *opts,
			bool say_arch)
{
	struct kvm_probe probe;

	kvm_probe_host(&probe);
	if (accel_choose(opts->accel, h->arch, &probe, &h->accel)) {
		vcts_error("%s%s%s", say_arch ? h->arch : "", say_arch ? ": " : "",
			   h->accel.reason);
		return -1;
	}
	h->qemu.accel = h->accel.name;
	vcts_note("%s%saccel %s (%s)", say_arch ? h->arch : "", say_arch ? ": " : "",
		  h->accel.name, h->accel.reason);
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

/* One host per arch of @configs, in their order. */
static void collect_arches(struct host_setup *setup, const struct vcts_config *configs,
			   size_t count)
{
	setup->hosts = xcalloc(count ? count : 1, sizeof(*setup->hosts));
	for (size_t i = 0; i < count; i++)
		if (!host_setup_for(setup, configs[i].arch))
			setup->hosts[setup->host_count++].arch = configs[i].arch;
}

static int find_qemu(struct arch_host *h, const struct options *opts)
{
	char err[512];

	h->qemu.binary = qemu_find_binary(opts, h->arch, err, sizeof(err));
	if (!h->qemu.binary) {
		vcts_error("%s", err);
		return -1;
	}
	return read_qemu_version(&h->qemu);
}

/* qboot boots q35 and pc in a fraction of SeaBIOS's time; aarch64 needs none. */
static void find_firmware(struct arch_host *h)
{
	if (strcmp(h->arch, "x86_64"))
		return;
	h->qemu.firmware = qemu_find_firmware(h->qemu.binary);
	if (!h->qemu.firmware)
		vcts_note("qboot.rom not found; using QEMU's default firmware (SeaBIOS boots slower)");
}

int host_setup_prepare(struct host_setup *setup, const struct options *opts,
		       const struct vcts_config *configs, size_t count)
{
	memset(setup, 0, sizeof(*setup));
	collect_arches(setup, configs, count);
	if (getenv("VCTS_QEMU") && *getenv("VCTS_QEMU") && !qemu_env_applies(opts))
		vcts_note("VCTS_QEMU ignored: it names one binary and --arch names several (use --qemu ARCH=PATH)");
	for (size_t i = 0; i < setup->host_count; i++)
		if (find_qemu(&setup->hosts[i], opts))
			return -1;
	if (check_kernels(opts, configs, count) || prepare_output(opts) ||
	    load_baselines(setup, opts))
		return -1;
	for (size_t i = 0; i < setup->host_count; i++) {
		if (choose_accel(&setup->hosts[i], opts, setup->host_count > 1))
			return -1;
		find_firmware(&setup->hosts[i]);
	}
	return 0;
}

const struct arch_host *host_setup_for(const struct host_setup *setup,
				       const char *arch)
{
	for (size_t i = 0; i < setup->host_count; i++)
		if (!strcmp(setup->hosts[i].arch, arch))
			return &setup->hosts[i];
	return NULL;
}

void host_setup_release(struct host_setup *setup)
{
	for (size_t i = 0; i < setup->baseline_count; i++)
		baseline_release(&setup->baselines[i]);
	free(setup->baselines);
	for (size_t i = 0; i < setup->host_count; i++) {
		free(setup->hosts[i].qemu.binary);
		free(setup->hosts[i].qemu.firmware);
		free(setup->hosts[i].qemu.version);
	}
	free(setup->hosts);
	memset(setup, 0, sizeof(*setup));
}
