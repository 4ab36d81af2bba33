/*
 * results.json, schema 1 (docs/results-format.md). Outside tools read this
 * file: fields are only ever added, never renamed or removed, without a
 * new schema number.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "results/baseline.h"
#include "results/results.h"

#define RESULTS_SCHEMA 1

static void add_string(json_object *obj, const char *key, const char *value)
{
	json_object_object_add(obj, key,
			       value ? json_object_new_string(value) : NULL);
}

static json_object *string_array(const struct strlist *list)
{
	json_object *array = json_object_new_array();

	for (size_t i = 0; i < list->count; i++)
		json_object_array_add(array, json_object_new_string(list->items[i]));
	return array;
}

/* The fields every configuration object has, in runs and in results. */
static json_object *config_object(const struct vcts_config *config)
{
	json_object *obj = json_object_new_object();

	add_string(obj, "name", config->name);
	add_string(obj, "hypervisor", config->hypervisor);
	add_string(obj, "arch", config->arch);
	add_string(obj, "machine", config->machine);
	add_string(obj, "transport", config->transport);
	add_string(obj, "mode", config->mode);
	return obj;
}

static json_object *run_object(const struct run_record *run)
{
	json_object *obj = json_object_new_object();
	json_object *config = config_object(run->config);

	json_object_object_add(config, "devices",
			       string_array(&run->config->device_types));
	json_object_object_add(config, "device_properties",
			       string_array(&run->config->device_properties));
	if (run->config->boot_image)
		add_string(config, "boot_image", run->config->boot_image->name);
	if (run->config->firmware)
		add_string(config, "firmware", run->config->firmware);
	if (run->config->exit_method)
		add_string(config, "exit", run->config->exit_method);
	json_object_object_add(obj, "config", config);
	add_string(obj, "accel", run->accel);
	add_string(obj, "accel_reason", run->accel_reason);
	add_string(obj, "hypervisor_version", run->hypervisor_version);
	/* The profile QEMU stood in for (docs/hypervisors.md, "Stand-ins"), or null. */
	add_string(obj, "stand_in_for", run->config->stand_in_for);
	add_string(obj, "kernel_version", run->kernel_version);
	add_string(obj, "command", run->command);
	json_object_object_add(obj, "seed", json_object_new_int64(run->seed));
	add_string(obj, "filter", run->filter);
	json_object_object_add(obj, "kernel_args", string_array(&run->kernel_args));
	json_object_object_add(obj, "exit_status", run->exited ?
			       json_object_new_int(run->exit_status) : NULL);
	json_object_object_add(obj, "signal", run->signal ?
			       json_object_new_int(run->signal) : NULL);
	add_string(obj, "ended", run->ended);
	json_object_object_add(obj, "duration_ms",
			       json_object_new_int64(run->duration_ms));
	json_object_object_add(obj, "garbled_lines",
			       json_object_new_int64(run->garbled_lines));
	json_object_object_add(obj, "protocol_errors",
			       json_object_new_int64(run->protocol_errors));
	json_object_object_add(obj, "attempt", json_object_new_int64(run->attempt));
	add_string(obj, "resumed_after", run->resumed_after);
	add_string(obj, "log", run->log);
	return obj;
}

static json_object *failure_object(const struct failure *f)
{
	json_object *obj = json_object_new_object();

	add_string(obj, "file", f->file);
	json_object_object_add(obj, "line", json_object_new_int64(f->line));
	add_string(obj, "clause", f->clause);
	add_string(obj, "expected", f->expected);
	add_string(obj, "actual", f->actual);
	add_string(obj, "msg", f->msg);
	add_string(obj, "severity", f->severity);
	add_string(obj, "check", f->check);
	return obj;
}

/* Why a result is xfail or xpass: the entry that made it so. */
static json_object *result_baseline_object(const struct baseline_entry *e)
{
	json_object *obj = json_object_new_object();

	add_string(obj, "reason", e->reason);
	add_string(obj, "clause", e->clause);
	add_string(obj, "source", e->source);
	add_string(obj, "verdict", verdict_name(e->expected));
	return obj;
}

