/*
 * Host actions of console devices (docs/host-actions.md): the harness is
 * the host end of port org.vcts.0, whose chardev is a UNIX socket QEMU
 * listens on (OUTPUT/console-CONFIG.sock, harness/hypervisors/qemu.c).
 * console-open connects and keeps the connection for the VM's life
 * (QEMU then sends PORT_OPEN 1 to the guest, 5.3.6.2), console-close
 * drops it (PORT_OPEN 0); console-to-guest writes a pattern into the
 * port, console-from-guest reads what the guest transmitted and compares
 * it byte for byte.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "guest-kernel/lib/fnv.h"
#include "hypervisors/qemu/actions.h"
#include "hypervisors/qemu/qemu.h"
#include "util.h"

#define CONSOLE_PORT_NAME	"org.vcts.0"
/* How long the guest's bytes may take to reach the socket (docs/host-actions.md). */
#define CONSOLE_READ_MS		2000
#define CONSOLE_WRITE_MS	2000
/* One request moves at most this much: enough for any test, bounded for the harness. */
#define CONSOLE_MAX_BYTES	(1u << 20)

struct host_console_ports {
	char *path;	/* the socket QEMU listens on for org.vcts.0 */
	int fd;		/* the harness's connection, or -1 */
};

static bool config_has_console(const struct vcts_config *config)
{
	for (size_t i = 0; i < config->device_count; i++) {
		if (!strcmp(config->devices[i]->type, "console"))
			return true;
	}
	return false;
}

static int console_open_session(struct host_session *session, char *err, size_t err_size)
{
	struct sockaddr_un addr;
	struct host_console_ports *ports;
	char *path;

	if (!config_has_console(session->config))
		return 0;
	path = qemu_console_socket(session->config);
	if (strlen(path) >= sizeof(addr.sun_path)) {
		snprintf(err, err_size, "the console socket path %s is %zu bytes, more than the "
			 "%zu a UNIX socket allows: use a shorter TMPDIR", path, strlen(path),
			 sizeof(addr.sun_path) - 1);
		free(path);
		return -1;
	}
	unlink(path);	/* a stale one from an earlier run would make QEMU fail */
	ports = xcalloc(1, sizeof(*ports));
	ports->path = path;
	ports->fd = -1;
	session->console = ports;
	return 0;
}

static void console_close_session(struct host_session *session)
{
	struct host_console_ports *ports = session->console;

	if (!ports)
		return;
	if (ports->fd >= 0)
		close(ports->fd);
	unlink(ports->path);
	free(ports->path);
	free(ports);
	session->console = NULL;
}

/* The session's port behind the request (device= a console, port=org.vcts.0), or NULL. */
static struct host_console_ports *request_port(struct host_session *session,
					       const struct vcts_line *line, char *msg,
					       size_t msg_size)
{
	const char *port = line_get(line, "port");

	if (!host_action_device(session, line, "console", msg, msg_size))
		return NULL;
	if (!port || strcmp(port, CONSOLE_PORT_NAME)) {
		snprintf(msg, msg_size, "the harness is the host end of port %s only, not '%s'",
			 CONSOLE_PORT_NAME, port ? port : "");
		return NULL;
	}
	if (!session->console)
		snprintf(msg, msg_size, "the VM has no console port on a harness socket");
	return session->console;
}

