/*
 * The parent side of a run (ref_machine.h): fork, read the child's
 * console to its end, and turn the result lines into results with the
 * harness's parser, checksums included.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness/protocol/line_parser.h"
#include "tests/reference/ref_machine.h"

static char *read_all(int fd)
{
	size_t length = 0, capacity = 65536;
	char *text = malloc(capacity);

	if (!text)
		return NULL;
	for (;;) {
		ssize_t n;

		if (length + 1 == capacity) {
			char *grown = realloc(text, capacity * 2);

			if (!grown)
				break;
			text = grown;
			capacity *= 2;
		}
		n = read(fd, text + length, capacity - 1 - length);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		length += (size_t)n;
	}
	text[length] = '\0';
	return text;
}

static void copy_field(char *dest, size_t size, const struct vcts_line *line, const char *key)
{
	const char *value = line_get(line, key);

	snprintf(dest, size, "%s", value ? value : "");
}

static struct ref_result *find_or_add(struct ref_run *run, const struct vcts_line *line)
{
	const char *test = line_get(line, "test"), *device = line_get(line, "device");
	struct ref_result *result;

	if (!test || !device)
		return NULL;
	for (int i = run->result_count - 1; i >= 0; i--) {
		if (!strcmp(run->results[i].test, test) && !strcmp(run->results[i].device, device))
			return &run->results[i];
	}
	if (run->result_count == REF_RUN_MAX_RESULTS)
		return NULL;
	result = &run->results[run->result_count++];
	memset(result, 0, sizeof(*result));
	snprintf(result->test, sizeof(result->test), "%s", test);
	snprintf(result->device, sizeof(result->device), "%s", device);
	return result;
}

static void take_line(struct ref_run *run, const struct vcts_line *line)
{
	struct ref_result *result;

	if (!strcmp(line->kind, "summary")) {
		run->summary = true;
		return;
	}
	if (!strcmp(line->kind, "crash")) {
		run->crashed = true;
		copy_field(run->crash_message, sizeof(run->crash_message), line, "msg");
		return;
	}
	/* host-check lines name a test of their own, which only the harness judges. */
	if (strcmp(line->kind, "begin") && strcmp(line->kind, "fail") && strcmp(line->kind, "end"))
		return;
	result = find_or_add(run, line);
	if (!result)
		return;
	if (!strcmp(line->kind, "fail") && result->fails < REF_RESULT_MAX_FAILS) {
		copy_field(result->fail_clauses[result->fails], sizeof(result->fail_clauses[0]),
			   line, "clause");
		result->fails++;
	} else if (!strcmp(line->kind, "end")) {
		copy_field(result->verdict, sizeof(result->verdict), line, "verdict");
		copy_field(result->reason, sizeof(result->reason), line, "reason");
	}
}

static void parse_console(struct ref_run *run)
{
	struct vcts_line *line = malloc(sizeof(*line));
	char *start = run->console;

	if (!line)
		return;
	while (*start) {
		char *end = strchr(start, '\n');
		size_t length = end ? (size_t)(end - start) : strlen(start);

		switch (line_parse(start, length, line)) {
		case LINE_OK:
			take_line(run, line);
			break;
		case LINE_GARBLED:
			run->garbled++;
			break;
		default:
			break;
		}
		start += length + (end ? 1 : 0);
	}
	free(line);
}

static void describe_end(struct ref_run *run, int wait_status)
{
	if (WIFEXITED(wait_status)) {
		int code = WEXITSTATUS(wait_status);

		if (code <= 2)
			run->exit_status = code;
		else
			snprintf(run->died, sizeof(run->died), "child exited with %d outside the kernel's exit",
				 code);
	} else if (WIFSIGNALED(wait_status)) {
		int sig = WTERMSIG(wait_status);

		snprintf(run->died, sizeof(run->died), "child killed by signal %d (%s)%s", sig,
			 strsignal(sig), sig == SIGALRM ? ": the run's time limit" : "");
	}
}

bool ref_run(const struct ref_machine *machine, const char *filter, struct ref_run *run)
{
	int pipe_fds[2], wait_status = 0;
	pid_t child;

	memset(run, 0, sizeof(*run));
	run->exit_status = -1;
	if (pipe(pipe_fds) < 0)
		return false;
	fflush(NULL);	/* the child must not flush the parent's buffers again */
	child = fork();
	if (child < 0) {
		close(pipe_fds[0]);
		close(pipe_fds[1]);
		return false;
	}
	if (child == 0) {
		close(pipe_fds[0]);
		ref_machine_run_child(machine, filter, pipe_fds[1]);
	}
	close(pipe_fds[1]);
	run->console = read_all(pipe_fds[0]);
	close(pipe_fds[0]);
	while (waitpid(child, &wait_status, 0) < 0 && errno == EINTR)
		;
	if (!run->console)
		return false;
	describe_end(run, wait_status);
	parse_console(run);
	return true;
}

void ref_run_free(struct ref_run *run)
{
	free(run->console);
	run->console = NULL;
}

const struct ref_result *ref_run_result(const struct ref_run *run, const char *test,
					const char *device)
{
	for (int i = 0; i < run->result_count; i++) {
		if (!strcmp(run->results[i].test, test) && !strcmp(run->results[i].device, device))
			return &run->results[i];
	}
	return NULL;
}

bool ref_result_has_clause(const struct ref_result *result, const char *clause)
{
	for (int i = 0; i < result->fails && i < REF_RESULT_MAX_FAILS; i++) {
		if (!strcmp(result->fail_clauses[i], clause))
			return true;
	}
	return false;
}

int ref_run_count(const struct ref_run *run, const char *verdict)
{
	int count = 0;

	for (int i = 0; i < run->result_count; i++)
		count += !strcmp(run->results[i].verdict, verdict);
	return count;
}
