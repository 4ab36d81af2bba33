/*
 * QEMU standing in for a hypervisor profile (vcts run --stand-in,
 * docs/hypervisors.md "Stand-ins"): QEMU boots the profile's boot image,
 * with firmware of the profile's family, its console routed the profile's
 * way, its devices on the profile's transports and interface
 * generations, so that everything but the hypervisor's own program runs
 * here. Results name QEMU (configuration `qemu-...-as-PROFILE`, the
 * QEMU version) and the profile (runs[].stand_in_for).
 */
#ifndef VCTS_STAND_IN_H
#define VCTS_STAND_IN_H

#include "hypervisors/backend.h"
#include "plan/config.h"

/* The QEMU backend that stands in for @profile (one per profile). */
const struct hypervisor_ops *stand_in_for(const struct hypervisor_ops *profile);
/* The profile @ops stands in for, or NULL when @ops is no stand-in. */
const struct hypervisor_ops *stand_in_profile(const struct hypervisor_ops *ops);

/*
 * The QEMU machine that stands in for @config's machine: VirtualBox's
 * piix3 and ich9 are pc and q35; otherwise microvm for x86_64 mmio, the
 * arch's first QEMU machine for the rest.
 */
const char *stand_in_machine(const struct vcts_config *config);
/* The same for a machine of @arch whose transports sit on @bus. */
const char *stand_in_machine_for(const char *arch, const char *machine, enum transport_bus bus);
/* Turn @config, planned for a profile, into its stand-in's configuration. */
void stand_in_config(struct vcts_config *config);

/*
 * The firmware QEMU runs for a profile of @family on @arch: the same
 * family, or qboot where the profile runs none on x86_64 (QEMU's x86
 * machines always run something first; qboot only hands over).
 */
const char *stand_in_firmware(const char *arch, enum firmware_family family);
/* The --firmware value of that choice: "default" (qboot, or none), "seabios", "ovmf". */
const char *stand_in_firmware_option(enum firmware_family family);

/* -serial's value for @route at @path (QEMU's chardev syntax; allocated). */
char *stand_in_serial(enum console_route route, const char *path);

#endif
