/* The interactive shell's commands (lib/shell_commands.c), for lib/shell.c. */
#ifndef VCTS_SHELL_COMMANDS_H
#define VCTS_SHELL_COMMANDS_H

#include <stdbool.h>

struct virtio_device;

#define SHELL_MAX_ARGS 4

/* The devices the kernel found, as kernel_main discovered and named them. */
struct shell_devices {
	struct virtio_device **devices;
	int count;
};

enum shell_outcome { SHELL_GO_ON, SHELL_EXIT };

/* argv[0] is the command's name; argc counts it. */
typedef enum shell_outcome (*shell_command_fn)(const struct shell_devices *found, int argc,
					       char **argv);

struct shell_command {
	const char *name;
	const char *arguments;		/* as `help` shows them */
	const char *summary;
	int min_args, max_args;		/* besides the name */
	shell_command_fn run;
};

/* Every command, ended by one with a NULL name. */
extern const struct shell_command shell_commands[];

/* One line: "error: ...", the shell's only way of saying no. */
void shell_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
