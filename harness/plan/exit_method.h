/*
 * How the test kernel ends its VM (docs/exits.md): the methods of each
 * arch, which of them carry the kernel's exit value into the hypervisor's
 * exit status, and the method of one configuration (--exit, else its
 * backend's default).
 */
#ifndef VCTS_EXIT_METHOD_H
#define VCTS_EXIT_METHOD_H

#include <stdbool.h>
#include <stddef.h>

struct options;
struct backend_arch;
struct boot_image;

/* Is @name a method of the kernel on @arch? */
bool exit_method_on_arch(const char *name, const char *arch);
/* Is @name a method on some arch? */
bool exit_method_known(const char *name);
/*
 * Does the hypervisor's exit status carry the kernel's exit value when
 * the VM ends by @name (debug-exit, semihosting)? Only then is the
 * status compared with the kernel's lines.
 */
bool exit_method_carries_status(const char *name);
/* "auto, debug-exit, acpi, reset, halt" (free() it). */
char *exit_method_names(const char *arch);

/*
 * The method of a configuration on @backend_arch's arch booting @image:
 * auto when the image takes no command line from the hypervisor (the ISO:
 * the kernel hears only its boot menu), else --exit's value for the arch
 * (METHOD or ARCH=METHOD, the last one wins), else the backend's default,
 * else auto.
 */
const char *exit_method_for(const struct options *opts,
			    const struct backend_arch *backend_arch,
			    const struct boot_image *image);

/*
 * --exit's values against --arch (and --boot-image: an ISO takes no
 * vcts.exit): 0, or -1 with one line in @err.
 */
int exit_method_check(const struct options *opts, char *err, size_t err_size);

#endif
