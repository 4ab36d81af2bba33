/*
 * The unit-test binary doubles as the daemon of the daemon tests
 * (test_daemon.c), so that they need no program beyond sh: started with
 * VCTS_UNIT_LISTEN=PATH in its environment, it listens on a UNIX socket
 * bound at PATH and waits for a signal instead of running the tests. With
 * VCTS_UNIT_EXIT_AFTER_MS=N as well it exits with status 4 after N ms of
 * listening: a daemon that dies while the VM runs.
 *
 * It takes over before main() (a constructor) because main() belongs to
 * the test runner.
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define LISTEN_HELPER_FAILED 3
#define LISTEN_HELPER_DIED 4

static void listen_forever(const char *path, const char *exit_after_ms)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd < 0 || strlen(path) >= sizeof(addr.sun_path))
		_exit(LISTEN_HELPER_FAILED);
	memcpy(addr.sun_path, path, strlen(path) + 1);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, 4))
		_exit(LISTEN_HELPER_FAILED);
	if (exit_after_ms) {
		poll(NULL, 0, atoi(exit_after_ms));
		_exit(LISTEN_HELPER_DIED);
	}
	for (;;)
		pause();
}

__attribute__((constructor)) static void listen_helper(void)
{
	const char *path = getenv("VCTS_UNIT_LISTEN");

	if (path)
		listen_forever(path, getenv("VCTS_UNIT_EXIT_AFTER_MS"));
}
