/*
 * Running `vcts` for the integration tests and reading what it wrote
 * (vcts_run.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "vcts_run.h"

const char *vcts, *kernel, *kernel_pvh, *kernel_aarch64, *kernel_riscv64, *kernel_s390x, *work;

char *read_file(const char *path)
{
	FILE *file = fopen(path, "rb");
	char *text;
	long size;

	if (!file)
		return NULL;
	fseek(file, 0, SEEK_END);
	size = ftell(file);
	rewind(file);
	text = calloc(1, (size_t)size + 1);
	if (text && fread(text, 1, (size_t)size, file) != (size_t)size)
		text[0] = '\0';
	fclose(file);
	return text;
}

static double now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/*
 * Runs `vcts <command> --output work/<name> <arguments>` and loads what it
 * wrote; with @beside, that shell command runs in the background meanwhile
 * ("%1$s" in it is the output directory).
 */
void run_vcts_beside(struct run *run, const char *name, const char *command,
			    const char *arguments, const char *beside)
{
	char shell[16384], path[1024], background[4096] = "";
	double start = now_seconds();
	int raw;

	memset(run, 0, sizeof(*run));
	snprintf(run->output, sizeof(run->output), "%s/%s", work, name);
	if (beside) {
		snprintf(background, sizeof(background) - 8, beside, run->output);
		strcat(background, " & ");
	}
	snprintf(shell, sizeof(shell),
		 "rm -rf '%s' && mkdir -p '%s' && { %s%s %s --output '%s' %s "
		 ">'%s/stdout.txt' 2>'%s/stderr.txt' </dev/null; status=$?; wait; exit $status; }",
		 run->output, run->output, background, vcts, command, run->output, arguments,
		 run->output, run->output);
	raw = system(shell);
	run->seconds = now_seconds() - start;
	run->status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
	snprintf(path, sizeof(path), "%s/results.json", run->output);
	run->results = json_object_from_file(path);
	snprintf(path, sizeof(path), "%s/stderr.txt", run->output);
	run->stderr_text = read_file(path);
	snprintf(path, sizeof(path), "%s/stdout.txt", run->output);
	run->stdout_text = read_file(path);
}

void run_vcts(struct run *run, const char *name, const char *command,
		     const char *arguments)
{
	run_vcts_beside(run, name, command, arguments, NULL);
}

void free_run(struct run *run)
{
	json_object_put(run->results);
	free(run->stderr_text);
	free(run->stdout_text);
}

const char *string_field(json_object *object, const char *key)
{
	json_object *value;

	if (!json_object_object_get_ex(object, key, &value))
		return "";
	return json_object_get_string(value);
}

/* The config object of @result, field @key ("transport", "mode"). */
const char *config_field(json_object *result, const char *key)
{
	json_object *config;

	if (!json_object_object_get_ex(result, "config", &config))
		return "";
	return string_field(config, key);
}

/*
 * Results with @prefix, @verdict, and config transport @transport and mode
 * @mode (NULL: any).
 */
int count_in_config(const struct run *run, const char *prefix, const char *verdict,
			   const char *transport, const char *mode)
{
	json_object *results;
	int count = 0;

	if (!run->results || !json_object_object_get_ex(run->results, "results", &results))
		return 0;
	for (size_t i = 0; i < json_object_array_length(results); i++) {
		json_object *result = json_object_array_get_idx(results, i);

		if (!strncmp(string_field(result, "test"), prefix, strlen(prefix)) &&
		    !strcmp(string_field(result, "verdict"), verdict) &&
		    (!transport || !strcmp(config_field(result, "transport"), transport)) &&
		    (!mode || !strcmp(config_field(result, "mode"), mode)))
			count++;
	}
	return count;
}

/* The results whose test id starts with @prefix and whose verdict is @verdict. */
int count_results(const struct run *run, const char *prefix, const char *verdict)
{
	return count_in_config(run, prefix, verdict, NULL, NULL);
}

/* The first result for @test (any device), or NULL. */
json_object *find_result(const struct run *run, const char *test)
{
	json_object *results;

	if (!run->results || !json_object_object_get_ex(run->results, "results", &results))
		return NULL;
	for (size_t i = 0; i < json_object_array_length(results); i++) {
		json_object *result = json_object_array_get_idx(results, i);

		if (!strcmp(string_field(result, "test"), test))
			return result;
	}
	return NULL;
}

bool file_exists(const struct run *run, const char *name)
{
	char path[1024];
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", run->output, name);
	file = fopen(path, "r");
	if (file)
		fclose(file);
	return file != NULL;
}
