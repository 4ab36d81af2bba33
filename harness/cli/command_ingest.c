/*
 * `vcts ingest LOG... --config NAME` (docs/ingest.md): console logs
 * captured where vcts could not run the hypervisor itself (a VirtualBox
 * serial file, a saved `vmctl console` session, a log of an earlier run)
 * become results.json and every report, as the same run would have given
 * live. The logs are the VMs of one configuration: the first VM and the
 * fresh VMs that resumed it after one died (vcts.resume on their command
 * lines), in that order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/commands.h"
#include "cli/ingest_log.h"
#include "hypervisors/backend.h"
#include "reports/reports.h"
#include "results/baseline.h"
#include "vm/config_resume.h"

struct ingest {
	const struct options *opts;
	struct ingest_log *logs;
	size_t log_count;
	/* The configuration the results are of; its strings are owned here. */
	struct vcts_config config;
	struct run_settings settings;
	struct strlist owned;
	struct report report;
	struct baseline baseline;
	bool baseline_loaded;
};

static const char *own(struct ingest *in, const char *s)
{
	strlist_add(&in->owned, s);
	return in->owned.items[in->owned.count - 1];
}

/* Every log read and checked before anything is written: 0, or -1 after a `vcts:` line. */
static int load_logs(struct ingest *in)
{
	const struct strlist *paths = &in->opts->args;
	char err[1024];

	in->logs = xcalloc(paths->count, sizeof(*in->logs));
	for (size_t i = 0; i < paths->count; i++) {
		int ret = ingest_log_load(&in->logs[i], paths->items[i], err, sizeof(err));

		in->log_count = i + 1;
		if (ret) {
			vcts_error("%s", err);
			return -1;
		}
	}
	return 0;
}

/*
 * The first VM first, then those that resumed it, each group in the order
 * given: a shell's glob sorts CONFIG-resume1.log before CONFIG.log.
 */
static void order_logs(struct ingest *in)
{
	struct ingest_log *sorted = xcalloc(in->log_count ? in->log_count : 1, sizeof(*sorted));
	size_t n = 0;

	for (int resumed = 0; resumed <= 1; resumed++)
		for (size_t i = 0; i < in->log_count; i++)
			if (in->logs[i].facts.resumed == (resumed == 1))
				sorted[n++] = in->logs[i];
	free(in->logs);
	in->logs = sorted;
}

/* Two logs of the same name from different directories keep both copies. */
static void unique_names(struct ingest *in)
{
	for (size_t i = 1; i < in->log_count; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(in->logs[i].name, in->logs[j].name)) {
				char *renamed = xasprintf("%s-%zu", in->logs[i].name, i + 1);

				free(in->logs[i].name);
				in->logs[i].name = renamed;
				break;
			}
}

/* --hypervisor, else the first word of --config when a backend has that name. */
static const char *hypervisor_name(struct ingest *in)
{
	const char *name = in->opts->config_name;
	char *first = xstrndup(name, strcspn(name, "-"));
	const char *chosen;

	if (in->opts->hypervisor_given)
		chosen = own(in, in->opts->hypervisor);
	else if (hypervisor_find(first))
		chosen = own(in, first);
	else
		chosen = own(in, "unknown");
	free(first);
	return chosen;
}

static const char *option_or(struct ingest *in, const struct strlist *given,
			     const char *from_log, const char *fallback)
{
	if (given->count)
		return own(in, given->items[0]);
	return own(in, *from_log ? from_log : fallback);
}

/*
 * The instances of the device types the kernel found, as a run attaches
 * them: their disk images are what --images holds, and on mmio their
 * slots map the kernel's locations back to them.
 */
static void attach_devices(struct ingest *in)
{
	struct vcts_config *c = &in->config;
	size_t total = 0;

	for (size_t l = 0; l < in->log_count; l++) {
		const struct strlist *types = &in->logs[l].facts.device_types;

		for (size_t i = 0; i < types->count; i++) {
			const struct device_type *type = device_type_find(types->items[i]);

			if (!type || strlist_contains(&c->device_types, type->name))
				continue;
			strlist_add(&c->device_types, type->name);
			c->devices = xrealloc(c->devices, (total + type->instance_count) *
						     sizeof(*c->devices));
			for (size_t j = 0; j < type->instance_count; j++)
				c->devices[total++] = &type->instances[j];
		}
	}
	c->device_count = total;
}

