/*
 * The interactive shell's line editor: reads one command line from the
 * console with echo, backspace and DEL, and any of CR, LF or CR LF as the
 * end of a line (docs/interactive.md, "Typing").
 */
#ifndef VCTS_SHELL_LINE_H
#define VCTS_SHELL_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest command line, without its end. */
#define SHELL_LINE_MAX 160

enum shell_input {
	SHELL_INPUT_LINE,	/* a line ended: text holds it */
	SHELL_INPUT_IDLE,	/* nothing came within the idle time */
	SHELL_INPUT_END,	/* Ctrl-D on an empty line */
};

enum shell_escape { SHELL_ESC_NONE, SHELL_ESC_START, SHELL_ESC_CSI, SHELL_ESC_SS3 };

struct shell_line {
	char text[SHELL_LINE_MAX + 1];
	size_t length;
	/* Characters past SHELL_LINE_MAX were dropped: the line is refused. */
	bool too_long;
	/* What carries from one line to the next: */
	bool after_cr;			/* an LF right after a CR ends no line */
	enum shell_escape escape;	/* inside a terminal's escape sequence */
};

/*
 * Reads the next line into @line. Every byte resets the idle clock; after
 * @idle_ms without one, returns SHELL_INPUT_IDLE with the partial line
 * dropped.
 */
enum shell_input shell_read_line(struct shell_line *line, uint32_t idle_ms);

#endif
