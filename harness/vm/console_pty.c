/*
 * A console on a pseudo-terminal the hypervisor opens: QEMU's -serial pty
 * prints "char device redirected to /dev/pts/N (label serial0)" on its
 * output; bhyve's nmdm devices and a pty path given by the user are known
 * in advance. The harness opens the terminal's other side and reads and
 * writes it like a pipe.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "util.h"
#include "vm/console.h"

#define PTS_PREFIX "/dev/pts/"

int console_open_pty(const char *path, char *why, size_t why_size)
{
	int fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	struct termios tio;

	if (fd < 0) {
		snprintf(why, why_size, "open %s: %s", path, strerror(errno));
		return -1;
	}
	/*
	 * Raw, so that the line discipline neither echoes the guest's bytes
	 * back to its input nor turns the answers' newlines into anything else.
	 */
	if (isatty(fd) && tcgetattr(fd, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(fd, TCSANOW, &tio);
	}
	return fd;
}

/* The first /dev/pts/N on @line, digits only after the prefix. */
char *console_pty_path_in(const char *line)
{
	for (const char *p = strstr(line, PTS_PREFIX); p; p = strstr(p + 1, PTS_PREFIX)) {
		size_t digits = 0;

		while (isdigit((unsigned char)p[strlen(PTS_PREFIX) + digits]))
			digits++;
		if (digits)
			return xstrndup(p, strlen(PTS_PREFIX) + digits);
	}
	return NULL;
}
