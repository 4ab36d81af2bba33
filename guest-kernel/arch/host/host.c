/*
 * The host "architecture": arch.h for kernel code linked into a host
 * process (the reference-device tests and the fuzzer). There is no
 * hardware: the console is a buffer, time passes only by waiting, waiting
 * steps the reference devices, interrupts are handler calls made by those
 * devices, and arch_exit returns to whoever called host_run_guarded.
 * Buses, port I/O, PCI configuration space and wired lines: host_bus.c.
 *
 * The host libc provides printf, snprintf and the string functions, so
 * lib/printf.c and lib/string.c are not built here; kernel sources are
 * compiled with printf renamed to host_kernel_printf so that their
 * console output is captured like everything else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arch/host/host.h"
#include "lib/alloc.h"

int host_kernel_printf(const char *format, ...) __attribute__((format(printf, 1, 2)));
void console_write(const char *text, size_t length);
size_t strlcpy(char *dest, const char *src, size_t size);
/* host_bus.c: the wired lines forget their handlers. */
void host_wired_reset(void);

const char arch_name[] = "host";

/* Console capture. */

static char *console_buffer;
static size_t console_length, console_capacity, console_limit = 1u << 20;
static int console_fd = -1;

void host_console_setup(size_t limit, int fd)
{
	console_limit = limit ? limit : 1;
	console_fd = fd;
	host_console_clear();
}

void host_console_clear(void)
{
	console_length = 0;
	if (console_buffer)
		console_buffer[0] = '\0';
}

const char *host_console_text(size_t *length)
{
	if (length)
		*length = console_length;
	return console_buffer ? console_buffer : "";
}

static void write_all(int fd, const char *text, size_t length)
{
	while (length) {
		ssize_t n = write(fd, text, length);

		if (n <= 0)
			return;	/* the reader went away: nothing to tell it */
		text += n;
		length -= (size_t)n;
	}
}

/* Keeps the newest console_limit bytes: the end of a run says most. */
static void capture(const char *text, size_t length)
{
	if (length > console_limit) {
		text += length - console_limit;
		length = console_limit;
	}
	if (console_length + length > console_limit) {
		size_t drop = console_length + length - console_limit;

		memmove(console_buffer, console_buffer + drop, console_length - drop);
		console_length -= drop;
	}
	if (console_length + length + 1 > console_capacity) {
		size_t capacity = console_capacity ? console_capacity : 4096;
		char *grown;

		while (capacity < console_length + length + 1)
			capacity *= 2;
		grown = realloc(console_buffer, capacity);
		if (!grown)
			abort();
		console_buffer = grown;
		console_capacity = capacity;
	}
	memcpy(console_buffer + console_length, text, length);
	console_length += length;
	console_buffer[console_length] = '\0';
}

/* Whole lines, as the harness would read them (host actions). */
static void (*line_hook)(const char *line, size_t length, void *arg);
static void *line_hook_arg;
static char pending_line[4096];
static size_t pending_length;

void host_set_line_hook(void (*hook)(const char *line, size_t length, void *arg), void *arg)
{
	line_hook = hook;
	line_hook_arg = arg;
	pending_length = 0;
}

static void collect_lines(const char *text, size_t length)
{
	for (size_t i = 0; line_hook && i < length; i++) {
		if (text[i] != '\n') {
			if (pending_length < sizeof(pending_line))
				pending_line[pending_length++] = text[i];
			continue;
		}
		line_hook(pending_line, pending_length, line_hook_arg);
		pending_length = 0;
	}
}

void console_write(const char *text, size_t length)
{
	capture(text, length);
	if (console_fd >= 0)
		write_all(console_fd, text, length);
	collect_lines(text, length);
}

/*
 * Time and waiting. The clock is the machine's, not the wall clock: the
 * reference devices act only when the kernel waits (the wait hook steps
 * them), and a wall-clock deadline can pass while this process is not
 * even scheduled, before a device had its step. On a loaded host a host
 * action's answer, already on the input, then went unread within
 * vcts.host_timeout_ms (a skip where a fault must fail). With time that
 * passes only by waiting, every deadline is a fixed number of device
 * steps: the same verdicts on an idle and on a busy host.
 */

