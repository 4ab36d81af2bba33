/*
 * The command line of `vcts`: subcommand and options, parsed and checked
 * without side effects so that the unit tests can drive it.
 */
#ifndef VCTS_OPTIONS_H
#define VCTS_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "hypervisors/accel.h"
#include "util.h"

enum vcts_command {
	COMMAND_NONE,
	COMMAND_RUN,
	COMMAND_LIST,
	COMMAND_REPORT,
	COMMAND_COMPARE,
	COMMAND_COVERAGE,
	COMMAND_INGEST,
	COMMAND_HELP,
	COMMAND_VERSION,
};

#define DEFAULT_OUTPUT "reports/latest"
/* build/ARCH/vcts-kernel.elf */
#define DEFAULT_KERNEL_FORMAT "build/%s/vcts-kernel.elf"
#define DEFAULT_KERNEL_PVH "build/x86_64/vcts-kernel-pvh.elf"
#define DEFAULT_TIMEOUT_S 120
#define DEFAULT_SEED 1
#define DEFAULT_SECTIONS "docs/spec/virtio-1.2-device-normative.txt"
#define MAX_RETRIES 100

struct options {
	enum vcts_command command;
	bool help;		/* --help after a subcommand */
	const char *hypervisor;
	bool hypervisor_given;	/* --hypervisor was on the command line */
	/* x86_64, aarch64: "all" expanded, in the arch table's order. */
	struct strlist arches;
	/* As given, "virt,gic-version=3" kept whole; each arch's default if none. */
	struct strlist machines;
	struct strlist transports;
	struct strlist devices;
	bool devices_given;	/* --devices was on the command line */
	struct strlist device_properties;	/* TYPE.PROP=VALUE */
	struct strlist filters;
	struct strlist kernel_args;
	uint32_t seed;
	enum accel_request accel;
	unsigned int timeout_s;
	const char *output;	/* run, list, report: a directory; compare, coverage: a file */
	bool output_given;
	/*
	 * --kernel and --hypervisor-binary (or --qemu) as given: PATH (one
	 * arch) or ARCH=PATH; see options_kernel() and
	 * options_hypervisor_binary().
	 */
	struct strlist kernels;
	struct strlist qemus;
	/* --exit as given: METHOD (every arch) or ARCH=METHOD; plan/exit_method.c. */
	struct strlist exits;
	/* x86_64 PVH image (mmio on microvm), or NULL: derived from --kernel. */
	const char *kernel_pvh;
	/* --boot-image: a boot_image name, or NULL: each arch's default. */
	const char *boot_image;
	/* --firmware: a firmware family, "default" when not given. */
	const char *firmware;
	const char *baseline;	/* a file, "auto" or "none" */
	bool verbose;
	bool quiet;
	unsigned int retries;	/* run: re-runs of a configuration that failed */
	const char *results;	/* report, coverage: a results.json */
	const char *spec;	/* coverage: section list file, or .tex directory */
	const char *extract;	/* coverage: .tex directory to list sections of */
	bool json;		/* list: the registry as JSON, not as columns */
	struct strlist args;	/* compare: BASELINE RESULTS; ingest: LOG... */
	/* --hypervisor command: the argument template (docs/hypervisors/command.md). */
	const char *command_template;
	/* --console ROUTE[:ADDRESS] (vm/console.h), or NULL: the backend's own. */
	const char *console;
	const char *config_name;	/* ingest: --config, the configuration's name */
	const char *images;		/* ingest: --images, the disk images the VM left */
	bool hypervisors;	/* list: the hypervisors and what they offer, no VM */
	/* run, list: QEMU stands in for --hypervisor's profile (docs/hypervisors.md). */
	bool stand_in;
	/* The option that named the binary: "--hypervisor-binary " or "--qemu ". */
	const char *binary_option;
};

void options_init(struct options *opts);
void options_free(struct options *opts);

/*
 * Parse argv (argv[0] is the program). On a usage error returns -1 with a
 * one-line explanation in @err (without the "vcts: " prefix).
 */
int options_parse(struct options *opts, int argc, char **argv, char *err,
		  size_t err_size);

/*
 * (options_check.c) Apply the defaults that depend on the whole command
 * line and check it; only the defaults when @defaults_only (--help). -1
 * with one line in @err on a usage error.
 */
int options_check(struct options *opts, bool defaults_only, char *err,
		  size_t err_size);

void options_print_usage(FILE *out);

/* build/x86_64/vcts-kernel.elf -> build/x86_64/vcts-kernel-pvh.elf */
char *kernel_pvh_path_for(const char *kernel);

/* The --kernel or --qemu value for @arch (PATH or ARCH=PATH), or NULL. */
const char *options_arch_value(const struct strlist *values, const char *arch);
/* @arch's kernel: --kernel's value for it, else build/ARCH/vcts-kernel.elf. */
char *options_kernel(const struct options *opts, const char *arch);
/* The PVH image: --kernel-pvh, else derived from x86_64's --kernel. */
char *options_kernel_pvh(const struct options *opts);
/*
 * The binary of the hypervisor that runs, as the user named it for @arch:
 * --hypervisor-binary (or --qemu) ARCH=PATH or PATH with one arch, else
 * $VCTS_QEMU when QEMU runs (itself or as a stand-in) and the run has one
 * arch; NULL for the backend's default. @source says which
 * ("--hypervisor-binary ", "--qemu ", "VCTS_QEMU=").
 */
const char *options_hypervisor_binary(const struct options *opts, const char *arch,
				      const char **source);
/* Is $VCTS_QEMU set but of no use, because --arch names several arches? */
bool options_binary_variable_ignored(const struct options *opts);

#endif
