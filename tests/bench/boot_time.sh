#!/bin/sh
# Boot-to-exit time of the test kernel under QEMU, median of 10 runs, for
# the default configuration (q35, qboot, rng + two blk devices): once with
# no test selected (boot, PCI scan, exit) and once with the whole suite.
# Prints figures; never fails on a slow machine.
# Usage: tests/bench/boot_time.sh VCTS KERNEL [ARCH]
#        (ARCH: the guest arch, default x86_64; another arch than the host's
#        runs under TCG only)
set -u
vcts=$1
kernel=$2
arch=${3:-x86_64}
runs=10
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kvm_usable() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] && grep -qE '\b(vmx|svm)\b' /proc/cpuinfo
}

# Median of the numbers on standard input.
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

measure() {
	accel=$1
	filter=$2
	i=0
	while [ $i -lt $runs ]; do
		"$vcts" run --quiet --arch "$arch" --accel "$accel" --kernel "$kernel" \
			--filter "$filter" \
			--output "$work/$i" >/dev/null 2>&1
		# runs[0].duration_ms: spawn to exit of QEMU, measured by the harness.
		grep -o '"duration_ms": *[0-9]*' "$work/$i/results.json" | head -1 | grep -o '[0-9]*$'
		i=$((i + 1))
	done | median
}

accels="tcg"
if [ "$arch" != "$(uname -m)" ]; then
	echo "# $arch: TCG only (the host is $(uname -m))"
elif kvm_usable; then
	accels="tcg kvm"
elif [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	# vcts would not pick it (no vmx/svm: software-nested), but measure it.
	echo "# kvm: /dev/kvm works but the CPU has no vmx/svm (software-nested KVM)"
	accels="tcg kvm"
else
	echo "# kvm: not measured (no usable /dev/kvm)"
fi
for accel in $accels; do
	echo "$arch $accel  boot-only   median $(measure "$accel" none-selected) ms over $runs runs"
	echo "$arch $accel  full-suite  median $(measure "$accel" '*') ms over $runs runs"
done
