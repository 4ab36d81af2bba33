/*
 * vcts.interactive: instead of running the selected tests, the kernel
 * offers a small shell on its console to a person debugging a failure
 * (docs/interactive.md): list tests, show devices, run a glob of tests on
 * some devices, reset a device, exit.
 */
#ifndef VCTS_SHELL_H
#define VCTS_SHELL_H

struct virtio_device;

/* The prompt: nothing like a result line (those start with "@vcts "). */
#define SHELL_PROMPT "vcts> "

/*
 * Reads and runs commands until `exit`, Ctrl-D or vcts.interactive's idle
 * time; then prints the run's summary line (test_finish_run()) and returns
 * the exit status for kernel_main's end of a run.
 */
int shell_session(struct virtio_device **devices, int count);

#endif
