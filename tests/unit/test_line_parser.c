/*
 * The line parser: every kind, decoding, and every way a line can be
 * damaged. Lines are built with the harness's encoder, or sealed by hand
 * with a correct checksum when the body itself has to be malformed.
 */
#include <CUnit/CUnit.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/line_encode.h"
#include "protocol/line_parser.h"
#include "util.h"

static struct vcts_line parsed;

/* Encode kind + key/value pairs (NULL-terminated). */
static char *encode(const char *kind, ...)
{
	struct line_builder lb;
	const char *key;
	va_list ap;

	line_builder_begin(&lb, kind);
	va_start(ap, kind);
	while ((key = va_arg(ap, const char *)))
		line_builder_add(&lb, key, va_arg(ap, const char *));
	va_end(ap);
	return line_builder_finish(&lb);
}

/* @body with a correct " ~checksum" appended, whatever the body holds. */
static char *seal(const char *body)
{
	return xasprintf("%s ~%08x", body, (unsigned int)line_checksum(body, strlen(body)));
}

static enum line_status parse(const char *text)
{
	return line_parse(text, strlen(text), &parsed);
}

static void assert_field(const char *key, const char *value)
{
	const char *got = line_get(&parsed, key);

	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, value);
}

static void check_kind(const char *text, const char *kind)
{
	CU_ASSERT_EQUAL_FATAL(parse(text), LINE_OK);
	CU_ASSERT_STRING_EQUAL(parsed.kind, kind);
}

static void test_every_kind(void)
{
	struct { char *line; const char *kind; const char *key, *value; } cases[] = {
		{ encode("hello", "proto", "1", "kernel", "0.1.0", "arch", "x86_64",
			 "boot", "multiboot", "cmdline", "vcts.seed=1", NULL),
		  "hello", "cmdline", "vcts.seed=1" },
		{ encode("config", "transport", "pci-modern", "mode", "modern",
			 "seed", "1", "filter", "*", NULL), "config", "filter", "*" },
		{ encode("device", "name", "blk0", "type", "blk", "transport",
			 "pci-modern", "location", "00:04.0", "id", "1af4:1042", NULL),
		  "device", "location", "00:04.0" },
		{ encode("list", "test", "devices.rng.buffer_filled", "type", "rng",
			 "clauses", "5.4", NULL), "list", "type", "rng" },
		{ encode("begin", "test", "a.b.c", "device", "rng0", NULL),
		  "begin", "device", "rng0" },
		{ encode("fail", "test", "a.b.c", "device", "rng0", "file", "x.c",
			 "line", "12", "clause", "2.1", "expected", "0x1",
			 "actual", "0x2", "msg", "status reads back", NULL),
		  "fail", "msg", "status reads back" },
		{ encode("end", "test", "a.b.c", "device", "rng0", "verdict", "pass",
			 "clauses", "2.1", "checks", "3", "failed", "0", "ms", "2", NULL),
		  "end", "verdict", "pass" },
		{ encode("host-check", "test", "a.b.c", "device", "blk0", "what",
			 "blk-pattern", "lba", "8", "count", "2", "seed", "7", NULL),
		  "host-check", "what", "blk-pattern" },
		{ encode("crash", "test", "", "device", "", "vector", "14", "name",
			 "#PF", "ip", "0x1000", "error", "2", "address", "0x0",
			 "msg", "page fault", NULL), "crash", "name", "#PF" },
		{ encode("summary", "pass", "1", "fail", "0", "skip", "2", "tests",
			 "3", NULL), "summary", "tests", "3" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		check_kind(cases[i].line, cases[i].kind);
		assert_field(cases[i].key, cases[i].value);
		free(cases[i].line);
	}
}

static void test_field_count_and_order(void)
{
	char *line = encode("end", "verdict", "skip", "test", "x", "reason",
			    "no such feature", NULL);

	check_kind(line, "end");
	CU_ASSERT_EQUAL(parsed.field_count, 3);
	CU_ASSERT_STRING_EQUAL(parsed.fields[0].key, "verdict");
	assert_field("reason", "no such feature");
	CU_ASSERT_PTR_NULL(line_get(&parsed, "device"));
	free(line);
}

static void test_percent_decoding(void)
{
	char *line = seal("@vcts fail msg=a%20b%25c%3Dd%7Ee%0A expected=%FF");
	const struct line_field *f;

	check_kind(line, "fail");
	assert_field("msg", "a b%c=d~e\n");
	f = line_field(&parsed, "expected");
	CU_ASSERT_EQUAL(f->value_len, 1);
	CU_ASSERT_EQUAL((unsigned char)f->value[0], 0xff);
	free(line);
}

static void test_lower_case_escapes_and_checksum(void)
{
	char *line = seal("@vcts fail msg=a%2fb");
	size_t len = strlen(line);

	check_kind(line, "fail");
	assert_field("msg", "a/b");
	/* Upper-case checksum digits name the same number. */
	for (size_t i = len - 8; i < len; i++)
		if (line[i] >= 'a' && line[i] <= 'f')
			line[i] = (char)(line[i] - 'a' + 'A');
	CU_ASSERT_EQUAL(parse(line), LINE_OK);
	free(line);
}

static void test_encoder_escapes_everything_unsafe(void)
{
	char value[256];
	struct line_builder lb;
	const struct line_field *f;
	char *line;

	for (int i = 0; i < 256; i++)
		value[i] = (char)i;
	line_builder_begin(&lb, "fail");
	line_builder_add_bytes(&lb, "msg", value, sizeof(value));
	line = line_builder_finish(&lb);
	check_kind(line, "fail");
	f = line_field(&parsed, "msg");
	CU_ASSERT_EQUAL_FATAL(f->value_len, sizeof(value));
	CU_ASSERT_EQUAL(memcmp(f->value, value, sizeof(value)), 0);
	free(line);
}

static void test_list_with_escaped_bar(void)
{
	const char *items[] = { "2.1 Device Status|Field", "3.1.1", "a%b" };
	struct strlist list = { 0 };
	struct line_builder lb;
	char *line;

	line_builder_begin(&lb, "end");
	line_builder_add_list(&lb, "clauses", items, 3);
	line = line_builder_finish(&lb);
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "Status%7CField|3.1.1|a%25b"));
	check_kind(line, "end");
	CU_ASSERT_EQUAL(line_get_list(&parsed, "clauses", &list), 3);
	CU_ASSERT_STRING_EQUAL(list.items[0], "2.1 Device Status|Field");
	CU_ASSERT_STRING_EQUAL(list.items[1], "3.1.1");
	CU_ASSERT_STRING_EQUAL(list.items[2], "a%b");
	strlist_clear(&list);
	free(line);

	line = seal("@vcts end clauses=a%7cb||c empty=");
	check_kind(line, "end");
	CU_ASSERT_EQUAL(line_get_list(&parsed, "clauses", &list), 2);
	CU_ASSERT_STRING_EQUAL(list.items[0], "a|b");
	CU_ASSERT_EQUAL(line_get_list(&parsed, "empty", &list), 0);
	CU_ASSERT_EQUAL(line_get_list(&parsed, "absent", &list), 0);
	strlist_clear(&list);
	free(line);
}

