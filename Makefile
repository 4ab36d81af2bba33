# vcts: top-level build. See README.md for the two commands that matter.
#
#   make             build the harness (build/vcts) and the test kernels: x86_64
#                    (multiboot and PVH), aarch64, riscv64 and s390x
#   make check       host unit tests, reference-device tests and their mutation
#                    score, a short fuzz run, QEMU
#                    integration runs, the console scripts with expect
#                    (installs deps if missing)
#   make fuzz        the ring fuzzer for FUZZ_TIME seconds (tests/fuzz/fuzz.mk)
#   make check-qemu  every transport on x86_64, aarch64, riscv64 and s390x QEMU, reports in
#                    reports/latest/
#   make check-qemu-versions  the same on QEMU 7.2 and 10.0, reports/latest/versions.md
#   make check-options  every device property of tests/options/variants.txt, on both QEMUs
#   make deps        install what is missing (apt-get, idempotent)
#   make bench       boot-to-exit times (median of 10) under TCG and, if usable, KVM

BUILD       ?= build
ARCH        ?= x86_64
HOST_CC     ?= cc
HOST_CFLAGS ?= -std=c11 -Wall -Wextra -Werror -O2 -g -D_DEFAULT_SOURCE -D_GNU_SOURCE
VCTS        := $(BUILD)/vcts
KERNEL      := $(BUILD)/$(ARCH)/vcts-kernel.elf
# Every arch's images, whatever ARCH this make builds its objects for.
KERNEL_X86_64     := $(BUILD)/x86_64/vcts-kernel.elf
KERNEL_X86_64_PVH := $(BUILD)/x86_64/vcts-kernel-pvh.elf
KERNEL_AARCH64    := $(BUILD)/aarch64/vcts-kernel.elf
KERNEL_RISCV64    := $(BUILD)/riscv64/vcts-kernel.elf
KERNEL_S390X      := $(BUILD)/s390x/vcts-kernel.elf
# The Linux boot protocol images (docs/boot-images.md)
KERNEL_X86_64_BZIMAGE := $(BUILD)/x86_64/vcts-bzImage
KERNEL_AARCH64_IMAGE  := $(BUILD)/aarch64/vcts-Image
# The integration tests' stand-in Linux boot protocol loader (tests/boot/)
LINUX_LOADER_X86_64 := $(BUILD)/x86_64/linux-loader.elf
BASELINES   := reports/baselines/qemu-7.2-x86_64.json reports/baselines/qemu-7.2-aarch64.json \
	reports/baselines/qemu-7.2-riscv64.json reports/baselines/qemu-7.2-s390x.json

.PHONY: all check check-qemu check-qemu-versions check-options option-sweep-doc deps clean unit-tests integration-tests bench report coverage \
	other-kernels

# The first rule is the default one.
all:

include mk/deps.mk
include harness/harness.mk
include guest-kernel/kernel.mk
include tests/unit/unit.mk
include tests/integration/integration.mk
include tests/expect/expect.mk
include tests/reference/reference.mk
include tests/fuzz/fuzz.mk
include tests/report/report.mk
include mk/iso.mk

all: $(VCTS) $(KERNEL) $(KERNEL_PVH) $(KERNEL_LINUX_IMAGE) $(LINUX_LOADER) other-kernels

# kernel.mk builds the kernel of one ARCH; each other arch's is a make of its own.
other-kernels:
ifneq ($(ARCH),aarch64)
	@$(MAKE) --no-print-directory ARCH=aarch64 $(KERNEL_AARCH64) $(KERNEL_AARCH64_IMAGE)
endif
ifneq ($(ARCH),s390x)
	@$(MAKE) --no-print-directory ARCH=s390x $(KERNEL_S390X)
endif
ifneq ($(ARCH),x86_64)
	@$(MAKE) --no-print-directory ARCH=x86_64 $(KERNEL_X86_64) $(KERNEL_X86_64_PVH) \
		$(KERNEL_X86_64_BZIMAGE) $(LINUX_LOADER_X86_64)
