#!/bin/sh
# The expect tests (make expect-tests, part of make check): the console
# scripts of harness/expect/ against QEMU under TCG, on a pty, a TCP and a
# UNIX-socket serial console, with the kernel's interactive shell
# (vcts.interactive) and with an ordinary run. docs/interactive.md.
#   tests/expect/run.sh KERNEL_X86_64 KERNEL_AARCH64 WORKDIR [CASE...]
# One PASS or FAIL line per case (a FAIL line per broken check); exits 1
# if any failed.
set -u
cd "$(dirname "$0")/../.."
KERNEL_X86_64=$1 KERNEL_AARCH64=$2 WORK_ROOT=$3
shift 3
SCRIPTS=harness/expect
TESTS=tests/expect
QEMU_EXTRA=""
. "$TESTS/qemu.sh"

# Shell runs that finish fast; an ordinary run of every rng test.
SHELL_APPEND="vcts.interactive=60"
RNG_RUN="vcts.filter=devices.rng.*"
# What a pass of the test the shell cases run looks like.
RNG_PASS='@vcts end test=devices\.rng\.buffer_filled device=rng0 verdict=pass '

# The whole shell over a pty: list, devices, a test on rng0, reset, exit.
case_pty_shell() {
	start_qemu_pty x86_64 "$SHELL_APPEND" || { check_failed "no pty from QEMU"; return; }
	"$SCRIPTS/vcts-shell.exp" --pty "$CONSOLE" --quiet --log "$WORK/session.log" \
		--list 'devices.rng.*' --devices --run 'devices.rng.buffer_filled rng0' \
		--reset rng0 2>"$WORK/stderr"
	expect_status vcts-shell.exp $? 0
	log=$WORK/session.log
	expect_in "$log" '^@vcts list test=devices\.rng\.buffer_filled type=rng '
	expect_in "$log" '^list: 5 tests'
	expect_in "$log" '^rng0 +rng +pci-modern +00:03\.0 +1af4:1044 +status=0x00'
	expect_in "$log" "^$RNG_PASS"
	expect_in "$log" '^run: 1 test: 1 pass, 0 fail'
	expect_in "$log" '^reset rng0: status reads 0x00'
	expect_in "$log" '^@vcts summary pass=1 fail=0 skip=0 warn=0 note=0 tests=1 '
	expect_in "$WORK/stderr" 'attached to pty /dev/pts/'
}

# Line editing and errors, byte by byte (line_editing.exp), then Ctrl-D.
case_line_editing() {
	start_qemu_pty x86_64 "$SHELL_APPEND" || { check_failed "no pty from QEMU"; return; }
	"$TESTS/line_editing.exp" "$CONSOLE" "$WORK/session.log" 2>"$WORK/stderr" |
		tee "$WORK/stdout"
	grep -q '^FAIL' "$WORK/stdout" && FAILED_CHECKS=$((FAILED_CHECKS + 1))
}

# An ordinary run recorded over TCP from its first line to its summary.
case_tcp_record() {
	start_qemu_tcp x86_64 "$RNG_RUN" || { check_failed "no TCP console from QEMU"; return; }
	"$SCRIPTS/vcts-console.exp" --tcp "$CONSOLE" --quiet --log "$WORK/run.log" \
		2>"$WORK/stderr"
	expect_status vcts-console.exp $? 0
	await_qemu_exit
	expect_status QEMU "$QEMU_STATUS" 1
	expect_first_line "$WORK/run.log" '@vcts hello proto=1 '
	expect_in "$WORK/run.log" '^@vcts device name=rng0 type=rng '
	expect_in "$WORK/run.log" '^@vcts summary pass=5 fail=0 skip=0 warn=0 note=0 tests=5 '
}

# The shell over TCP: every rng test, and a test that fails on QEMU
# (docs/findings.md: it keeps an unoffered feature bit) makes the status 1.
case_tcp_shell() {
	start_qemu_tcp x86_64 "$SHELL_APPEND" || { check_failed "no TCP console from QEMU"; return; }
	"$SCRIPTS/vcts-shell.exp" --tcp "$CONSOLE" --quiet --log "$WORK/session.log" \
		--run 'devices.rng.*' --run 'modern.features.features_ok_rejects_unoffered rng0' \
		2>"$WORK/stderr"
	expect_status vcts-shell.exp $? 1
	await_qemu_exit
	expect_status QEMU "$QEMU_STATUS" 3	# isa-debug-exit 1: a test failed
	expect_first_line "$WORK/session.log" '@vcts hello proto=1 '
	expect_in "$WORK/session.log" '^run: 5 tests: 5 pass, 0 fail'
	expect_in "$WORK/session.log" \
		'^@vcts end test=modern\.features\.features_ok_rejects_unoffered device=rng0 verdict=fail '
	expect_in "$WORK/session.log" '^@vcts summary pass=5 fail=1 skip=0 warn=0 note=0 tests=6 '
}

