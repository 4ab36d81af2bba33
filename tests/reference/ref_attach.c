/*
 * The reference machine's buses: each device behind the machine's
 * transport, and the kernel's own discovery of them (what main.c does
 * on a real machine): a PCI scan that sizes and places the BARs and the
 * pci-modern or pci-legacy probe of each function, or the virtio-mmio
 * probe of each platform window. From then on the kernel's tests drive
 * the devices through transports/, register by register.
 */
#include <stdio.h>
#include <string.h>

#include "arch/host/host.h"
#include "pci/pci.h"
#include "tests/reference/ref_ccw.h"
#include "tests/reference/ref_machine.h"
#include "tests/reference/ref_mmio.h"
#include "tests/reference/ref_pci.h"
#include "transports/ccw/ccw.h"
#include "transports/mmio/mmio.h"
#include "transports/pci-legacy/pci_legacy.h"
#include "transports/pci-modern/pci_modern.h"

static const char *const transport_names[REF_TRANSPORT_COUNT] = {
	[REF_TRANSPORT_REFERENCE] = "reference",
	[REF_TRANSPORT_PCI_MODERN] = "pci-modern",
	[REF_TRANSPORT_PCI_LEGACY] = "pci-legacy",
	[REF_TRANSPORT_MMIO_V2] = "mmio-v2",
	[REF_TRANSPORT_MMIO_V1] = "mmio-v1",
	[REF_TRANSPORT_CCW_MODERN] = "ccw-modern",
	[REF_TRANSPORT_CCW_LEGACY] = "ccw-legacy",
};

const char *ref_transport_name(enum ref_transport transport)
{
	return (unsigned int)transport < REF_TRANSPORT_COUNT ? transport_names[transport] : "?";
}

bool ref_transport_is_legacy(enum ref_transport transport)
{
	return transport == REF_TRANSPORT_PCI_LEGACY || transport == REF_TRANSPORT_MMIO_V1 ||
	       transport == REF_TRANSPORT_CCW_LEGACY;
}

static struct ref_pci_function pci_models[REF_MACHINE_MAX_DEVICES];
static struct ref_mmio mmio_models[REF_MACHINE_MAX_DEVICES];
static struct ref_ccw ccw_models[REF_MACHINE_MAX_DEVICES];
static struct pci_function pci_functions[REF_MACHINE_MAX_DEVICES];
static struct virtio_device storage[REF_MACHINE_MAX_DEVICES];

/* The kernel's rule (main.c): the type's name and its rank among those found so far. */
static void name_found(struct virtio_device **found, int count)
{
	int same_type = 0;

	for (int i = 0; i < count; i++)
		same_type += found[i]->device_type == found[count]->device_type;
	snprintf(found[count]->name, sizeof(found[count]->name), "%s%d",
		 virtio_type_name(found[count]->device_type), same_type);
}

/* Device i in slot i + 1 of bus 0 (slot 0 is where a host bridge would be). */
static int attach_pci(const struct ref_machine *machine, struct ref_device *devices, int count,
		      struct virtio_device **found)
{
	bool legacy = machine->transport == REF_TRANSPORT_PCI_LEGACY;
	int functions, driven = 0;

	for (int i = 0; i < count; i++) {
		if (!ref_pci_create(&pci_models[i], &devices[i], (uint32_t)(i + 1) << 3, legacy))
			return 0;
	}
	functions = pci_scan(pci_functions, REF_MACHINE_MAX_DEVICES);
	for (int i = 0; i < functions; i++) {
		const char *why = legacy ? pci_legacy_probe(&pci_functions[i], &storage[driven]) :
					   pci_modern_probe(&pci_functions[i], &storage[driven]);

		if (why) {
			host_kernel_printf("# pci %s: not driven: %s\n", pci_functions[i].location,
					   why);
			continue;
		}
		found[driven] = &storage[driven];
		name_found(found, driven++);
	}
	return driven;
}

/* One 0x200-byte window per device after the PCI window, each with a line of its own. */
static int attach_mmio(const struct ref_machine *machine, struct ref_device *devices, int count,
		       struct virtio_device **found)
{
	uint32_t version = machine->transport == REF_TRANSPORT_MMIO_V1 ? 1 : 2;
	int driven = 0;

	for (int i = 0; i < count; i++) {
		struct mmio_window window = {
			.base = HOST_PLATFORM_WINDOWS + (uint64_t)i * REF_MMIO_WINDOW_SIZE,
			.size = REF_MMIO_WINDOW_SIZE, .irq = HOST_FIRST_WIRED_IRQ + (uint32_t)i,
		};
		const char *why;

		if (!ref_mmio_create(&mmio_models[i], &devices[i], window.base, window.irq,
				     version))
			return 0;
		why = mmio_probe(&window, &storage[driven]);
		if (why) {
			host_kernel_printf("# mmio %#llx: not driven: %s\n",
					   (unsigned long long)window.base, why);
			continue;
		}
		found[driven] = &storage[driven];
		name_found(found, driven++);
	}
	return driven;
}

/*
 * Device i on subchannel i with device number i + 1, revision 2 (0 on the
 * legacy machine); the kernel's discovery of them (ccw_discover).
 */
static int attach_ccw(const struct ref_machine *machine, struct ref_device *devices, int count,
		      struct virtio_device **found)
{
	bool legacy = machine->transport == REF_TRANSPORT_CCW_LEGACY;
	int driven;

	for (int i = 0; i < count; i++) {
		if (!ref_ccw_create(&ccw_models[i], &devices[i], (uint16_t)i, (uint16_t)(i + 1),
				    legacy))
			return 0;
	}
	driven = ccw_discover(storage, count);
	for (int i = 0; i < driven; i++) {
		found[i] = &storage[i];
		name_found(found, i);
	}
	return driven;
}

int ref_attach_devices(const struct ref_machine *machine, struct ref_device *devices, int count,
		       struct virtio_device **found)
{
	if (machine->transport == REF_TRANSPORT_CCW_MODERN ||
	    machine->transport == REF_TRANSPORT_CCW_LEGACY) {
		for (int i = 0; i < count; i++)
			devices[i].legacy = ref_transport_is_legacy(machine->transport);
		return attach_ccw(machine, devices, count, found);
	}

	if (machine->transport == REF_TRANSPORT_REFERENCE) {
		for (int i = 0; i < count; i++)
			found[i] = &devices[i].vdev;
		return count;
	}
	if (!host_register_space_setup()) {
		host_kernel_printf("# the host register space at %#x is taken: no transport\n",
		       HOST_REGISTER_SPACE);
		return 0;
	}
	for (int i = 0; i < count; i++)
		devices[i].legacy = ref_transport_is_legacy(machine->transport);
	if (machine->transport == REF_TRANSPORT_PCI_MODERN ||
	    machine->transport == REF_TRANSPORT_PCI_LEGACY)
		return attach_pci(machine, devices, count, found);
	return attach_mmio(machine, devices, count, found);
}
