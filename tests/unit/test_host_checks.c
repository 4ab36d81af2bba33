/*
 * Disk images and host checks: the pattern the harness writes, the
 * comparison after the VM, the device-to-image mapping, and how a check
 * folds into the kernel's own result.
 */
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vm/disk_image.h"
#include "guest-kernel/lib/fnv.h"
#include "hypervisors/qemu/qemu.h"
#include "vm/host_checks.h"
#include "feed_line.h"
#include "protocol/line_encode.h"

static const struct device_instance blk0 = { .name = "blk0", .type = "blk", .pci_slot = 4,
	.image_name = "blk0.img", .image_size = 64 * 1024 };
static const struct device_instance blk1 = { .name = "blk1", .type = "blk", .pci_slot = 5,
	.image_name = "blk1.img", .image_size = 16 * 1024, .read_only = true };
static const struct device_instance *devices[] = { &blk0, &blk1 };
static struct vcts_config config = {
	.name = "cfg", .hypervisor = "qemu", .hypervisor_ops = &qemu_hypervisor, .arch = "x86_64",
	.machine = "q35",
	.transport = "pci-modern", .mode = "modern", .devices = devices,
	.device_count = 2,
};

/* As on the command line: rng0, blk0, blk1 fill microvm slots 7, 6, 5. */
static const struct device_instance rng0 = { .name = "rng0", .type = "rng", .pci_slot = 3 };
static const struct device_instance *mmio_devices[] = { &rng0, &blk0, &blk1 };
static struct vcts_config mmio_config = {
	.name = "mmio-cfg", .hypervisor = "qemu", .hypervisor_ops = &qemu_hypervisor,
	.arch = "x86_64",
	.machine = "microvm", .transport = "mmio-v2", .mode = "modern",
	.bus = BUS_MMIO, .devices = mmio_devices, .device_count = 3,
};

static char dir[] = "/tmp/vcts-unit-XXXXXX";
static struct report report;
static struct run_state rs;
static struct vcts_line line;

static void make_images_for(struct vcts_config *cfg)
{
	strcpy(dir, "/tmp/vcts-unit-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	for (size_t i = 0; i < 2; i++) {
		char *path = xasprintf("%s/%s", dir, devices[i]->image_name);

		CU_ASSERT_EQUAL(disk_image_create(path, devices[i]->image_size,
						  HOST_PATTERN_SEED), 0);
		free(path);
	}
	memset(&report, 0, sizeof(report));
	run_state_init(&rs, &report, report_add_run(&report, cfg), "logs/cfg.log");
}

static void make_images(void)
{
	make_images_for(&config);
}

static void remove_images(void)
{
	for (size_t i = 0; i < 2; i++) {
		char *path = xasprintf("%s/%s", dir, devices[i]->image_name);

		unlink(path);
		free(path);
	}
	rmdir(dir);
	run_state_free(&rs);
	report_free(&report);
}

/* Overwrite sectors of @image with the pattern of @seed, as a guest would. */
static void guest_writes(const char *image, uint64_t lba, uint64_t count, uint32_t seed)
{
	char *path = xasprintf("%s/%s", dir, image);
	int fd = open(path, O_WRONLY);
	uint8_t sector[SECTOR_SIZE];

	CU_ASSERT_FATAL(fd >= 0);
	for (uint64_t s = lba; s < lba + count; s++) {
		for (uint32_t i = 0; i < SECTOR_SIZE; i++)
			sector[i] = pattern_byte(seed, s, i);
		CU_ASSERT_EQUAL(pwrite(fd, sector, SECTOR_SIZE, (off_t)(s * SECTOR_SIZE)),
				SECTOR_SIZE);
	}
	close(fd);
	free(path);
}

static void poke(const char *image, off_t offset, uint8_t value)
{
	char *path = xasprintf("%s/%s", dir, image);
	int fd = open(path, O_WRONLY);

	CU_ASSERT_EQUAL(pwrite(fd, &value, 1, offset), 1);
	close(fd);
	free(path);
}

static void send(const char *kind, const char *const *pairs)
{
	feed_run_line_pairs(&rs, &line, 1, kind, pairs);
}

#define SEND(kind, ...) send(kind, (const char *const[]){ __VA_ARGS__, NULL })

