#include <stdbool.h>
#include <stdint.h>

#include "arch/arch.h"
#include "printf.h"
#include "string.h"

struct output {
	char *buffer;
	size_t size;
	size_t length;		/* what would have been written */
};

struct conversion {
	bool left_align;
	bool zero_pad;
	bool alternate;
	int width;
	int precision;		/* -1: none */
	int length_modifier;	/* 0, 'l' (long), 'L' (long long), 'z' */
};

static void put_char(struct output *out, char c)
{
	if (out->length + 1 < out->size)
		out->buffer[out->length] = c;
	out->length++;
}

static void put_padding(struct output *out, int count, char c)
{
	while (count-- > 0)
		put_char(out, c);
}

static void put_string(struct output *out, const struct conversion *conv,
		       const char *s)
{
	int length;

	if (!s)
		s = "(null)";
	length = (int)strnlen(s, conv->precision >= 0 ? (size_t)conv->precision : SIZE_MAX);
	if (!conv->left_align)
		put_padding(out, conv->width - length, ' ');
	for (int i = 0; i < length; i++)
		put_char(out, s[i]);
	if (conv->left_align)
		put_padding(out, conv->width - length, ' ');
}

static void put_number(struct output *out, const struct conversion *conv,
		       uint64_t value, bool negative, unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char text[24];
	int n = 0, prefix = 0, width = conv->width;

	do {
		text[n++] = digits[value % base];
		value /= base;
	} while (value);
	if (negative)
		prefix = 1;
	else if (conv->alternate && base == 16)
		prefix = 2;
	width -= n + prefix;
	if (!conv->left_align && !conv->zero_pad)
		put_padding(out, width, ' ');
	if (negative)
		put_char(out, '-');
	else if (prefix == 2) {
		put_char(out, '0');
		put_char(out, upper ? 'X' : 'x');
	}
	if (!conv->left_align && conv->zero_pad)
		put_padding(out, width, '0');
	while (n)
		put_char(out, text[--n]);
	if (conv->left_align)
		put_padding(out, width, ' ');
}

static const char *parse_conversion(const char *f, struct conversion *conv,
				    va_list *args)
{
	*conv = (struct conversion){ .precision = -1 };
	for (;; f++) {
		if (*f == '-')
			conv->left_align = true;
		else if (*f == '0')
			conv->zero_pad = true;
		else if (*f == '#')
			conv->alternate = true;
		else
			break;
	}
	if (*f == '*') {
		conv->width = va_arg(*args, int);
		f++;
	}
	while (*f >= '0' && *f <= '9')
		conv->width = conv->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		conv->precision = 0;
		if (*f == '*') {
			conv->precision = va_arg(*args, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			conv->precision = conv->precision * 10 + (*f++ - '0');
	}
	if (*f == 'l') {
		conv->length_modifier = 'l';
		if (*++f == 'l') {
			conv->length_modifier = 'L';
			f++;
		}
	} else if (*f == 'z') {
		conv->length_modifier = 'z';
		f++;
	}
	return f;
}

static uint64_t unsigned_argument(const struct conversion *conv, va_list *args)
{
	switch (conv->length_modifier) {
	case 'l':
		return va_arg(*args, unsigned long);
	case 'L':
		return va_arg(*args, unsigned long long);
	case 'z':
		return va_arg(*args, size_t);
	default:
		return va_arg(*args, unsigned int);
	}
}

static int64_t signed_argument(const struct conversion *conv, va_list *args)
{
	switch (conv->length_modifier) {
	case 'l':
		return va_arg(*args, long);
	case 'L':
		return va_arg(*args, long long);
	case 'z':
		return (int64_t)va_arg(*args, size_t);
	default:
		return va_arg(*args, int);
	}
}

int vsnprintf(char *buffer, size_t size, const char *format, va_list args)
{
	struct output out = { buffer, size, 0 };
	struct conversion conv;
	va_list ap;

	va_copy(ap, args);
	for (const char *f = format; *f; f++) {
		if (*f != '%') {
			put_char(&out, *f);
			continue;
		}
		f = parse_conversion(f + 1, &conv, &ap);
		switch (*f) {
		case 'd':
		case 'i': {
			int64_t v = signed_argument(&conv, &ap);

			put_number(&out, &conv, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, false);
			break;
		}
		case 'u':
			put_number(&out, &conv, unsigned_argument(&conv, &ap), false, 10, false);
			break;
		case 'x':
		case 'X':
			put_number(&out, &conv, unsigned_argument(&conv, &ap), false, 16, *f == 'X');
			break;
		case 'p':
			conv.alternate = true;
			put_number(&out, &conv, (uintptr_t)va_arg(ap, void *), false, 16, false);
			break;
		case 's':
			put_string(&out, &conv, va_arg(ap, const char *));
			break;
		case 'c':
			put_char(&out, (char)va_arg(ap, int));
			break;
		case '%':
			put_char(&out, '%');
			break;
		default:		/* unknown: print it, stop at a premature end */
			put_char(&out, '%');
			if (!*f)
				f--;
			else
				put_char(&out, *f);
			break;
		}
	}
	va_end(ap);
	if (size)
		buffer[out.length < size ? out.length : size - 1] = '\0';
	return (int)out.length;
}

int snprintf(char *buffer, size_t size, const char *format, ...)
{
	va_list args;
	int n;

	va_start(args, format);
	n = vsnprintf(buffer, size, format, args);
	va_end(args);
	return n;
}

void console_write(const char *text, size_t length)
{
	for (size_t i = 0; i < length; i++) {
		if (text[i] == '\n')
			arch_console_putc('\r');
		arch_console_putc(text[i]);
	}
}

int printf(const char *format, ...)
{
	char buffer[512];
	va_list args;
	int n;

	va_start(args, format);
	n = vsnprintf(buffer, sizeof(buffer), format, args);
	va_end(args);
	console_write(buffer, strlen(buffer));
	return n;
}
