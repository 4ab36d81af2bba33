/*
 * The interactive shell's commands (docs/interactive.md). Tests run
 * through the runner (test_run_selected), so their lines are those of a
 * run; the rest is text for a person, and a mistake is one `error:` line.
 */
#include "cmdline.h"
#include "printf.h"
#include "shell_commands.h"
#include "string.h"
#include "test.h"
#include "virtio/virtio.h"

/* More than kernel_main ever finds (MAX_DEVICES). */
#define SHELL_MAX_DEVICES 32

/* The devices whose names @glob matches, in discovery order. */
static int matching_devices(const struct shell_devices *found, const char *glob,
			    struct virtio_device **out)
{
	int count = 0;

	for (int i = 0; i < found->count && count < SHELL_MAX_DEVICES; i++)
		if (glob_match(glob, found->devices[i]->name))
			out[count++] = found->devices[i];
	if (!count)
		shell_error("no device matches '%s' (devices lists them)", glob);
	return count;
}

static enum shell_outcome help(const struct shell_devices *found, int argc, char **argv)
{
	(void)found, (void)argc, (void)argv;
	for (const struct shell_command *cmd = shell_commands; cmd->name; cmd++) {
		char usage[64];

		snprintf(usage, sizeof(usage), "%s %s", cmd->name, cmd->arguments);
		printf("  %-22s %s\n", usage, cmd->summary);
	}
	printf("GLOB: test ids with * and ?, comma-separated; DEVICE: a name (rng0) or a glob.\n"
	       "Line editing: backspace or DEL, Ctrl-U erases the line, Ctrl-C drops it, "
	       "Ctrl-D on an empty line exits.\n");
	return SHELL_GO_ON;
}

static enum shell_outcome list(const struct shell_devices *found, int argc, char **argv)
{
	const char *glob = argc > 1 ? argv[1] : "*";
	int listed;

	(void)found;
	listed = test_list(glob);
	if (listed)
		printf("list: %d test%s\n", listed, listed == 1 ? "" : "s");
	else
		shell_error("no test matches '%s'", glob);
	return SHELL_GO_ON;
}

static void show_features(const char *label, uint64_t features, bool known)
{
	if (known)
		printf("  %s=0x%llx", label, (unsigned long long)features);
	else
		printf("  %s=none", label);
}

/*
 * The offered features are read from the device now (selecting a feature
 * word is allowed in any status, 4.1.4.3); the negotiated ones are what
 * the last test on the device had when the runner reset it.
 */
static enum shell_outcome devices(const struct shell_devices *found, int argc, char **argv)
{
	(void)argc, (void)argv;
	if (!found->count) {
		printf("devices: none found\n");
		return SHELL_GO_ON;
	}
	for (int i = 0; i < found->count; i++) {
		struct virtio_device *dev = found->devices[i];

		printf("%-8s %-8s %-18s %-12s %-10s status=0x%02x", dev->name,
		       virtio_type_name(dev->device_type), dev->ops->name, dev->location,
		       dev->hardware_id, dev->ops->get_status(dev));
		show_features("offered", virtio_device_features(dev), true);
		show_features("negotiated", dev->last_features, dev->last_features != 0);
		printf("\n");
	}
	printf("devices: %d\n", found->count);
	return SHELL_GO_ON;
}

/*
 * Without DEVICE, as a run would: a test no device applies to is a skip on
 * "-". With it, only the pairs on those devices.
 */
static enum shell_outcome run(const struct shell_devices *found, int argc, char **argv)
{
	struct virtio_device *chosen[SHELL_MAX_DEVICES];
	const char *on = argc > 2 ? argv[2] : NULL;
	int count = found->count < SHELL_MAX_DEVICES ? found->count : SHELL_MAX_DEVICES;
	struct test_totals ran;
	uint32_t tests;

	if (on) {
		count = matching_devices(found, on, chosen);
		if (!count)
			return SHELL_GO_ON;
	} else {
		for (int i = 0; i < count; i++)
			chosen[i] = found->devices[i];
	}
	ran = test_run_selected(argv[1], chosen, count, on == NULL);
	tests = test_totals_count(&ran);
	if (!tests) {
		if (on)
			shell_error("no test matching '%s' applies to %s", argv[1], on);
		else
			shell_error("no test matches '%s' (list shows the ids)", argv[1]);
		return SHELL_GO_ON;
	}
	printf("run: %u test%s: %u pass, %u fail, %u skip, %u warn, %u note\n", tests,
	       tests == 1 ? "" : "s", ran.pass, ran.fail, ran.skip, ran.warn, ran.note);
	return SHELL_GO_ON;
}

/*
 * 2.4 Device Reset: the driver writes 0 to device status and, for a 1.x
 * device, considers the reset done once status reads 0 (2.4.2); the
 * runner's vcts.timeout_ms is how long that may take.
 */
static enum shell_outcome reset(const struct shell_devices *found, int argc, char **argv)
{
	struct virtio_device *chosen[SHELL_MAX_DEVICES];
	int count = matching_devices(found, argv[1], chosen);

	(void)argc;
	for (int i = 0; i < count; i++) {
		struct virtio_device *dev = chosen[i];
		bool done = virtio_reset(dev, options.timeout_ms);
		uint8_t status = dev->ops->get_status(dev);

		if (dev->ops->irq_teardown)
			dev->ops->irq_teardown(dev);
		if (done)
			printf("reset %s: status reads 0x%02x\n", dev->name, status);
		else
			printf("reset %s: status still reads 0x%02x after %u ms "
			       "(2.4.2: it should read 0)\n", dev->name, status, options.timeout_ms);
	}
	return SHELL_GO_ON;
}

static enum shell_outcome leave(const struct shell_devices *found, int argc, char **argv)
{
	(void)found, (void)argc, (void)argv;
	return SHELL_EXIT;
}

const struct shell_command shell_commands[] = {
	{ "help", "", "these lines", 0, 0, help },
	{ "list", "[GLOB]", "the tests (list lines, as vcts.list prints them)", 0, 1, list },
	{ "devices", "", "the devices found: transport, location, status, features",
	  0, 0, devices },
	{ "run", "GLOB [DEVICE]", "run the tests on the devices, with their result lines",
	  1, 2, run },
	{ "reset", "DEVICE", "reset the device (status 0) and read its status back", 1, 1,
	  reset },
	{ "exit", "", "print the summary line and end the run", 0, 0, leave },
	{ NULL, NULL, NULL, 0, 0, NULL },
};