static void test_image_holds_host_pattern(void)
{
	char why[256] = "";
	char *path;

	make_images();
	path = xasprintf("%s/blk0.img", dir);
	CU_ASSERT_EQUAL(disk_image_check_pattern(path, 0, 128, HOST_PATTERN_SEED,
						 why, sizeof(why)), PATTERN_MATCHES);
	free(path);
	remove_images();
}

static void test_pattern_difference_is_located(void)
{
	char why[256] = "";
	char *path;

	make_images();
	path = xasprintf("%s/blk1.img", dir);
	guest_writes("blk1.img", 8, 2, 77);
	CU_ASSERT_EQUAL(disk_image_check_pattern(path, 8, 2, 77, why, sizeof(why)),
			PATTERN_MATCHES);
	poke("blk1.img", 9 * SECTOR_SIZE + 300, (uint8_t)(pattern_byte(77, 9, 300) ^ 0xff));
	CU_ASSERT_EQUAL(disk_image_check_pattern(path, 8, 2, 77, why, sizeof(why)),
			PATTERN_DIFFERS);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "sector 9 offset 300: expected 0x"));
	CU_ASSERT_EQUAL(disk_image_check_pattern(path, 30, 3, 77, why, sizeof(why)),
			PATTERN_DIFFERS);
	CU_ASSERT_PTR_NOT_NULL(strstr(why, "outside"));
	free(path);
	remove_images();
}

