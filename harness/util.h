/*
 * Small helpers every part of the harness uses: allocation that never
 * returns NULL, growable string lists, clocks, directories and the
 * "vcts: " message functions.
 */
#ifndef VCTS_UTIL_H
#define VCTS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VCTS_VERSION "0.1.0"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Grow *array (of *cap elements of @size bytes) so that it holds @need. */
void grow_array(void **array, size_t *cap, size_t need, size_t size);

struct strlist {
	char **items;
	size_t count;
	size_t cap;
};

void strlist_add(struct strlist *list, const char *s);
/* Adds @s itself (allocated), which the list now owns. */
void strlist_add_owned(struct strlist *list, char *s);
/*
 * The strings of @list as a NULL-terminated vector that takes them over
 * (argv_free() it); @list is left empty.
 */
char **strlist_to_argv(struct strlist *list);
/* Add every non-empty @sep-separated element of @s. */
void strlist_add_split(struct strlist *list, const char *s, char sep);
bool strlist_contains(const struct strlist *list, const char *s);
char *strlist_join(const struct strlist *list, const char *sep);
void strlist_copy(struct strlist *dst, const struct strlist *src);
void strlist_clear(struct strlist *list);

/* A growable byte buffer, always NUL-terminated. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* Hand the string over to the caller; the buffer is empty afterwards. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

uint64_t monotonic_ms(void);

/* mkdir -p: 0 on success, -1 with errno set. */
int mkdir_p(const char *path);

/* Write @data to @path through a temporary file and rename(2). */
int write_file_atomically(const char *path, const char *data, size_t len);

/* Messages on stderr, one line each, prefixed "vcts: ". */
extern bool vcts_quiet;
/* Called before each message: the progress line erases itself (NULL: none). */
extern void (*vcts_before_message)(void);
void vcts_error(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* Information the user may want; silenced by --quiet. */
void vcts_note(const char *fmt, ...) PRINTF_LIKE(1, 2);

#endif
