# The expect tests: harness/expect/'s console scripts against QEMU under
# TCG on pty, TCP and UNIX-socket serial consoles, with the kernel's
# interactive shell (docs/interactive.md). They drive QEMU and the
# scripts directly (no vcts run), so they live apart from the CUnit
# integration tests. Each case writes under $(BUILD)/expect/<case>/;
# EXPECT_CASES picks some (make expect-tests EXPECT_CASES=pty_shell).

.PHONY: expect-tests

expect-tests: all
	sh tests/expect/run.sh $(KERNEL_X86_64) $(KERNEL_AARCH64) $(BUILD)/expect $(EXPECT_CASES)
