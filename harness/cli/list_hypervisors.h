/*
 * `vcts list --hypervisors`: every backend and what it offers, read from
 * its ops table (hypervisors/backend.h), as text (list_hypervisors.c) or
 * JSON (list_hypervisors_json.c). Nothing boots.
 */
#ifndef VCTS_LIST_HYPERVISORS_H
#define VCTS_LIST_HYPERVISORS_H

#include "hypervisors/backend.h"
#include "util.h"

#define LIST_HYPERVISORS_JSON_SCHEMA 1

/* The transports @type runs on (in some driver mode), in the ops' order. */
void hypervisor_device_transports(const struct hypervisor_ops *ops, const char *type,
				  struct strlist *out);
/* Every host action's name, module by module. */
void hypervisor_host_action_names(const struct hypervisor_ops *ops, struct strlist *out);
/* Where @arch's program is on PATH (free() it), or NULL. */
char *hypervisor_program_path(const struct backend_arch *arch);
/* The transports of @arch (its own list or the ops'). */
void hypervisor_arch_transports(const struct hypervisor_ops *ops, const struct backend_arch *arch,
				struct strlist *out);
/*
 * How QEMU stands in for @ops on @arch, one line (allocated): its
 * machines per transport, image and firmware, and whether it can run
 * here; NULL for QEMU itself.
 */
char *hypervisor_stand_in_summary(const struct hypervisor_ops *ops,
				  const struct backend_arch *arch);

/* Print the listing on stdout; the exit status. */
int list_hypervisors_print(void);
/* The listing as one JSON document with a final newline (allocated). */
char *list_hypervisors_json_text(void);

#endif
