/*
 * A host "machine" of reference devices on which the kernel's test
 * registry runs, and the results of such a run as the result-line
 * protocol told them (parsed with the harness's own parser).
 *
 * Every run happens in a child process: the kernel's runner keeps its
 * totals in static variables and expects one run per boot, and a crash
 * of kernel code must end one run, not the test program. The parent
 * reads the console through a pipe and gives the child a time limit.
 */
#ifndef VCTS_REF_MACHINE_H
#define VCTS_REF_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "tests/reference/ref_device.h"

#define REF_MACHINE_MAX_DEVICES	8
/* Every test on every device of a machine: 512 was too few once the ccw tests came. */
#define REF_RUN_MAX_RESULTS	1024
#define REF_RESULT_MAX_FAILS	8

/*
 * How the kernel reaches the devices: the "reference" ops straight onto
 * the device (fast; every device and ring test), or the kernel's own
 * transports through a register model (ref_pci*.c, ref_mmio.c) or the
 * channel subsystem model (ref_ccw.c).
 */
enum ref_transport {
	REF_TRANSPORT_REFERENCE,
	REF_TRANSPORT_PCI_MODERN,	/* 1.x-only PCI functions */
	REF_TRANSPORT_PCI_LEGACY,	/* transitional functions driven through BAR 0 */
	REF_TRANSPORT_MMIO_V2,
	REF_TRANSPORT_MMIO_V1,
	REF_TRANSPORT_CCW_MODERN,	/* virtio-ccw, revision 2 (ref_ccw.c) */
	REF_TRANSPORT_CCW_LEGACY,	/* virtio-ccw, revision 0 only */
	REF_TRANSPORT_COUNT
};

/* "reference", "pci-modern", ...: the kernel's names for its transports. */
const char *ref_transport_name(enum ref_transport transport);
/* Whether @transport drives devices through a legacy interface. */
bool ref_transport_is_legacy(enum ref_transport transport);

struct ref_machine_device {
	const struct ref_device_type *type;
	struct ref_options options;
};

struct ref_machine {
	int count;
	struct ref_machine_device devices[REF_MACHINE_MAX_DEVICES];
	enum ref_transport transport;
	uint32_t timeout_ms;		/* vcts.timeout_ms: every wait of a test */
	uint32_t time_limit_s;		/* the whole run, after which the child is killed */
	uint32_t heap_bytes;		/* the kernel's heap (0: the default) */
};

/* rng0, blk0 (writable), blk1 (read-only), and one of each other reference type; no faults. */
void ref_machine_standard(struct ref_machine *machine);
/*
 * Changes a standard machine into the variant @name; false if there is no
 * such variant. "standard": as it is. "access-platform": every device
 * offers VIRTIO_F_ACCESS_PLATFORM and VIRTIO_F_ORDER_PLATFORM, refuses
 * FEATURES_OK without them and sits behind the machine's IOMMU (what
 * QEMU's iommu_platform=on offers, with a translation that catches an
 * untranslated address). "blk-4096": blk0 and blk1 have 4096-byte blocks
 * and refuse requests of less, as QEMU with logical_block_size=4096 does;
 * "blk-4096-sub-block": the same blocks, serving requests of less too.
 */
bool ref_machine_variant(struct ref_machine *machine, const char *name);
/*
 * The standard machine behind @transport: on a legacy one only the types
 * whose legacy interface the reference device has (rng, blk).
 */
void ref_machine_on(struct ref_machine *machine, enum ref_transport transport);
/* The options of device @name (rng0, blk1...), or NULL. Names as the kernel would give them. */
struct ref_options *ref_machine_options(struct ref_machine *machine, const char *name);
/* The name the kernel's naming rule (type and order) gives device @index. */
void ref_machine_device_name(const struct ref_machine *machine, int index, char *name,
			     int size);

/*
 * The harness's side of host actions: answers the request line @text (if
 * it is one) on the console input, through the device it names.
 */
void ref_host_actions_answer(struct ref_device *devices, int count, const char *text,
			     size_t length);

/*
 * In the child: puts @devices behind the machine's transport and finds
 * them as the kernel does (PCI scan and probe, virtio-mmio probe), into
 * @found. Returns how many the kernel drives.
 */
int ref_attach_devices(const struct ref_machine *machine, struct ref_device *devices,
		       int count, struct virtio_device **found);

/* In the child: builds the devices, runs the tests selected by @filter, exits. */
_Noreturn void ref_machine_run_child(const struct ref_machine *machine, const char *filter,
				     int console_fd);

struct ref_result {
	char test[96];
	char device[16];
	char verdict[8];		/* pass, fail, skip; empty: no end line */
	char reason[256];
	int fails;
	char fail_clauses[REF_RESULT_MAX_FAILS][256];
};

struct ref_run {
	int exit_status;		/* the kernel's: 0, 1, 2; -1 if it never exited */
	char died[96];			/* the child ended by a signal or the time limit */
	bool summary;
	bool crashed;
	char crash_message[256];
	int garbled;
	int result_count;
	struct ref_result results[REF_RUN_MAX_RESULTS];
	char *console;			/* everything the kernel printed */
};

/* Runs @filter on @machine; false if the run could not even start. */
bool ref_run(const struct ref_machine *machine, const char *filter, struct ref_run *run);
void ref_run_free(struct ref_run *run);
const struct ref_result *ref_run_result(const struct ref_run *run, const char *test,
					const char *device);
bool ref_result_has_clause(const struct ref_result *result, const char *clause);
/* Results with verdict @verdict. */
int ref_run_count(const struct ref_run *run, const char *verdict);

#endif
