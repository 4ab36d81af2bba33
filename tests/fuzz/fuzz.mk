# The ring fuzzer (tests/fuzz/fuzz_rings.c): the kernel's virtqueue code
# against a reference device driven by the fuzz input, built with clang's
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   make fuzz                 run for FUZZ_TIME seconds (default 60)
#   make fuzz-smoke           a short run (FUZZ_SMOKE_TIME, default 10 s): part of make check;
#                             (FUZZ_SMOKE_EXCLUDE can leave device behaviours out, e.g. one
#                             that triggers an open kernel finding; none today)
#
# The corpus grows in $(BUILD)/fuzz/corpus, crashes land in $(BUILD)/fuzz/
# (crash-*, timeout-*); tests/fuzz/seeds holds a few hand-made inputs.

FUZZ_CC         ?= clang
FUZZ_BUILD      := $(BUILD)/fuzz
FUZZ_TIME       ?= 60
FUZZ_SMOKE_TIME ?= 10
FUZZ_SMOKE_EXCLUDE ?=
FUZZ_SANITIZE   := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS     := -std=c11 -Wall -Wextra -Werror -O1 -g -D_DEFAULT_SOURCE -D_GNU_SOURCE \
	$(FUZZ_SANITIZE) -fsanitize=fuzzer-no-link -fno-omit-frame-pointer \
	-I guest-kernel -I guest-kernel/arch/host -I . -iquote harness
FUZZER          := $(FUZZ_BUILD)/fuzz-rings
# -timeout: an input that runs longer is a hang; the kernel's waits are bounded.
FUZZ_FLAGS      := -timeout=10 -rss_limit_mb=2048 -artifact_prefix=$(FUZZ_BUILD)/ -print_final_stats=1

# The kernel code under test, and the reference device that drives it.
# lib/alloc.c is replaced by fuzz_alloc.c: a malloc per allocation, redzones between them.
FUZZ_KERNEL_SRCS := $(wildcard guest-kernel/virtio/*.c)
FUZZ_HOST_SRCS := guest-kernel/arch/host/host.c guest-kernel/arch/host/host_bus.c \
	$(addprefix tests/reference/,ref_device.c ref_registers.c ref_transport.c ref_queue.c ref_split.c \
		ref_packed.c ref_rng.c ref_blk.c) \
	harness/protocol/line_parser.c harness/util.c \
	tests/fuzz/fuzz_alloc.c tests/fuzz/fuzz_rings.c
FUZZ_KERNEL_OBJS := $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(FUZZ_KERNEL_SRCS))
FUZZ_HOST_OBJS := $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(FUZZ_HOST_SRCS))

.PHONY: fuzz fuzz-smoke

fuzz: $(FUZZER)
	@mkdir -p $(FUZZ_BUILD)/corpus
	$(FUZZER) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_TIME) $(FUZZ_BUILD)/corpus tests/fuzz/seeds

# Quiet unless it fails: libFuzzer reports every new input.
fuzz-smoke: $(FUZZER)
	@mkdir -p $(FUZZ_BUILD)/corpus
	@echo "fuzz-smoke: $(FUZZ_SMOKE_TIME) s, log in $(FUZZ_BUILD)/smoke.log"
	@VCTS_FUZZ_EXCLUDE=$(FUZZ_SMOKE_EXCLUDE) $(FUZZER) $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SMOKE_TIME) \
		$(FUZZ_BUILD)/corpus tests/fuzz/seeds >$(FUZZ_BUILD)/smoke.log 2>&1 || \
		{ tail -n 60 $(FUZZ_BUILD)/smoke.log; exit 1; }
	@grep -E "DONE|^stat::(number_of_executed_units|average_exec_per_sec)" $(FUZZ_BUILD)/smoke.log

$(FUZZER): $(FUZZ_KERNEL_OBJS) $(FUZZ_HOST_OBJS)
	$(FUZZ_CC) $(FUZZ_SANITIZE) -fsanitize=fuzzer -o $@ $^

# Kernel objects: printf renamed to the host console, as in reference.mk.
$(FUZZ_KERNEL_OBJS): $(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fno-builtin-printf -MMD -MP -c -o $@ $<
	$(HOST_KERNEL_RENAME)

$(FUZZ_HOST_OBJS): $(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

-include $(FUZZ_KERNEL_OBJS:.o=.d) $(FUZZ_HOST_OBJS:.o=.d)
