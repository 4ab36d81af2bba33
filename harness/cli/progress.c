/*
 * The progress line. It is drawn only on a terminal, erased before any
 * other output (result lines on stdout, "vcts: " messages on stderr, which
 * usually share the terminal) and redrawn after, and never wider than the
 * terminal: a wrapped line could not be redrawn in place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/progress.h"

#define DEFAULT_WIDTH 80

static struct progress *active;	/* the one util.c's message hook erases */

static void clear_active(void)
{
	if (active)
		progress_clear(active);
}

void progress_init(struct progress *p, bool want)
{
	memset(p, 0, sizeof(*p));
	p->enabled = want && isatty(STDOUT_FILENO);
	p->test = xstrdup("");
	p->attempt = 1;
	p->attempts = 1;
	if (p->enabled) {
		active = p;
		vcts_before_message = clear_active;
	}
}

void progress_free(struct progress *p)
{
	progress_clear(p);
	if (active == p) {
		active = NULL;
		vcts_before_message = NULL;
	}
	free(p->test);
	p->test = NULL;
}

static char *counts_text(const struct progress *p)
{
	if (p->baseline)
		return xasprintf("pass %zu fail %zu skip %zu xfail %zu", p->pass, p->fail,
				 p->skip, p->xfail);
	return xasprintf("pass %zu fail %zu skip %zu", p->pass, p->fail, p->skip);
}

static char *where_text(const struct progress *p)
{
	if (p->attempt > 1)
		return xasprintf("[config %zu/%zu %s, re-run %u/%u]", p->config_index,
				 p->config_count, p->config_label, p->attempt - 1,
				 p->attempts - 1);
	return xasprintf("[config %zu/%zu %s]", p->config_index, p->config_count,
			 p->config_label);
}

char *progress_text(const struct progress *p, size_t width)
{
	char *where = where_text(p), *counts = counts_text(p);
	size_t fixed = strlen(where) + strlen(counts) + 3;	/* " " + "  " */
	size_t room = width > fixed ? width - fixed : 0;
	size_t test_len = strlen(p->test);
	char *line;

	/* The counts matter most, then where; the test id is cut to fit. */
	if (test_len > room)
		test_len = room;
	line = xasprintf("%s %.*s  %s", where, (int)test_len, p->test, counts);
	if (strlen(line) > width)
		line[width] = '\0';
	free(where);
	free(counts);
	return line;
}

void progress_set_test(struct progress *p, const char *test, const char *device)
{
	char *text = *device ? xasprintf("%s [%s]", test, device) : xstrdup(test);

	if (!strcmp(text, p->test)) {
		free(text);
		return;
	}
	free(p->test);
	p->test = text;
	progress_draw(p);
}

void progress_count(struct progress *p, enum verdict verdict, int delta)
{
	size_t *counter;

	switch (verdict) {
	case VERDICT_PASS:
	case VERDICT_XPASS:
	case VERDICT_WARN:	/* passed as far as the run is concerned; listed on its own line */
	case VERDICT_NOTE:
		counter = &p->pass;
		break;
	case VERDICT_SKIP:
		counter = &p->skip;
		break;
	case VERDICT_XFAIL:
		counter = &p->xfail;
		break;
	default:
		counter = &p->fail;
	}
	if (delta < 0 && *counter)
		(*counter)--;
	else if (delta > 0)
		(*counter)++;
}

static size_t terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) || !ws.ws_col)
		return DEFAULT_WIDTH;
	return ws.ws_col;
}

void progress_draw(struct progress *p)
{
	char *line;

	if (!p->enabled || !p->config_index)
		return;
	/* One column short: a line that fills the last one wraps on some terminals. */
	line = progress_text(p, terminal_width() - 1);
	printf("\r%s\033[K", line);
	fflush(stdout);
	p->shown = true;
	free(line);
}

void progress_clear(struct progress *p)
{
	if (!p->enabled || !p->shown)
		return;
	fputs("\r\033[K", stdout);
	fflush(stdout);
	p->shown = false;
}