endif
ifneq ($(ARCH),riscv64)
	@$(MAKE) --no-print-directory ARCH=riscv64 $(KERNEL_RISCV64)
endif

check: deps-check
	$(MAKE) all
	$(MAKE) unit-tests
	$(MAKE) reference-tests
	$(MAKE) mutation-score
	$(MAKE) fuzz-smoke
	$(MAKE) integration-tests
	$(MAKE) expect-tests
	$(MAKE) report-tests

# The default matrix: every transport of every arch, every device type.
# Each arch's baseline judges its own results (run: --baseline auto;
# compare: one baseline per arch).
RUN_MATRIX = $(VCTS) run --arch all --transport all --kernel x86_64=$(KERNEL_X86_64) \
	--kernel aarch64=$(KERNEL_AARCH64) --kernel riscv64=$(KERNEL_RISCV64) \
	--kernel s390x=$(KERNEL_S390X) \
	--kernel-pvh $(KERNEL_X86_64_PVH) --baseline auto

check-qemu: deps-check
	$(MAKE) all
	$(RUN_MATRIX) --output reports/latest; \
	status=$$?; [ $$status -le 1 ] || exit $$status; \
	$(VCTS) compare $(BASELINES) reports/latest/results.json \
		--output reports/latest/regressions.md

# The same matrix on every QEMU installation `make deps` provides (the
# system's and QEMU 10.0 under $(BUILD)/qemu-10.0, docs/qemu-versions.md),
# each judged by its own baselines; versions.md is where they differ. Both
# runs go to the end before a failure of either stops the target.
QEMU_10_BIN := $(BUILD)/qemu-10.0/usr/bin
check-qemu-versions: deps-check
	$(MAKE) all
	$(RUN_MATRIX) --output reports/latest/qemu-system; first=$$?; \
	$(RUN_MATRIX) --output reports/latest/qemu-10.0 \
		--qemu x86_64=$(QEMU_10_BIN)/qemu-system-x86_64 \
		--qemu aarch64=$(QEMU_10_BIN)/qemu-system-aarch64; second=$$?; \
	$(VCTS) compare reports/latest/qemu-system/results.json \
		reports/latest/qemu-10.0/results.json --output reports/latest/versions.md; \
	compared=$$?; [ $$compared -le 1 ] || exit $$compared; \
	[ $$first -eq 0 ] && [ $$second -eq 0 ]

# The device-property sweep (tests/options/variants.txt): each variant on
# the system QEMU and on QEMU 10.0, judged by their baselines; tables in
# reports/latest/options-qemu-system/ and options-qemu-10.0/.
check-options: deps-check
	$(MAKE) all
	sh tests/options/sweep.sh $(VCTS) reports/latest/options-qemu-system \
		--kernel x86_64=$(KERNEL_X86_64) --kernel-pvh $(KERNEL_X86_64_PVH); first=$$?; \
	sh tests/options/sweep.sh $(VCTS) reports/latest/options-qemu-10.0 \
		--kernel x86_64=$(KERNEL_X86_64) --kernel-pvh $(KERNEL_X86_64_PVH) \
		--qemu x86_64=$(QEMU_10_BIN)/qemu-system-x86_64; second=$$?; \
	[ $$first -eq 0 ] && [ $$second -eq 0 ]

# docs/option-sweep.md: the variants the sweep runs, from their list.
option-sweep-doc:
	sh tests/options/describe.sh tests/options/variants.txt >docs/option-sweep.md

# Rewrites every report format from reports/latest/results.json.
report: $(VCTS)
	$(VCTS) report --output reports/latest

# Regenerates docs/coverage.md from the test registry and the latest run.
coverage: all
	$(VCTS) coverage --arch $(ARCH) --kernel $(KERNEL) $(if $(wildcard reports/latest/results.json),--results reports/latest/results.json) --output docs/coverage.md

bench: all
	sh tests/bench/boot_time.sh $(VCTS) $(KERNEL)
	sh tests/bench/boot_time.sh $(VCTS) $(KERNEL_S390X) s390x

clean:
	rm -rf $(BUILD)
