#include <stdlib.h>

#include "util.h"
#include "vm/kernel_cmdline.h"

char *kernel_cmdline(const struct vcts_config *config, bool list_mode,
		     const char *resume_test, const char *resume_device)
{
	const struct run_settings *settings = config->settings;
	struct strbuf sb = { 0 };

	strbuf_addf(&sb, "vcts.seed=%u vcts.mode=%s vcts.transport=%s",
		    (unsigned int)settings->seed, config->mode, config->transport);
	if (list_mode)
		strbuf_addstr(&sb, " vcts.list");
	if (settings->filters.count) {
		char *filter = strlist_join(&settings->filters, ",");

		strbuf_addf(&sb, " vcts.filter=%s", filter);
		free(filter);
	}
	if (resume_test)
		strbuf_addf(&sb, " vcts.resume=%s/%s", resume_test, resume_device);
	for (size_t i = 0; i < config->kernel_args.count; i++)
		strbuf_addf(&sb, " %s", config->kernel_args.items[i]);
	for (size_t i = 0; i < settings->kernel_args.count; i++)
		strbuf_addf(&sb, " %s", settings->kernel_args.items[i]);
	/* Last, so that it wins over a --kernel-arg vcts.exit=: the harness must know it. */
	if (config->exit_method)
		strbuf_addf(&sb, " vcts.exit=%s", config->exit_method);
	return strbuf_detach(&sb);
}
