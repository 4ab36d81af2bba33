/*
 * results.json back into a struct report. Reading then writing gives the
 * same file again (a unit test holds it to that), so `vcts report` can
 * rewrite every format from a results.json alone. The reader follows the
 * schema's promise: fields it does not know are ignored, fields it knows
 * must have their documented type.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/results_read.h"
#include "text.h"

#define RESULTS_SCHEMA 1

struct read_ctx {
	struct loaded_results *lr;
	const char *path;
	char *err;
	size_t err_size;
	bool failed;		/* the first error is kept, later ones dropped */
};

static void read_error(struct read_ctx *rc, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void read_error(struct read_ctx *rc, const char *fmt, ...)
{
	char msg[512];
	char *shown;
	va_list ap;

	if (rc->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* A value quoted from the file may hold any byte: keep the error one line. */
	shown = text_from_bytes(msg, strlen(msg));
	snprintf(rc->err, rc->err_size, "%s: %s", rc->path, shown);
	free(shown);
	rc->failed = true;
}

static json_object *member(json_object *obj, const char *key)
{
	json_object *value = NULL;

	if (!obj || !json_object_object_get_ex(obj, key, &value))
		return NULL;
	return value;
}

/* A string, or NULL when absent or null; a value of another type is an error. */
static const char *opt_string(struct read_ctx *rc, json_object *obj, const char *key)
{
	json_object *value = member(obj, key);

	if (!value)
		return NULL;
	if (!json_object_is_type(value, json_type_string)) {
		read_error(rc, "\"%s\" must be a string", key);
		return NULL;
	}
	return json_object_get_string(value);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static char *dup_string(struct read_ctx *rc, json_object *obj, const char *key)
{
	return xstrdup(or_empty(opt_string(rc, obj, key)));
}

/* NULL stays NULL: results.json writes null for what was never known. */
static char *dup_nullable(struct read_ctx *rc, json_object *obj, const char *key)
{
	const char *s = opt_string(rc, obj, key);

	return s ? xstrdup(s) : NULL;
}

static bool opt_int(struct read_ctx *rc, json_object *obj, const char *key,
		    int64_t *out)
{
	json_object *value = member(obj, key);

	if (!value)
		return false;
	if (!json_object_is_type(value, json_type_int)) {
		read_error(rc, "\"%s\" must be an integer", key);
		return false;
	}
	*out = json_object_get_int64(value);
	return true;
}

static int64_t int_or(struct read_ctx *rc, json_object *obj, const char *key,
		      int64_t fallback)
{
	int64_t value;

	return opt_int(rc, obj, key, &value) ? value : fallback;
}

static void read_strings(struct read_ctx *rc, json_object *obj, const char *key,
			 struct strlist *list)
{
	json_object *array = member(obj, key);

	if (!array)
		return;
	if (!json_object_is_type(array, json_type_array)) {
		read_error(rc, "\"%s\" must be an array", key);
		return;
	}
	for (size_t i = 0; i < json_object_array_length(array); i++) {
		json_object *item = json_object_array_get_idx(array, i);

		if (!json_object_is_type(item, json_type_string)) {
			read_error(rc, "\"%s\" must hold strings", key);
			return;
		}
		strlist_add(list, json_object_get_string(item));
	}
}

/* A copy that lives as long as the loaded results. */
static const char *keep(struct loaded_results *lr, const char *s)
{
	strlist_add(&lr->strings, s ? s : "");
	return lr->strings.items[lr->strings.count - 1];
}

static struct vcts_config *config_named(struct loaded_results *lr, const char *name)
{
	for (size_t i = 0; i < lr->config_count; i++)
		if (!strcmp(lr->configs[i]->name, name))
			return lr->configs[i];
	return NULL;
}

/* The configuration an object names, created on first sight. */
static struct vcts_config *read_config(struct read_ctx *rc, json_object *obj)
{
	struct loaded_results *lr = rc->lr;
	const char *name = opt_string(rc, obj, "name");
	struct vcts_config *config;

	if (!obj || !name) {
		read_error(rc, "a \"config\" without a \"name\"");
		return NULL;
	}
	config = config_named(lr, name);
	if (config)
		return config;
	config = xcalloc(1, sizeof(*config));
	config->name = xstrdup(name);
	config->label = xstrdup(name);
	config->hypervisor = keep(lr, opt_string(rc, obj, "hypervisor"));
	config->arch = keep(lr, opt_string(rc, obj, "arch"));
	config->machine = keep(lr, opt_string(rc, obj, "machine"));
	config->transport = keep(lr, opt_string(rc, obj, "transport"));
	config->mode = keep(lr, opt_string(rc, obj, "mode"));
	if (opt_string(rc, obj, "firmware"))
		config->firmware = keep(lr, opt_string(rc, obj, "firmware"));
	if (opt_string(rc, obj, "exit"))
		config->exit_method = keep(lr, opt_string(rc, obj, "exit"));
	if (opt_string(rc, obj, "boot_image"))
		config->boot_image = boot_image_find(opt_string(rc, obj, "boot_image"));
	read_strings(rc, obj, "devices", &config->device_types);
	read_strings(rc, obj, "device_properties", &config->device_properties);
	grow_array((void **)&lr->configs, &lr->config_cap, lr->config_count + 1,
		   sizeof(*lr->configs));
	lr->configs[lr->config_count++] = config;
	return config;
}

static void read_run(struct read_ctx *rc, json_object *obj)
{
	struct vcts_config *config = read_config(rc, member(obj, "config"));
	struct run_record *run;
	const char *stand_in;
	int64_t value;

	if (!config)
		return;
	stand_in = opt_string(rc, obj, "stand_in_for");
	if (stand_in && !config->stand_in_for)
		config->stand_in_for = keep(rc->lr, stand_in);
	run = report_add_run(&rc->lr->report, config);
	run->accel = dup_nullable(rc, obj, "accel");
	run->accel_reason = dup_nullable(rc, obj, "accel_reason");
	run->hypervisor_version = dup_nullable(rc, obj, "hypervisor_version");
	/* Files written before the backend layer called it qemu_version. */
	if (!run->hypervisor_version)
		run->hypervisor_version = dup_nullable(rc, obj, "qemu_version");
	run->kernel_version = dup_nullable(rc, obj, "kernel_version");
	run->command = dup_nullable(rc, obj, "command");
	run->seed = (uint32_t)int_or(rc, obj, "seed", 0);
	run->filter = dup_nullable(rc, obj, "filter");
	read_strings(rc, obj, "kernel_args", &run->kernel_args);
	run->exited = opt_int(rc, obj, "exit_status", &value);
	run->exit_status = run->exited ? (int)value : 0;
	run->signal = (int)int_or(rc, obj, "signal", 0);
	run->ended = dup_nullable(rc, obj, "ended");
	run->duration_ms = (long)int_or(rc, obj, "duration_ms", 0);
	run->garbled_lines = (unsigned int)int_or(rc, obj, "garbled_lines", 0);
	run->protocol_errors = (unsigned int)int_or(rc, obj, "protocol_errors", 0);
	run->log = dup_nullable(rc, obj, "log");
	run->attempt = (unsigned int)int_or(rc, obj, "attempt", 1);
	run->resumed_after = dup_nullable(rc, obj, "resumed_after");
}

static void read_failures(struct read_ctx *rc, json_object *array, struct result *r)
{
	if (!array)
		return;
	if (!json_object_is_type(array, json_type_array)) {
		read_error(rc, "\"failures\" must be an array");
		return;
	}
	for (size_t i = 0; i < json_object_array_length(array); i++) {
		json_object *obj = json_object_array_get_idx(array, i);
		struct failure f = {
			.file = dup_string(rc, obj, "file"),
			.line = (long)int_or(rc, obj, "line", 0),
			.clause = dup_string(rc, obj, "clause"),
			.expected = dup_string(rc, obj, "expected"),
			.actual = dup_string(rc, obj, "actual"),
			.msg = dup_string(rc, obj, "msg"),
			/* Files from before severities and check keys: a MUST, no key. */
			.severity = xstrdup(opt_string(rc, obj, "severity") ?
					    opt_string(rc, obj, "severity") : "must"),
			.check = dup_string(rc, obj, "check"),
		};

		result_add_failure(r, &f);
		failure_release(&f);
	}
}

/* What an entry expects; files from before expected verdicts say fail. */
static enum verdict expected_verdict(struct read_ctx *rc, json_object *obj)
{
	const char *text = opt_string(rc, obj, "verdict");
	enum verdict verdict = VERDICT_FAIL;

	if (text && verdict_parse(text, &verdict))
		read_error(rc, "unknown baseline verdict \"%s\"", text);
	return verdict;
}

static bool same_note(const struct baseline_entry *e, const char *reason,
		      const char *clause, const char *source)
{
	return !strcmp(e->reason, reason) && !strcmp(e->clause, clause) &&
	       !strcmp(e->source, source);
}

/* An entry of the chain @bl with this note, @first if it has it; NULL if none. */
static const struct baseline_entry *entry_with_note(const struct baseline *bl,
						    const struct baseline_entry *first,
						    const char *reason,
						    const char *clause,
						    const char *source)
{
	if (first && same_note(first, reason, clause, source))
		return first;
	for (; bl; bl = bl->next)
		for (size_t i = 0; i < bl->count; i++)
			if (same_note(&bl->entries[i], reason, clause, source))
				return &bl->entries[i];
	return NULL;
}

/* The baseline of the chain that judges @r's arch, else the first. */
static struct baseline *baseline_for(struct loaded_results *lr, const struct result *r)
{
	for (size_t i = 0; i < lr->baseline_count; i++)
		if (baseline_applies_to(&lr->baselines[i], r->config->arch))
			return &lr->baselines[i];
	return &lr->baselines[0];
}

/*
 * The entry that made @r xfail or xpass: the first that matches it (as
 * when it was applied), else one with the same note, else a new one.
 */
static void link_baseline(struct read_ctx *rc, json_object *obj, struct result *r)
{
	struct baseline *bl = &rc->lr->baselines[0];
	const char *reason = or_empty(opt_string(rc, obj, "reason"));
	const char *clause = or_empty(opt_string(rc, obj, "clause"));
	const char *source = or_empty(opt_string(rc, obj, "source"));
	struct baseline_entry *added;

	r->baseline = entry_with_note(bl, baseline_match(bl, r), reason, clause, source);
	if (r->baseline)
		return;
	/* Room was made for one per result: pointers already given stay valid. */
	bl = baseline_for(rc->lr, r);
	added = &bl->entries[bl->count++];
	added->test = xstrdup(r->test);
	added->transport = xstrdup("*");
	added->mode = xstrdup("*");
	added->device_type = xstrdup("*");
	added->device = xstrdup("*");
	added->reason = xstrdup(reason);
	added->clause = xstrdup(clause);
	added->source = xstrdup(source);
	added->expected = expected_verdict(rc, obj);
	r->baseline = added;
}

static void read_result(struct read_ctx *rc, json_object *obj)
{
	json_object *config_obj = member(obj, "config");
	struct vcts_config *config = read_config(rc, config_obj);
	const char *test = opt_string(rc, obj, "test");
	const char *verdict = opt_string(rc, obj, "verdict");
	json_object *flaky = member(obj, "flaky");
	struct result *r;

	if (!config || !test || !verdict) {
		read_error(rc, "a result without \"test\", \"config\" or \"verdict\"");
		return;
	}
	r = report_add_result(&rc->lr->report, test, config,
			      or_empty(opt_string(rc, config_obj, "device")),
			      or_empty(opt_string(rc, config_obj, "device_type")));
	if (verdict_parse(verdict, &r->verdict))
		read_error(rc, "unknown verdict \"%s\"", verdict);
	read_strings(rc, obj, "clauses", &r->clauses);
	r->duration_ms = (long)int_or(rc, obj, "duration_ms", 0);
	free(r->message);
	r->message = dup_string(rc, obj, "message");
	read_failures(rc, member(obj, "failures"), r);
	free(r->log);
	r->log = dup_string(rc, obj, "log");
	r->attempts = (unsigned int)int_or(rc, obj, "attempts", 1);
	r->flaky = flaky && json_object_get_boolean(flaky);
	/* Before flaky was a verdict of its own, a flaky result said "pass". */
	if (r->flaky && r->verdict == VERDICT_PASS)
		r->verdict = VERDICT_FLAKY;
	if (member(obj, "baseline"))
		link_baseline(rc, member(obj, "baseline"), r);
}

static size_t array_length(struct read_ctx *rc, json_object *array, const char *key)
{
	if (!array)
		return 0;
	if (!json_object_is_type(array, json_type_array)) {
		read_error(rc, "\"%s\" must be an array", key);
		return 0;
	}
	return json_object_array_length(array);
}

static void read_entry(struct read_ctx *rc, json_object *obj, struct baseline_entry *e)
{
	const char *const globs[] = { "test", "transport", "mode", "device_type", "device" };
	char **fields[] = { &e->test, &e->transport, &e->mode, &e->device_type, &e->device };

	for (size_t i = 0; i < ARRAY_SIZE(globs); i++) {
		const char *s = opt_string(rc, obj, globs[i]);

		*fields[i] = xstrdup(s ? s : "*");
	}
	e->clause = dup_string(rc, obj, "clause");
	read_strings(rc, obj, "checks", &e->checks);
	e->reason = dup_string(rc, obj, "reason");
	e->source = dup_string(rc, obj, "source");
	e->expected = expected_verdict(rc, obj);
	e->matched = (size_t)int_or(rc, obj, "matched", 0);
}

/* A recorded baseline, with room for an entry per result that names one. */
static void read_baseline(struct read_ctx *rc, json_object *obj, size_t results,
			  struct baseline *bl)
{
	json_object *entries = member(obj, "entries");
	size_t count = array_length(rc, entries, "entries");

	bl->entries = xcalloc(count + results + 1, sizeof(*bl->entries));
	if (!obj || json_object_is_type(obj, json_type_null))
		return;
	rc->lr->have_baseline = true;
	bl->path = dup_string(rc, obj, "path");
	bl->hypervisor = dup_string(rc, obj, "hypervisor");
	bl->version = dup_string(rc, obj, "version");
	bl->arch = dup_string(rc, obj, "arch");
	for (size_t i = 0; i < count; i++)
		read_entry(rc, json_object_array_get_idx(entries, i), &bl->entries[bl->count++]);
}

/*
 * "baselines" (every one applied), else "baseline" (files from before
 * there could be several). Several judge their own arch each.
 */
static void read_baselines(struct read_ctx *rc, json_object *root, size_t results)
{
	struct loaded_results *lr = rc->lr;
	json_object *list = member(root, "baselines");
	size_t count = array_length(rc, list, "baselines");

	lr->baselines = xcalloc(count ? count : 1, sizeof(*lr->baselines));
	lr->baseline_count = count ? count : 1;
	if (!count) {
		read_baseline(rc, member(root, "baseline"), results, &lr->baselines[0]);
		return;
	}
	for (size_t i = 0; i < count; i++) {
		struct baseline *bl = &lr->baselines[i];

		read_baseline(rc, json_object_array_get_idx(list, i), results, bl);
		if (count > 1)
			bl->scope_arch = bl->arch;
		if (i)
			lr->baselines[i - 1].next = bl;
	}
}

static void read_root(struct read_ctx *rc, json_object *root)
{
	json_object *runs = member(root, "runs"), *results = member(root, "results");
	size_t run_count = array_length(rc, runs, "runs");
	size_t result_count = array_length(rc, results, "results");
	int64_t schema;

	if (!json_object_is_type(root, json_type_object) ||
	    !opt_int(rc, root, "schema", &schema) || !results) {
		read_error(rc, "not a results file: no \"schema\" or \"results\"");
		return;
	}
	if (schema != RESULTS_SCHEMA) {
		read_error(rc, "unknown schema %lld (this vcts reads schema %d)",
			   (long long)schema, RESULTS_SCHEMA);
		return;
	}
	read_baselines(rc, root, result_count);
	for (size_t i = 0; i < run_count && !rc->failed; i++)
		read_run(rc, json_object_array_get_idx(runs, i));
	for (size_t i = 0; i < result_count && !rc->failed; i++)
		read_result(rc, json_object_array_get_idx(results, i));
	if (rc->lr->have_baseline)
		rc->lr->report.baseline = &rc->lr->baselines[0];
}

int results_parse(struct loaded_results *lr, const char *path, const char *text,
		  size_t len, char *err, size_t err_size)
{
	struct read_ctx rc = { lr, path, err, err_size, false };
	json_tokener *tok = json_tokener_new();
	json_object *root;

	memset(lr, 0, sizeof(*lr));
	err[0] = '\0';
	root = json_tokener_parse_ex(tok, text, (int)len);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		read_error(&rc, "not valid JSON: %s",
			   json_tokener_error_desc(json_tokener_get_error(tok)));
	} else {
		read_root(&rc, root);
	}
	json_tokener_free(tok);
	json_object_put(root);
	if (rc.failed)
		results_release(lr);
	return rc.failed ? -1 : 0;
}

char *read_whole_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = { 0 };
	char chunk[65536];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		strbuf_add(&sb, chunk, n);
	if (ferror(f)) {
		fclose(f);
		strbuf_release(&sb);
		errno = EIO;
		return NULL;
	}
	fclose(f);
	*len = sb.len;
	return strbuf_detach(&sb);
}

int results_load(struct loaded_results *lr, const char *path, char *err,
		 size_t err_size)
{
	size_t len;
	char *text = read_whole_file(path, &len);
	int ret;

	if (!text) {
		memset(lr, 0, sizeof(*lr));
		snprintf(err, err_size, "%s: %s", path, strerror(errno));
		return -1;
	}
	ret = results_parse(lr, path, text, len, err, err_size);
	free(text);
	return ret;
}

void results_release(struct loaded_results *lr)
{
	report_free(&lr->report);
	for (size_t i = 0; i < lr->config_count; i++) {
		free(lr->configs[i]->name);
		free(lr->configs[i]->label);
		strlist_clear(&lr->configs[i]->device_types);
		strlist_clear(&lr->configs[i]->device_properties);
		free(lr->configs[i]);
	}
	free(lr->configs);
	strlist_clear(&lr->strings);
	for (size_t i = 0; i < lr->baseline_count; i++)
		baseline_release(&lr->baselines[i]);
	free(lr->baselines);
	memset(lr, 0, sizeof(*lr));
}
