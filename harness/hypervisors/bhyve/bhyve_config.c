/*
 * bhyve's configuration file (bhyve -k FILE; bhyve_config(5)): one
 * VARIABLE=VALUE per line, PCI devices under pci.BUS.SLOT.FUNCTION, the
 * LPC bridge's COM1 and boot ROM under lpc. Values may refer to other
 * variables as %(name), so a literal '%' is written "%%".
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/bhyve/bhyve.h"
#include "hypervisors/profiles/profile.h"
#include "util.h"

/* VARIABLE=VALUE, with VALUE's '%' doubled. */
static void add_var(struct strbuf *sb, const char *name, const char *value)
{
	strbuf_addf(sb, "%s=", name);
	for (const char *p = value; *p; p++) {
		if (*p == '%')
			strbuf_addch(sb, '%');
		strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, '\n');
}

/* pci.0.SLOT.0.KEY=VALUE */
static void add_pci_var(struct strbuf *sb, unsigned int slot, const char *key,
			const char *value)
{
	char *name = xasprintf("pci.0.%u.0.%s", slot, key);

	add_var(sb, name, value);
	free(name);
}

/* virtio-blk: the image, its serial (GET_ID) and, for blk1, read-only. */
static void add_blk(struct strbuf *sb, const struct bhyve_vm *vm,
		    const struct device_instance *dev)
{
	char *path = profile_image_path(vm->image_dir, dev);
	char *serial = xasprintf("vcts-%s", dev->name);

	add_pci_var(sb, dev->pci_slot, "device", "virtio-blk");
	add_pci_var(sb, dev->pci_slot, "path", path);
	add_pci_var(sb, dev->pci_slot, "ser", serial);
	if (dev->read_only)
		add_pci_var(sb, dev->pci_slot, "ro", "true");
	free(serial);
	free(path);
}

/* One console port, org.vcts.0, on a UNIX socket bhyve listens on. */
static void add_console(struct strbuf *sb, const struct bhyve_vm *vm,
			const struct device_instance *dev)
{
	add_pci_var(sb, dev->pci_slot, "device", "virtio-console");
	add_pci_var(sb, dev->pci_slot, "port.0.name", "org.vcts.0");
	add_pci_var(sb, dev->pci_slot, "port.0.path", vm->console_socket);
}

static void add_device(struct strbuf *sb, const struct bhyve_vm *vm,
		       const struct device_instance *dev)
{
	if (!strcmp(dev->type, "rng")) {
		add_pci_var(sb, dev->pci_slot, "device", "virtio-rnd");
	} else if (!strcmp(dev->type, "blk")) {
		add_blk(sb, vm, dev);
	} else if (!strcmp(dev->type, "net")) {
		/* tap(4) names are tapN; the doc has the user create tap0. */
		add_pci_var(sb, dev->pci_slot, "device", "virtio-net");
		add_pci_var(sb, dev->pci_slot, "backend", "tap0");
		add_pci_var(sb, dev->pci_slot, "mac", PROFILE_NET_MAC);
	} else if (!strcmp(dev->type, "console")) {
		add_console(sb, vm, dev);
	}
}

/* The machine: UEFI boot ROM, COM1 on stdio, the ISO on an AHCI CD-ROM. */
static void add_machine(struct strbuf *sb, const struct bhyve_vm *vm)
{
	char *memory = xasprintf("%uM", PROFILE_GUEST_RAM_MIB);

	add_var(sb, "name", vm->vm_name);
	add_var(sb, "cpus", "1");
	add_var(sb, "memory.size", memory);
	add_var(sb, "acpi_tables", "true");
	add_var(sb, "destroy_on_poweroff", "true");
	add_var(sb, "lpc.bootrom", vm->firmware);
	add_var(sb, "lpc.com1.path", "stdio");
	add_pci_var(sb, 0, "device", "hostbridge");
	add_pci_var(sb, BHYVE_BOOT_DISK_SLOT, "device", "ahci");
	add_pci_var(sb, BHYVE_BOOT_DISK_SLOT, "port.0.type", "cd");
	add_pci_var(sb, BHYVE_BOOT_DISK_SLOT, "port.0.path", vm->boot_disk);
	add_pci_var(sb, BHYVE_LPC_SLOT, "device", "lpc");
	free(memory);
}

char *bhyve_config_text(const struct bhyve_vm *vm)
{
	struct strbuf sb = { 0 };

	strbuf_addf(&sb, "# vcts: configuration %s (bhyve_config(5); docs/hypervisors/bhyve.md)\n",
		    vm->config->name);
	add_machine(&sb, vm);
	for (size_t i = 0; i < vm->config->device_count; i++)
		add_device(&sb, vm, vm->config->devices[i]);
	return strbuf_detach(&sb);
}