static void test_check_folds_into_result(void)
{
	make_images();
	guest_writes("blk0.img", 16, 4, 5);
	SEND("device", "name", "blk0", "type", "blk", "location", "00:04.0");
	SEND("begin", "test", "devices.blk.write", "device", "blk0");
	SEND("host-check", "test", "devices.blk.write", "device", "blk0", "clauses",
	     "5.2.6", "what", "blk-pattern", "lba", "16", "count", "4", "seed", "5");
	SEND("end", "test", "devices.blk.write", "device", "blk0", "verdict", "pass",
	     "clauses", "5.2");
	host_checks_run(&rs, dir, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(report.result_count, 1);
	CU_ASSERT_EQUAL(report.results[0]->verdict, VERDICT_PASS);
	CU_ASSERT_EQUAL(report.results[0]->clauses.count, 2);
	remove_images();
}

static void test_failing_check_fails_the_test(void)
{
	make_images();
	/* The guest wrote nothing: the image still holds the host pattern. */
	SEND("end", "test", "devices.blk.write", "device", "blk0", "verdict", "pass");
	SEND("host-check", "test", "devices.blk.write", "device", "blk0",
	     "what", "blk-pattern", "lba", "0", "count", "1", "seed", "5");
	host_checks_run(&rs, dir, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(report.result_count, 1);
	CU_ASSERT_EQUAL(report.results[0]->verdict, VERDICT_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(report.results[0]->message,
				      "host check of blk0.img: sector 0 offset 0: expected"));
	remove_images();
}

static void test_mapping_by_location(void)
{
	make_images();
	guest_writes("blk1.img", 2, 1, 9);
	/* The kernel found the devices in another order: location decides. */
	SEND("device", "name", "blk0", "type", "blk", "location", "00:05.0");
	SEND("host-check", "test", "t", "device", "blk0", "what", "blk-pattern",
	     "lba", "2", "count", "1", "seed", "9");
	host_checks_run(&rs, dir, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(report.result_count, 1);
	CU_ASSERT_EQUAL(report.results[0]->verdict, VERDICT_PASS);
	CU_ASSERT_STRING_EQUAL(report.results[0]->log, "logs/cfg.log");
	remove_images();
}

static void test_bad_requests(void)
{
	make_images();
	SEND("host-check", "test", "a", "device", "blk0", "what", "net-frame");
	SEND("host-check", "test", "b", "device", "blk0", "what", "blk-pattern",
	     "lba", "x", "count", "1", "seed", "1");
	SEND("host-check", "test", "c", "device", "rng0", "what", "blk-pattern",
	     "lba", "0", "count", "1", "seed", "1");
	host_checks_run(&rs, dir, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(report.result_count, 3);
	CU_ASSERT_EQUAL(report.results[0]->verdict, VERDICT_SKIP);
	CU_ASSERT_EQUAL(report.results[1]->verdict, VERDICT_FAIL);
	CU_ASSERT_EQUAL(report.results[2]->verdict, VERDICT_FAIL);
	CU_ASSERT_PTR_NOT_NULL(strstr(report.results[2]->message, "no disk image"));
	remove_images();
}

static void test_microvm_locations(void)
{
	static const char *const expected[] = {
		"mmio@0xfeb00e00", "mmio@0xfeb00c00", "mmio@0xfeb00a00",
	};
	char where[32];

	for (size_t i = 0; i < ARRAY_SIZE(expected); i++) {
		config_device_location(&mmio_config, i, where, sizeof(where));
		CU_ASSERT_STRING_EQUAL(where, expected[i]);
		CU_ASSERT_PTR_EQUAL(config_device_at(&mmio_config, expected[i]),
				    mmio_devices[i]);
	}
	/* Hex case and leading zeros do not matter; other spellings do not map. */
	CU_ASSERT_PTR_EQUAL(config_device_at(&mmio_config, "mmio@0xFEB00C00"), &blk0);
	CU_ASSERT_PTR_EQUAL(config_device_at(&mmio_config, "mmio@0x00000000feb00a00"), &blk1);
	CU_ASSERT_PTR_NULL(config_device_at(&mmio_config, "mmio@0xfeb00800"));
	CU_ASSERT_PTR_NULL(config_device_at(&mmio_config, "mmio@"));
	CU_ASSERT_PTR_NULL(config_device_at(&mmio_config, "mmio@0xfeb00c00x"));
	CU_ASSERT_PTR_NULL(config_device_at(&mmio_config, "00:04.0"));
	CU_ASSERT_PTR_NULL(config_device_at(&config, "mmio@0xfeb00c00"));
	config_device_location(&config, 1, where, sizeof(where));
	CU_ASSERT_STRING_EQUAL(where, "00:05.0");
}

/*
 * The kernel discovers mmio devices by ascending address, so the read-only
 * disk (blk1, slot 5) is the first blk it finds and calls blk0: the check
 * must read blk1.img.
 */
static void test_mmio_mapping_by_address(void)
{
	make_images_for(&mmio_config);
	guest_writes("blk1.img", 3, 1, 11);
	SEND("device", "name", "blk0", "type", "blk", "location", "mmio@0xfeb00a00");
	SEND("device", "name", "blk1", "type", "blk", "location", "mmio@0xfeb00c00");
	SEND("host-check", "test", "t", "device", "blk0", "what", "blk-pattern",
	     "lba", "3", "count", "1", "seed", "11");
	host_checks_run(&rs, dir, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(report.result_count, 1);
	CU_ASSERT_EQUAL(report.results[0]->verdict, VERDICT_PASS);
	remove_images();
}

/* On mmio the name alone never picks an image: it may name the other disk. */
static void test_mmio_without_location(void)
{
	make_images_for(&mmio_config);
	SEND("device", "name", "blk0", "type", "blk", "location", "mmio@0xfeb00800");
	SEND("host-check", "test", "t", "device", "blk0", "what", "blk-pattern",
	     "lba", "0", "count", "1", "seed", "1");
	SEND("host-check", "test", "u", "device", "blk1", "what", "blk-pattern",
	     "lba", "0", "count", "1", "seed", "1");
	host_checks_run(&rs, dir, NULL, NULL);
	CU_ASSERT_EQUAL_FATAL(report.result_count, 2);
	CU_ASSERT_EQUAL(report.results[0]->verdict, VERDICT_FAIL);
	CU_ASSERT_STRING_EQUAL(report.results[0]->message,
		"host check blk-pattern: no disk image behind device 'blk0' at mmio@0xfeb00800");
	CU_ASSERT_EQUAL(report.results[1]->verdict, VERDICT_FAIL);
	CU_ASSERT_STRING_EQUAL(report.results[1]->message,
		"host check blk-pattern: no disk image behind device 'blk1'");
	remove_images();
}

CU_TestInfo host_check_tests[] = {
	{ "image holds the host pattern", test_image_holds_host_pattern },
	{ "pattern difference is located", test_pattern_difference_is_located },
	{ "check folds into the result", test_check_folds_into_result },
	{ "failing check fails the test", test_failing_check_fails_the_test },
	{ "mapping by PCI location", test_mapping_by_location },
	{ "bad requests", test_bad_requests },
	{ "microvm slot locations", test_microvm_locations },
	{ "mmio mapping by address", test_mmio_mapping_by_address },
	{ "mmio never maps by name", test_mmio_without_location },
	CU_TEST_INFO_NULL,
};
