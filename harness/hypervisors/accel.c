/*
 * KVM or TCG. A /dev/kvm that works is not enough: a software-nested KVM
 * (no vmx/svm in the CPU flags, e.g. the kvm_pvm module) ran guest code
 * about 700 times slower than TCG on this project's machines, so "auto"
 * takes KVM on x86 only with hardware virtualization. On an aarch64 host
 * a usable /dev/kvm is taken as the real thing. A guest of another arch
 * than the host's always gets TCG.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "hypervisors/accel.h"

#define KVM_GET_API_VERSION_IOCTL 0xAE00
#define KVM_EXPECTED_API_VERSION 12

/* "vmx" or "svm" if a flags line of /proc/cpuinfo has it as a word. */
static const char *cpu_virtualization_flag(void)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	const char *found = NULL;
	char line[8192];

	if (!f)
		return NULL;
	while (!found && fgets(line, sizeof(line), f)) {
		char *save = NULL;

		if (strncmp(line, "flags", 5))
			continue;
		for (char *word = strtok_r(line, " \t\n:", &save); word;
		     word = strtok_r(NULL, " \t\n:", &save)) {
			if (!strcmp(word, "vmx"))
				found = "vmx";
			else if (!strcmp(word, "svm"))
				found = "svm";
		}
	}
	fclose(f);
	return found;
}

static const char *host_arch(void)
{
	static struct utsname name;

	if (uname(&name))
		return "unknown";
	return name.machine;
}

void kvm_probe_host(struct kvm_probe *probe)
{
	int fd;

	probe->device_exists = access("/dev/kvm", F_OK) == 0;
	probe->open_errno = 0;
	probe->api_version = -1;
	probe->cpu_virt_flag = cpu_virtualization_flag();
	probe->host_arch = host_arch();
	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		probe->open_errno = errno;
		return;
	}
	probe->api_version = ioctl(fd, KVM_GET_API_VERSION_IOCTL, 0);
	close(fd);
}

/* Why KVM cannot be used at all, or NULL when it can. */
static const char *kvm_unusable_reason(const char *guest_arch,
				       const struct kvm_probe *probe,
				       char *buf, size_t size)
{
	if (probe->host_arch && strcmp(probe->host_arch, guest_arch)) {
		snprintf(buf, size, "the guest is %s, the host %s: KVM runs the host's arch only",
			 guest_arch, probe->host_arch);
		return buf;
	}
	if (!probe->device_exists)
		return "/dev/kvm does not exist";
	if (probe->open_errno) {
		snprintf(buf, size, "/dev/kvm: %s", strerror(probe->open_errno));
		return buf;
	}
	if (probe->api_version != KVM_EXPECTED_API_VERSION) {
		snprintf(buf, size, "/dev/kvm reports API version %d, not %d",
			 probe->api_version, KVM_EXPECTED_API_VERSION);
		return buf;
	}
	return NULL;
}

/* Hardware virtualization: vmx/svm on x86; an aarch64 host's KVM is taken as such. */
static const char *hardware_virtualization(const struct kvm_probe *probe)
{
	if (probe->cpu_virt_flag)
		return probe->cpu_virt_flag;
	if (probe->host_arch && !strcmp(probe->host_arch, "aarch64"))
		return "aarch64";
	return NULL;
}

int accel_choose(enum accel_request request, const char *guest_arch,
		 const struct kvm_probe *probe, struct accel_choice *choice)
{
	char buf[200];
	const char *unusable = kvm_unusable_reason(guest_arch, probe, buf, sizeof(buf));
	const char *hardware = hardware_virtualization(probe);

	switch (request) {
	case ACCEL_TCG:
		choice->name = "tcg";
		snprintf(choice->reason, sizeof(choice->reason), "--accel tcg");
		return 0;
	case ACCEL_KVM:
		choice->name = "kvm";
		if (unusable) {
			snprintf(choice->reason, sizeof(choice->reason),
				 "--accel kvm, but KVM is not usable: %s", unusable);
			return -1;
		}
		snprintf(choice->reason, sizeof(choice->reason), "--accel kvm%s",
			 hardware ? "" :
			 "; the CPU has no vmx/svm, so this software-nested KVM may be much slower than TCG");
		return 0;
	case ACCEL_AUTO:
		break;
	}
	choice->name = "tcg";
	if (unusable) {
		snprintf(choice->reason, sizeof(choice->reason), "%s", unusable);
	} else if (!hardware) {
		snprintf(choice->reason, sizeof(choice->reason),
			 "/dev/kvm usable but the CPU has no vmx/svm: software-nested KVM is slower than TCG; --accel kvm forces it");
	} else {
		choice->name = "kvm";
		if (probe->cpu_virt_flag)
			snprintf(choice->reason, sizeof(choice->reason),
				 "/dev/kvm usable and the CPU has %s", probe->cpu_virt_flag);
		else
			snprintf(choice->reason, sizeof(choice->reason),
				 "/dev/kvm usable on an %s host", hardware);
	}
	return 0;
}

const char *accel_request_name(enum accel_request accel)
{
	switch (accel) {
	case ACCEL_KVM:
		return "kvm";
	case ACCEL_TCG:
		return "tcg";
	default:
		return "auto";
	}
}
