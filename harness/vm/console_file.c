/*
 * A console the hypervisor writes to a file (QEMU: -serial file:PATH;
 * VirtualBox: a serial port in file mode; bhyve and vmd through a
 * logger). Output only: the harness tails the file and can never answer
 * a host-action request, so the kernel is told (vcts.console=output-only,
 * docs/kernel-options.md) and the tests that need one skip.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vm/console.h"

int console_open_file(const char *path, char *why, size_t why_size)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		snprintf(why, why_size, "open %s: %s", path, strerror(errno));
	return fd;
}