static json_object *entry_object(const struct baseline_entry *e)
{
	json_object *obj = json_object_new_object();

	add_string(obj, "test", e->test);
	add_string(obj, "transport", e->transport);
	add_string(obj, "mode", e->mode);
	add_string(obj, "device_type", e->device_type);
	add_string(obj, "device", e->device);
	add_string(obj, "verdict", verdict_name(e->expected));
	add_string(obj, "clause", e->clause);
	if (e->checks.count) {
		json_object *checks = json_object_new_array();

		for (size_t i = 0; i < e->checks.count; i++)
			json_object_array_add(checks, json_object_new_string(e->checks.items[i]));
		json_object_object_add(obj, "checks", checks);
	}
	add_string(obj, "reason", e->reason);
	add_string(obj, "source", e->source);
	json_object_object_add(obj, "matched", json_object_new_int64((int64_t)e->matched));
	return obj;
}

/* The baseline as applied; "matched" shows entries that no longer match. */
static json_object *baseline_object(const struct baseline *bl)
{
	json_object *obj = json_object_new_object();
	json_object *entries = json_object_new_array();

	add_string(obj, "path", bl->path);
	add_string(obj, "hypervisor", bl->hypervisor);
	add_string(obj, "version", bl->version);
	add_string(obj, "arch", bl->arch);
	for (size_t i = 0; i < bl->count; i++)
		json_object_array_add(entries, entry_object(&bl->entries[i]));
	json_object_object_add(obj, "entries", entries);
	return obj;
}

static json_object *result_object(const struct result *r)
{
	json_object *obj = json_object_new_object();
	json_object *config = config_object(r->config);
	json_object *failures = json_object_new_array();

	add_string(config, "device", r->device);
	add_string(config, "device_type", r->device_type);
	add_string(obj, "test", r->test);
	json_object_object_add(obj, "config", config);
	add_string(obj, "verdict", verdict_name(r->verdict));
	json_object_object_add(obj, "clauses", string_array(&r->clauses));
	json_object_object_add(obj, "duration_ms", json_object_new_int64(r->duration_ms));
	add_string(obj, "message", r->message);
	for (size_t i = 0; i < r->failure_count; i++)
		json_object_array_add(failures, failure_object(&r->failures[i]));
	json_object_object_add(obj, "failures", failures);
	add_string(obj, "log", r->log);
	json_object_object_add(obj, "attempts", json_object_new_int64(r->attempts));
	json_object_object_add(obj, "flaky", json_object_new_boolean(r->flaky));
	if (r->baseline)
		json_object_object_add(obj, "baseline", result_baseline_object(r->baseline));
	return obj;
}

char *report_json_text(const struct report *report)
{
	json_object *root = json_object_new_object();
	json_object *runs = json_object_new_array();
	json_object *results = json_object_new_array();
	json_object *baselines = json_object_new_array();
	char *text;

	json_object_object_add(root, "schema", json_object_new_int(RESULTS_SCHEMA));
	add_string(root, "vcts_version", VCTS_VERSION);
	for (size_t i = 0; i < report->run_count; i++)
		json_object_array_add(runs, run_object(report->runs[i]));
	for (size_t i = 0; i < report->result_count; i++)
		json_object_array_add(results, result_object(report->results[i]));
	json_object_object_add(root, "runs", runs);
	json_object_object_add(root, "results", results);
	/* "baseline": the first (all there was before --arch all), "baselines": every one. */
	json_object_object_add(root, "baseline", report->baseline ?
			       baseline_object(report->baseline) : NULL);
	for (const struct baseline *bl = report->baseline; bl; bl = bl->next)
		json_object_array_add(baselines, baseline_object(bl));
	json_object_object_add(root, "baselines", baselines);
	text = xasprintf("%s\n", json_object_to_json_string_ext(root,
		JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
		JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return text;
}
