# Dependencies: `make deps` installs what is missing; check targets call
# deps-check, which installs only when something is absent. For
# every arch: the aarch64 and riscv64 cross compilers and QEMUs, Debian's
# arm64 libfdt unpacked under $(BUILD)/aarch64/libfdt and trixie's riscv64
# one under $(BUILD)/riscv64/libfdt (kernel.mk links them). A second
# QEMU, 10.0 from bookworm-backports, is unpacked under $(QEMU_10_0) (not
# installed; docs/qemu-versions.md).
QEMU_10_0 := $(BUILD)/qemu-10.0

.PHONY: deps deps-check
deps:
	sh mk/deps.sh --arch aarch64 --arch riscv64 --arch s390x
	sh mk/deps.sh --libfdt-arm64 $(BUILD)/aarch64/libfdt
	sh mk/deps.sh --libfdt-riscv64 $(BUILD)/riscv64/libfdt
	sh mk/deps.sh --qemu-backports $(QEMU_10_0)
deps-check:
	@sh mk/deps.sh --check --arch aarch64 --arch riscv64 --arch s390x 2>/dev/null || \
		sh mk/deps.sh --arch aarch64 --arch riscv64 --arch s390x
	@sh mk/deps.sh --libfdt-arm64 $(BUILD)/aarch64/libfdt
	@sh mk/deps.sh --libfdt-riscv64 $(BUILD)/riscv64/libfdt
	@sh mk/deps.sh --qemu-backports $(QEMU_10_0)
