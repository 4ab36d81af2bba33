/*
 * Baselines (docs/baselines.md): loading with strict validation, choosing
 * the file for --baseline auto, and turning matching results into xfail
 * and xpass. The file is checked completely before any VM runs, because a
 * typo in it would otherwise widen or narrow what a run forgives.
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results/baseline.h"
#include "text.h"

/* A baseline is a short hand-written list; anything larger is a mistake. */
#define BASELINE_MAX_BYTES (1024 * 1024)

struct parse_ctx {
	const char *path;
	char *err;
	size_t err_size;
	size_t entry;		/* from 1; 0 while checking the file as a whole */
};

static int parse_error(struct parse_ctx *pc, const char *fmt, ...) PRINTF_LIKE(2, 3);

static int parse_error(struct parse_ctx *pc, const char *fmt, ...)
{
	char msg[512];
	char *shown;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* A key or value quoted from the file may hold any byte: keep the error one line. */
	shown = text_from_bytes(msg, strlen(msg));
	if (pc->entry)
		snprintf(pc->err, pc->err_size, "%s: entry %zu: %s", pc->path,
			 pc->entry, shown);
	else
		snprintf(pc->err, pc->err_size, "%s: %s", pc->path, shown);
	free(shown);
	return -1;
}

static const char *const file_fields[] = {
	"schema", "hypervisor", "version", "arch", "expected",
};

static const char *const entry_fields[] = {
	"test", "transport", "mode", "device_type", "device", "verdict",
	"clause", "checks", "reason", "source",
};

/* A misspelt field would silently mean "*": refuse every unknown one. */
static int check_known_fields(struct parse_ctx *pc, json_object *obj,
			      const char *const *known, size_t count)
{
	json_object_object_foreach(obj, key, value) {
		bool found = false;

		(void)value;
		for (size_t i = 0; i < count && !found; i++)
			found = !strcmp(key, known[i]);
		if (!found)
			return parse_error(pc, "unknown field \"%s\"", key);
	}
	return 0;
}

/*
 * A non-empty string field into *out. When absent: an error if @fallback is
 * NULL, else a copy of @fallback.
 */
static int string_field(struct parse_ctx *pc, json_object *obj, const char *key,
			const char *fallback, char **out)
{
	json_object *value;

	if (!json_object_object_get_ex(obj, key, &value)) {
		if (!fallback)
			return parse_error(pc, "missing \"%s\"", key);
		*out = xstrdup(fallback);
		return 0;
	}
	if (!json_object_is_type(value, json_type_string))
		return parse_error(pc, "\"%s\" must be a string", key);
	if (!json_object_get_string_len(value))
		return parse_error(pc, "\"%s\" is empty (leave it out instead)", key);
	*out = xstrdup(json_object_get_string(value));
	return 0;
}

/*
 * fail, and the verdicts a vendor may know a device for without a check to
 * blame: a crash (QEMU aborts on a guest's access), a timeout, a flake.
 */
static int expected_verdict(struct parse_ctx *pc, json_object *obj, enum verdict *out)
{
	static const enum verdict allowed[] = {
		VERDICT_FAIL, VERDICT_CRASH, VERDICT_TIMEOUT, VERDICT_FLAKY,
	};
	char *verdict = NULL;
	int ret = string_field(pc, obj, "verdict", NULL, &verdict);

	for (size_t i = 0; !ret && i < ARRAY_SIZE(allowed); i++)
		if (!strcmp(verdict, verdict_name(allowed[i]))) {
			*out = allowed[i];
			free(verdict);
			return 0;
		}
	if (!ret)
		ret = parse_error(pc, "verdict \"%s\": fail, crash, timeout or flaky", verdict);
	free(verdict);
	return ret;
}

/* "checks": an array of the kernel's 8-hex-digit check keys. */
static int check_keys(struct parse_ctx *pc, json_object *obj, struct strlist *out)
{
	json_object *array;

	if (!json_object_object_get_ex(obj, "checks", &array))
		return 0;
	if (!json_object_is_type(array, json_type_array) || !json_object_array_length(array))
		return parse_error(pc, "\"checks\" must be a non-empty array of check keys");
	for (size_t i = 0; i < json_object_array_length(array); i++) {
		json_object *key = json_object_array_get_idx(array, i);
		const char *text = json_object_get_string(key);

		if (!json_object_is_type(key, json_type_string) || strlen(text) != 8 ||
		    strspn(text, "0123456789abcdef") != 8)
			return parse_error(pc, "\"checks\": \"%s\" is not a check key (8 lower-case hex digits)",
					   text ? text : "");
		strlist_add(out, text);
	}
	return 0;
}

