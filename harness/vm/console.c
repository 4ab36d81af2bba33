/*
 * The life of a console connection (console.h): connect after the
 * hypervisor started, read the guest's bytes while it runs, answer host
 * actions on it, and read what is left once it is gone.
 *
 * Connecting retries every millisecond for 3 s, then every 10 ms: a
 * hypervisor that serves a socket without waiting for its client (QEMU's
 * wait=off) or a pty drops what the guest prints while nobody is
 * connected, and the kernel's first line comes some tens of milliseconds
 * after the hypervisor created its console. A hypervisor that can wait
 * for its client (QEMU's wait=on) loses nothing.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "vm/console.h"

/* A file has nothing to poll: it is read this often. */
#define FILE_READ_INTERVAL_MS 20
/* Reads per look, so that a guest that floods its console starves nothing else. */
#define READS_PER_LOOK 16
#define SEND_WAIT_MS 1000

static bool is_file(const struct console_conn *c)
{
	return c->spec.route == CONSOLE_FILE;
}

void console_conn_init(struct console_conn *c, const struct console_spec *spec,
		       uint64_t now_ms, uint64_t deadline_ms)
{
	memset(c, 0, sizeof(*c));
	c->spec.route = spec->route;
	c->spec.path = spec->path ? xstrdup(spec->path) : NULL;
	c->spec.host = spec->host ? xstrdup(spec->host) : NULL;
	c->spec.port = spec->port;
	c->fd = -1;
	c->started_ms = now_ms;
	c->next_try_ms = now_ms;
	c->deadline_ms = deadline_ms;
	snprintf(c->error, sizeof(c->error), "not tried yet");
}

void console_conn_close(struct console_conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	console_spec_release(&c->spec);
}

static int try_connect(struct console_conn *c)
{
	const struct console_spec *s = &c->spec;

	switch (s->route) {
	case CONSOLE_FILE:
		return console_open_file(s->path, c->error, sizeof(c->error));
	case CONSOLE_UNIX_SOCKET:
		return console_connect_unix(s->path, c->error, sizeof(c->error));
	case CONSOLE_TCP:
		return console_connect_tcp(s->host, s->port, c->error, sizeof(c->error));
	case CONSOLE_PTY:
		if (s->path)
			return console_open_pty(s->path, c->error, sizeof(c->error));
		snprintf(c->error, sizeof(c->error),
			 "the hypervisor named no /dev/pts/N on its output");
		return -1;
	case CONSOLE_STDIO:
		break;
	}
	snprintf(c->error, sizeof(c->error), "stdio is not a console to connect to");
	return -1;
}

static uint64_t retry_interval(const struct console_conn *c, uint64_t now_ms)
{
	uint64_t waited = now_ms - c->started_ms;

	return waited < 3000 ? 1 : 10;
}

int console_conn_poll_fd(const struct console_conn *c)
{
	return c->fd >= 0 && !is_file(c) ? c->fd : -1;
}

int console_conn_wait_ms(const struct console_conn *c, uint64_t now_ms)
{
	if (c->ended)
		return INT_MAX;
	if (c->fd < 0)
		return c->next_try_ms > now_ms ? (int)(c->next_try_ms - now_ms) : 0;
	return is_file(c) ? FILE_READ_INTERVAL_MS : INT_MAX;
}

bool console_conn_gave_up(const struct console_conn *c, uint64_t now_ms)
{
	return c->fd < 0 && !c->ended && now_ms >= c->deadline_ms;
}

/* The other end is gone: nothing more will come and nothing can be sent. */
static void end_connection(struct console_conn *c)
{
	close(c->fd);
	c->fd = -1;
	c->ended = true;
}

/*
 * What the console has now. A file at its end may grow: only a socket or
 * a terminal ends (end of file; EIO from a pty whose other side closed).
 */
static void read_available(struct console_conn *c, console_bytes_fn deliver, void *ctx,
			   unsigned int max_reads)
{
	char buf[4096];

	for (unsigned int i = 0; c->fd >= 0 && i < max_reads; i++) {
		ssize_t n = read(c->fd, buf, sizeof(buf));

		if (n > 0) {
			deliver(ctx, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if ((n == 0 && !is_file(c)) || (n < 0 && errno != EAGAIN))
			end_connection(c);
		return;
	}
}

void console_conn_service(struct console_conn *c, uint64_t now_ms,
			  console_bytes_fn deliver, void *ctx)
{
	if (c->fd < 0 && !c->ended) {
		int fd;

		if (now_ms < c->next_try_ms || now_ms >= c->deadline_ms)
			return;
		fd = try_connect(c);
		if (fd < 0) {
			c->next_try_ms = now_ms + retry_interval(c, now_ms);
			return;
		}
		c->fd = fd;
		c->connected_ms = now_ms;
	}
	read_available(c, deliver, ctx, READS_PER_LOOK);
}

void console_conn_scan_output(struct console_conn *c, const char *line)
{
	if (c->spec.route != CONSOLE_PTY || c->spec.path)
		return;
	c->spec.path = console_pty_path_in(line);
	if (c->spec.path)
		c->next_try_ms = 0;
}

void console_conn_drain(struct console_conn *c, console_bytes_fn deliver, void *ctx)
{
	/* A VM quicker than the first look still left its file behind. */
	if (c->fd < 0 && !c->ended && is_file(c)) {
		c->fd = try_connect(c);
		if (c->fd >= 0)
			c->connected_ms = monotonic_ms();
	}
	read_available(c, deliver, ctx, UINT_MAX);
}

int console_conn_send(struct console_conn *c, const char *data, size_t len)
{
	while (len) {
		struct pollfd pfd = { .fd = c->fd, .events = POLLOUT };
		ssize_t n;

		if (c->fd < 0 || is_file(c))
			return -1;
		n = write(c->fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			if (poll(&pfd, 1, SEND_WAIT_MS) <= 0)
				return -1;
			continue;
		}
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}
