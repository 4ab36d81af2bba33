# vcts: top-level build. See README.md for the two commands that matter.
#
#   make            build the harness (build/vcts) and the x86_64 test kernel
#   make check      host unit tests + QEMU smoke runs (installs deps if missing)
#   make check-qemu the default QEMU matrix, reports in reports/latest/
#   make deps       install what is missing (apt-get, idempotent)

BUILD      ?= build
ARCH       ?= x86_64
HOST_CC    ?= cc
HOST_CFLAGS ?= -std=c11 -Wall -Wextra -Werror -O2 -g -D_DEFAULT_SOURCE -D_GNU_SOURCE
VCTS       := $(BUILD)/vcts
KERNEL     := $(BUILD)/$(ARCH)/vcts-kernel.elf

.PHONY: all check check-qemu deps clean unit-tests integration-tests

all: $(VCTS) $(KERNEL)

include mk/deps.mk
include harness/harness.mk
include guest-kernel/kernel.mk
include tests/unit/unit.mk
include tests/integration/integration.mk

check: deps-check all unit-tests integration-tests

check-qemu: deps-check all
	$(VCTS) run --kernel $(KERNEL) --output reports/latest

clean:
	rm -rf $(BUILD)
