/*
 * Reading a results.json (schema 1, docs/results-format.md) back into a
 * struct report, so that `vcts report`, `compare` and `coverage` work on
 * what a run wrote, and every writer can be fed the same model again.
 */
#ifndef VCTS_RESULTS_READ_H
#define VCTS_RESULTS_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "results/baseline.h"
#include "results/results.h"

struct loaded_results {
	struct report report;
	/* The configurations the report points at, owned here. */
	struct vcts_config **configs;
	size_t config_count, config_cap;
	struct strlist strings;	/* the configurations' const char * fields */
	/*
	 * The baselines results.json recorded ("baselines", or the older
	 * "baseline" alone), chained, with any entry they lacked; at least
	 * one, empty when none was recorded (have_baseline false).
	 */
	struct baseline *baselines;
	size_t baseline_count;
	bool have_baseline;
};

/*
 * Parse @text (@len bytes) of file @path. On error returns -1 with one line
 * in @err: "PATH: what is wrong". Unknown fields are ignored (a newer
 * writer may add some); a wrong schema or type is an error.
 */
int results_parse(struct loaded_results *lr, const char *path, const char *text,
		  size_t len, char *err, size_t err_size);
int results_load(struct loaded_results *lr, const char *path, char *err,
		 size_t err_size);
void results_release(struct loaded_results *lr);

/* The whole of a file, NUL-terminated, or NULL with errno set. */
char *read_whole_file(const char *path, size_t *len);

#endif
