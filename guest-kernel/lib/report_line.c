#include <stdarg.h>
#include <stdbool.h>

#include "fnv.h"
#include "printf.h"
#include "report_line.h"
#include "string.h"

/* Room kept for " ~xxxxxxxx\n" and a truncation marker. */
#define LINE_RESERVE 16

static bool is_safe_byte(unsigned char c)
{
	return c >= 0x21 && c <= 0x7e && c != '%' && c != '=' && c != '~';
}

static bool append_raw(struct report_line *line, const char *text, size_t n)
{
	if (line->length + n > REPORT_LINE_MAX - LINE_RESERVE) {
		line->truncated = 1;
		return false;
	}
	memcpy(line->text + line->length, text, n);
	line->length += n;
	return true;
}

void line_begin(struct report_line *line, const char *kind)
{
	line->length = 0;
	line->truncated = 0;
	append_raw(line, "@vcts ", 6);
	append_raw(line, kind, strlen(kind));
}

void line_add(struct report_line *line, const char *key, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";

	if (!append_raw(line, " ", 1) || !append_raw(line, key, strlen(key)) ||
	    !append_raw(line, "=", 1))
		return;
	for (const unsigned char *p = (const unsigned char *)(value ? value : ""); *p; p++) {
		char escaped[3] = { '%', hex[*p >> 4], hex[*p & 15] };

		if (is_safe_byte(*p) ? !append_raw(line, (const char *)p, 1) :
				       !append_raw(line, escaped, 3))
			return;	/* a long message is cut, the line stays valid */
	}
}

void line_add_u64(struct report_line *line, const char *key, uint64_t value)
{
	char text[24];

	snprintf(text, sizeof(text), "%llu", (unsigned long long)value);
	line_add(line, key, text);
}

void line_add_hex(struct report_line *line, const char *key, uint64_t value)
{
	char text[24];

	snprintf(text, sizeof(text), "%#llx", (unsigned long long)value);
	line_add(line, key, text);
}

void line_addf(struct report_line *line, const char *key, const char *format, ...)
{
	char text[1024];
	va_list args;

	va_start(args, format);
	vsnprintf(text, sizeof(text), format, args);
	va_end(args);
	line_add(line, key, text);
}

void line_emit(struct report_line *line)
{
	uint32_t checksum = fnv1a32_update(FNV1A32_INIT, line->text, line->length);
	char tail[16];
	int n = snprintf(tail, sizeof(tail), " ~%08x\n", checksum);

	/* LINE_RESERVE guarantees the room. */
	memcpy(line->text + line->length, tail, (size_t)n);
	console_write(line->text, line->length + (size_t)n);
}
