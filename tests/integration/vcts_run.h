/*
 * What the integration tests share: running `vcts` as a user would, and
 * reading the results files it wrote.
 */
#ifndef VCTS_INTEGRATION_RUN_H
#define VCTS_INTEGRATION_RUN_H

#include <CUnit/CUnit.h>
#include <json-c/json.h>
#include <stdbool.h>

/* From the environment (make integration-tests sets them). */
extern const char *vcts, *kernel, *kernel_pvh, *kernel_aarch64, *kernel_riscv64, *kernel_s390x,
	*work;

struct run {
	int status;		/* exit status of vcts, -1 if it did not exit */
	double seconds;
	char output[512];
	json_object *results;	/* results.json, NULL if absent */
	char *stderr_text;
	char *stdout_text;
};

/*
 * Runs `vcts <command> --output work/<name> <arguments>` and loads what it
 * wrote; with @beside, that shell command runs in the background meanwhile
 * ("%1$s" in it is the output directory).
 */
void run_vcts_beside(struct run *run, const char *name, const char *command,
		     const char *arguments, const char *beside);
void run_vcts(struct run *run, const char *name, const char *command,
	      const char *arguments);
void free_run(struct run *run);
/* The whole of @path, NUL-terminated (free() it), or NULL. */
char *read_file(const char *path);

const char *string_field(json_object *object, const char *key);
/* The config object of @result, field @key ("transport", "mode"). */
const char *config_field(json_object *result, const char *key);
/*
 * Results with @prefix, @verdict, and config transport @transport and mode
 * @mode (NULL: any).
 */
int count_in_config(const struct run *run, const char *prefix, const char *verdict,
		    const char *transport, const char *mode);
/* The results whose test id starts with @prefix and whose verdict is @verdict. */
int count_results(const struct run *run, const char *prefix, const char *verdict);
/* The first result for @test (any device), or NULL. */
json_object *find_result(const struct run *run, const char *test);
bool file_exists(const struct run *run, const char *name);

/* intx_routing.c: PCI INTx on QEMU's pc (docs/arch-x86_64.md). */
void add_intx_routing_tests(CU_pSuite suite);
/* lost_results.c: the runs that go wrong and lose no more than one result. */
void add_lost_result_tests(CU_pSuite suite);
/* run_s390x.c: s390x under s390-ccw-virtio, both ccw transports and a crash. */
void add_s390x_tests(CU_pSuite suite);
/* linux_images.c, image_headers.c: the Linux boot protocol images (docs/boot-images.md). */
void add_linux_image_tests(CU_pSuite suite);
void add_image_header_tests(CU_pSuite suite);
/* exits.c: the ways a VM ends (docs/exits.md). */
void add_exit_tests(CU_pSuite suite);
/* boot_iso.c: the ISO as a CD and as a disk, under SeaBIOS and OVMF. */
void add_iso_tests(CU_pSuite suite);
/* command_ingest.c: the generic backend on every console route, and ingestion. */
void add_command_ingest_suite(void);
/* riscv64.c: riscv64 virt under OpenSBI (docs/arch-riscv64.md). */
void add_riscv64_tests(CU_pSuite suite);
/* stand_ins.c: QEMU standing in for the hypervisor profiles. */
void add_stand_in_tests(CU_pSuite suite);

#endif
