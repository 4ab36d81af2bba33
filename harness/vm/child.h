/*
 * What every child the harness starts does between fork and exec (VMs and
 * helper daemons alike), and how the parent learns that exec failed.
 */
#ifndef VCTS_CHILD_H
#define VCTS_CHILD_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * In the child: a process group of its own (so that a kill takes what it
 * starts too), death with the harness @parent (Linux), the signals the
 * harness catches back to their defaults.
 */
void child_detach(pid_t parent);
/*
 * In the child: exec @argv (looked up in PATH when @search_path), and if
 * that fails, write errno to @report_fd and exit 127.
 */
_Noreturn void child_exec(char *const argv[], bool search_path, int report_fd);
/*
 * In the parent: the child's exec errno from the read end of the report
 * pipe, or 0 once exec succeeded (the pipe closed on exec).
 */
int child_exec_error(int report_fd);

#endif
