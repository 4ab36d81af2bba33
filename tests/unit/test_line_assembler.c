/*
 * The streaming line assembler: whatever the chunking of the console
 * stream, the same lines come out, and noise never becomes a line.
 */
#include <CUnit/CUnit.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "protocol/line_assembler.h"
#include "protocol/line_encode.h"
#include "util.h"

struct collected {
	struct strlist lines;
	size_t overlong;
	size_t ok;
	size_t garbled;
};

static struct vcts_line parsed;

static void collect(void *ctx, const char *text, size_t len, bool overlong)
{
	struct collected *c = ctx;
	char *copy = xstrndup(text, len);

	strlist_add(&c->lines, copy);
	free(copy);
	if (overlong) {
		c->overlong++;
		c->garbled++;
	} else if (line_parse(text, len, &parsed) == LINE_OK) {
		c->ok++;
	} else {
		c->garbled++;
	}
}

static char *encode_pair(const char *kind, const char *key, const char *value)
{
	struct line_builder lb;

	line_builder_begin(&lb, kind);
	line_builder_add(&lb, key, value);
	return line_builder_finish(&lb);
}

/*
 * A console stream with firmware chatter, a NUL byte, 8-bit garbage,
 * CRLF, noise in front of a line, and one garbled line: 5 good lines.
 */
static char *sample_stream(size_t *len)
{
	char *a = encode_pair("hello", "proto", "1");
	char *b = encode_pair("begin", "test", "a.b.c");
	char *c = encode_pair("end", "test", "a.b.c");
	char *d = encode_pair("summary", "pass", "1");
	char *e = encode_pair("device", "name", "blk0");
	struct strbuf sb = { 0 };

	strbuf_addstr(&sb, "qboot: booting\r\n\x80\xff\xfe random\n");
	strbuf_addstr(&sb, a);
	strbuf_add(&sb, "\0\0garbage\x90 ", 12);
	strbuf_addstr(&sb, b);
	strbuf_add(&sb, c, strlen(c) - 1);
	strbuf_addstr(&sb, "\r\n");
	strbuf_addstr(&sb, "@vcts end test=x ~deadbeef\n");
	strbuf_addstr(&sb, "@vc@vcts @vcts ");	/* restarts: the last prefix wins */
	strbuf_addstr(&sb, e + 6);
	strbuf_addstr(&sb, "tail without newline ");
	strbuf_addstr(&sb, d);
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
	*len = sb.len;
	return strbuf_detach(&sb);
}

static void check_sample(const struct collected *c)
{
	CU_ASSERT_EQUAL(c->ok, 5);
	CU_ASSERT_EQUAL(c->garbled, 1);
	CU_ASSERT_EQUAL(c->lines.count, 6);
	CU_ASSERT_EQUAL(c->overlong, 0);
}

static void test_whole_stream(void)
{
	struct collected c = { .ok = 0 };
	struct line_assembler la;
	size_t len;
	char *stream = sample_stream(&len);

	line_assembler_init(&la, collect, &c);
	line_assembler_feed(&la, stream, len);
	line_assembler_flush(&la);
	check_sample(&c);
	strlist_clear(&c.lines);
	free(stream);
}

static void test_byte_by_byte(void)
{
	struct collected c = { .ok = 0 };
	struct line_assembler la;
	size_t len;
	char *stream = sample_stream(&len);

	line_assembler_init(&la, collect, &c);
	for (size_t i = 0; i < len; i++)
		line_assembler_feed(&la, stream + i, 1);
	line_assembler_flush(&la);
	check_sample(&c);
	strlist_clear(&c.lines);
	free(stream);
}

