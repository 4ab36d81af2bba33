# The fuzzers (docs/fuzzing.md), built with clang's libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer, one binary each:
#
#   rings     the kernel's virtqueue code against a reference device the input drives
#   console   the harness's console path: line assembler, parser, run state, plan and resume
#   results   the results.json reader, read-write-read round trips, the report writers
#   baseline  the baseline reader, and applying what it accepts
#   qmp       the QMP client's message and reply parsing
#
#   make fuzz                 every fuzzer for FUZZ_TIME seconds each (default 60);
#                             FUZZ_TARGET=console runs that one only
#   make fuzz-smoke           each for FUZZ_SMOKE_TIME seconds (default 4): part of make check;
#                             (FUZZ_SMOKE_EXCLUDE can leave device behaviours of the ring
#                             fuzzer out, e.g. one that triggers an open kernel finding;
#                             none today)
#
# Each corpus grows in $(BUILD)/fuzz/corpus-NAME, crashes land in
# $(BUILD)/fuzz/NAME-crash-* (and -leak-, -timeout-); tests/fuzz/seeds-NAME
# holds hand-made inputs and the regressions the fuzzers found.

FUZZ_CC         ?= clang
FUZZ_BUILD      := $(BUILD)/fuzz
FUZZ_TARGETS    := rings console results baseline qmp
FUZZ_TARGET     ?=
FUZZ_RUN        := $(if $(FUZZ_TARGET),$(FUZZ_TARGET),$(FUZZ_TARGETS))
FUZZ_TIME       ?= 60
FUZZ_SMOKE_TIME ?= 4
FUZZ_SMOKE_EXCLUDE ?=
FUZZ_SANITIZE   := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS     := -std=c11 -Wall -Wextra -Werror -O1 -g -D_DEFAULT_SOURCE -D_GNU_SOURCE \
	$(FUZZ_SANITIZE) -fsanitize=fuzzer-no-link -fno-omit-frame-pointer
FUZZ_KERNEL_CPPFLAGS := -I guest-kernel -I guest-kernel/arch/host -I .
# -timeout: an input that runs longer is a hang; the kernel's waits are bounded
# and the harness's parsers take microseconds per input.
FUZZ_FLAGS      := -timeout=10 -rss_limit_mb=2048 -print_final_stats=1

