/*
 * Choosing the accelerator: KVM only where it is really faster than TCG.
 */
#ifndef VCTS_ACCEL_H
#define VCTS_ACCEL_H

#include <stdbool.h>


enum accel_request {
	ACCEL_AUTO,
	ACCEL_KVM,
	ACCEL_TCG,
};

const char *accel_request_name(enum accel_request accel);

/* What the host offers; filled by kvm_probe_host(), or by hand in tests. */
struct kvm_probe {
	bool device_exists;	/* /dev/kvm is there */
	int open_errno;		/* 0 when it opened read-write */
	int api_version;	/* KVM_GET_API_VERSION, or -1 */
	const char *cpu_virt_flag;	/* "vmx", "svm" or NULL (cpuinfo) */
	const char *host_arch;	/* uname -m: "x86_64", "aarch64" */
};

struct accel_choice {
	const char *name;	/* "kvm" or "tcg" */
	char reason[256];
};

void kvm_probe_host(struct kvm_probe *probe);

/*
 * Decide for @request and a guest of @guest_arch. Returns -1 when KVM was
 * asked for and cannot be used; @choice->reason then says why. KVM runs
 * only guests of the host's own arch.
 */
int accel_choose(enum accel_request request, const char *guest_arch,
		 const struct kvm_probe *probe, struct accel_choice *choice);

#endif
