/*
 * Text hygiene: guest bytes into report-safe UTF-8, and shell quoting of
 * the command lines the harness records.
 */
#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void check_text(const char *in, size_t len, const char *expected)
{
	char *out = text_from_bytes(in, len);

	CU_ASSERT_STRING_EQUAL(out, expected);
	free(out);
}

static void test_text_from_bytes(void)
{
	check_text("plain text", 10, "plain text");
	check_text("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80", 14, "caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80");
	check_text("a\0b", 3, "a\\x00b");
	check_text("\x1b[31m\x7f", 6, "\\x1B[31m\\x7F");
	check_text("\xff\xc3", 2, "\\xFF\\xC3");		/* stray and cut sequence */
	check_text("\xc0\xaf", 2, "\\xC0\\xAF");		/* overlong "/" */
	check_text("\xed\xa0\x80", 3, "\\xED\\xA0\\x80");	/* surrogate */
}

static void test_shell_quote(void)
{
	char *argv[] = { "qemu", "-append", "vcts.seed=1 vcts.mode=modern", "it's", "", NULL };
	char *joined = shell_join(argv);

	CU_ASSERT_STRING_EQUAL(joined,
		"qemu -append 'vcts.seed=1 vcts.mode=modern' 'it'\\''s' ''");
	free(joined);
}

CU_TestInfo text_tests[] = {
	{ "text from bytes", test_text_from_bytes },
	{ "shell quoting", test_shell_quote },
	CU_TEST_INFO_NULL,
};
