/*
 * What several unit-test files share: one result line built with the real
 * encoder, parsed with the real parser, and fed to a run state, as a
 * console would deliver it.
 */
#ifndef VCTS_UNIT_FEED_LINE_H
#define VCTS_UNIT_FEED_LINE_H

#include <stdarg.h>
#include <stdint.h>

#include "protocol/run_state.h"

/*
 * The line @kind with the key/value pairs that follow (NULL-terminated),
 * fed to @rs at @now_ms; parsed into @parsed when it is not NULL.
 */
void feed_run_line(struct run_state *rs, struct vcts_line *parsed, uint64_t now_ms,
		   const char *kind, ...);
void feed_run_line_va(struct run_state *rs, struct vcts_line *parsed, uint64_t now_ms,
		      const char *kind, va_list pairs);
/* The same with the pairs in a NULL-terminated array. */
void feed_run_line_pairs(struct run_state *rs, struct vcts_line *parsed, uint64_t now_ms,
			 const char *kind, const char *const *pairs);

#endif
