/*
 * Host preparation, in the order a user would fix things: QEMU, kernel,
 * output directory, baseline, accelerator.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "setup.h"
#include "util.h"
#include "vm_process.h"

#define VERSION_TIMEOUT_S 30

/* The multiboot image; the user named it, unless it is the default. */
static int check_multiboot_kernel(const struct options *opts)
{
	if (access(opts->kernel, R_OK) == 0)
		return 0;
	if (!strcmp(opts->kernel, DEFAULT_KERNEL))
		vcts_error("%s not found (build it with 'make')", opts->kernel);
	else
		vcts_error("--kernel %s: %s", opts->kernel, strerror(errno));
	return -1;
}

/* The PVH image; unless --kernel-pvh named it, it was derived from --kernel. */
static int check_pvh_kernel(const struct options *opts)
{
	if (access(opts->kernel_pvh, R_OK) == 0)
		return 0;
	if (opts->kernel_pvh_given)
		vcts_error("--kernel-pvh %s: %s", opts->kernel_pvh, strerror(errno));
	else
		vcts_error("%s not found: the mmio transports boot the PVH kernel (build it with 'make', or give --kernel-pvh)",
			   opts->kernel_pvh);
	return -1;
}

/* Only the images the configurations will boot must exist. */
static int check_kernels(const struct options *opts,
			 const struct vcts_config *configs, size_t count)
{
	bool multiboot = false, pvh = false;

	for (size_t i = 0; i < count; i++) {
		if (configs[i].boot == BOOT_PVH)
			pvh = true;
		else
			multiboot = true;
	}
	if (multiboot && check_multiboot_kernel(opts))
		return -1;
	return pvh ? check_pvh_kernel(opts) : 0;
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

/* Only `run` applies one; auto needs the version read from QEMU. */
static int load_baseline(struct host_setup *setup, const struct options *opts)
{
	int ret;

	if (opts->command != COMMAND_RUN)
		return 0;
	ret = baseline_select(&setup->baseline, opts, setup->qemu.version);
	setup->have_baseline = ret > 0;
	return ret < 0 ? -1 : 0;
}

static int choose_accel(struct host_setup *setup, const struct options *opts)
{
	struct kvm_probe probe;

	kvm_probe_host(&probe);
	if (accel_choose(opts->accel, &probe, &setup->accel)) {
		vcts_error("%s", setup->accel.reason);
		return -1;
	}
	setup->qemu.accel = setup->accel.name;
	vcts_note("accel %s (%s)", setup->accel.name, setup->accel.reason);
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

int host_setup_prepare(struct host_setup *setup, const struct options *opts,
		       const struct vcts_config *configs, size_t count)
{
	char err[512];

	memset(setup, 0, sizeof(*setup));
	setup->qemu.binary = qemu_find_binary(opts, err, sizeof(err));
	if (!setup->qemu.binary) {
		vcts_error("%s", err);
		return -1;
	}
	if (check_kernels(opts, configs, count) || read_qemu_version(&setup->qemu) ||
	    prepare_output(opts) || load_baseline(setup, opts) ||
	    choose_accel(setup, opts))
		return -1;
	setup->qemu.firmware = qemu_find_firmware(setup->qemu.binary);
	if (!setup->qemu.firmware)
		vcts_note("qboot.rom not found; using QEMU's default firmware (SeaBIOS boots slower)");
	return 0;
}

void host_setup_release(struct host_setup *setup)
{
	baseline_release(&setup->baseline);
	free(setup->qemu.binary);
	free(setup->qemu.firmware);
	free(setup->qemu.version);
	memset(setup, 0, sizeof(*setup));
}
