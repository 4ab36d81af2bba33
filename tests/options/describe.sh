#!/bin/sh
# docs/option-sweep.md from tests/options/variants.txt (make option-sweep-doc).
set -eu
printf '# The device-property sweep\n\n'
printf '`make check-options` runs the suite once for each QEMU device property\n'
printf 'below, on the system QEMU and on QEMU 10.0, each judged by its committed\n'
printf 'baseline: a property a real deployment may set must not turn into a\n'
printf 'failure of the device that is really a limit of the test driver. The list\n'
printf 'is tests/options/variants.txt; this page is generated from it\n'
printf '(`make option-sweep-doc`). "modern" means pci-modern, pci-transitional and\n'
printf 'mmio-v2; "all" every transport. Results: reports/latest/options-*/options.md.\n\n'
printf '| device | transports | properties |\n|---|---|---|\n'
grep -v '^#' "$1" | while read -r type transports properties; do
	[ -n "$type" ] || continue
	printf '| %s | %s | `%s` |\n' "$type" "$transports" "$properties"
done
printf '\n%s variants over %s device types.\n' \
	"$(grep -vc '^#' "$1")" "$(grep -v '^#' "$1" | awk '{print $1}' | sort -u | wc -l)"