static uint32_t next_random(uint32_t *state)
{
	/* xorshift32: reproducible chunk sizes without libc's rand(). */
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

static void test_random_chunks(void)
{
	uint32_t rng = 0x12345678;
	size_t len;
	char *stream = sample_stream(&len);

	for (int round = 0; round < 200; round++) {
		struct collected c = { .ok = 0 };
		struct line_assembler la;

		line_assembler_init(&la, collect, &c);
		for (size_t pos = 0; pos < len; ) {
			size_t n = 1 + next_random(&rng) % 97;

			if (n > len - pos)
				n = len - pos;
			line_assembler_feed(&la, stream + pos, n);
			pos += n;
		}
		line_assembler_flush(&la);
		check_sample(&c);
		strlist_clear(&c.lines);
	}
	free(stream);
}

static void test_noise_is_never_a_line(void)
{
	struct collected c = { .ok = 0 };
	struct line_assembler la;
	char noise[10000];

	for (size_t i = 0; i < sizeof(noise); i++)
		noise[i] = (char)(i * 7 + 3);	/* every byte value, no prefix */
	line_assembler_init(&la, collect, &c);
	line_assembler_feed(&la, noise, sizeof(noise));
	line_assembler_flush(&la);
	CU_ASSERT_EQUAL(c.lines.count, 0);
	strlist_clear(&c.lines);
}

static void test_overlong_then_good(void)
{
	struct collected c = { .ok = 0 };
	struct line_assembler la;
	char *good = encode_pair("summary", "pass", "1");
	char filler[5000];

	memset(filler, 'x', sizeof(filler));
	line_assembler_init(&la, collect, &c);
	line_assembler_feed(&la, "@vcts fail msg=", 15);
	line_assembler_feed(&la, filler, sizeof(filler));
	line_assembler_feed(&la, "\n", 1);
	line_assembler_feed(&la, good, strlen(good));
	CU_ASSERT_EQUAL(c.overlong, 1);
	CU_ASSERT_EQUAL(c.ok, 1);
	CU_ASSERT_EQUAL(c.lines.count, 2);
	strlist_clear(&c.lines);
	free(good);
}

static void test_longest_line_with_cr_fits(void)
{
	struct collected c = { .ok = 0 };
	struct line_assembler la;
	struct line_builder lb;
	char value[VCTS_LINE_MAX];
	char *line;
	size_t len;

	/* "@vcts x v=" + value + " ~xxxxxxxx" = VCTS_LINE_MAX bytes. */
	memset(value, 'v', sizeof(value));
	value[VCTS_LINE_MAX - 20] = '\0';
	line_builder_begin(&lb, "x");
	line_builder_add(&lb, "v", value);
	line = line_builder_finish(&lb);
	len = strlen(line);
	CU_ASSERT_EQUAL(len, VCTS_LINE_MAX + 1);
	line_assembler_init(&la, collect, &c);
	line_assembler_feed(&la, line, len - 1);
	line_assembler_feed(&la, "\r\n", 2);
	CU_ASSERT_EQUAL(c.ok, 1);
	CU_ASSERT_EQUAL(c.overlong, 0);
	strlist_clear(&c.lines);
	free(line);
}

static void test_flush_emits_cut_line(void)
{
	struct collected c = { .ok = 0 };
	struct line_assembler la;

	line_assembler_init(&la, collect, &c);
	line_assembler_feed(&la, "@vcts begin test=a.b dev", 24);
	CU_ASSERT_EQUAL(c.lines.count, 0);
	line_assembler_flush(&la);
	CU_ASSERT_EQUAL(c.lines.count, 1);
	CU_ASSERT_EQUAL(c.garbled, 1);
	line_assembler_flush(&la);
	CU_ASSERT_EQUAL(c.lines.count, 1);
	strlist_clear(&c.lines);
}

CU_TestInfo line_assembler_tests[] = {
	{ "whole stream", test_whole_stream },
	{ "byte by byte", test_byte_by_byte },
	{ "random chunks", test_random_chunks },
	{ "noise is never a line", test_noise_is_never_a_line },
	{ "overlong, then a good line", test_overlong_then_good },
	{ "longest line with CR fits", test_longest_line_with_cr_fits },
	{ "flush emits a cut line", test_flush_emits_cut_line },
	CU_TEST_INFO_NULL,
};
