# Dependencies: `make deps` installs what is missing; check targets call
# deps-check, which installs only when something is absent.
.PHONY: deps deps-check
deps:
	sh mk/deps.sh
deps-check:
	@sh mk/deps.sh --check 2>/dev/null || sh mk/deps.sh
