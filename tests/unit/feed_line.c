#include <CUnit/CUnit.h>
#include <stdlib.h>
#include <string.h>

#include "feed_line.h"
#include "protocol/line_encode.h"

/* Parse @lb's line and feed it; the builder's text is freed. */
static void finish_and_feed(struct run_state *rs, struct vcts_line *parsed, uint64_t now_ms,
			    struct line_builder *lb)
{
	struct vcts_line local;
	struct vcts_line *line = parsed ? parsed : &local;
	char *text = line_builder_finish(lb);

	CU_ASSERT_EQUAL_FATAL(line_parse(text, strlen(text), line), LINE_OK);
	run_state_line(rs, line, now_ms);
	free(text);
}

void feed_run_line_va(struct run_state *rs, struct vcts_line *parsed, uint64_t now_ms,
		      const char *kind, va_list pairs)
{
	struct line_builder lb;
	const char *key;

	line_builder_begin(&lb, kind);
	while ((key = va_arg(pairs, const char *)))
		line_builder_add(&lb, key, va_arg(pairs, const char *));
	finish_and_feed(rs, parsed, now_ms, &lb);
}

void feed_run_line(struct run_state *rs, struct vcts_line *parsed, uint64_t now_ms,
		   const char *kind, ...)
{
	va_list pairs;

	va_start(pairs, kind);
	feed_run_line_va(rs, parsed, now_ms, kind, pairs);
	va_end(pairs);
}

void feed_run_line_pairs(struct run_state *rs, struct vcts_line *parsed, uint64_t now_ms,
			 const char *kind, const char *const *pairs)
{
	struct line_builder lb;

	line_builder_begin(&lb, kind);
	for (; *pairs; pairs += 2)
		line_builder_add(&lb, pairs[0], pairs[1]);
	finish_and_feed(rs, parsed, now_ms, &lb);
}