/*
 * One arch_wait_a_little. Small enough that a timeout gives the devices
 * thousands of steps (20 ms settle: 2000), large enough that waiting out
 * a whole timeout costs little real time.
 */
#define HOST_WAIT_US	10

static uint64_t now_us;

uint64_t arch_time_us(void)
{
	return now_us;
}

static void (*wait_hook)(void *arg);
static void *wait_hook_arg;

void host_set_wait_hook(void (*hook)(void *arg), void *arg)
{
	wait_hook = hook;
	wait_hook_arg = arg;
}

void arch_wait_a_little(void)
{
	if (wait_hook)
		wait_hook(wait_hook_arg);
	now_us += HOST_WAIT_US;
}

/* Console input: what host_console_input queued, read by arch_console_getc. */
static char input[8192];
static size_t input_head, input_tail;

void host_console_input(const char *text, size_t length)
{
	for (size_t i = 0; i < length && input_tail < sizeof(input); i++)
		input[input_tail++] = text[i];
}

int host_kernel_printf(const char *format, ...)
{
	char text[1024];
	va_list args;
	int n;

	va_start(args, format);
	n = vsnprintf(text, sizeof(text), format, args);
	va_end(args);
	if (n > 0)
		console_write(text, strnlen(text, sizeof(text)));
	return n;
}

void arch_console_putc(char c)
{
	console_write(&c, 1);
}

int arch_console_getc(uint32_t timeout_ms)
{
	if (input_head == input_tail) {
		input_head = input_tail = 0;
		/*
		 * Nobody else types on a host console: the wait is waited out
		 * at once, and the clock says so (a loop until a deadline ends).
		 */
		now_us += (uint64_t)timeout_ms * 1000u;
		return -1;
	}
	return (unsigned char)input[input_head++];
}

/* glibc before 2.38 has no strlcpy; lib/string.h promises one. */
size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t length = strlen(src);

	if (size) {
		size_t n = length < size - 1 ? length : size - 1;

		memcpy(dest, src, n);
		dest[n] = '\0';
	}
	return length;
}

/* Exit and the guard around kernel code. */

static jmp_buf exit_jump;
static volatile int exit_status;
static bool guarded;

int host_run_guarded(void (*function)(void *arg), void *arg)
{
	if (guarded)
		abort();
	guarded = true;
	if (setjmp(exit_jump)) {
		guarded = false;
		return exit_status;
	}
	function(arg);
	guarded = false;
	return HOST_RETURNED;
}

/* On the host the run ends by arch_exit's return to host_run_guarded. */
const char *arch_exit_prepare(const char *method)
{
	(void)method;
	return "host";
}

_Noreturn void arch_exit(int status)
{
	if (guarded) {
		exit_status = status;
		longjmp(exit_jump, 1);
	}
	/* Outside a guard an exit is a bug of the host program: make it loud. */
	fprintf(stderr, "vcts host: arch_exit(%d) outside host_run_guarded\n", status);
	abort();
}

/* Interrupts: handler calls, held back while "interrupts" are disabled. */

#define HOST_MSI_VECTORS	128
#define HOST_MSI_ADDRESS	0xfee00000u
#define HOST_INTX_HANDLERS	8

struct msi_vector {
	irq_handler_t handler;
	void *arg;
	bool pending;
};

struct intx_registration {
	intx_handler_t handler;
	void *arg;
};

static struct msi_vector msi_vectors[HOST_MSI_VECTORS];
static int msi_vectors_used;
static struct intx_registration intx_handlers[HOST_INTX_HANDLERS];
static uint32_t intx_unclaimed;
static bool irq_enabled;

