/*
 * Consoles a hypervisor serves on a socket: a UNIX socket or a TCP port it
 * listens on (QEMU: -serial unix:PATH,server=on / tcp:HOST:PORT,server=on;
 * cloud-hypervisor: --serial socket=PATH; VirtualBox: a serial port in
 * server mode). The harness is the client. Until the hypervisor listens a
 * connect fails (ENOENT, ECONNREFUSED) and console.c tries again.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "vm/console.h"

/* A connect to a host that does not answer must not stall the watcher. */
#define TCP_CONNECT_TIMEOUT_MS 1000

static void set_nonblocking(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

int console_connect_unix(const char *path, char *why, size_t why_size)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		snprintf(why, why_size, "socket path longer than %zu bytes: %s",
			 sizeof(addr.sun_path) - 1, path);
		return -1;
	}
	memcpy(addr.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(why, why_size, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		snprintf(why, why_size, "connect to %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	set_nonblocking(fd);
	return fd;
}

static struct addrinfo *resolve(const char *host, unsigned int port, bool passive,
				char *why, size_t why_size)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
	struct addrinfo *list = NULL;
	char service[16];
	int ret;

	hints.ai_flags = passive ? AI_PASSIVE : 0;
	snprintf(service, sizeof(service), "%u", port);
	ret = getaddrinfo(host, service, &hints, &list);
	if (ret) {
		snprintf(why, why_size, "cannot resolve %s: %s", host, gai_strerror(ret));
		return NULL;
	}
	return list;
}

static int connect_one(const struct addrinfo *ai)
{
	struct timeval limit = { 0, TCP_CONNECT_TIMEOUT_MS * 1000 };
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);

	if (fd < 0)
		return -1;
	/* Linux bounds a blocking connect by the send timeout. */
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof(limit));
	if (connect(fd, ai->ai_addr, ai->ai_addrlen)) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

int console_connect_tcp(const char *host, unsigned int port, char *why, size_t why_size)
{
	struct addrinfo *list = resolve(host, port, false, why, why_size);
	int fd = -1;

	if (!list)
		return -1;
	for (struct addrinfo *ai = list; ai && fd < 0; ai = ai->ai_next)
		fd = connect_one(ai);
	if (fd < 0)
		snprintf(why, why_size, "connect to %s port %u: %s", host, port, strerror(errno));
	freeaddrinfo(list);
	if (fd >= 0)
		set_nonblocking(fd);
	return fd;
}

/*
 * Bind port 0, ask which port the kernel gave, let it go: the hypervisor
 * binds it moments later. Another program could take it in between; the
 * console then never connects and the run says so.
 */
int console_free_tcp_port(const char *host, unsigned int *port, char *why, size_t why_size)
{
	struct addrinfo *list = resolve(host, 0, true, why, why_size);
	struct sockaddr_storage addr;
	socklen_t len = sizeof(addr);
	int fd;

	if (!list)
		return -1;
	fd = socket(list->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, list->ai_addr, list->ai_addrlen) ||
	    getsockname(fd, (struct sockaddr *)&addr, &len)) {
		snprintf(why, why_size, "cannot find a free TCP port on %s: %s", host,
			 strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(list);
		return -1;
	}
	*port = ntohs(addr.ss_family == AF_INET6 ?
		      ((struct sockaddr_in6 *)&addr)->sin6_port :
		      ((struct sockaddr_in *)&addr)->sin_port);
	close(fd);
	freeaddrinfo(list);
	return 0;
}
