# End-to-end tests: the real harness boots the real kernel under QEMU and
# the results files are checked (CUnit). Each run writes under
# $(BUILD)/integration/<case>/.

INTEGRATION_BIN := $(BUILD)/integration-tests
INTEGRATION_SOURCES := $(wildcard tests/integration/*.c)

$(INTEGRATION_BIN): $(INTEGRATION_SOURCES)
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(INTEGRATION_SOURCES) -o $@ -lcunit -ljson-c

integration-tests: $(INTEGRATION_BIN) $(VCTS) $(KERNEL) $(KERNEL_PVH)
	VCTS=$(VCTS) VCTS_KERNEL=$(KERNEL) VCTS_KERNEL_PVH=$(KERNEL_PVH) \
		VCTS_WORK=$(BUILD)/integration $(INTEGRATION_BIN)
