/* The profiles' unit-test fixture (profile_case.h). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse_words.h"
#include "profile_case.h"
#include "text.h"
#include "util.h"
#include "vm/kernel_cmdline.h"

#define MAX_WORDS 28

void profile_case_open(struct profile_case *pc, const char *const *words)
{
	const char *argv[MAX_WORDS + 4];
	size_t n = 0;
	char err[256], *logs;

	memset(pc, 0, sizeof(*pc));
	snprintf(pc->output, sizeof(pc->output), "/tmp/vcts-unit-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(pc->output));
	logs = xasprintf("%s/logs", pc->output);
	CU_ASSERT_EQUAL_FATAL(mkdir_p(logs), 0);
	free(logs);
	logs = xasprintf("%s/images", pc->output);
	CU_ASSERT_EQUAL_FATAL(mkdir_p(logs), 0);
	free(logs);
	argv[n++] = "run";
	for (; *words && n < MAX_WORDS; words++)
		argv[n++] = *words;
	argv[n++] = "--output";
	argv[n++] = pc->output;
	argv[n] = NULL;
	options_init(&pc->opts);
	CU_ASSERT_EQUAL_FATAL(parse_words_into(&pc->opts, argv, err, sizeof(err)), 0);
	config_matrix_build(&pc->matrix, &pc->opts);
	pc->matrix.settings.socket_dir = xstrdup("/tmp/vcts-SoCkEt");
	CU_ASSERT_FATAL(pc->matrix.count > 0);
}

size_t profile_case_config(const struct profile_case *pc, const char *transport,
			   const char *mode)
{
	for (size_t i = 0; i < pc->matrix.count; i++)
		if (!strcmp(pc->matrix.configs[i].transport, transport) &&
		    !strcmp(pc->matrix.configs[i].mode, mode))
			return i;
	CU_FAIL_FATAL("no such configuration");
	return 0;
}

const char *profile_case_name_at(const struct vcts_config *config, const char *location)
{
	const struct device_instance *dev = config_device_at(config, location);

	return dev ? dev->name : "(none)";
}

/* @text with every @from replaced by @to (allocated). */
static char *replace_all(const char *text, const char *from, const char *to)
{
	struct strbuf sb = { 0 };
	size_t len = strlen(from);
	const char *hit;

	while ((hit = strstr(text, from))) {
		strbuf_add(&sb, text, (size_t)(hit - text));
		strbuf_addstr(&sb, to);
		text = hit + len;
	}
	strbuf_addstr(&sb, text);
	return strbuf_detach(&sb);
}

/* OUTPUT for the output directory, CWD for the current one. */
static char *placeholders(const char *text, const char *output)
{
	char *cwd = getcwd(NULL, 0);
	char *first = replace_all(text, output, "OUTPUT");
	char *second = cwd ? replace_all(first, cwd, "CWD") : xstrdup(first);

	free(first);
	free(cwd);
	return second;
}

char *profile_case_command(struct profile_case *pc, size_t index, const char *binary,
			   const char *firmware)
{
	const struct vcts_config *config = &pc->matrix.configs[index];
	struct backend host = {
		.ops = config->hypervisor_ops,
		.arch = hypervisor_arch(config->hypervisor_ops, config->arch),
		.binary = (char *)binary,
		.firmware = (char *)firmware,
		.accel = { .name = "tcg" },
	};
	char *cmdline = kernel_cmdline(config, false, NULL, NULL);
	char *images = xasprintf("%s/images", pc->output);
	struct vm_launch launch = { &host, config, images, false, cmdline, NULL };
	char **argv = config->hypervisor_ops->command(&launch);
	char *joined = shell_join(argv);
	char *text = placeholders(joined, pc->output);

	argv_free(argv);
	free(joined);
	free(images);
	free(cmdline);
	return text;
}

char *profile_case_file(const struct profile_case *pc, const char *name)
{
	char *path = xasprintf("%s/%s", pc->output, name);
	FILE *f = fopen(path, "r");
	struct strbuf sb = { 0 };
	char buf[4096];
	size_t n;
	char *text;

	free(path);
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	text = placeholders(sb.buf ? sb.buf : "", pc->output);
	strbuf_release(&sb);
	return text;
}

void profile_case_close(struct profile_case *pc)
{
	char *command = xasprintf("rm -rf '%s'", pc->output);

	CU_ASSERT_EQUAL(system(command), 0);
	free(command);
	free(pc->matrix.settings.socket_dir);
	pc->matrix.settings.socket_dir = NULL;
	config_matrix_free(&pc->matrix);
	options_free(&pc->opts);
}

static FILE *captured;
static int saved_stderr = -1;

void stderr_capture_begin(void)
{
	fflush(stderr);
	captured = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(captured);
	saved_stderr = dup(STDERR_FILENO);
	dup2(fileno(captured), STDERR_FILENO);
}

char *stderr_capture_end(void)
{
	struct strbuf sb = { 0 };
	char buf[1024];
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	rewind(captured);
	while ((n = fread(buf, 1, sizeof(buf), captured)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(captured);
	captured = NULL;
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

static char empty_dir[64];
static char *saved_cwd;

void empty_directory_enter(void)
{
	saved_cwd = getcwd(NULL, 0);
	snprintf(empty_dir, sizeof(empty_dir), "/tmp/vcts-empty-XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(empty_dir));
	CU_ASSERT_EQUAL_FATAL(chdir(empty_dir), 0);
}

void empty_directory_leave(void)
{
	CU_ASSERT_EQUAL(chdir(saved_cwd), 0);
	CU_ASSERT_EQUAL(rmdir(empty_dir), 0);
	free(saved_cwd);
	saved_cwd = NULL;
}