# A program as the console (as `vmctl console NAME` is): plain socat on the
# TCP port, which leaves its terminal as the script sets it (raw: no echo
# or line-end mapping of its own, one echo per line in the log).
case_command_shell() {
	start_qemu_tcp x86_64 "$SHELL_APPEND" || { check_failed "no TCP console from QEMU"; return; }
	"$SCRIPTS/vcts-shell.exp" --command "socat - TCP:$CONSOLE" --quiet \
		--log "$WORK/session.log" --run 'devices.rng.buffer_filled' 2>"$WORK/stderr"
	expect_status vcts-shell.exp $? 0
	await_qemu_exit
	expect_status QEMU "$QEMU_STATUS" 1
	expect_in "$WORK/session.log" "$RNG_PASS"
	expect_in "$WORK/session.log" '@vcts summary pass=1 fail=0 '
	expect_in "$WORK/session.log" '^vcts> run devices\.rng\.buffer_filled.$'
	expect_not_in "$WORK/session.log" '^run devices\.rng\.buffer_filled'
	expect_in "$WORK/stderr" "attached to command socat - TCP:$CONSOLE"
}

# A person at vcts-console.exp --interact over a UNIX socket (socat).
case_unix_interact() {
	start_qemu_unix x86_64 "$SHELL_APPEND" || { check_failed "no UNIX socket from QEMU"; return; }
	"$TESTS/interact.exp" --unix "$CONSOLE" "$WORK/session.log" | tee "$WORK/stdout"
	grep -q '^FAIL' "$WORK/stdout" && FAILED_CHECKS=$((FAILED_CHECKS + 1))
	await_qemu_exit
	expect_status QEMU "$QEMU_STATUS" 1
	expect_first_line "$WORK/session.log" '@vcts hello proto=1 '
	expect_in "$WORK/session.log" "^$RNG_PASS"
	expect_in "$WORK/session.log" '^@vcts summary pass=1 fail=0 '
}

# The recording of a pty attached before the VM runs (-S, then cont).
case_pty_record() {
	QEMU_EXTRA=-S
	start_qemu_pty x86_64 "$RNG_RUN" || { check_failed "no pty from QEMU"; return; }
	QEMU_EXTRA=""
	"$SCRIPTS/vcts-console.exp" --pty "$CONSOLE" --quiet --log "$WORK/run.log" \
		2>"$WORK/stderr" &
	run_after_attach $!
	expect_status vcts-console.exp "$ATTACHED_STATUS" 0
	expect_first_line "$WORK/run.log" '@vcts hello proto=1 '
	expect_in "$WORK/run.log" '^@vcts summary pass=5 fail=0 '
}

# Nobody types: vcts.interactive=2 ends the session after 2 s with a summary.
case_idle_timeout() {
	start_qemu_tcp x86_64 vcts.interactive=2 || { check_failed "no TCP console from QEMU"; return; }
	"$SCRIPTS/vcts-console.exp" --tcp "$CONSOLE" --quiet --log "$WORK/run.log" \
		--idle 10 2>"$WORK/stderr"
	expect_status vcts-console.exp $? 0
	await_qemu_exit
	expect_status QEMU "$QEMU_STATUS" 1
	expect_in "$WORK/run.log" '^# no input for 2 s \(vcts\.interactive=2\): the session ends'
	expect_in "$WORK/run.log" '^@vcts summary pass=0 fail=0 skip=0 warn=0 note=0 tests=0 '
}

# A crash in a test ends the session: status 6, the crash line recorded.
case_crash() {
	start_qemu_tcp x86_64 "$SHELL_APPEND" || { check_failed "no TCP console from QEMU"; return; }
	"$SCRIPTS/vcts-shell.exp" --tcp "$CONSOLE" --quiet --log "$WORK/session.log" \
		--run 'selftest.guest.crash_in_test rng0' 2>"$WORK/stderr"
	expect_status vcts-shell.exp $? 6
	await_qemu_exit
	expect_status QEMU "$QEMU_STATUS" 5	# isa-debug-exit 2: a crash
	expect_in "$WORK/session.log" '^@vcts crash test=selftest\.guest\.crash_in_test device=rng0 '
	expect_in "$WORK/stderr" 'the kernel crashed during'
}

