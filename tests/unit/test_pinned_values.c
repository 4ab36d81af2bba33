/*
 * Values pinned by hand. The kernel and the harness share fnv.h, so they
 * cannot disagree with each other; these catch a change of the formula
 * itself, which would silently break disk images and logs made before.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "guest-kernel/lib/fnv.h"
#include "protocol/line_encode.h"
#include "protocol/line_parser.h"

static void test_pattern_byte(void)
{
	static const struct { uint32_t seed; uint64_t lba; uint32_t offset; uint8_t value; } pins[] = {
		{ 0x00000000u, 0, 0, 0xa5 },
		{ 0x00000001u, 0, 0, 0x44 },
		{ 0x686f7374u, 0, 0, 0x6f },
		{ 0x686f7374u, 0, 1, 0x4e },
		{ 0x686f7374u, 1, 511, 0xb6 },
		{ 0x686f7374u, 16383, 100, 0xb1 },
		{ 0x00003039u, 2047, 7, 0x7d },
		{ 0xffffffffu, 0, 0, 0x01 },
		{ 0x00000001u, 0x100000000ull, 3, 0x96 },
	};

	for (size_t i = 0; i < sizeof(pins) / sizeof(pins[0]); i++)
		CU_ASSERT_EQUAL(pattern_byte(pins[i].seed, pins[i].lba, pins[i].offset),
				pins[i].value);
}

static void test_line_checksum(void)
{
	const char *body = "@vcts hello proto=1 kernel=0.1.0 arch=x86_64";
	struct line_builder lb;
	char *line;

	CU_ASSERT_EQUAL(line_checksum(body, strlen(body)), 0xc30da0c6u);
	CU_ASSERT_EQUAL(line_checksum("", 0), 0x811c9dc5u);
	line_builder_begin(&lb, "hello");
	line_builder_add(&lb, "proto", "1");
	line_builder_add(&lb, "kernel", "0.1.0");
	line_builder_add(&lb, "arch", "x86_64");
	line = line_builder_finish(&lb);
	CU_ASSERT_STRING_EQUAL(line, "@vcts hello proto=1 kernel=0.1.0 arch=x86_64 ~c30da0c6\n");
	free(line);
}

CU_TestInfo pinned_value_tests[] = {
	{ "pattern_byte", test_pattern_byte },
	{ "line checksum", test_line_checksum },
	CU_TEST_INFO_NULL,
};