# rings: the kernel code under test, and the reference device that drives it.
# lib/alloc.c is replaced by fuzz_alloc.c: a malloc per allocation, redzones between them.
FUZZ_KERNEL_SRCS := $(wildcard guest-kernel/virtio/*.c)
FUZZ_HOST_SRCS := guest-kernel/arch/host/host.c guest-kernel/arch/host/host_bus.c \
	$(addprefix tests/reference/,ref_device.c ref_registers.c ref_transport.c ref_queue.c ref_split.c \
		ref_packed.c ref_rng.c ref_blk.c) \
	tests/fuzz/fuzz_alloc.c tests/fuzz/fuzz_rings.c
# The harness fuzzers and the harness code each one links, compiled with the
# harness's include paths (harness/harness.mk).
FUZZ_SRCS_rings    := harness/protocol/line_parser.c harness/util.c
FUZZ_SRCS_console  := tests/fuzz/fuzz_console.c harness/util.c harness/text.c \
	$(addprefix harness/protocol/,line_assembler.c line_parser.c line_fields.c run_state.c run_plan.c \
		run_inventory.c run_anomalies.c) \
	harness/results/results.c harness/vm/config_resume.c harness/plan/device_location.c \
	harness/hypervisors/backend_offers.c
FUZZ_SRCS_results  := tests/fuzz/fuzz_results.c harness/util.c harness/text.c \
	harness/plan/boot_image.c \
	$(addprefix harness/results/,results.c results_read.c results_write.c baseline.c) \
	$(addprefix harness/reports/,reports.c report_tap.c report_junit.c report_summary.c report_html.c \
		report_html_assets.c)
FUZZ_SRCS_baseline := tests/fuzz/fuzz_baseline.c harness/util.c harness/text.c \
	harness/results/results.c harness/results/baseline.c
FUZZ_SRCS_qmp      := tests/fuzz/fuzz_qmp.c harness/util.c harness/hypervisors/qemu/qmp.c
FUZZ_LIBS_results  := -ljson-c
FUZZ_LIBS_baseline := -ljson-c
FUZZ_LIBS_qmp      := -ljson-c
# Dictionaries: protocol words for the console fuzzer, JSON tokens and keys
# for the others (json-c is not instrumented: its comparisons teach nothing).
FUZZ_OPTS_console  := -dict=tests/fuzz/console.dict
FUZZ_OPTS_results  := -dict=tests/fuzz/json.dict
FUZZ_OPTS_baseline := -dict=tests/fuzz/json.dict
FUZZ_OPTS_qmp      := -dict=tests/fuzz/json.dict

fuzz_objs = $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(1))
FUZZ_KERNEL_OBJS := $(call fuzz_objs,$(FUZZ_KERNEL_SRCS))
FUZZ_HOST_OBJS := $(call fuzz_objs,$(FUZZ_HOST_SRCS))
FUZZ_HARNESS_OBJS := $(call fuzz_objs,$(sort $(foreach t,$(FUZZ_TARGETS),$(FUZZ_SRCS_$(t)))))
FUZZ_OBJS_rings := $(FUZZ_KERNEL_OBJS) $(FUZZ_HOST_OBJS)
FUZZERS := $(addprefix $(FUZZ_BUILD)/fuzz-,$(FUZZ_TARGETS))

.PHONY: fuzz fuzz-smoke fuzzers
fuzzers: $(FUZZERS)

# One fuzzer: NAME, seconds, the ring fuzzer's exclusions; corpus and artifacts are its own.
fuzz_one = mkdir -p $(FUZZ_BUILD)/corpus-$(1) && \
	VCTS_FUZZ_EXCLUDE=$(3) $(FUZZ_BUILD)/fuzz-$(1) $(FUZZ_FLAGS) \
	$(FUZZ_OPTS_$(1)) -artifact_prefix=$(FUZZ_BUILD)/$(1)- -max_total_time=$(2) \
	$(FUZZ_BUILD)/corpus-$(1) tests/fuzz/seeds-$(1)

# Every fuzzer runs, even after one failed; the target fails if any did.
fuzz: $(addprefix $(FUZZ_BUILD)/fuzz-,$(FUZZ_RUN))
	@failed=; for t in $(FUZZ_RUN); do \
		echo "fuzz: $$t for $(FUZZ_TIME) s"; \
		$(call fuzz_one,$$t,$(FUZZ_TIME),) || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: failed:$$failed (artifacts in $(FUZZ_BUILD)/)"; exit 1; fi

# Quiet unless one fails (libFuzzer reports every new input); all run, any failure fails.
fuzz-smoke: $(FUZZERS)
	@echo "fuzz-smoke: $(FUZZ_SMOKE_TIME) s for each of $(FUZZ_TARGETS), logs in $(FUZZ_BUILD)/smoke-*.log"
	@failed=; for t in $(FUZZ_TARGETS); do \
		log=$(FUZZ_BUILD)/smoke-$$t.log; \
		if { $(call fuzz_one,$$t,$(FUZZ_SMOKE_TIME),$(FUZZ_SMOKE_EXCLUDE)); } >$$log 2>&1; then \
			printf '%-9s %s\n' $$t "$$(grep -m1 DONE $$log)"; \
		else \
			tail -n 60 $$log; echo "fuzz-smoke: $$t failed, see $$log"; failed="$$failed $$t"; \
		fi; \
	done; \
	[ -z "$$failed" ]

define FUZZER_RULE
$(FUZZ_BUILD)/fuzz-$(1): $$(FUZZ_OBJS_$(1)) $$(call fuzz_objs,$$(FUZZ_SRCS_$(1)))
	$$(FUZZ_CC) $$(FUZZ_SANITIZE) -fsanitize=fuzzer -o $$@ $$^ $$(FUZZ_LIBS_$(1))
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call FUZZER_RULE,$(t))))

# Kernel objects: printf renamed to the host console, as in reference.mk.
$(FUZZ_KERNEL_OBJS): $(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_KERNEL_CPPFLAGS) -fno-builtin-printf -MMD -MP -c -o $@ $<
	$(HOST_KERNEL_RENAME)

$(FUZZ_HOST_OBJS): $(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_KERNEL_CPPFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_HARNESS_OBJS): $(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(HARNESS_CPPFLAGS) -MMD -MP -c -o $@ $<

-include $(FUZZ_KERNEL_OBJS:.o=.d) $(FUZZ_HOST_OBJS:.o=.d) $(FUZZ_HARNESS_OBJS:.o=.d)
