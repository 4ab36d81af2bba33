/*
 * The script a vmm run is: `vmctl start` with the VM on its command line
 * (vmctl(8): -B cdrom -r ISO -d DISK... -m SIZE -L), which prints the
 * tty of the VM's console and returns; then a wait until `vmctl status`
 * no longer shows the VM running, so that the process lives as long as
 * the VM does. A VM started this way is not in vm.conf: vmd forgets it
 * when it stops, and the next run can take the same name (a vm.conf
 * definition would stay loaded in vmd and collide). vmd opens disks
 * read-write only: blk1 is writable here.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/profiles/profile.h"
#include "hypervisors/vmm/vmm.h"
#include "text.h"
#include "util.h"

static void add_quoted(struct strbuf *sb, const char *s)
{
	char *quoted = shell_quote(s);

	strbuf_addf(sb, " %s", quoted);
	free(quoted);
}

static void add_start(struct strbuf *sb, const struct vmctl_vm *vm)
{
	char *memory = xasprintf("%uM", PROFILE_GUEST_RAM_MIB);

	strbuf_addstr(sb, "\"$vmctl\" start -B cdrom -r");
	add_quoted(sb, vm->cdrom);
	for (size_t i = 0; i < vm->config->device_count; i++) {
		const struct device_instance *dev = vm->config->devices[i];
		char *path;

		if (strcmp(dev->type, "blk"))
			continue;
		path = profile_image_path(vm->image_dir, dev);
		strbuf_addstr(sb, " -d");
		add_quoted(sb, path);
		free(path);
	}
	/* -L: a local interface, a tap vmd sets up with its own DHCP. */
	if (profile_has_type(vm->config, "net"))
		strbuf_addstr(sb, " -L");
	strbuf_addf(sb, " -m %s \"$vm\"\n", memory);
	free(memory);
}

/* NAME='VALUE' */
static void add_assignment(struct strbuf *sb, const char *name, const char *value)
{
	char *quoted = shell_quote(value);

	strbuf_addf(sb, "%s=%s\n", name, quoted);
	free(quoted);
}

char *vmctl_script_text(const struct vmctl_vm *vm)
{
	struct strbuf sb = { 0 };

	strbuf_addf(&sb, "#!/bin/sh\n# vcts: configuration %s on OpenBSD vmd (docs/hypervisors/vmm.md)\n",
		    vm->config->name);
	strbuf_addstr(&sb, "set -e\n");
	add_assignment(&sb, "vmctl", vm->vmctl);
	add_assignment(&sb, "vm", vm->vm_name);
	add_start(&sb, vm);
	strbuf_addstr(&sb, "while \"$vmctl\" status \"$vm\" | grep -q ' running '; do\n"
			   "\tsleep 1\ndone\n");
	return strbuf_detach(&sb);
}
