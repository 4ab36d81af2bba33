/*
 * Helpers shared by the whole harness. Allocation failures end the program:
 * the harness is a short-lived command and has nothing sensible to do
 * without memory.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

bool vcts_quiet;
void (*vcts_before_message)(void);

static void out_of_memory(void)
{
	fputs("vcts: out of memory\n", stderr);
	exit(2);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static char *xvasprintf(const char *fmt, va_list ap)
{
	char *p;

	if (vasprintf(&p, fmt, ap) < 0)
		out_of_memory();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void grow_array(void **array, size_t *cap, size_t need, size_t size)
{
	size_t new_cap;

	if (need <= *cap)
		return;
	new_cap = *cap ? *cap * 2 : 8;
	while (new_cap < need)
		new_cap *= 2;
	*array = xrealloc(*array, new_cap * size);
	*cap = new_cap;
}

void strlist_add(struct strlist *list, const char *s)
{
	grow_array((void **)&list->items, &list->cap, list->count + 1,
		   sizeof(*list->items));
	list->items[list->count++] = xstrdup(s);
}

void strlist_add_owned(struct strlist *list, char *s)
{
	grow_array((void **)&list->items, &list->cap, list->count + 1,
		   sizeof(*list->items));
	list->items[list->count++] = s;
}

char **strlist_to_argv(struct strlist *list)
{
	char **argv = xcalloc(list->count + 1, sizeof(*argv));

	/* The vector takes over the strings; the list's array goes. */
	memcpy(argv, list->items, list->count * sizeof(*argv));
	free(list->items);
	memset(list, 0, sizeof(*list));
	return argv;
}

void strlist_add_split(struct strlist *list, const char *s, char sep)
{
	while (*s) {
		const char *end = strchr(s, sep);
		size_t len = end ? (size_t)(end - s) : strlen(s);

		if (len) {
			char *item = xstrndup(s, len);

			strlist_add(list, item);
			free(item);
		}
		s += len;
		if (*s == sep)
			s++;
	}
}

bool strlist_contains(const struct strlist *list, const char *s)
{
	for (size_t i = 0; i < list->count; i++)
		if (!strcmp(list->items[i], s))
			return true;
	return false;
}

char *strlist_join(const struct strlist *list, const char *sep)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < list->count; i++) {
		if (i)
			strbuf_addstr(&sb, sep);
		strbuf_addstr(&sb, list->items[i]);
	}
	return strbuf_detach(&sb);
}

void strlist_copy(struct strlist *dst, const struct strlist *src)
{
	for (size_t i = 0; i < src->count; i++)
		strlist_add(dst, src->items[i]);
}

void strlist_clear(struct strlist *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
	list->cap = 0;
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	grow_array((void **)&sb->buf, &sb->cap, sb->len + len + 1, 1);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	strbuf_addstr(sb, p);
	free(p);
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
	return p;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
}

uint64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int mkdir_p(const char *path)
{
	char *copy = xstrdup(path);
	int ret = 0;

	for (char *p = copy + 1; ; p++) {
		char saved = *p;

		if (saved != '/' && saved != '\0')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) && errno != EEXIST) {
			ret = -1;
			break;
		}
		*p = saved;
		if (!saved)
			break;
	}
	if (!ret) {
		struct stat st;

		if (stat(path, &st))
			ret = -1;
		else if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			ret = -1;
		}
	}
	free(copy);
	return ret;
}

int write_file_atomically(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	int saved_errno;

	if (!f)
		goto fail;
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		goto fail_unlink;
	}
	if (fclose(f))
		goto fail_unlink;
	if (rename(tmp, path))
		goto fail_unlink;
	free(tmp);
	return 0;

fail_unlink:
	saved_errno = errno;
	unlink(tmp);
	errno = saved_errno;
fail:
	saved_errno = errno;
	free(tmp);
	errno = saved_errno;
	return -1;
}

static void vmessage(const char *fmt, va_list ap)
{
	char *msg = xvasprintf(fmt, ap);

	if (vcts_before_message)
		vcts_before_message();
	fprintf(stderr, "vcts: %s\n", msg);
	free(msg);
}

void vcts_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}

void vcts_note(const char *fmt, ...)
{
	va_list ap;

	if (vcts_quiet)
		return;
	va_start(ap, fmt);
	vmessage(fmt, ap);
	va_end(ap);
}