void host_irq_reset(void)
{
	memset(msi_vectors, 0, sizeof(msi_vectors));
	msi_vectors_used = 0;
	memset(intx_handlers, 0, sizeof(intx_handlers));
	intx_unclaimed = 0;
	irq_enabled = false;
	host_wired_reset();
}

static void deliver_pending(void)
{
	for (int i = 0; i < msi_vectors_used && irq_enabled; i++) {
		if (msi_vectors[i].pending) {
			msi_vectors[i].pending = false;
			msi_vectors[i].handler(msi_vectors[i].arg);
		}
	}
}

void arch_irq_enable(void)
{
	irq_enabled = true;
	deliver_pending();
}

void arch_irq_disable(void)
{
	irq_enabled = false;
}

bool host_irq_enabled(void)
{
	return irq_enabled;
}

int arch_msi_vector_alloc(irq_handler_t handler, void *arg)
{
	if (msi_vectors_used == HOST_MSI_VECTORS)
		return -1;
	msi_vectors[msi_vectors_used] = (struct msi_vector){ handler, arg, false };
	return msi_vectors_used++;
}

void arch_msi_compose(int vector, uint64_t *address, uint32_t *data)
{
	*address = HOST_MSI_ADDRESS;
	*data = (uint32_t)vector;
}

void host_msi_signal(uint64_t address, uint32_t data)
{
	/* A write elsewhere is not an interrupt (a device with a bad table). */
	if (address != HOST_MSI_ADDRESS || data >= (uint32_t)msi_vectors_used)
		return;
	msi_vectors[data].pending = true;
	deliver_pending();
}

int arch_pci_intx_register(intx_handler_t handler, void *arg)
{
	for (int i = 0; i < HOST_INTX_HANDLERS; i++) {
		if (!intx_handlers[i].handler) {
			intx_handlers[i] = (struct intx_registration){ handler, arg };
			return 0;
		}
	}
	return -1;
}

void arch_pci_intx_unregister(intx_handler_t handler, void *arg)
{
	for (int i = 0; i < HOST_INTX_HANDLERS; i++) {
		if (intx_handlers[i].handler == handler && intx_handlers[i].arg == arg)
			intx_handlers[i] = (struct intx_registration){ NULL, NULL };
	}
}

uint32_t arch_pci_intx_unclaimed(void)
{
	return intx_unclaimed;
}

void host_intx_signal(void)
{
	bool claimed = false;

	if (!irq_enabled)
		return;	/* level-triggered: the device raises it again later */
	for (int i = 0; i < HOST_INTX_HANDLERS; i++) {
		if (intx_handlers[i].handler && intx_handlers[i].handler(intx_handlers[i].arg))
			claimed = true;
	}
	if (!claimed)
		intx_unclaimed++;
}

/* The heap: one arena, handed to lib/alloc.c. */

static uint8_t *heap;
static size_t heap_size;

/* Where the arena goes if that is free: 256 MiB, well below 4 GiB. */
#define HOST_HEAP_LOW_ADDRESS	0x10000000ul

static uint8_t *heap_map(size_t size)
{
	size_t rounded = (size + 4095) & ~(size_t)4095;
	void *low = mmap((void *)HOST_HEAP_LOW_ADDRESS, rounded, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (low != MAP_FAILED && low == (void *)HOST_HEAP_LOW_ADDRESS)
		return low;
	if (low != MAP_FAILED)
		munmap(low, rounded);	/* a kernel without MAP_FIXED_NOREPLACE put it elsewhere */
	return aligned_alloc(4096, rounded);
}

bool host_heap_setup(size_t size)
{
	if (!heap) {
		heap = heap_map(size);
		if (!heap)
			return false;
		heap_size = size;
	}
	if (size > heap_size)
		return false;
	alloc_init((uintptr_t)heap, (uintptr_t)heap + size);
	return true;
}

bool host_heap_holds(uint64_t address, uint64_t length)
{
	uint64_t start = (uintptr_t)heap;

	return heap && address >= start && length <= heap_size &&
	       address - start <= heap_size - length;
}
