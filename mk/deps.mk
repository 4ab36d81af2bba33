# Dependencies: `make deps` installs what is missing; check targets call
# deps-check, which installs only when something is absent. Both arches
# always: the aarch64 cross compiler and QEMU, and Debian's arm64 libfdt
# unpacked under $(BUILD)/aarch64/libfdt (kernel.mk links it).
.PHONY: deps deps-check
deps:
	sh mk/deps.sh --arch aarch64
	sh mk/deps.sh --libfdt-arm64 $(BUILD)/aarch64/libfdt
deps-check:
	@sh mk/deps.sh --check --arch aarch64 2>/dev/null || sh mk/deps.sh --arch aarch64
	@sh mk/deps.sh --libfdt-arm64 $(BUILD)/aarch64/libfdt
