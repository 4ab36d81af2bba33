/*
 * The child side of a run (ref_machine.h): reference devices instead of
 * a PCI scan, the kernel's command-line options and runner, and the
 * kernel's exit turned into the child's exit status.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arch/host/host.h"
#include "lib/cmdline.h"
#include "lib/test.h"
#include "tests/reference/ref_machine.h"

/* Rings, buffers and a 4 KiB-aligned page per test: a few MiB is plenty. */
#define REF_HEAP_BYTES		(16u << 20)
#define REF_CONSOLE_LIMIT	(4u << 20)
#define REF_DEFAULT_TIMEOUT_MS	200
#define REF_DEFAULT_TIME_LIMIT_S 60

void ref_machine_standard(struct ref_machine *machine)
{
	*machine = (struct ref_machine){
		.count = 7,
		.devices = {
			{ .type = &ref_rng_type },
			{ .type = &ref_blk_type },
			{ .type = &ref_blk_type, .options = { .read_only = true } },
			{ .type = &ref_console_type },
			{ .type = &ref_balloon_type },
			{ .type = &ref_scsi_type },
			{ .type = &ref_net_type },
		},
		.timeout_ms = REF_DEFAULT_TIMEOUT_MS,
		.time_limit_s = REF_DEFAULT_TIME_LIMIT_S,
	};
}

void ref_machine_on(struct ref_machine *machine, enum ref_transport transport)
{
	ref_machine_standard(machine);
	machine->transport = transport;
	if (ref_transport_is_legacy(transport))
		machine->count = 3;	/* rng0, blk0, blk1 (read-only) */
}

/* The kernel's rule (main.c): the type's name and its rank among devices of that type. */
void ref_machine_device_name(const struct ref_machine *machine, int index, char *name,
			     int size)
{
	int same_type = 0;

	for (int i = 0; i < index; i++) {
		if (machine->devices[i].type == machine->devices[index].type)
			same_type++;
	}
	snprintf(name, (size_t)size, "%s%d", machine->devices[index].type->name, same_type);
}

struct ref_options *ref_machine_options(struct ref_machine *machine, const char *name)
{
	char candidate[16];

	for (int i = 0; i < machine->count; i++) {
		ref_machine_device_name(machine, i, candidate, sizeof(candidate));
		if (!strcmp(candidate, name))
			return &machine->devices[i].options;
	}
	return NULL;
}

/* Every blk device of @machine with @block_size-byte blocks and @behaviour added. */
static void blk_blocks(struct ref_machine *machine, uint32_t block_size, unsigned int behaviour)
{
	for (int i = 0; i < machine->count; i++) {
		if (machine->devices[i].type == &ref_blk_type) {
			machine->devices[i].options.block_size = block_size;
			machine->devices[i].options.behaviour |= behaviour;
		}
	}
}

bool ref_machine_variant(struct ref_machine *machine, const char *name)
{
	if (!strcmp(name, "standard"))
		return true;
	if (!strcmp(name, "access-platform")) {
		for (int i = 0; i < machine->count; i++)
			machine->devices[i].options.access_platform = true;
		return true;
	}
	if (!strcmp(name, "blk-4096") || !strcmp(name, "blk-4096-sub-block")) {
		blk_blocks(machine, 4096, strcmp(name, "blk-4096") ?
					  REF_BEHAVIOUR_BLK_SERVES_SUB_BLOCK : 0);
		return true;
	}
	return false;
}

static struct ref_device devices[REF_MACHINE_MAX_DEVICES];
static struct virtio_device *kernel_devices[REF_MACHINE_MAX_DEVICES];
static int device_count, kernel_device_count;

/* arch_wait_a_little: every device takes one step. */
static void step_devices(void *arg)
{
	(void)arg;
	for (int i = 0; i < device_count; i++)
		ref_device_step(&devices[i]);
}

/* A request line of the kernel: the reference machine answers it (ref_host_actions.c). */
static void answer_request(const char *line, size_t length, void *arg)
{
	(void)arg;
	ref_host_actions_answer(devices, device_count, line, length);
}

/* As kernel_main ends: the runner's status through arch_exit. */
static void run_registry(void *arg)
{
	(void)arg;
	arch_exit(test_run_all(kernel_devices, kernel_device_count));
}

_Noreturn void ref_machine_run_child(const struct ref_machine *machine, const char *filter,
				     int console_fd)
{
	char cmdline[700];
	int status;

	alarm(machine->time_limit_s ? machine->time_limit_s : REF_DEFAULT_TIME_LIMIT_S);
	host_irq_reset();
	host_console_setup(REF_CONSOLE_LIMIT, console_fd);
	if (!host_heap_setup(machine->heap_bytes ? machine->heap_bytes : REF_HEAP_BYTES))
		_exit(3);
	device_count = machine->count < REF_MACHINE_MAX_DEVICES ? machine->count :
								    REF_MACHINE_MAX_DEVICES;
	for (int i = 0; i < device_count; i++) {
		char name[16];

		ref_machine_device_name(machine, i, name, sizeof(name));
		ref_device_init(&devices[i], machine->devices[i].type, name,
				&machine->devices[i].options);
	}
	/*
	 * Host actions are answered as the kernel writes the request
	 * (ref_host_actions.c), so the answer waits on the input at once.
	 */
	snprintf(cmdline, sizeof(cmdline),
		 "vcts.transport=%s vcts.mode=%s vcts.timeout_ms=%u vcts.host_timeout_ms=1%s%s",
		 ref_transport_name(machine->transport),
		 ref_transport_is_legacy(machine->transport) ? "legacy" : "modern",
		 machine->timeout_ms ? machine->timeout_ms : REF_DEFAULT_TIMEOUT_MS,
		 filter && *filter ? " vcts.filter=" : "", filter ? filter : "");
	options_parse(cmdline);
	/* The probes ask the options which interfaces they may drive. */
	kernel_device_count = ref_attach_devices(machine, devices, device_count, kernel_devices);
	host_set_wait_hook(step_devices, NULL);
	host_set_line_hook(answer_request, NULL);
	arch_irq_enable();
	status = host_run_guarded(run_registry, NULL);
	_exit(status == HOST_RETURNED ? 3 : status);
}
