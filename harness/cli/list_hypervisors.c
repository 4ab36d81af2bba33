/*
 * The text of `vcts list --hypervisors` and what the JSON shares with it
 * (list_hypervisors.h): per backend its program and whether it is here,
 * its arches with machines, boot image and firmware, its transports, the
 * device types with the transports each runs on where that is not all,
 * the console route, host actions, exit statuses, how a guest ends the
 * VM, and what QEMU's stand-in for it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/commands.h"
#include "cli/list_hypervisors.h"
#include "hypervisors/profiles/stand_in.h"
#include "hypervisors/qemu/qemu.h"
#include "plan/boot_image.h"
#include "plan/config.h"
#include "vm/host_action_module.h"

void hypervisor_device_transports(const struct hypervisor_ops *ops, const char *type,
				  struct strlist *out)
{
	for (size_t i = 0; i < ops->transport_count; i++) {
		const struct transport *t = transport_find(ops->transports[i]);
		bool runs = false;

		for (size_t m = 0; t && m < t->mode_count && !runs; m++)
			runs = !ops->device_runs_on ||
			       ops->device_runs_on(type, t->name, t->modes[m]);
		if (runs)
			strlist_add(out, ops->transports[i]);
	}
}

void hypervisor_host_action_names(const struct hypervisor_ops *ops, struct strlist *out)
{
	for (size_t i = 0; i < ops->host_action_count; i++)
		for (const struct host_action *a = ops->host_actions[i]->actions; a && a->name; a++)
			strlist_add(out, a->name);
}

char *hypervisor_program_path(const struct backend_arch *arch)
{
	return arch->binary ? qemu_search_path(arch->binary) : NULL;
}

void hypervisor_arch_transports(const struct hypervisor_ops *ops, const struct backend_arch *arch,
				struct strlist *out)
{
	for (size_t i = 0; i < ops->transport_count; i++)
		if (hypervisor_arch_offers_transport(ops, arch->arch, ops->transports[i]))
			strlist_add(out, ops->transports[i]);
}

/* "microvm for mmio-v2, q35 for pci-modern" */
static void add_stand_in_machines(struct strbuf *sb, const struct hypervisor_ops *ops,
				  const struct backend_arch *arch)
{
	struct strlist transports = { 0 };

	hypervisor_arch_transports(ops, arch, &transports);
	for (size_t m = 0; m < arch->machine_count; m++)
		for (size_t i = 0; i < transports.count; i++) {
			const struct transport *t = transport_find(transports.items[i]);

			strbuf_addf(sb, "%s%s for %s%s%s", m || i ? ", " : "",
				    stand_in_machine_for(arch->arch, arch->machines[m],
							 t ? t->bus : BUS_PCI),
				    transports.items[i], arch->machine_count > 1 ? " on " : "",
				    arch->machine_count > 1 ? arch->machines[m] : "");
		}
	strlist_clear(&transports);
}

/* Is @arch's boot image's file under build/ (the stand-in can run)? */
static bool image_built(const struct backend_arch *arch)
{
	const struct boot_image *image = arch->boot_image ? boot_image_find(arch->boot_image) : NULL;
	char *path = image ? boot_image_default_path(image) : NULL;
	bool built = path && access(path, R_OK) == 0;

	free(path);
	return built;
}

char *hypervisor_stand_in_summary(const struct hypervisor_ops *ops,
				  const struct backend_arch *arch)
{
	struct strbuf sb = { 0 };

	if (!ops->has_stand_in)
		return NULL;
	strbuf_addstr(&sb, "QEMU ");
	add_stand_in_machines(&sb, ops, arch);
	strbuf_addf(&sb, "; the %s image; %s firmware; exit %s; %s", arch->boot_image,
		    stand_in_firmware(arch->arch, arch->firmware),
		    arch->exit_method ? arch->exit_method : "auto",
		    image_built(arch) ? "its image is built" : "its image is not built yet");
	return strbuf_detach(&sb);
}