static int parse_entry(struct parse_ctx *pc, json_object *obj,
		       struct baseline_entry *e)
{
	if (!json_object_is_type(obj, json_type_object))
		return parse_error(pc, "must be an object");
	if (check_known_fields(pc, obj, entry_fields, ARRAY_SIZE(entry_fields)) ||
	    string_field(pc, obj, "test", NULL, &e->test) ||
	    string_field(pc, obj, "transport", "*", &e->transport) ||
	    string_field(pc, obj, "mode", "*", &e->mode) ||
	    string_field(pc, obj, "device_type", "*", &e->device_type) ||
	    string_field(pc, obj, "device", "*", &e->device) ||
	    expected_verdict(pc, obj, &e->expected) ||
	    string_field(pc, obj, "clause", "", &e->clause) ||
	    check_keys(pc, obj, &e->checks) ||
	    string_field(pc, obj, "reason", NULL, &e->reason) ||
	    string_field(pc, obj, "source", "", &e->source))
		return -1;
	return 0;
}

static int check_schema(struct parse_ctx *pc, json_object *root)
{
	json_object *schema;

	if (!json_object_object_get_ex(root, "schema", &schema))
		return parse_error(pc, "missing \"schema\"");
	if (!json_object_is_type(schema, json_type_int) ||
	    json_object_get_int64(schema) != BASELINE_SCHEMA)
		return parse_error(pc, "unknown schema %s (this vcts reads schema %d)",
				   json_object_to_json_string(schema), BASELINE_SCHEMA);
	return 0;
}

static int parse_entries(struct parse_ctx *pc, json_object *root,
			 struct baseline *bl)
{
	json_object *expected;
	size_t count;

	if (!json_object_object_get_ex(root, "expected", &expected))
		return parse_error(pc, "missing \"expected\"");
	if (!json_object_is_type(expected, json_type_array))
		return parse_error(pc, "\"expected\" must be an array");
	count = json_object_array_length(expected);
	bl->entries = xcalloc(count ? count : 1, sizeof(*bl->entries));
	for (size_t i = 0; i < count; i++) {
		pc->entry = i + 1;
		bl->count = i + 1;	/* so that release frees a partial entry */
		if (parse_entry(pc, json_object_array_get_idx(expected, i),
				&bl->entries[i]))
			return -1;
	}
	pc->entry = 0;
	return 0;
}

static int parse_root(struct parse_ctx *pc, json_object *root, struct baseline *bl)
{
	if (!json_object_is_type(root, json_type_object))
		return parse_error(pc, "the file must hold one JSON object");
	if (check_schema(pc, root) ||
	    check_known_fields(pc, root, file_fields, ARRAY_SIZE(file_fields)) ||
	    string_field(pc, root, "hypervisor", NULL, &bl->hypervisor) ||
	    string_field(pc, root, "version", NULL, &bl->version) ||
	    string_field(pc, root, "arch", NULL, &bl->arch))
		return -1;
	return parse_entries(pc, root, bl);
}

static size_t line_of_offset(const char *text, size_t offset)
{
	size_t line = 1;

	for (size_t i = 0; i < offset && text[i]; i++)
		line += text[i] == '\n';
	return line;
}

/*
 * Strict JSON: no comments, no trailing commas, valid UTF-8, nothing but
 * white space after the object.
 */
static json_object *parse_json(struct parse_ctx *pc, const char *text, size_t len)
{
	json_tokener *tok = json_tokener_new();
	json_object *root;
	enum json_tokener_error jerr;
	size_t end;

	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr == json_tokener_success)
		return root;
	if (jerr == json_tokener_continue)
		parse_error(pc, "not valid JSON: unexpected end of file");
	else
		parse_error(pc, "not valid JSON: %s (line %zu)",
			    json_tokener_error_desc(jerr), line_of_offset(text, end));
	json_object_put(root);
	return NULL;
}

int baseline_parse(struct baseline *bl, const char *path, const char *text,
		   size_t len, char *err, size_t err_size)
{
	struct parse_ctx pc = { path, err, err_size, 0 };
	json_object *root;
	int ret;

	memset(bl, 0, sizeof(*bl));
	err[0] = '\0';
	if (memchr(text, '\0', len))
		return parse_error(&pc, "not valid JSON: a NUL byte");
	root = parse_json(&pc, text, len);
	if (!root)
		return -1;
	bl->path = xstrdup(path);
	ret = parse_root(&pc, root, bl);
	json_object_put(root);
	if (ret)
		baseline_release(bl);
	return ret;
}

