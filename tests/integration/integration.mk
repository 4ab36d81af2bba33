# End-to-end tests: the real harness boots the real kernel under QEMU and
# the results files are checked (CUnit). Each run writes under
# $(BUILD)/integration/<case>/.

INTEGRATION_BIN := $(BUILD)/integration-tests
INTEGRATION_SOURCES := $(wildcard tests/integration/*.c)

$(INTEGRATION_BIN): $(INTEGRATION_SOURCES)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(INTEGRATION_SOURCES) -o $@ -lcunit -ljson-c

# Every arch's kernels: `all` builds them (other-kernels); the ISO too (mk/iso.mk).
integration-tests: $(INTEGRATION_BIN) all iso
	VCTS=$(VCTS) VCTS_KERNEL=$(KERNEL_X86_64) VCTS_KERNEL_PVH=$(KERNEL_X86_64_PVH) \
		VCTS_KERNEL_AARCH64=$(KERNEL_AARCH64) VCTS_KERNEL_RISCV64=$(KERNEL_RISCV64) \
		VCTS_KERNEL_S390X=$(KERNEL_S390X) \
		VCTS_BZIMAGE=$(KERNEL_X86_64_BZIMAGE) VCTS_IMAGE_AARCH64=$(KERNEL_AARCH64_IMAGE) \
		VCTS_LINUX_LOADER=$(LINUX_LOADER_X86_64) \
		VCTS_WORK=$(BUILD)/integration $(INTEGRATION_BIN)
