/*
 * The hypervisor backends the harness knows (backend_offers.c answers
 * what any of them offers). A new hypervisor is one more ops table here.
 */
#include <stdlib.h>
#include <string.h>

#include "hypervisors/backend.h"
#include "hypervisors/command/command.h"
#include "hypervisors/qemu/qemu.h"

static const struct hypervisor_ops *const hypervisors[] = {
	&qemu_hypervisor,
	&command_hypervisor,
};

const struct hypervisor_ops *hypervisor_find(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_SIZE(hypervisors); i++)
		if (!strcmp(hypervisors[i]->name, name))
			return hypervisors[i];
	return NULL;
}

char *hypervisor_names(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(hypervisors); i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", hypervisors[i]->name);
	return strbuf_detach(&sb);
}

void argv_free(char **argv)
{
	if (!argv)
		return;
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}