/* The whole file, NUL-terminated, or NULL with errno set. */
static char *read_small_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text;

	if (!f)
		return NULL;
	text = xmalloc(BASELINE_MAX_BYTES + 1);
	*len = fread(text, 1, BASELINE_MAX_BYTES + 1, f);
	if (ferror(f) || *len > BASELINE_MAX_BYTES) {
		errno = ferror(f) ? EIO : EFBIG;
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	text[*len] = '\0';
	return text;
}

int baseline_load(struct baseline *bl, const char *path, char *err,
		  size_t err_size)
{
	size_t len;
	char *text = read_small_file(path, &len);
	int ret;

	if (!text) {
		memset(bl, 0, sizeof(*bl));
		snprintf(err, err_size, "%s: %s", path, strerror(errno));
		return -1;
	}
	ret = baseline_parse(bl, path, text, len, err, err_size);
	free(text);
	return ret;
}

static void release_entry(struct baseline_entry *e)
{
	free(e->test);
	free(e->transport);
	free(e->mode);
	free(e->device_type);
	free(e->device);
	free(e->clause);
	strlist_clear(&e->checks);
	free(e->reason);
	free(e->source);
}

void baseline_release(struct baseline *bl)
{
	for (size_t i = 0; i < bl->count; i++)
		release_entry(&bl->entries[i]);
	free(bl->entries);
	free(bl->path);
	free(bl->hypervisor);
	free(bl->version);
	free(bl->arch);
	memset(bl, 0, sizeof(*bl));
}

char *baseline_major_minor(const char *version_line)
{
	const char *p;

	if (!version_line)
		return NULL;
	/* Past "version", so that nothing before the number is taken for it. */
	p = strstr(version_line, "version ");
	p = p ? p + strlen("version ") : version_line;
	for (; *p; p++) {
		size_t major, minor;

		if (!isdigit((unsigned char)*p) ||
		    (p > version_line && isdigit((unsigned char)p[-1])))
			continue;
		major = strspn(p, "0123456789");
		if (p[major] != '.')
			continue;
		minor = strspn(p + major + 1, "0123456789");
		if (minor)
			return xstrndup(p, major + 1 + minor);
	}
	return NULL;
}

char *baseline_auto_path(const char *hypervisor, const char *version_line,
			 const char *arch)
{
	char *version = baseline_major_minor(version_line);
	char *path;

	if (!version)
		return NULL;
	path = xasprintf("%s/%s-%s-%s.json", BASELINE_DIR, hypervisor, version, arch);
	free(version);
	return path;
}

/* Which file --baseline names; NULL (after a note) to run without. */
static char *chosen_path(const char *choice, const char *hypervisor, const char *arch,
			 const char *version)
{
	char *path;

	if (!strcmp(choice, "none"))
		return NULL;
	if (strcmp(choice, "auto"))
		return xstrdup(choice);
	path = baseline_auto_path(hypervisor, version, arch);
	if (!path) {
		vcts_note("no baseline: cannot tell the version from '%s'; running without one",
			  version ? version : "");
		return NULL;
	}
	if (access(path, F_OK)) {
		/* Relative: the committed baselines are found from the top directory. */
		vcts_note("no baseline for this %s: %s does not exist; running without one",
			  hypervisor, path);
		free(path);
		return NULL;
	}
	return path;
}

void baseline_announce_mismatch(const struct baseline *bl, const char *hypervisor,
				const char *arch, const char *version_line)
{
	char *version = baseline_major_minor(version_line);

	if (strcmp(bl->hypervisor, hypervisor) || strcmp(bl->arch, arch) ||
	    !version || strcmp(bl->version, version))
		vcts_note("baseline %s is for %s %s %s, this run is %s %s %s",
			  bl->path, bl->hypervisor, bl->version, bl->arch,
			  hypervisor, version ? version : "?", arch);
	free(version);
}

int baseline_select(struct baseline *bl, const char *choice, const char *hypervisor,
		    const char *arch, const char *version)
{
	char *path = chosen_path(choice, hypervisor, arch, version);
	char err[1024];

	memset(bl, 0, sizeof(*bl));
	if (!path)
		return 0;
	if (baseline_load(bl, path, err, sizeof(err))) {
		vcts_error("%s", err);
		free(path);
		return -1;
	}
	free(path);
	if (!strcmp(choice, "auto"))
		bl->scope_arch = arch;
	vcts_note("baseline %s (%s %s %s, %zu entr%s)", bl->path, bl->hypervisor,
		  bl->version, bl->arch, bl->count, bl->count == 1 ? "y" : "ies");
	baseline_announce_mismatch(bl, hypervisor, arch, version);
	return 1;
}

