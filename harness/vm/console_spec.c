/*
 * Where a VM's console goes, as the user says it (--console, docs/cli.md)
 * and as the harness completes it (console.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plan/config.h"
#include "util.h"
#include "vm/console.h"

#define CONSOLE_SYNTAX "stdio, file[:PATH], unix[:PATH], pty[:PATH] or tcp[:[HOST:]PORT]"

static const char *const route_names[] = {
	[CONSOLE_STDIO] = "stdio",
	[CONSOLE_FILE] = "file",
	[CONSOLE_UNIX_SOCKET] = "unix",
	[CONSOLE_PTY] = "pty",
	[CONSOLE_TCP] = "tcp",
};

const char *console_route_name(enum console_route route)
{
	return (size_t)route < ARRAY_SIZE(route_names) ? route_names[route] : "?";
}

static int find_route(const char *name, size_t len, enum console_route *route)
{
	for (size_t i = 0; i < ARRAY_SIZE(route_names); i++) {
		if (strlen(route_names[i]) == len && !strncmp(route_names[i], name, len)) {
			*route = (enum console_route)i;
			return 0;
		}
	}
	return -1;
}

static int parse_port(const char *text, unsigned int *port)
{
	char *end;
	unsigned long value;

	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	value = strtoul(text, &end, 10);
	if (errno || *end || value == 0 || value > 65535)
		return -1;
	*port = (unsigned int)value;
	return 0;
}

/* PORT, HOST:PORT or [V6HOST]:PORT. */
static int parse_tcp(const char *address, struct console_spec *spec)
{
	const char *colon = strrchr(address, ':');
	size_t host_len;

	if (!colon)
		return parse_port(address, &spec->port);
	if (parse_port(colon + 1, &spec->port))
		return -1;
	host_len = (size_t)(colon - address);
	if (host_len >= 2 && address[0] == '[' && address[host_len - 1] == ']')
		spec->host = xstrndup(address + 1, host_len - 2);
	else if (host_len && !memchr(address, ':', host_len))
		spec->host = xstrndup(address, host_len);
	else
		return -1;
	return *spec->host ? 0 : -1;
}

int console_spec_parse(const char *text, struct console_spec *spec, char *err,
		       size_t err_size)
{
	size_t name_len = strcspn(text, ":");
	const char *address = text[name_len] ? text + name_len + 1 : NULL;

	memset(spec, 0, sizeof(*spec));
	if (find_route(text, name_len, &spec->route)) {
		snprintf(err, err_size, "--console '%s': expected %s", text, CONSOLE_SYNTAX);
		return -1;
	}
	if (!address)
		return 0;
	if (!*address || spec->route == CONSOLE_STDIO) {
		snprintf(err, err_size, "--console '%s': %s", text,
			 spec->route == CONSOLE_STDIO ? "stdio takes no address" :
			 "empty address (leave out the colon to let vcts choose)");
		return -1;
	}
	if (spec->route != CONSOLE_TCP) {
		spec->path = xstrdup(address);
		return 0;
	}
	if (parse_tcp(address, spec)) {
		snprintf(err, err_size, "--console '%s': expected tcp:PORT or tcp:HOST:PORT with a port from 1 to 65535",
			 text);
		console_spec_release(spec);
		return -1;
	}
	return 0;
}

int console_spec_complete(struct console_spec *spec, const struct vcts_config *config,
			  char *err, size_t err_size)
{
	const struct run_settings *settings = config->settings;

	switch (spec->route) {
	case CONSOLE_FILE:
		if (!spec->path)
			spec->path = xasprintf("%s/logs/%s-serial.txt", settings->output,
					       config->name);
		break;
	case CONSOLE_UNIX_SOCKET:
		if (!spec->path)
			spec->path = xasprintf("%s/serial-%s.sock",
					       run_settings_socket_dir(settings), config->name);
		break;
	case CONSOLE_TCP:
		if (!spec->host)
			spec->host = xstrdup("127.0.0.1");
		if (!spec->port &&
		    console_free_tcp_port(spec->host, &spec->port, err, err_size))
			return -1;
		break;
	case CONSOLE_STDIO:
	case CONSOLE_PTY:
		break;
	}
	return 0;
}

void console_spec_release(struct console_spec *spec)
{
	free(spec->path);
	free(spec->host);
	memset(spec, 0, sizeof(*spec));
}

char *console_spec_describe(const struct console_spec *spec)
{
	const char *name = console_route_name(spec->route);

	if (spec->route == CONSOLE_TCP && spec->host && strchr(spec->host, ':'))
		return xasprintf("%s:[%s]:%u", name, spec->host, spec->port);
	if (spec->route == CONSOLE_TCP && spec->host)
		return xasprintf("%s:%s:%u", name, spec->host, spec->port);
	if (spec->route == CONSOLE_TCP && spec->port)
		return xasprintf("%s:%u", name, spec->port);
	if (spec->path)
		return xasprintf("%s:%s", name, spec->path);
	return xstrdup(name);
}

bool console_is_output_only(const struct console_spec *spec)
{
	return spec && spec->route == CONSOLE_FILE;
}

void console_spec_clear_path(const struct console_spec *spec)
{
	struct stat st;

	if ((spec->route != CONSOLE_FILE && spec->route != CONSOLE_UNIX_SOCKET) ||
	    !spec->path || lstat(spec->path, &st))
		return;
	if (S_ISREG(st.st_mode) || S_ISSOCK(st.st_mode))
		unlink(spec->path);
}