/* Reads and drops what the guest sent before: the next comparison starts clean. */
static size_t drain(int fd)
{
	char buf[4096];
	size_t dropped = 0;
	ssize_t got;

	while ((got = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		dropped += (size_t)got;
	return dropped;
}

static const char *console_connect(struct host_session *session, const struct vcts_line *line,
				   char *msg, size_t msg_size)
{
	struct host_console_ports *ports = request_port(session, line, msg, msg_size);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (!ports)
		return HOST_STATUS_ERROR;
	if (ports->fd >= 0) {
		snprintf(msg, msg_size, "%s was open already; %zu stale byte(s) dropped",
			 CONSOLE_PORT_NAME, drain(ports->fd));
		return HOST_STATUS_OK;
	}
	strcpy(addr.sun_path, ports->path);	/* its length was checked at open */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		snprintf(msg, msg_size, "cannot connect to %s: %s", ports->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return HOST_STATUS_ERROR;
	}
	ports->fd = fd;
	snprintf(msg, msg_size, "connected to %s", CONSOLE_PORT_NAME);
	return HOST_STATUS_OK;
}

static const char *console_disconnect(struct host_session *session,
				      const struct vcts_line *line, char *msg, size_t msg_size)
{
	struct host_console_ports *ports = request_port(session, line, msg, msg_size);

	if (!ports)
		return HOST_STATUS_ERROR;
	if (ports->fd < 0) {
		snprintf(msg, msg_size, "%s is not open on the host", CONSOLE_PORT_NAME);
		return HOST_STATUS_ERROR;
	}
	close(ports->fd);
	ports->fd = -1;
	snprintf(msg, msg_size, "closed %s", CONSOLE_PORT_NAME);
	return HOST_STATUS_OK;
}

/* The open port and the request's bytes= and seed=, or NULL with @msg set. */
static struct host_console_ports *data_request(struct host_session *session,
					       const struct vcts_line *line,
					       unsigned long long *bytes, uint32_t *seed,
					       char *msg, size_t msg_size)
{
	struct host_console_ports *ports = request_port(session, line, msg, msg_size);
	unsigned long long seed_value;

	if (!ports || !host_action_number(line, "bytes", bytes, msg, msg_size) ||
	    !host_action_number(line, "seed", &seed_value, msg, msg_size))
		return NULL;
	if (*bytes == 0 || *bytes > CONSOLE_MAX_BYTES || seed_value > UINT32_MAX) {
		snprintf(msg, msg_size, "bytes must be 1-%u and seed 32-bit", CONSOLE_MAX_BYTES);
		return NULL;
	}
	if (ports->fd < 0) {
		snprintf(msg, msg_size, "%s is not open on the host (console-open first)",
			 CONSOLE_PORT_NAME);
		return NULL;
	}
	*seed = (uint32_t)seed_value;
	return ports;
}

/* Waits up to what is left of @deadline for @fd to be ready for @events. */
static bool wait_ready(int fd, short events, uint64_t deadline)
{
	struct pollfd pfd = { .fd = fd, .events = events };
	uint64_t now = monotonic_ms();

	return now < deadline && poll(&pfd, 1, (int)(deadline - now)) > 0;
}

static const char *console_to_guest(struct host_session *session, const struct vcts_line *line,
				    char *msg, size_t msg_size)
{
	unsigned long long bytes;
	uint32_t seed;
	struct host_console_ports *ports = data_request(session, line, &bytes, &seed, msg,
							msg_size);
	uint64_t deadline = monotonic_ms() + CONSOLE_WRITE_MS;
	uint8_t *data;
	size_t done = 0;

	if (!ports)
		return HOST_STATUS_ERROR;
	data = xmalloc(bytes);
	for (size_t i = 0; i < bytes; i++)
		data[i] = pattern_byte(seed, 0, (uint32_t)i);
	/* QEMU reads the socket only while the guest has receive buffers. */
	while (done < bytes && wait_ready(ports->fd, POLLOUT, deadline)) {
		ssize_t sent = send(ports->fd, data + done, bytes - done,
				    MSG_DONTWAIT | MSG_NOSIGNAL);

		if (sent < 0 && errno != EAGAIN && errno != EINTR)
			break;
		if (sent > 0)
			done += (size_t)sent;
	}
	free(data);
	if (done < bytes) {
		snprintf(msg, msg_size, "%zu of %llu bytes written into %s within %u ms", done,
			 bytes, CONSOLE_PORT_NAME, CONSOLE_WRITE_MS);
		return HOST_STATUS_ERROR;
	}
	snprintf(msg, msg_size, "wrote %llu bytes (seed %u) into %s", bytes, seed,
		 CONSOLE_PORT_NAME);
	return HOST_STATUS_OK;
}

/* Reads up to @want bytes into @buf until @deadline; returns how many came. */
static size_t read_until(int fd, uint8_t *buf, size_t want, uint64_t deadline)
{
	size_t got = 0;

	while (got < want && wait_ready(fd, POLLIN, deadline)) {
		ssize_t n = recv(fd, buf + got, want - got, MSG_DONTWAIT);

		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			break;		/* QEMU closed the socket, or it broke */
		if (n > 0)
			got += (size_t)n;
	}
	return got;
}

static const char *console_from_guest(struct host_session *session,
				      const struct vcts_line *line, char *msg, size_t msg_size)
{
	unsigned long long bytes;
	uint32_t seed;
	struct host_console_ports *ports = data_request(session, line, &bytes, &seed, msg,
							msg_size);
	uint8_t *data;
	size_t got, i;
	const char *status = HOST_STATUS_OK;

	if (!ports)
		return HOST_STATUS_ERROR;
	data = xmalloc(bytes);
	got = read_until(ports->fd, data, bytes, monotonic_ms() + CONSOLE_READ_MS);
	for (i = 0; i < got && data[i] == pattern_byte(seed, 0, (uint32_t)i); i++)
		;
	if (i < got) {
		snprintf(msg, msg_size, "byte %zu of %s: expected 0x%02x, the host read 0x%02x",
			 i, CONSOLE_PORT_NAME, pattern_byte(seed, 0, (uint32_t)i), data[i]);
		status = HOST_STATUS_DIFFERS;
	} else if (got < bytes) {
		snprintf(msg, msg_size, "%zu of %llu bytes reached %s within %u ms (all as sent)",
			 got, bytes, CONSOLE_PORT_NAME, CONSOLE_READ_MS);
		status = HOST_STATUS_DIFFERS;
	} else {
		snprintf(msg, msg_size, "read %llu bytes (seed %u) from %s, all as sent", bytes,
			 seed, CONSOLE_PORT_NAME);
	}
	free(data);
	return status;
}

static const struct host_action console_actions[] = {
	{ "console-open", console_connect },
	{ "console-close", console_disconnect },
	{ "console-to-guest", console_to_guest },
	{ "console-from-guest", console_from_guest },
	{ NULL, NULL },
};

const struct host_action_module qemu_actions_console = {
	.actions = console_actions,
	.open = console_open_session,
	.close = console_close_session,
};
