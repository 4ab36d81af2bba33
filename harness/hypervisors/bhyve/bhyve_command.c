/*
 * bhyve's command line: `bhyve -k FILE`, everything in the
 * bhyve_config(5) file this writes as OUTPUT/logs/CONFIG-bhyve.conf
 * (bhyve(8), "CONFIGURATION FILE CREATION"). The VM is destroyed when the
 * guest powers off (destroy_on_poweroff), so the next run can reuse its
 * name.
 */
#include <stdlib.h>

#include "hypervisors/bhyve/bhyve.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

char **bhyve_command(const struct vm_launch *launch)
{
	const struct vcts_config *config = launch->config;
	struct strlist args = { 0 };
	char *path = profile_output_file(config, "bhyve.conf");
	char *name = xasprintf("vcts-%s", config->name);
	char *socket = xasprintf("%s/console-%s.sock", run_settings_socket_dir(config->settings),
				 config->name);
	struct bhyve_vm vm = {
		.config = config,
		.vm_name = name,
		.firmware = launch->backend->firmware ? launch->backend->firmware :
			    BHYVE_UEFI_FIRMWARE,
		.boot_disk = config->kernel,
		.image_dir = launch->image_dir,
		.console_socket = socket,
	};
	char *text = bhyve_config_text(&vm);

	profile_write_file(path, text);
	strlist_add(&args, launch->backend->binary);
	strlist_add(&args, "-k");
	strlist_add(&args, path);
	free(text);
	free(socket);
	free(name);
	free(path);
	return strlist_to_argv(&args);
}