static void test_checksum_mismatch(void)
{
	char *line = encode("end", "test", "a.b", "verdict", "pass", NULL);
	char *verdict = strstr(line, "pass");

	CU_ASSERT_EQUAL(parse(line), LINE_OK);
	memcpy(verdict, "fail", 4);
	CU_ASSERT_EQUAL(parse(line), LINE_GARBLED);
	memcpy(verdict, "pass", 4);
	line[strlen(line) - 2] ^= 1;	/* a checksum digit */
	CU_ASSERT_EQUAL(parse(line), LINE_GARBLED);
	free(line);
}

static void test_truncated_anywhere(void)
{
	char *line = encode("end", "test", "devices.blk.read", "device", "blk0",
			    "verdict", "pass", NULL);
	size_t len = strlen(line) - 1;	/* without LF */

	for (size_t cut = 0; cut < len; cut++) {
		enum line_status status = line_parse(line, cut, &parsed);

		CU_ASSERT_NOT_EQUAL(status, LINE_OK);
		if (cut >= 6)
			CU_ASSERT_EQUAL(status, LINE_GARBLED);
	}
	CU_ASSERT_EQUAL(line_parse(line, len, &parsed), LINE_OK);
	free(line);
}

static void test_missing_or_bad_trailer(void)
{
	const char *bodies[] = {
		"@vcts summary pass=1",
		"@vcts summary pass=1 12345678",
		"@vcts summary pass=1~12345678",
		"@vcts summary pass=1 ~1234567",
		"@vcts summary pass=1 ~123456789",
		"@vcts summary pass=1 ~0123456g",
		"@vcts summary pass=1 ~ 1234567",
	};

	for (size_t i = 0; i < ARRAY_SIZE(bodies); i++)
		CU_ASSERT_EQUAL(parse(bodies[i]), LINE_GARBLED);
}

/* A line of exactly @total bytes: "@vcts x v=" + padding + " ~checksum". */
static char *line_of_length(size_t total)
{
	size_t pad = total - strlen("@vcts x v=") - 10;
	char *body = xmalloc(total);
	char *line;

	strcpy(body, "@vcts x v=");
	memset(body + strlen(body), 'a', pad);
	body[total - 10] = '\0';
	line = seal(body);
	free(body);
	return line;
}

