# Sourced by tests/expect/run.sh: QEMU with a serial console on a pty, a
# TCP port or a UNIX socket, the machine `vcts run` uses (q35 with qboot
# and isa-debug-exit, -kernel the multiboot ELF; aarch64 virt), and the
# checks the cases make. Needs WORK, KERNEL_X86_64, KERNEL_AARCH64.

QEMU_PID=""
QEMU_OUT=""
CONSOLE=""		# what the scripts are given: /dev/pts/N, 127.0.0.1:PORT, a socket path
# A port per run and case, away from the usual ones; bumped when taken.
PORT=$((20000 + ($$ % 2000) * 10))

# How the VM ends. With a socket console QEMU exits with the kernel's
# status (isa-debug-exit, semihosting), and what it wrote last is still
# read after it closed. A pty loses what its reader had not read when QEMU
# exits (closing the master hangs the pty up, which flushes it), so with
# one the VM stays: no exit device, shutdowns pause (-action), and the
# case stops QEMU once the script has read the summary.
exit_options() {
	case $1:$2 in
	x86_64:exits) echo "-device isa-debug-exit,iobase=0xf4,iosize=0x04" ;;
	aarch64:exits) echo "-semihosting" ;;
	*:stays) echo "-action shutdown=pause" ;;
	esac
}

# start_qemu ARCH SERIAL APPEND [exits|stays]: in the background, with a
# monitor on $WORK/monitor.sock (cont, quit). SERIAL is QEMU's -serial;
# QEMU_EXTRA, more QEMU options (-S: paused until `monitor cont`).
start_qemu() {
	arch=$1 serial=$2 append=$3 ending=${4:-exits}
	QEMU_OUT=$WORK/qemu.out
	rm -f "$WORK/monitor.sock"
	# The kernel ends the VM through the device only when told it is there
	# (docs/kernel-options.md, vcts.exit); a kernel without the option
	# tries it anyway.
	case $arch:$ending in
	x86_64:exits) append="$append vcts.exit=debug-exit" ;;
	aarch64:exits) append="$append vcts.exit=semihosting" ;;
	esac
	case $arch in
	x86_64)
		qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 128M -smp 1 \
			-nodefaults -no-user-config -display none -vga none \
			-bios /usr/share/qemu/qboot.rom -kernel "$KERNEL_X86_64" \
			-append "$append" -serial "$serial" \
			-monitor "unix:$WORK/monitor.sock,server=on,wait=off" \
			$(exit_options "$arch" "$ending") -no-reboot \
			-device virtio-rng-pci,disable-legacy=on,addr=0x3 $QEMU_EXTRA \
			>"$QEMU_OUT" 2>&1 </dev/null &
		;;
	aarch64)
		qemu-system-aarch64 -machine virt -accel tcg -cpu cortex-a57 -m 128M -smp 1 \
			-nodefaults -no-user-config -display none -kernel "$KERNEL_AARCH64" \
			-append "$append" -serial "$serial" \
			-monitor "unix:$WORK/monitor.sock,server=on,wait=off" \
			$(exit_options "$arch" "$ending") -no-reboot \
			-device virtio-rng-pci,disable-legacy=on,addr=0x3 $QEMU_EXTRA \
			>"$QEMU_OUT" 2>&1 </dev/null &
		;;
	esac
	QEMU_PID=$!
}

# Waits up to 10 s for QEMU to print $1 (a grep -E pattern); false if it
# died or never did.
await_qemu_says() {
	for _ in $(seq 100); do
		grep -qE "$1" "$QEMU_OUT" 2>/dev/null && return 0
		kill -0 "$QEMU_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# QEMU with -serial pty, a VM that stays (see exit_options); CONSOLE is the
# pty QEMU says it made.
start_qemu_pty() {
	start_qemu "$1" pty "$2" stays || return 1
	await_qemu_says 'char device redirected to /dev/pts/[0-9]+' || return 1
	CONSOLE=$(grep -oE '/dev/pts/[0-9]+' "$QEMU_OUT" | head -n 1)
}

# QEMU with a TCP serial server that waits for its client (wait=on): the
# kernel starts when the script connects, so nothing it says is missed.
start_qemu_tcp() {
	for _ in 1 2 3 4 5; do
		PORT=$((PORT + 1))
		start_qemu "$1" "tcp:127.0.0.1:$PORT,server=on,wait=on" "$2"
		await_qemu_says "waiting for connection on: .*:$PORT" && break
		# Taken (QEMU could not bind it): the next one.
		stop_qemu
	done
	CONSOLE=127.0.0.1:$PORT
	kill -0 "$QEMU_PID" 2>/dev/null
}

start_qemu_unix() {
	CONSOLE=$WORK/serial.sock
	rm -f "$CONSOLE"
	start_qemu "$1" "unix:$CONSOLE,server=on,wait=on" "$2" &&
		await_qemu_says 'waiting for connection on: .*unix:'
}

monitor() {
	echo "$1" | socat - "UNIX-CONNECT:$WORK/monitor.sock" >/dev/null 2>&1
}

# QEMU_STATUS: the exit status of QEMU, waited for up to 10 s, else it is
# killed (124). Not in a subshell: only this shell can wait for QEMU.
await_qemu_exit() {
	for _ in $(seq 100); do
		kill -0 "$QEMU_PID" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$QEMU_PID" 2>/dev/null; then
		stop_qemu
		QEMU_STATUS=124
		return
	fi
	wait "$QEMU_PID"
	QEMU_STATUS=$?
	QEMU_PID=""
}

stop_qemu() {
	if [ -n "$QEMU_PID" ]; then
		kill "$QEMU_PID" 2>/dev/null
		wait "$QEMU_PID" 2>/dev/null
		QEMU_PID=""
	fi
}

# --- checks: each failure is one FAIL line naming the case and what broke.

FAILED_CHECKS=0

check_failed() {
	echo "FAIL $CASE: $1"
	FAILED_CHECKS=$((FAILED_CHECKS + 1))
}

# expect_status WHAT ACTUAL EXPECTED
expect_status() {
	[ "$2" = "$3" ] || check_failed "$1 exited $2, expected $3"
}

# expect_in FILE PATTERN (grep -E), expect_not_in FILE PATTERN
expect_in() {
	grep -qE -- "$2" "$1" 2>/dev/null || check_failed "no line matching '$2' in $1"
}

expect_not_in() {
	! grep -qE -- "$2" "$1" 2>/dev/null || check_failed "a line matches '$2' in $1"
}

# The first result line of a complete recording is the kernel's hello.
expect_first_line() {
	first=$(grep -m 1 '@vcts ' "$1" | sed 's/.*@vcts /@vcts /')
	case $first in
	"$2"*) ;;
	*) check_failed "the first result line of $1 is '$first', expected '$2...'" ;;
	esac
}

# run_after_attach PID: once the script PID (started in the background
# with its stderr in $WORK/stderr) has attached, the paused VM (-S) runs;
# ATTACHED_STATUS is the script's exit status.
run_after_attach() {
	for _ in $(seq 50); do
		grep -q 'attached to' "$WORK/stderr" 2>/dev/null && break
		sleep 0.1
	done
	monitor cont
	wait "$1"
	ATTACHED_STATUS=$?
}
