#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "vm/child.h"

void child_detach(pid_t parent)
{
	setpgid(0, 0);
#ifdef __linux__
	/* If the harness dies, nothing it started may run on unattended. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
#else
	(void)parent;
#endif
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
}

_Noreturn void child_exec(char *const argv[], bool search_path, int report_fd)
{
	int saved;

	if (search_path)
		execvp(argv[0], argv);
	else
		execv(argv[0], argv);
	saved = errno;
	if (write(report_fd, &saved, sizeof(saved)) < 0)
		_exit(127);
	_exit(127);
}

int child_exec_error(int report_fd)
{
	int child_errno = 0;
	ssize_t n;

	do
		n = read(report_fd, &child_errno, sizeof(child_errno));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(child_errno) ? child_errno : 0;
}
