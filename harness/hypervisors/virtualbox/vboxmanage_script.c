/*
 * The VBoxManage sequence of one VirtualBox run (VirtualBox User Manual,
 * chapter 8: createvm, modifyvm, storagectl, storageattach,
 * unregistervm, closemedium; VBoxHeadless --startvm): a VM made for the
 * run and removed after it, whatever happens (the EXIT trap), so that a
 * failed run leaves nothing registered. VBoxHeadless returns when the
 * guest powers off; a guest reset restarts the VM instead (the doc says
 * how the kernel must end there).
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/profiles/profile.h"
#include "hypervisors/virtualbox/virtualbox.h"
#include "text.h"
#include "util.h"

/* NAME='VALUE' */
static void add_assignment(struct strbuf *sb, const char *name, const char *value)
{
	char *quoted = shell_quote(value);

	strbuf_addf(sb, "%s=%s\n", name, quoted);
	free(quoted);
}

/* One VBoxManage command on the VM; @rest is already shell words. */
static void add_vbox(struct strbuf *sb, const char *command, const char *rest)
{
	strbuf_addf(sb, "\"$vboxmanage\" %s \"$vm\" %s\n", command, rest);
}

/* The disks the run attaches (the ISO, each virtio-scsi disk's descriptor). */
static void add_cleanup(struct strbuf *sb, const struct vbox_vm *vm)
{
	strbuf_addstr(sb, "cleanup() {\n"
			  "\t\"$vboxmanage\" unregistervm \"$vm\" >/dev/null 2>&1 || true\n"
			  "\t\"$vboxmanage\" closemedium dvd \"$cdrom\" >/dev/null 2>&1 || true\n");
	for (size_t i = 0; i < vm->config->device_count; i++) {
		const struct device_instance *dev = vm->config->devices[i];
		char *path, *quoted;

		if (strcmp(dev->type, "scsi"))
			continue;
		path = vmdk_path(vm->image_dir, dev);
		quoted = shell_quote(path);
		strbuf_addf(sb, "\t\"$vboxmanage\" closemedium disk %s >/dev/null 2>&1 || true\n",
			    quoted);
		free(quoted);
		free(path);
	}
	strbuf_addstr(sb, "\trm -rf \"$base\"\n}\ntrap cleanup EXIT\n");
}

/* Memory, CPU, chipset, BIOS, boot order, COM1 into a file, nothing else. */
static void add_machine(struct strbuf *sb, const struct vbox_vm *vm)
{
	char *rest = xasprintf("--memory %u --cpus 1 --chipset %s --firmware bios --ioapic on "
			       "--boot1 dvd --boot2 none --boot3 none --boot4 none "
			       "--audio none --usb off --uart1 0x3F8 4 --uartmode1 file \"$serial\"",
			       PROFILE_GUEST_RAM_MIB, vm->config->machine);

	add_vbox(sb, "modifyvm", rest);
	free(rest);
}

/* NIC 1: virtio-net (the transitional DevVirtioNet_1_0), not connected. */
static void add_network(struct strbuf *sb, const struct vbox_vm *vm)
{
	if (profile_has_type(vm->config, "net"))
		add_vbox(sb, "modifyvm", "--nic1 null --nictype1 virtio --macaddress1 525400123456 "
			 "--cableconnected1 on");
	else
		add_vbox(sb, "modifyvm", "--nic1 none");
}

static void add_scsi(struct strbuf *sb, const struct vbox_vm *vm)
{
	unsigned int port = 0;

	if (!profile_has_type(vm->config, "scsi"))
		return;
	add_vbox(sb, "storagectl", "--name VirtIO --add virtio --controller VirtIO");
	for (size_t i = 0; i < vm->config->device_count; i++) {
		const struct device_instance *dev = vm->config->devices[i];
		char *path, *quoted, *rest;

		if (strcmp(dev->type, "scsi"))
			continue;
		path = vmdk_path(vm->image_dir, dev);
		quoted = shell_quote(path);
		rest = xasprintf("--storagectl VirtIO --port %u --device 0 --type hdd --medium %s",
				 port++, quoted);
		add_vbox(sb, "storageattach", rest);
		free(rest);
		free(quoted);
		free(path);
	}
}

static void add_variables(struct strbuf *sb, const struct vbox_vm *vm)
{
	add_assignment(sb, "vboxmanage", vm->vboxmanage);
	add_assignment(sb, "vboxheadless", vm->vboxheadless);
	add_assignment(sb, "vm", vm->vm_name);
	add_assignment(sb, "base", vm->base_folder);
	add_assignment(sb, "cdrom", vm->cdrom);
	add_assignment(sb, "serial", vm->serial_file);
}

char *vboxmanage_script_text(const struct vbox_vm *vm)
{
	struct strbuf sb = { 0 };

	strbuf_addf(&sb, "#!/bin/sh\n"
		    "# vcts: configuration %s on VirtualBox (docs/hypervisors/virtualbox.md)\n"
		    "set -e\n", vm->config->name);
	add_variables(&sb, vm);
	add_cleanup(&sb, vm);
	strbuf_addstr(&sb, "\"$vboxmanage\" createvm --name \"$vm\" --ostype Other_64 "
			   "--basefolder \"$base\" --register\n");
	add_machine(&sb, vm);
	add_network(&sb, vm);
	add_vbox(&sb, "storagectl", "--name IDE --add ide");
	add_vbox(&sb, "storageattach", "--storagectl IDE --port 0 --device 0 --type dvddrive "
		 "--medium \"$cdrom\"");
	add_scsi(&sb, vm);
	strbuf_addstr(&sb, "\"$vboxheadless\" --startvm \"$vm\"\n");
	return strbuf_detach(&sb);
}