static void test_overlong(void)
{
	char *longest = line_of_length(VCTS_LINE_MAX);
	char *too_long = line_of_length(VCTS_LINE_MAX + 1);

	CU_ASSERT_EQUAL(strlen(longest), VCTS_LINE_MAX);
	CU_ASSERT_EQUAL(parse(longest), LINE_OK);
	CU_ASSERT_EQUAL(parse(too_long), LINE_GARBLED);
	free(longest);
	free(too_long);
}

static void test_noise_before_prefix(void)
{
	char *line = encode("begin", "test", "a.b", "device", "rng0", NULL);
	char *noisy = xasprintf("SeaBIOS (version x)\x01\xff@vcts garbage %s", line);

	check_kind(noisy, "begin");
	assert_field("device", "rng0");
	free(noisy);
	free(line);
}

static void test_crlf_and_lf(void)
{
	char *line = encode("summary", "pass", "3", NULL);
	char *crlf = xasprintf("%.*s\r\n", (int)(strlen(line) - 1), line);

	check_kind(line, "summary");
	check_kind(crlf, "summary");
	free(crlf);
	free(line);
}

static void test_unknown_kinds_and_keys(void)
{
	char *line = encode("future-kind", "new_key-2", "x", NULL);

	check_kind(line, "future-kind");
	assert_field("new_key-2", "x");
	free(line);
}

static void test_duplicate_keys(void)
{
	char *line = seal("@vcts end test=a verdict=pass verdict=fail");

	CU_ASSERT_EQUAL(parse(line), LINE_GARBLED);
	free(line);
}

static void test_empty_values(void)
{
	char *line = seal("@vcts end test=a reason= msg=");

	check_kind(line, "end");
	assert_field("reason", "");
	CU_ASSERT_EQUAL(line_field(&parsed, "msg")->value_len, 0);
	free(line);
}

static void test_grammar_violations(void)
{
	const char *bodies[] = {
		"@vcts end  test=a",		/* two spaces */
		"@vcts end test=a ",		/* trailing space */
		"@vcts End test=a",		/* upper-case kind */
		"@vcts end Test=a",		/* upper-case key */
		"@vcts end test",		/* no = */
		"@vcts end =a",			/* empty key */
		"@vcts end test=a=b",		/* raw = in a value */
		"@vcts end test=%G1",		/* bad escape */
		"@vcts end test=%4",		/* cut escape */
		"@vcts end test=a\tb",		/* control byte */
		"@vcts end test=\xc3\xa9",	/* 8-bit byte */
		"@vcts  end",			/* empty kind */
	};

	for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
		char *line = seal(bodies[i]);

		CU_ASSERT_EQUAL(parse(line), LINE_GARBLED);
		free(line);
	}
}

static void test_nul_byte_inside_line(void)
{
	char raw[] = "@vcts end test=a\0b ~00000000";

	/* Sealed over the real bytes, the NUL is still not a safe byte. */
	uint32_t sum = line_checksum(raw, 18);

	snprintf(raw + 20, sizeof(raw) - 20, "%08x", (unsigned int)sum);
	CU_ASSERT_EQUAL(line_parse(raw, sizeof(raw) - 1, &parsed), LINE_GARBLED);
}

static void test_not_protocol(void)
{
	CU_ASSERT_EQUAL(parse("hello world"), LINE_NOT_PROTOCOL);
	CU_ASSERT_EQUAL(parse("@vctshello x ~00000000"), LINE_NOT_PROTOCOL);
	CU_ASSERT_EQUAL(parse(""), LINE_NOT_PROTOCOL);
	CU_ASSERT_EQUAL(parse("@vcts"), LINE_NOT_PROTOCOL);
}

CU_TestInfo line_parser_tests[] = {
	{ "every kind", test_every_kind },
	{ "field count and order", test_field_count_and_order },
	{ "percent decoding", test_percent_decoding },
	{ "lower-case escapes, upper-case checksum", test_lower_case_escapes_and_checksum },
	{ "encoder escapes every unsafe byte", test_encoder_escapes_everything_unsafe },
	{ "list with escaped bar", test_list_with_escaped_bar },
	{ "checksum mismatch", test_checksum_mismatch },
	{ "truncated anywhere", test_truncated_anywhere },
	{ "missing or bad trailer", test_missing_or_bad_trailer },
	{ "overlong", test_overlong },
	{ "noise before prefix", test_noise_before_prefix },
	{ "CRLF and LF", test_crlf_and_lf },
	{ "unknown kinds and keys", test_unknown_kinds_and_keys },
	{ "duplicate keys", test_duplicate_keys },
	{ "empty values", test_empty_values },
	{ "grammar violations", test_grammar_violations },
	{ "NUL byte inside a line", test_nul_byte_inside_line },
	{ "not protocol", test_not_protocol },
	CU_TEST_INFO_NULL,
};
