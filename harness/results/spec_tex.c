/*
 * The device-normative sections of the virtio specification, read from its
 * LaTeX sources: every \devicenormative{LEVEL}{TITLE}{PATH} (commands.tex
 * defines it as the heading "Device Requirements: TITLE" with the label
 * "devicenormative:PATH"). A declaration may span lines, so the scan works
 * on the whole text and collapses white space in the path.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results/coverage.h"
#include "results/results_read.h"

/* \input nesting in the spec is 2 deep; anything deeper is a loop. */
#define MAX_INPUT_DEPTH 8

/* Past a "%" comment to the end of its line; "\%" is a percent sign. */
static const char *skip_comment(const char *p)
{
	const char *end = strchr(p, '\n');

	return end ? end : p + strlen(p);
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * A balanced {...} group at @p: its contents (white space collapsed) into
 * @out, and the position after it; NULL if @p holds no group.
 */
static const char *brace_group(const char *p, struct strbuf *out)
{
	int depth = 1;
	bool space = false;

	p = skip_space(p);
	if (*p != '{')
		return NULL;
	for (p++; *p; p++) {
		if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p + 1;
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = out && out->len;
			continue;
		}
		if (out && space)
			strbuf_addch(out, ' ');
		space = false;
		if (out)
			strbuf_addch(out, *p);
	}
	return NULL;
}

/* After "\devicenormative": LEVEL, TITLE, then PATH into @paths. */
static const char *scan_declaration(const char *p, struct strlist *paths)
{
	struct strbuf path = { 0 };
	const char *q = brace_group(p, NULL);

	if (q)
		q = brace_group(q, NULL);
	if (q)
		q = brace_group(q, &path);
	if (q && path.len && !strlist_contains(paths, path.buf))
		strlist_add(paths, path.buf);
	strbuf_release(&path);
	return q ? q : p;
}

typedef void (*input_fn)(void *ctx, const char *name);

static const char *scan_input(const char *p, input_fn on_input, void *ctx)
{
	struct strbuf name = { 0 };
	const char *q = brace_group(p, &name);

	if (q && name.len)
		on_input(ctx, name.buf);
	strbuf_release(&name);
	return q ? q : p;
}

static bool starts_command(const char *p, const char *name)
{
	size_t len = strlen(name);

	if (strncmp(p, name, len))
		return false;
	/* "\devicenormative}" is the macro's own definition, not a use. */
	return p[len] == '{' || p[len] == ' ' || p[len] == '\n' || p[len] == '\t';
}

/* @on_input runs where the \input is, so that its sections come in order. */
static void scan_text(const char *text, struct strlist *paths, input_fn on_input,
		      void *ctx)
{
	const char *p = text;

	while (*p) {
		if (*p == '%') {
			p = skip_comment(p);
		} else if (*p == '\\' && p[1] == '%') {
			p += 2;
		} else if (*p == '\\' && starts_command(p, "\\devicenormative")) {
			p = scan_declaration(p + strlen("\\devicenormative"), paths);
		} else if (*p == '\\' && starts_command(p, "\\input")) {
			p = scan_input(p + strlen("\\input"), on_input, ctx);
		} else {
			p++;
		}
	}
}

static void add_input(void *ctx, const char *name)
{
	strlist_add(ctx, name);
}

void tex_scan(const char *text, struct strlist *paths, struct strlist *inputs)
{
	scan_text(text, paths, add_input, inputs);
}

struct scan_ctx {
	const char *dir;
	int depth;
	bool follow;		/* from main.tex: \input brings in the rest */
	struct strlist *paths;
	char *err;
	size_t err_size;
	int ret;
};

static int scan_file(struct scan_ctx *sc, const char *name);

static void follow_input(void *ctx, const char *name)
{
	struct scan_ctx *sc = ctx;

	if (!sc->follow || sc->ret)
		return;
	if (sc->depth >= MAX_INPUT_DEPTH) {
		snprintf(sc->err, sc->err_size, "%s/%s: \\input nested more than %d deep",
			 sc->dir, name, MAX_INPUT_DEPTH);
		sc->ret = -1;
		return;
	}
	sc->depth++;
	sc->ret = scan_file(sc, name);
	sc->depth--;
}

static int scan_file(struct scan_ctx *sc, const char *name)
{
	size_t len = strlen(name);
	char *path = xasprintf("%s/%s%s", sc->dir, name,
			       len > 4 && !strcmp(name + len - 4, ".tex") ? "" : ".tex");
	char *text = read_whole_file(path, &len);

	if (!text) {
		snprintf(sc->err, sc->err_size, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	scan_text(text, sc->paths, follow_input, sc);
	free(text);
	free(path);
	return sc->ret;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Without main.tex: every .tex file of @dir in name order. */
static int scan_every_file(struct scan_ctx *sc)
{
	struct strlist names = { 0 };
	struct dirent *de;
	DIR *d = opendir(sc->dir);
	int ret = 0;

	if (!d) {
		snprintf(sc->err, sc->err_size, "%s: %s", sc->dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);

		if (len > 4 && !strcmp(de->d_name + len - 4, ".tex"))
			strlist_add(&names, de->d_name);
	}
	closedir(d);
	if (names.count)
		qsort(names.items, names.count, sizeof(*names.items), by_name);
	for (size_t i = 0; !ret && i < names.count; i++)
		ret = scan_file(sc, names.items[i]);
	strlist_clear(&names);
	return ret;
}

int spec_extract(const char *dir, struct strlist *paths, char *err, size_t err_size)
{
	char *main_tex = xasprintf("%s/main.tex", dir);
	struct scan_ctx sc = { dir, 0, access(main_tex, R_OK) == 0, paths, err, err_size, 0 };
	int ret;

	free(main_tex);
	ret = sc.follow ? scan_file(&sc, "main.tex") : scan_every_file(&sc);
	if (!ret && !paths->count) {
		snprintf(err, err_size, "%s: no \\devicenormative declarations in its .tex files",
			 dir);
		ret = -1;
	}
	return ret;
}

int spec_sections_parse(const char *text, struct strlist *paths)
{
	struct strlist lines = { 0 };

	strlist_add_split(&lines, text, '\n');
	for (size_t i = 0; i < lines.count; i++) {
		char *line = lines.items[i];
		size_t len = strlen(line);

		while (len && (line[len - 1] == ' ' || line[len - 1] == '\r' ||
			       line[len - 1] == '\t'))
			line[--len] = '\0';
		if (len && line[0] != '#' && !strlist_contains(paths, line))
			strlist_add(paths, line);
	}
	strlist_clear(&lines);
	return 0;
}

int spec_sections_load(const char *path, struct strlist *paths, char *err,
		       size_t err_size)
{
	size_t len;
	char *text = read_whole_file(path, &len);

	if (!text) {
		snprintf(err, err_size, "%s: %s", path, strerror(errno));
		return -1;
	}
	spec_sections_parse(text, paths);
	free(text);
	if (!paths->count) {
		snprintf(err, err_size, "%s: no sections in it", path);
		return -1;
	}
	return 0;
}