static void print_list(const char *label, const struct strlist *list)
{
	char *joined = strlist_join(list, ", ");

	printf("  %-13s %s\n", label, list->count ? joined : "none");
	free(joined);
}

static void print_arch(const struct hypervisor_ops *ops, const struct backend_arch *arch)
{
	char *program = hypervisor_program_path(arch);
	char *machines = hypervisor_machine_names(ops, arch->arch);
	char *stand_in = hypervisor_stand_in_summary(ops, arch);
	struct strlist transports = { 0 };
	char *joined;

	hypervisor_arch_transports(ops, arch, &transports);
	joined = strlist_join(&transports, ", ");
	printf("  %-13s machines %s%s%s%s; transports %s; boot %s%s%s%s; firmware %s; exit %s\n",
	       arch->arch, machines, arch->mmio_machine ? " (mmio on " : "",
	       arch->mmio_machine ? arch->mmio_machine : "", arch->mmio_machine ? ")" : "",
	       joined, arch->boot_image ? arch->boot_image : "-",
	       arch->mmio_boot_image ? " (mmio: " : "",
	       arch->mmio_boot_image ? arch->mmio_boot_image : "",
	       arch->mmio_boot_image ? ")" : "", firmware_family_name(arch->firmware),
	       arch->exit_method ? arch->exit_method : "auto");
	if (arch->binary)
		printf("  %-13s %s: %s\n", "", arch->binary, program ? program : "not on PATH");
	else
		printf("  %-13s the program: the first word of --command\n", "");
	if (stand_in)
		printf("  %-13s stand-in: %s\n", "", stand_in);
	free(joined);
	strlist_clear(&transports);
	free(stand_in);
	free(machines);
	free(program);
}

static void print_devices(const struct hypervisor_ops *ops)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ops->device_type_count; i++) {
		const char *type = ops->device_types[i];
		struct strlist on = { 0 };

		hypervisor_device_transports(ops, type, &on);
		strbuf_addf(&sb, "%s%s", i ? ", " : "", type);
		if (on.count != ops->transport_count) {
			char *joined = strlist_join(&on, " ");

			strbuf_addf(&sb, " (%s)", on.count ? joined : "none");
			free(joined);
		}
		strlist_clear(&on);
	}
	printf("  %-13s %s\n", "devices", sb.buf ? sb.buf : "none");
	strbuf_release(&sb);
}

static void print_exits(const struct hypervisor_ops *ops)
{
	for (size_t i = 0; i < ops->exit_meaning_count; i++)
		printf("  %-13s %d: %s\n", i ? "" : "exit status", ops->exit_meanings[i].status,
		       ops->exit_meanings[i].meaning);
}

static void print_hypervisor(const struct hypervisor_ops *ops)
{
	struct strlist list = { 0 };

	printf("%s (%s)\n", ops->name, ops->doc);
	for (size_t i = 0; i < ops->arch_count; i++)
		print_arch(ops, &ops->arches[i]);
	for (size_t i = 0; i < ops->transport_count; i++)
		strlist_add(&list, ops->transports[i]);
	print_list("transports", &list);
	strlist_clear(&list);
	print_devices(ops);
	for (size_t i = 0; i < ops->boot_image_count; i++)
		strlist_add(&list, ops->boot_images[i]);
	print_list("boot images", &list);
	strlist_clear(&list);
	printf("  %-13s %s\n", "console", console_route_name(ops->console_route));
	hypervisor_host_action_names(ops, &list);
	print_list("host actions", &list);
	strlist_clear(&list);
	print_exits(ops);
	printf("  %-13s %s\n", "VM ends by", ops->vm_ending ? ops->vm_ending : "-");
}

int list_hypervisors_print(void)
{
	for (size_t i = 0; i < hypervisor_count(); i++) {
		if (i)
			putchar('\n');
		print_hypervisor(hypervisor_at(i));
	}
	return EXIT_ALL_PASSED;
}