# The aarch64 kernel's shell (PL011 input) over a pty.
case_aarch64_shell() {
	start_qemu_pty aarch64 "$SHELL_APPEND" || { check_failed "no pty from QEMU"; return; }
	"$SCRIPTS/vcts-shell.exp" --pty "$CONSOLE" --quiet --log "$WORK/session.log" \
		--devices --run 'devices.rng.buffer_filled' --reset 'rng*' 2>"$WORK/stderr"
	expect_status vcts-shell.exp $? 0
	expect_in "$WORK/session.log" '^rng0 +rng +pci-modern '
	expect_in "$WORK/session.log" "^$RNG_PASS"
	expect_in "$WORK/session.log" '^@vcts summary pass=1 fail=0 '
}

# Consoles that never answer, and other mistakes: one line, a status that says it.
case_no_answer() {
	QEMU_EXTRA=-S		# paused: the console is open and silent
	start_qemu_tcp x86_64 "$SHELL_APPEND" || { check_failed "no TCP console from QEMU"; return; }
	QEMU_EXTRA=""
	"$SCRIPTS/vcts-shell.exp" --tcp "$CONSOLE" --answer 2 --devices 2>"$WORK/stderr"
	expect_status "vcts-shell.exp on a silent console" $? 3
	expect_in "$WORK/stderr" "^vcts: no 'vcts> ' prompt on $CONSOLE within 2 s"
	stop_qemu
	closed_port=$CONSOLE	# nobody listens there now
	QEMU_EXTRA=-S
	start_qemu_pty x86_64 "$SHELL_APPEND"
	QEMU_EXTRA=""
	"$SCRIPTS/vcts-console.exp" --pty "$CONSOLE" --answer 2 2>"$WORK/stderr2"
	expect_status "vcts-console.exp on a silent pty" $? 3
	expect_in "$WORK/stderr2" "^vcts: the console $CONSOLE said nothing within 2 s"
	stop_qemu
	"$SCRIPTS/vcts-console.exp" --tcp "$closed_port" 2>"$WORK/stderr3"
	expect_status "vcts-console.exp on a closed port" $? 2
	expect_in "$WORK/stderr3" "^vcts: cannot connect to $closed_port"
	"$SCRIPTS/vcts-shell.exp" --devices 2>"$WORK/stderr4"
	expect_status "vcts-shell.exp without a console" $? 2
	expect_in "$WORK/stderr4" '^vcts: no console: give --pty, --tcp, --unix or --command'
	"$SCRIPTS/vcts-console.exp" --unix "$WORK/nothing.sock" 2>"$WORK/stderr5"
	expect_status "vcts-console.exp on a missing socket" $? 2
	expect_in "$WORK/stderr5" "^vcts: no UNIX socket at $WORK/nothing.sock"
}

# The shell script on a kernel that runs its tests instead of a shell:
# attached before the VM runs, it sees the summary and no prompt.
case_not_interactive() {
	QEMU_EXTRA=-S
	start_qemu_pty x86_64 "$RNG_RUN" || { check_failed "no pty from QEMU"; return; }
	QEMU_EXTRA=""
	"$SCRIPTS/vcts-shell.exp" --pty "$CONSOLE" --quiet --devices 2>"$WORK/stderr" &
	run_after_attach $!
	expect_status vcts-shell.exp "$ATTACHED_STATUS" 3
	expect_in "$WORK/stderr" '^vcts: the kernel ended its run instead of offering a prompt'
}

ALL_CASES="pty_shell line_editing tcp_record tcp_shell command_shell unix_interact pty_record
idle_timeout crash aarch64_shell no_answer not_interactive"
CASES=${*:-$ALL_CASES}
passed=0 failed=0
for CASE in $CASES; do
	WORK=$WORK_ROOT/$CASE
	rm -rf "$WORK" && mkdir -p "$WORK"
	FAILED_CHECKS=0
	start=$(date +%s)
	"case_$CASE"
	stop_qemu
	if [ $FAILED_CHECKS -eq 0 ]; then
		echo "PASS $CASE ($(($(date +%s) - start)) s)"
		passed=$((passed + 1))
	else
		echo "FAIL $CASE (files in $WORK)"
		failed=$((failed + 1))
	fi
done
echo "expect tests: $passed passed, $failed failed"
[ $failed -eq 0 ]
