#include "arch/arch.h"
#include "cmdline.h"
#include "string.h"

#define DEFAULT_TIMEOUT_MS 2000
#define DEFAULT_HOST_TIMEOUT_MS 10000
/* A person may step away; a forgotten VM must still end (docs/interactive.md). */
#define DEFAULT_INTERACTIVE_IDLE_S 600
/* A day: the idle wait in milliseconds stays within 32 bits. */
#define MAX_INTERACTIVE_IDLE_S 86400

struct kernel_options options;

/* Copies the value of @token (after "key=") up to the next space. */
static void copy_value(char *dest, size_t size, const char *value)
{
	size_t n = 0;

	while (value[n] && value[n] != ' ')
		n++;
	if (n >= size)
		n = size - 1;
	memcpy(dest, value, n);
	dest[n] = '\0';
}

static bool option_is(const char *token, const char *name, const char **value)
{
	size_t length = strlen(name);

	if (strncmp(token, name, length))
		return false;
	if (token[length] == '=') {
		*value = token + length + 1;
		return true;
	}
	if (token[length] == ' ' || token[length] == '\0') {
		*value = "";
		return true;
	}
	return false;
}

/* TEST/DEVICE: the device name is what follows the last slash. */
static void parse_resume(const char *value)
{
	char pair[sizeof(options.resume_test) + sizeof(options.resume_device)];
	char *slash;

	copy_value(pair, sizeof(pair), value);
	slash = strrchr(pair, '/');
	if (!slash)
		return;
	*slash = '\0';
	strlcpy(options.resume_test, pair, sizeof(options.resume_test));
	strlcpy(options.resume_device, slash + 1, sizeof(options.resume_device));
}

/*
 * vcts.interactive[=SECONDS]: the shell (lib/shell.c) instead of a run;
 * SECONDS without input end the session (0 or nothing: the default).
 */
static void parse_interactive(const char *value)
{
	uint32_t seconds = (uint32_t)strtoul(value, NULL, 0);

	options.interactive = true;
	if (seconds)
		options.interactive_idle_s = seconds > MAX_INTERACTIVE_IDLE_S ?
					     MAX_INTERACTIVE_IDLE_S : seconds;
}

static void parse_token(const char *token)
{
	const char *value;

	if (option_is(token, "vcts.filter", &value))
		copy_value(options.filter, sizeof(options.filter), value);
	else if (option_is(token, "vcts.seed", &value))
		options.seed = (uint32_t)strtoul(value, NULL, 0);
	else if (option_is(token, "vcts.mode", &value))
		copy_value(options.mode, sizeof(options.mode), value);
	else if (option_is(token, "vcts.transport", &value))
		copy_value(options.transport, sizeof(options.transport), value);
	else if (option_is(token, "vcts.timeout_ms", &value))
		options.timeout_ms = (uint32_t)strtoul(value, NULL, 0);
	else if (option_is(token, "vcts.host_timeout_ms", &value))
		options.host_timeout_ms = (uint32_t)strtoul(value, NULL, 0);
	else if (option_is(token, "vcts.list", &value))
		options.list = true;
	else if (option_is(token, "vcts.interactive", &value))
		parse_interactive(value);
	else if (option_is(token, "vcts.blk_serials", &value))
		options.blk_serials = strtoul(value, NULL, 0) != 0;
	else if (option_is(token, "vcts.resume", &value))
		parse_resume(value);
	else if (option_is(token, "vcts.exit", &value))
		copy_value(options.exit, sizeof(options.exit), value);
	else if (option_is(token, "vcts.acpi_dump", &value))
		options.acpi_dump = true;
	else if (option_is(token, "vcts.cmdline", &value))
		options.cmdline_ask = !strncmp(value, "ask", 3) && (value[3] == ' ' || !value[3]);
	else if (option_is(token, "vcts.console", &value))
		options.console_output_only = !strncmp(value, "output-only", 11) &&
					      (value[11] == ' ' || value[11] == '\0');
}

void options_parse(const char *cmdline)
{
	options = (struct kernel_options){ .seed = 1, .timeout_ms = DEFAULT_TIMEOUT_MS,
					   .host_timeout_ms = DEFAULT_HOST_TIMEOUT_MS,
					   .blk_serials = true,
					   .interactive_idle_s = DEFAULT_INTERACTIVE_IDLE_S };
	strlcpy(options.mode, "modern", sizeof(options.mode));
	for (const char *p = cmdline; *p; p++) {
		if (*p != ' ' && (p == cmdline || p[-1] == ' '))
			parse_token(p);
	}
	if (!options.timeout_ms)
		options.timeout_ms = DEFAULT_TIMEOUT_MS;
}

bool glob_match(const char *pattern, const char *text)
{
	if (*pattern == '\0')
		return *text == '\0';
	if (*pattern == '*')
		return glob_match(pattern + 1, text) || (*text && glob_match(pattern, text + 1));
	if (*text && (*pattern == '?' || *pattern == *text))
		return glob_match(pattern + 1, text + 1);
	return false;
}

/*
 * Self-tests (selftest.*) hang or crash on purpose: they run only when a
 * glob of the filter itself starts with "selftest.".
 */
static bool glob_allows(const char *glob, const char *test_id)
{
	if (!strncmp(test_id, "selftest.", 9) && strncmp(glob, "selftest.", 9))
		return false;
	return glob_match(glob, test_id);
}

bool options_select(const char *test_id)
{
	return filter_select(options.filter, test_id);
}

bool filter_select(const char *filter, const char *test_id)
{
	char glob[128];
	const char *p = filter;

	if (!*p)
		return glob_allows("*", test_id);
	while (*p) {
		size_t n = 0;

		while (p[n] && p[n] != ',')
			n++;
		if (n < sizeof(glob)) {
			memcpy(glob, p, n);
			glob[n] = '\0';
			if (glob_allows(glob, test_id))
				return true;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}

bool options_mode_valid(void)
{
	return !strcmp(options.mode, "modern") || !strcmp(options.mode, "legacy") ||
	       !strcmp(options.mode, "prefer-modern") || !strcmp(options.mode, "prefer-legacy");
}

bool options_allow_modern(void)
{
	return strcmp(options.mode, "legacy") != 0;
}

bool options_allow_legacy(void)
{
	return strcmp(options.mode, "modern") != 0;
}

bool options_prefer_legacy(void)
{
	return !strcmp(options.mode, "legacy") || !strcmp(options.mode, "prefer-legacy");
}

/* "512", "4K", "1M": a size as Linux writes it. */
static uint64_t parse_size(const char *text, char **end)
{
	uint64_t size = strtoul(text, end, 0);

	if (**end == 'K' || **end == 'k') {
		size <<= 10;
		(*end)++;
	} else if (**end == 'M' || **end == 'm') {
		size <<= 20;
		(*end)++;
	}
	return size;
}

int options_mmio_windows(const char *cmdline, struct mmio_window *windows, int max)
{
	static const char key[] = "virtio_mmio.device=";
	int count = 0;

	for (const char *p = cmdline; *p && count < max; p++) {
		struct mmio_window window;
		char *end;

		if ((p != cmdline && p[-1] != ' ') || strncmp(p, key, sizeof(key) - 1))
			continue;
		window.size = (uint32_t)parse_size(p + sizeof(key) - 1, &end);
		if (*end != '@')
			continue;
		window.base = strtoul(end + 1, &end, 0);
		if (*end != ':')
			continue;
		window.irq = (uint32_t)strtoul(end + 1, &end, 0);
		if (window.size && window.base)
			windows[count++] = window;
	}
	return count;
}
