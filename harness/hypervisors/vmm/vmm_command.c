/*
 * vmm's command line: `/bin/sh OUTPUT/logs/CONFIG-vmctl.sh`, the script
 * vmctl_script.c writes. The console is the VM's pty, which `vmctl start`
 * names on its output ("... tty /dev/ttypN").
 */
#include <stdlib.h>

#include "hypervisors/profiles/profile.h"
#include "hypervisors/vmm/vmm.h"
#include "util.h"

char **vmm_command(const struct vm_launch *launch)
{
	const struct vcts_config *config = launch->config;
	struct strlist args = { 0 };
	char *path = profile_output_file(config, "vmctl.sh");
	char *name = xasprintf("vcts-%s", config->name);
	struct vmctl_vm vm = {
		.config = config,
		.vmctl = launch->backend->binary,
		.vm_name = name,
		.cdrom = config->kernel,
		.image_dir = launch->image_dir,
	};
	char *text = vmctl_script_text(&vm);

	profile_write_file(path, text);
	strlist_add(&args, "/bin/sh");
	strlist_add(&args, path);
	free(text);
	free(name);
	free(path);
	return strlist_to_argv(&args);
}
