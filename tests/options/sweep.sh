#!/bin/sh
# The device-property sweep (make check-options): every variant of
# tests/options/variants.txt, one `vcts run` each over its transports,
# judged by the committed baselines. A variant fails when its run does
# (exit status 1: a failure no baseline knows; 2: a setup error such as a
# property QEMU refuses). Every variant runs whatever the others did;
# OUTPUT/options.md is the table, the exit status 1 when any failed.
#
# Usage: tests/options/sweep.sh VCTS OUTPUT [vcts run options...]
#   (the options go to every run: --qemu, --arch, --kernel ...)
set -u

vcts=$1
out=$2
shift 2
variants=$(dirname "$0")/variants.txt
mkdir -p "$out"
table="$out/options.md"
failed=0
count=0

transports_of() {
	case $1 in
	modern) echo pci-modern,pci-transitional,mmio-v2 ;;
	*) echo "$1" ;;
	esac
}

# "--device-property TYPE.A=1 --device-property TYPE.B=2" from "A=1,B=2".
properties_of() {
	echo "$2" | tr ',' '\n' | sed "s/^/--device-property $1./" | tr '\n' ' '
}

printf '| device | transports | properties | verdict | passed | failed | skipped |\n' >"$table"
printf '|---|---|---|---|---:|---:|---:|\n' >>"$table"
while read -r type transports properties; do
	case $type in ''|'#'*) continue ;; esac
	count=$((count + 1))
	name=$(printf '%s-%s' "$type" "$properties" | tr ',=' '-_')
	# shellcheck disable=SC2046
	"$vcts" run --devices "$type" --transport "$(transports_of "$transports")" \
		$(properties_of "$type" "$properties") --baseline auto \
		--output "$out/$name" "$@" --quiet >"$out/$name.txt" 2>&1 </dev/null
	status=$?
	counts=$(tail -n 1 "$out/$name.txt")
	passed=$(echo "$counts" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	nfailed=$(echo "$counts" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	skipped=$(echo "$counts" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
	verdict=pass
	if [ "$status" -ne 0 ]; then
		verdict="fail (exit $status)"
		failed=$((failed + 1))
		echo "FAIL $type $properties on $transports (exit $status): $out/$name.txt"
	else
		echo "pass $type $properties on $transports: $counts"
	fi
	printf '| %s | %s | `%s` | %s | %s | %s | %s |\n' "$type" "$transports" "$properties" \
		"$verdict" "${passed:-?}" "${nfailed:-?}" "${skipped:-?}" >>"$table"
done <"$variants"
echo "check-options: $count variants, $failed failed ($table)"
[ "$failed" -eq 0 ]