static bool glob_matches(const char *pattern, const char *text)
{
	return !fnmatch(pattern, text, 0);
}

static bool entry_matches(const struct baseline_entry *e, const struct result *r)
{
	return glob_matches(e->test, r->test) &&
	       glob_matches(e->transport, r->config->transport) &&
	       glob_matches(e->mode, r->config->mode) &&
	       glob_matches(e->device_type, r->device_type) &&
	       glob_matches(e->device, r->device);
}

bool baseline_applies_to(const struct baseline *bl, const char *arch)
{
	return !bl->scope_arch || !strcmp(bl->scope_arch, arch);
}

/*
 * The entry that judges @r: the first matching one that excuses it (its
 * expected verdict and checks), else the first matching one at all (it
 * turns a pass into xpass). Several entries may name one test with other
 * checks: one device's deviation, another's.
 */
/* @r's verdict before any baseline judged it (results read back may be judged). */
static enum verdict verdict_before_baseline(const struct result *r)
{
	if (r->verdict == VERDICT_XFAIL)
		return r->baseline ? r->baseline->expected : VERDICT_FAIL;
	if (r->verdict == VERDICT_XPASS)
		return VERDICT_PASS;
	return r->verdict;
}

static struct baseline_entry *find_entry(const struct baseline *bl,
					 const struct result *r)
{
	enum verdict verdict = verdict_before_baseline(r);

	for (; bl; bl = bl->next) {
		struct baseline_entry *first = NULL;

		if (!baseline_applies_to(bl, r->config->arch))
			continue;
		for (size_t i = 0; i < bl->count; i++) {
			struct baseline_entry *e = &bl->entries[i];

			if (!entry_matches(e, r))
				continue;
			if (baseline_verdict(e, r, verdict) == VERDICT_XFAIL)
				return e;
			if (!first)
				first = e;
		}
		return first;
	}
	return NULL;
}

const struct baseline_entry *baseline_match(const struct baseline *bl,
					    const struct result *r)
{
	return find_entry(bl, r);
}

/* Is @f one of the checks @e expects to fail? */
static bool entry_covers(const struct baseline_entry *e, const struct failure *f)
{
	if (*e->clause && strcmp(e->clause, f->clause))
		return false;
	return !e->checks.count || strlist_contains(&e->checks, f->check);
}

static bool covers_every_failure(const struct baseline_entry *e, const struct result *r)
{
	for (size_t i = 0; i < r->failure_count; i++)
		if (!entry_covers(e, &r->failures[i]))
			return false;
	return true;
}

enum verdict baseline_verdict(const struct baseline_entry *entry, const struct result *r,
			      enum verdict verdict)
{
	if (!entry)
		return verdict;
	if (verdict == VERDICT_PASS)
		return VERDICT_XPASS;
	if (verdict != entry->expected)
		return verdict;
	if (verdict == VERDICT_FAIL && !covers_every_failure(entry, r))
		return verdict;
	return VERDICT_XFAIL;
}

char *baseline_note(const struct baseline_entry *e, enum verdict verdict)
{
	if (verdict == VERDICT_XPASS)
		return xasprintf("expected to fail (baseline): %s; passes now \u2014 fixed?",
				 e->reason);
	if (*e->source)
		return xasprintf("known deviation: %s (%s)", e->reason, e->source);
	return xasprintf("known deviation: %s", e->reason);
}

/* @note as the first line of the message, the old message after it. */
static void prepend_message(struct result *r, const char *note)
{
	char *message = *r->message ? xasprintf("%s\n%s", note, r->message)
				    : xstrdup(note);

	free(r->message);
	r->message = message;
}

void baseline_apply(struct baseline *bl, struct report *report)
{
	report->baseline = bl;
	for (size_t i = 0; i < report->result_count; i++) {
		struct result *r = report->results[i];
		struct baseline_entry *e = find_entry(bl, r);
		enum verdict verdict = baseline_verdict(e, r, r->verdict);
		char *note;

		if (verdict == r->verdict)
			continue;
		note = baseline_note(e, verdict);
		prepend_message(r, note);
		free(note);
		r->verdict = verdict;
		r->baseline = e;
		e->matched++;
	}
}
