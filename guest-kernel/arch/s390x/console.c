/*
 * The console: the SCLP's ASCII console (sclp.c). Every SERVICE CALL is a
 * trip to the hypervisor, so output is sent a line at a time (or when the
 * buffer fills); input is read in whatever pieces the SCLP has and handed
 * out a byte at a time.
 */
#include "arch/arch.h"
#include "console.h"
#include "lib/kernel.h"
#include "sclp.h"

#define OUTPUT_BUFFER	1024
#define INPUT_BUFFER	256

static char output[OUTPUT_BUFFER];
static size_t output_used;
static char input[INPUT_BUFFER];
static size_t input_next, input_end;
static bool input_registered;

void console_init(void)
{
	input_registered = sclp_console_init();
}

void console_flush(void)
{
	if (output_used)
		sclp_console_write(output, output_used);
	output_used = 0;
}

void arch_console_putc(char c)
{
	output[output_used++] = c;
	if (c == '\n' || output_used == sizeof(output))
		console_flush();
}

/* Reading the SCLP costs a service call: ask every 200 us at most. */
#define INPUT_POLL_US	200

int arch_console_getc(uint32_t timeout_ms)
{
	uint64_t deadline = deadline_after_ms(timeout_ms);
	uint64_t next_poll = 0;

	console_flush();
	while (input_next == input_end) {
		uint64_t now = arch_time_us();

		if (input_registered && now >= next_poll) {
			input_next = 0;
			input_end = sclp_console_read(input, sizeof(input));
			next_poll = now + INPUT_POLL_US;
			if (input_end)
				break;
		}
		if (now >= deadline)
			return -1;
	}
	return (unsigned char)input[input_next++];
}
