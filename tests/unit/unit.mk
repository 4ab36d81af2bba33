# Host unit tests: one CUnit binary, $(BUILD)/unit-tests, built from
# tests/unit/*.c, the harness objects (all but main()) and the kernel files
# that are pure functions of their input (the ACPI readers of the exit, the
# x86 INTx routing).

UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(UNIT_SRCS))
UNIT_KERNEL_SRCS := guest-kernel/arch/x86_64/acpi_aml.c guest-kernel/arch/x86_64/acpi_tables.c \
	guest-kernel/arch/x86_64/acpi_madt.c guest-kernel/arch/x86_64/intx_routing.c
UNIT_KERNEL_OBJS := $(patsubst %.c,$(BUILD)/unit-kernel/%.o,$(UNIT_KERNEL_SRCS))
UNIT_LIBS := -lcunit -ljson-c

.PHONY: unit-tests

# The ACPI tests boot the x86_64 kernels under QEMU to dump its tables
# (tests/unit/acpi_dump.c): `make all` builds them first.
unit-tests: $(BUILD)/unit-tests
	VCTS_KERNEL=$(KERNEL_X86_64) VCTS_KERNEL_PVH=$(KERNEL_X86_64_PVH) $(BUILD)/unit-tests

$(BUILD)/unit-tests: $(UNIT_OBJS) $(UNIT_KERNEL_OBJS) $(HARNESS_LIB_OBJS)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $^ $(UNIT_LIBS)

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) $(HARNESS_CPPFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/unit-kernel/%.o: %.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c -o $@ $<

-include $(UNIT_OBJS:.o=.d) $(UNIT_KERNEL_OBJS:.o=.d)
