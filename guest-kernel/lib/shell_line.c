/*
 * The shell's line editor. A person types through a terminal emulator
 * (screen, minicom, picocom, an expect script): each sends its own line
 * end and erase key, so CR, LF and CR LF all end a line, and both BS and
 * DEL erase the last character. Arrow and function keys send escape
 * sequences (ECMA-48, 5.4: ESC [ parameters final byte; ESC O x for SS3);
 * they are swallowed whole rather than typed as "[A".
 */
#include "arch/arch.h"
#include "printf.h"
#include "shell_line.h"

#define KEY_CTRL_C	0x03
#define KEY_CTRL_D	0x04
#define KEY_BACKSPACE	0x08
#define KEY_TAB		0x09
#define KEY_CTRL_U	0x15
#define KEY_ESCAPE	0x1b
#define KEY_DELETE	0x7f
/* ECMA-48 5.4: a control sequence ends with a byte from 0x40 to 0x7e. */
#define CSI_FINAL_FIRST	0x40
#define CSI_FINAL_LAST	0x7e

enum key_effect { KEY_TYPED, KEY_LINE_ENDS, KEY_INPUT_ENDS };

/* On the terminal: back one column, blank it, back again. */
static void erase_last(struct shell_line *line)
{
	if (!line->length)
		return;
	line->length--;
	arch_console_putc('\b');
	arch_console_putc(' ');
	arch_console_putc('\b');
}

static void erase_all(struct shell_line *line)
{
	while (line->length)
		erase_last(line);
	line->too_long = false;
}

/* Returns true while @c belongs to an escape sequence. */
static bool swallow_escape(struct shell_line *line, int c)
{
	switch (line->escape) {
	case SHELL_ESC_START:
		line->escape = c == '[' ? SHELL_ESC_CSI : c == 'O' ? SHELL_ESC_SS3 :
			       SHELL_ESC_NONE;
		return true;
	case SHELL_ESC_CSI:
		if (c >= CSI_FINAL_FIRST && c <= CSI_FINAL_LAST)
			line->escape = SHELL_ESC_NONE;
		return true;
	case SHELL_ESC_SS3:
		line->escape = SHELL_ESC_NONE;
		return true;
	case SHELL_ESC_NONE:
		break;
	}
	return false;
}

static void type_character(struct shell_line *line, char c)
{
	if (line->length >= SHELL_LINE_MAX) {
		line->too_long = true;
		arch_console_putc('\a');
		return;
	}
	line->text[line->length++] = c;
	arch_console_putc(c);
}

static enum key_effect take_key(struct shell_line *line, int c)
{
	bool after_cr = line->after_cr;

	line->after_cr = false;
	if (swallow_escape(line, c))
		return KEY_TYPED;
	switch (c) {
	case '\n':
		return after_cr ? KEY_TYPED : KEY_LINE_ENDS;
	case '\r':
		line->after_cr = true;
		return KEY_LINE_ENDS;
	case KEY_BACKSPACE:
	case KEY_DELETE:
		erase_last(line);
		return KEY_TYPED;
	case KEY_CTRL_U:
		erase_all(line);
		return KEY_TYPED;
	case KEY_CTRL_C:
		/* The line is dropped; an empty one only brings a new prompt. */
		printf("^C");
		line->length = 0;
		line->too_long = false;
		return KEY_LINE_ENDS;
	case KEY_CTRL_D:
		return line->length ? KEY_TYPED : KEY_INPUT_ENDS;
	case KEY_ESCAPE:
		line->escape = SHELL_ESC_START;
		return KEY_TYPED;
	case KEY_TAB:
		type_character(line, ' ');
		return KEY_TYPED;
	default:
		/* Other control bytes and bytes above ASCII are not typed. */
		if (c >= 0x20 && c < KEY_DELETE)
			type_character(line, (char)c);
		return KEY_TYPED;
	}
}

enum shell_input shell_read_line(struct shell_line *line, uint32_t idle_ms)
{
	uint64_t deadline = arch_time_us() + (uint64_t)idle_ms * 1000;

	line->length = 0;
	line->too_long = false;
	for (;;) {
		uint64_t now = arch_time_us();
		int c;

		if (now >= deadline) {
			line->length = 0;
			return SHELL_INPUT_IDLE;
		}
		c = arch_console_getc((uint32_t)((deadline - now + 999) / 1000));
		if (c < 0)
			continue;
		deadline = arch_time_us() + (uint64_t)idle_ms * 1000;
		switch (take_key(line, c)) {
		case KEY_TYPED:
			continue;
		case KEY_LINE_ENDS:
			printf("\n");
			line->text[line->length] = '\0';
			return SHELL_INPUT_LINE;
		case KEY_INPUT_ENDS:
			printf("\n");
			return SHELL_INPUT_END;
		}
	}
}
