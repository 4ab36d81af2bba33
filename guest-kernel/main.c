/*
 * The test kernel: say hello, find the virtio devices, run every selected
 * test on every device it applies to (or what a person asks for at the
 * interactive shell), say `done` and end the VM (docs/exits.md).
 */
#include "lib/kernel.h"
#include "lib/alloc.h"
#include "lib/cmdline.h"
#include "lib/cmdline_ask.h"
#include "lib/printf.h"
#include "lib/report_line.h"
#include "lib/shell.h"
#include "lib/string.h"
#include "lib/test.h"
#include "pci/pci.h"
#include "transports/ccw/ccw.h"
#include "transports/mmio/mmio.h"
#include "transports/pci-common/virtio_pci.h"
#include "transports/pci-legacy/pci_legacy.h"
#include "transports/pci-modern/pci_modern.h"
#include "virtio/virtio.h"

#define MAX_PCI_FUNCTIONS	64
#define MAX_DEVICES		16
#define MAX_MMIO_WINDOWS	32

static struct pci_function pci_functions[MAX_PCI_FUNCTIONS];
static struct virtio_device device_storage[MAX_DEVICES];
static struct virtio_device *devices[MAX_DEVICES];
static int device_count;

static void say_hello(const struct boot_info *boot)
{
	struct report_line line;

	line_begin(&line, "hello");
	line_add(&line, "proto", "1");
	line_add(&line, "kernel", VCTS_KERNEL_VERSION);
	line_add(&line, "arch", arch_name);
	line_add(&line, "boot", boot->protocol);
	line_add(&line, "cmdline", boot->cmdline);
	line_emit(&line);
}

/* What the kernel will do, as it understood its command line. */
static void say_config(void)
{
	struct report_line line;

	line_begin(&line, "config");
	line_add(&line, "transport", options.transport[0] ? options.transport : "pci-modern");
	line_add(&line, "mode", options.mode);
	line_add_u64(&line, "seed", options.seed);
	line_add(&line, "filter", options.filter[0] ? options.filter : "*");
	line_emit(&line);
}

static void announce_device(const struct virtio_device *dev)
{
	struct report_line line;

	line_begin(&line, "device");
	line_add(&line, "name", dev->name);
	line_add(&line, "type", virtio_type_name(dev->device_type));
	line_add(&line, "transport", dev->ops->name);
	line_add(&line, "location", dev->location);
	line_add(&line, "id", dev->hardware_id);
	line_emit(&line);
}

/* blk0, blk1, rng0...: by type, in discovery order. */
static void name_device(struct virtio_device *dev)
{
	int same_type = 0;

	for (int i = 0; i < device_count; i++) {
		if (devices[i]->device_type == dev->device_type)
			same_type++;
	}
	snprintf(dev->name, sizeof(dev->name), "%s%d",
		 virtio_type_name(dev->device_type), same_type);
}

/*
 * The interfaces a PCI function can be driven through, in the order the
 * mode prefers: a transitional device has both, others one.
 */
static const char *probe_pci_function(struct pci_function *fn, struct virtio_device *dev)
{
	const char *why_modern = "1.x interface not allowed by vcts.mode";
	const char *why_legacy = "legacy interface not allowed by vcts.mode";
	bool legacy_first = options_prefer_legacy();

	if (legacy_first && options_allow_legacy()) {
		why_legacy = pci_legacy_probe(fn, dev);
		if (!why_legacy)
			return NULL;
	}
	if (options_allow_modern()) {
		why_modern = pci_modern_probe(fn, dev);
		if (!why_modern)
			return NULL;
	}
	if (!legacy_first && options_allow_legacy()) {
		why_legacy = pci_legacy_probe(fn, dev);
		if (!why_legacy)
			return NULL;
	}
	return legacy_first ? why_legacy : why_modern;
}

static void add_device(struct virtio_device *dev)
{
	name_device(dev);
	devices[device_count++] = dev;
	announce_device(dev);
}

/* Returns whether a PCI host bridge (class 06 00) exists. */
static bool discover_pci_devices(void)
{
	int count = pci_scan(pci_functions, MAX_PCI_FUNCTIONS);
	bool host_bridge = false;

	for (int i = 0; i < count; i++) {
		struct pci_function *fn = &pci_functions[i];
		const char *why;

		if ((fn->class_code >> 8) == 0x0600)
			host_bridge = true;
		if (!virtio_pci_is_virtio(fn) || device_count == MAX_DEVICES)
			continue;
		why = probe_pci_function(fn, &device_storage[device_count]);
		if (why)
			printf("# pci %s %04x:%04x: not driven: %s\n", fn->location,
			       fn->vendor_id, fn->device_id, why);
		else
			add_device(&device_storage[device_count]);
	}
	return host_bridge;
}

/*
 * virtio-mmio transports: those the command line names, else the ones
 * the architecture knows of: always when the platform describes them
 * (device tree), only on a machine without PCI when they are guesses.
 */
static void discover_mmio_devices(const char *cmdline, bool pci_present)
{
	struct mmio_window windows[MAX_MMIO_WINDOWS];
	int count = options_mmio_windows(cmdline, windows, MAX_MMIO_WINDOWS);

	if (!count && (!pci_present || ARCH_MMIO_WINDOWS_DESCRIBED))
		count = arch_mmio_default_windows(windows, MAX_MMIO_WINDOWS);
	for (int i = 0; i < count && device_count < MAX_DEVICES; i++) {
		const char *why = mmio_probe(&windows[i], &device_storage[device_count]);

		if (!why)
			add_device(&device_storage[device_count]);
		else if (*why)
			printf("# mmio %#llx: not driven: %s\n",
			       (unsigned long long)windows[i].base, why);
	}
}

/*
 * virtio-ccw devices on the channel subsystem (s390x; elsewhere the scan
 * finds no subchannel at once), in subchannel order.
 */
static void discover_ccw_devices(void)
{
	int first = device_count;
	int found = ccw_discover(&device_storage[first], MAX_DEVICES - first);

	for (int i = 0; i < found; i++)
		add_device(&device_storage[first + i]);
}

_Noreturn void kernel_main(const struct boot_info *boot)
{
	const char *cmdline = boot->cmdline;

	options_parse(cmdline);
	alloc_init(boot->heap_start, boot->heap_end);
	say_hello(boot);
	/* The rest of the command line, with the exit method, may come from the harness. */
	if (options.cmdline_ask) {
		cmdline = cmdline_ask(cmdline);
		options_parse(cmdline);
	}
	/* Before any test: the tables are as the firmware left them. */
	arch_exit_prepare(options.exit);
	say_config();
	if (options.list) {
		test_list_all();
		test_end_run(0);
	}
	if (!options_mode_valid())
		test_fatal("unknown vcts.mode=%s (modern, legacy, prefer-modern, prefer-legacy)",
			   options.mode);
	discover_mmio_devices(cmdline, discover_pci_devices());
	discover_ccw_devices();
	arch_irq_enable();
	/* vcts.interactive: a person picks the tests (docs/interactive.md). */
	test_end_run(options.interactive ? shell_session(devices, device_count) :
					   test_run_all(devices, device_count));
}