/* The configuration: what the options say, else what the first VM's lines say. */
static void build_config(struct ingest *in)
{
	const struct options *opts = in->opts;
	const struct log_facts *facts = &in->logs[0].facts;
	struct vcts_config *c = &in->config;
	const struct transport *t;

	in->settings.output = opts->output;
	in->settings.seed = opts->seed;
	c->name = xstrdup(opts->config_name);
	c->hypervisor = hypervisor_name(in);
	c->settings = &in->settings;
	c->arch = option_or(in, &opts->arches, facts->arch, "unknown");
	c->machine = option_or(in, &opts->machines, "", "unknown");
	c->transport = option_or(in, &opts->transports, facts->transport, "unknown");
	t = transport_find(c->transport);
	c->mode = own(in, *facts->mode ? facts->mode : t ? t->modes[0] : "unknown");
	c->bus = t ? t->bus : BUS_PCI;
	c->kernel = xstrdup("");
	c->label = xasprintf("%s-%s", c->transport, c->mode);
	c->hypervisor_ops = hypervisor_find(c->hypervisor);
	attach_devices(in);
}

/* The device types the kernel found, for the configuration's record. */
static void collect_device_types(struct ingest *in)
{
	for (size_t i = 0; i < in->report.result_count; i++) {
		const char *type = in->report.results[i]->device_type;

		if (type && *type && !strlist_contains(&in->config.device_types, type))
			strlist_add(&in->config.device_types, type);
	}
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* OUTPUT/logs/ gets a copy of every log, so that the reports' links work. */
static int copy_logs(struct ingest *in)
{
	const char *output = in->opts->output;
	char *dir = xasprintf("%s/logs", output);
	int ret = mkdir_p(dir) ? -1 : 0;

	if (ret)
		vcts_error("cannot create output directory %s: %s", dir, strerror(errno));
	for (size_t i = 0; !ret && i < in->log_count; i++) {
		const struct ingest_log *log = &in->logs[i];
		char *path = xasprintf("%s/%s", output, log->name);

		if (!same_file(log->path, path) &&
		    write_file_atomically(path, log->raw, log->raw_len)) {
			vcts_error("cannot write %s: %s", path, strerror(errno));
			ret = -1;
		}
		free(path);
	}
	free(dir);
	return ret;
}

/* --baseline FILE judges the results as it would a run's; auto needs a version. */
static int apply_baseline(struct ingest *in)
{
	const struct run_record *first = in->report.run_count ? in->report.runs[0] : NULL;
	int ret = baseline_select(&in->baseline, in->opts->baseline, in->config.hypervisor,
				  in->config.arch, first ? first->hypervisor_version : NULL);

	if (ret < 0)
		return -1;
	in->baseline_loaded = ret > 0;
	if (in->baseline_loaded)
		baseline_apply(&in->baseline, &in->report);
	return 0;
}

/* The results that need a look, and the counts, as `vcts run` ends. */
static void print_outcome(const struct ingest *in)
{
	struct verdict_counts counts;

	for (size_t i = 0; i < in->report.result_count; i++) {
		const struct result *r = in->report.results[i];

		if (!verdict_is_failure(r->verdict) || in->opts->quiet)
			continue;
		printf("%s %s%s%s%s \u2014 %.*s\n", verdict_name(r->verdict), r->test,
		       *r->device ? " [" : "", r->device, *r->device ? "]" : "",
		       (int)strcspn(r->message, "\n"), r->message);
	}
	report_count(&in->report, NULL, &counts);
	printf("%zu passed, %zu failed, %zu skipped\n", counts.pass + counts.xpass,
	       verdict_counts_failed(&counts), counts.skip);
}

static int ingest_all(struct ingest *in)
{
	struct config_resume cr = { 0 };

	if (load_logs(in))
		return EXIT_SETUP_ERROR;
	order_logs(in);
	unique_names(in);
	build_config(in);
	if (copy_logs(in))
		return EXIT_SETUP_ERROR;
	for (size_t i = 0; i < in->log_count; i++)
		ingest_log_feed(&in->logs[i], &in->report, &in->config, &cr, in->opts->images);
	/* What the plan announced and no VM of the logs reported: not-run. */
	config_resume_fill_not_run(&cr, &in->report, &in->config, NULL, NULL);
	config_resume_release(&cr);
	collect_device_types(in);
	if (apply_baseline(in) || report_write_all(&in->report, in->opts->output))
		return EXIT_SETUP_ERROR;
	vcts_note("reports in %s/ (from %zu log%s)", in->opts->output, in->log_count,
		  in->log_count == 1 ? "" : "s");
	print_outcome(in);
	return run_exit_status(&in->report, false);
}

int command_ingest(const struct options *opts)
{
	struct ingest in = { .opts = opts };
	int status = ingest_all(&in);

	report_free(&in.report);
	if (in.baseline_loaded)
		baseline_release(&in.baseline);
	for (size_t i = 0; i < in.log_count; i++)
		ingest_log_release(&in.logs[i]);
	free(in.logs);
	free(in.config.name);
	free(in.config.kernel);
	free(in.config.label);
	free(in.config.devices);
	strlist_clear(&in.config.device_types);
	strlist_clear(&in.owned);
	return status;
}
