/*
 * The test kernel: say hello, find the virtio devices, run every selected
 * test on every device it applies to, say goodbye through the exit status.
 */
#include "lib/kernel.h"
#include "lib/alloc.h"
#include "lib/cmdline.h"
#include "lib/printf.h"
#include "lib/report_line.h"
#include "lib/string.h"
#include "lib/test.h"
#include "pci/pci.h"
#include "transports/pci-modern/pci_modern.h"
#include "virtio/virtio.h"

#define MAX_PCI_FUNCTIONS	64
#define MAX_DEVICES		16

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

static void discover_pci_devices(void)
{
	int count = pci_scan(pci_functions, MAX_PCI_FUNCTIONS);

	for (int i = 0; i < count && device_count < MAX_DEVICES; i++) {
		struct pci_function *fn = &pci_functions[i];
		struct virtio_device *dev = &device_storage[device_count];
		const char *why;

		if (fn->vendor_id != 0x1af4)
			continue;
		why = pci_modern_probe(fn, dev);
		if (why) {
			printf("# pci %s %04x:%04x: not driven: %s\n", fn->location,
			       fn->vendor_id, fn->device_id, why);
			continue;
		}
		name_device(dev);
		devices[device_count++] = dev;
		announce_device(dev);
	}
}

_Noreturn void kernel_main(const struct boot_info *boot)
{
	options_parse(boot->cmdline);
	alloc_init(boot->heap_start, boot->heap_end);
	say_hello(boot);
	if (options.list) {
		test_list_all();
		arch_exit(0);
	}
	discover_pci_devices();
	arch_irq_enable();
	arch_exit(test_run_all(devices, device_count));
}
