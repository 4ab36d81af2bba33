/*
 * `vcts list --json`: list lines go through the real encoder, parser and
 * run state, the JSON text comes out of list_json_text() and is read back
 * with json-c, so that what is checked is the document a tool would read.
 */
#include <CUnit/CUnit.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/list_json.h"
#include "cli/options.h"
#include "parse_words.h"
#include "feed_line.h"
#include "protocol/line_encode.h"
#include "protocol/run_state.h"

static struct vcts_config config = {
	.name = "qemu-x86_64-q35-pci-modern-modern", .hypervisor = "qemu",
	.arch = "x86_64", .machine = "q35", .transport = "pci-modern",
	.mode = "modern",
};

static struct {
	struct report report;
	struct run_state rs;
	json_object *document;
} fx;

static void start(void)
{
	memset(&fx, 0, sizeof(fx));
	run_state_init(&fx.rs, &fx.report, report_add_run(&fx.report, &config), "logs/x.log");
}

static void finish(void)
{
	json_object_put(fx.document);
	run_state_free(&fx.rs);
	report_free(&fx.report);
}

/* One list line: key/value pairs, NULL-terminated. */
#define feed_list(...) feed_run_line(&fx.rs, NULL, 1, "list", __VA_ARGS__)

/* The JSON of every listed test, in kernel order, parsed back. */
static json_object *listing_as_json(void)
{
	const struct listed_test **tests = calloc(fx.rs.listed_count, sizeof(*tests));
	char *text;
	size_t length;

	for (size_t i = 0; i < fx.rs.listed_count; i++)
		tests[i] = &fx.rs.listed[i];
	text = list_json_text(tests, fx.rs.listed_count);
	length = strlen(text);
	CU_ASSERT_FATAL(length > 0);
	CU_ASSERT_EQUAL(text[length - 1], '\n');
	fx.document = json_tokener_parse(text);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fx.document);
	free(text);
	free(tests);
	return fx.document;
}

static json_object *member(json_object *object, const char *key)
{
	json_object *value = NULL;

	CU_ASSERT_FATAL(json_object_object_get_ex(object, key, &value));
	return value;
}

static json_object *test_at(size_t index)
{
	json_object *tests = member(fx.document, "tests");

	CU_ASSERT_FATAL(index < json_object_array_length(tests));
	return json_object_array_get_idx(tests, index);
}

static const char *string_member(json_object *object, const char *key)
{
	json_object *value = member(object, key);

	CU_ASSERT_FATAL(json_object_is_type(value, json_type_string));
	return json_object_get_string(value);
}

/* A string array as "a,b,c", for one comparison per array. */
static char *joined(json_object *array)
{
	struct strlist items = { 0 };
	char *text;

	CU_ASSERT_FATAL(json_object_is_type(array, json_type_array));
	for (size_t i = 0; i < json_object_array_length(array); i++)
		strlist_add(&items, json_object_get_string(json_object_array_get_idx(array, i)));
	text = strlist_join(&items, ",");
	strlist_clear(&items);
	return text;
}

#define CHECK_JOINED(array, expected)				\
	do {							\
		char *text_ = joined(array);			\
		CU_ASSERT_STRING_EQUAL(text_, expected);	\
		free(text_);					\
	} while (0)

static void test_document_shape(void)
{
	json_object *test;

	start();
	feed_list("test", "devices.blk.write", "type", "blk", "interface", "any",
		  "transport", "any", "file", "tests/devices/blk/io.c",
		  "clauses", "Device Types / Block Device|Basic Facilities", NULL);
	listing_as_json();
	CU_ASSERT_EQUAL(json_object_get_int(member(fx.document, "schema")), LIST_JSON_SCHEMA);
	CU_ASSERT_EQUAL(json_object_array_length(member(fx.document, "tests")), 1);
	test = test_at(0);
	CU_ASSERT_STRING_EQUAL(string_member(test, "id"), "devices.blk.write");
	CU_ASSERT_STRING_EQUAL(string_member(test, "file"), "tests/devices/blk/io.c");
	CU_ASSERT_STRING_EQUAL(string_member(test, "device_type"), "blk");
	CU_ASSERT_STRING_EQUAL(string_member(test, "interface"), "any");
	CHECK_JOINED(member(test, "transports"),
		     "pci-modern,pci-transitional,pci-legacy,mmio-v1,mmio-v2,ccw-modern,ccw-legacy");
	CHECK_JOINED(member(test, "clauses"), "Device Types / Block Device,Basic Facilities");
	CHECK_JOINED(member(test, "needs"), "");
	finish();
}

/* The harness transports follow from the kernel's interface and family. */
static void test_transports_from_declared_scope(void)
{
	static const struct {
		const char *interface, *transport, *expected;
	} cases[] = {
		{ "modern", "pci", "pci-modern,pci-transitional" },
		{ "legacy", "pci", "pci-transitional,pci-legacy" },
		{ "modern", "mmio", "mmio-v2" },
		{ "legacy", "mmio", "mmio-v1" },
		{ "modern", "any", "pci-modern,pci-transitional,mmio-v2,ccw-modern" },
		{ "legacy", "any", "pci-transitional,pci-legacy,mmio-v1,ccw-legacy" },
		{ "any", "mmio", "mmio-v1,mmio-v2" },
		{ "modern", "ccw", "ccw-modern" },
		{ "legacy", "ccw", "ccw-legacy" },
		/* A family this harness has no transport for runs nowhere here. */
		{ "any", "vmbus", "" },
	};

	start();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		feed_list("test", "t", "type", "any", "interface", cases[i].interface,
			  "transport", cases[i].transport, NULL);
	listing_as_json();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CU_ASSERT_STRING_EQUAL(string_member(test_at(i), "interface"),
				       cases[i].interface);
		CHECK_JOINED(member(test_at(i), "transports"), cases[i].expected);
	}
	finish();
}

/* What an older kernel did not say is null, not a guess from the id. */
static void test_unsaid_fields_are_null(void)
{
	json_object *test;

	start();
	feed_list("test", "modern.pci.device_ids", "type", "any", "clauses", "4.1.2", NULL);
	listing_as_json();
	test = test_at(0);
	CU_ASSERT_TRUE(json_object_is_type(member(test, "file"), json_type_null));
	CU_ASSERT_TRUE(json_object_is_type(member(test, "interface"), json_type_null));
	CU_ASSERT_TRUE(json_object_is_type(member(test, "transports"), json_type_null));
	CU_ASSERT_STRING_EQUAL(string_member(test, "device_type"), "any");
	finish();
}

static void test_needs_and_escapes(void)
{
	json_object *test;

	start();
	feed_list("test", "devices.blk.resize", "type", "blk", "interface", "any",
		  "transport", "any", "file", "tests/devices/blk/resize.c",
		  "clauses", "a \"quoted\" / clause\\x", "needs", "blk-resize", NULL);
	listing_as_json();
	test = test_at(0);
	CHECK_JOINED(member(test, "needs"), "blk-resize");
	/* Quotes and backslashes survive the round trip through JSON. */
	CHECK_JOINED(member(test, "clauses"), "a \"quoted\" / clause\\x");
	finish();
}

static void test_empty_listing(void)
{
	start();
	listing_as_json();
	CU_ASSERT_EQUAL(json_object_array_length(member(fx.document, "tests")), 0);
	finish();
}

static void test_json_option_is_for_list(void)
{
	static struct options opts;
	static char err[512];

	CU_ASSERT_EQUAL_FATAL(reparse_words_into(&opts, (const char *const[]){ "list", NULL },
						 err, sizeof(err)), 0);
	CU_ASSERT_FALSE(opts.json);
	CU_ASSERT_EQUAL_FATAL(reparse_words_into(&opts, (const char *const[]){
		"list", "--json", "--filter", "modern.*", NULL }, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(opts.json);
	CU_ASSERT_EQUAL(reparse_words_into(&opts, (const char *const[]){ "run", "--json", NULL },
					   err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "option '--json' does not apply to 'run' (see 'vcts --help')");
	CU_ASSERT_EQUAL(reparse_words_into(&opts, (const char *const[]){
		"coverage", "--json", NULL }, err, sizeof(err)), -1);
	options_free(&opts);
}

CU_TestInfo list_json_tests[] = {
	{ "document shape", test_document_shape },
	{ "transports from the declared scope", test_transports_from_declared_scope },
	{ "fields an older kernel did not send are null", test_unsaid_fields_are_null },
	{ "needs, quotes and backslashes", test_needs_and_escapes },
	{ "empty listing", test_empty_listing },
	{ "--json is an option of list", test_json_option_is_for_list },
	CU_TEST_INFO_NULL,
};
