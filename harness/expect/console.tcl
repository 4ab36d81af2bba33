# What vcts-console.exp and vcts-shell.exp share (docs/interactive.md):
# their options, attaching to a console, reading it to the end of a run,
# and the exit statuses. Sourced by both; nothing here runs on its own.

namespace eval vcts {
	# Exit statuses, the same for both scripts.
	variable EXIT_OK 0		;# the run ended (summary), nothing failed
	variable EXIT_FAILED 1		;# the run ended, its summary counts failures
	variable EXIT_USAGE 2		;# bad options, a missing program, no such console
	variable EXIT_NO_ANSWER 3	;# the console never said anything (or no prompt)
	variable EXIT_TIMEOUT 4		;# silent for --idle s, or past --timeout, before the end
	variable EXIT_CLOSED 5		;# the console closed before the end
	variable EXIT_CRASH 6		;# the kernel printed a crash line
	variable EXIT_REFUSED 7		;# vcts-shell.exp: the shell refused a command

	variable console_kind ""	;# pty, tcp, unix, command
	variable console_target ""
	variable log_path ""
	variable quiet 0
	variable answer_s 60		;# how long the console may stay silent at first
	variable idle_s 120		;# how long it may stay silent later
	variable timeout_s 3600		;# the whole session
	variable done_wait_s 3		;# after the summary: how long a done line may take
	variable deadline_ms 0
	variable summary_fail -1	;# the summary's fail count, once seen
	variable connected ""
}

# One line on stderr, and the exit status that says what happened.
proc vcts::fail {status message} {
	puts stderr "vcts: $message"
	catch {close}
	catch {wait -nowait}
	exit $status
}

proc vcts::note {message} {
	puts stderr "vcts: $message"
}

proc vcts::positive_number {option value} {
	if {![string is integer -strict $value] || $value <= 0} {
		vcts::fail $vcts::EXIT_USAGE "$option wants a positive number of seconds, not '$value'"
	}
	return $value
}

proc vcts::set_console {kind target} {
	if {$vcts::console_kind ne ""} {
		vcts::fail $vcts::EXIT_USAGE \
			"one console only: --$vcts::console_kind and --$kind were both given"
	}
	set vcts::console_kind $kind
	set vcts::console_target $target
}

# Takes the option at the head of the list named by $argv_name if it is one
# of the common ones; returns 1 then, 0 otherwise.
proc vcts::common_option {argv_name} {
	upvar 1 $argv_name args
	set option [lindex $args 0]
	set takes_value {--pty --tcp --unix --command --log --answer --idle --timeout}
	if {$option ni [concat $takes_value --quiet]} {
		return 0
	}
	if {$option in $takes_value} {
		if {[llength $args] < 2} {
			vcts::fail $vcts::EXIT_USAGE "$option needs a value"
		}
		set value [lindex $args 1]
		set args [lrange $args 2 end]
	} else {
		set args [lrange $args 1 end]
	}
	switch -- $option {
		--pty - --tcp - --unix - --command {
			vcts::set_console [string range $option 2 end] $value
		}
		--log { set vcts::log_path $value }
		--answer { set vcts::answer_s [vcts::positive_number $option $value] }
		--idle { set vcts::idle_s [vcts::positive_number $option $value] }
		--timeout { set vcts::timeout_s [vcts::positive_number $option $value] }
		--quiet { set vcts::quiet 1 }
	}
	return 1
}

proc vcts::common_usage {} {
	return {console (one of):
  --pty PATH          a terminal: QEMU's -serial pty (/dev/pts/N), a serial line
  --tcp HOST:PORT     a TCP serial console: QEMU -serial tcp:..., VirtualBox tcpserver
  --unix PATH         a UNIX socket: QEMU -serial unix:..., VirtualBox's host pipe (needs socat)
  --command 'CMD ...' a program that is the console: 'vmctl console NAME', 'virsh console NAME'
options:
  --log FILE          record everything the console says (the input of vcts ingest)
  --answer SECONDS    how long the console may stay silent at first (60)
  --idle SECONDS      how long it may stay silent after that (120)
  --timeout SECONDS   the whole session (3600)
  --quiet             do not copy the console to stdout
exit status: 0 the run ended and nothing failed; 1 it ended with failures;
  2 usage or setup error; 3 the console never answered; 4 timeout;
  5 the console closed before the end; 6 the kernel crashed}
}

proc vcts::require_console {} {
	if {$vcts::console_kind eq ""} {
		vcts::fail $vcts::EXIT_USAGE "no console: give --pty, --tcp, --unix or --command"
	}
}

# A TCP connection within --answer seconds, or a one-line error.
proc vcts::connect_tcp {target} {
	if {![regexp {^(.+):([0-9]+)$} $target -> host port]} {
		vcts::fail $vcts::EXIT_USAGE "--tcp wants HOST:PORT, not '$target'"
	}
	if {[catch {socket -async $host $port} sock]} {
		vcts::fail $vcts::EXIT_USAGE "cannot connect to $target: $sock"
	}
	set vcts::connected ""
	fileevent $sock writable {set vcts::connected yes}
	set timer [after [expr {$vcts::answer_s * 1000}] {set vcts::connected timeout}]
	vwait vcts::connected
	after cancel $timer
	fileevent $sock writable {}
	if {$vcts::connected eq "timeout"} {
		catch {close $sock}
		vcts::fail $vcts::EXIT_NO_ANSWER "no connection to $target within $vcts::answer_s s"
	}
	set error [fconfigure $sock -error]
	if {$error ne ""} {
		catch {close $sock}
		vcts::fail $vcts::EXIT_USAGE "cannot connect to $target: $error"
	}
	fconfigure $sock -translation binary -buffering none
	return $sock
}

# A terminal, raw (no echo, no line editing, no CR/LF mapping by the host).
proc vcts::open_pty {path} {
	if {![file exists $path]} {
		vcts::fail $vcts::EXIT_USAGE "no such terminal: $path"
	}
	if {[catch {exec stty -F $path raw -echo} error]} {
		vcts::fail $vcts::EXIT_USAGE "$path is not a terminal: [lindex [split $error \n] 0]"
	}
	if {[catch {open $path {RDWR NOCTTY}} chan]} {
		vcts::fail $vcts::EXIT_USAGE "cannot open $path: $chan"
	}
	fconfigure $chan -translation binary -buffering none
	return $chan
}

# The program's terminal is raw: it passes bytes, it is not a person's
# terminal (no echo of its own, no CR/LF mapping; cu and socat set the
# same).
proc vcts::spawn_command {words} {
	global spawn_id stty_init
	set stty_init {raw -echo}
	if {[catch {spawn -noecho {*}$words} error] || $error == 0} {
		vcts::fail $vcts::EXIT_USAGE "cannot start '$words': $error"
	}
}

# Attaches spawn_id (in the caller's scope, global) to the console.
proc vcts::attach {} {
	global spawn_id
	set target $vcts::console_target
	switch -- $vcts::console_kind {
		pty { spawn -noecho -open [vcts::open_pty $target] }
		tcp { spawn -noecho -open [vcts::connect_tcp $target] }
		unix {
			if {[auto_execok socat] eq ""} {
				vcts::fail $vcts::EXIT_USAGE "--unix needs socat (apt-get install socat)"
			}
			if {![file exists $target] || [file type $target] ne "socket"} {
				vcts::fail $vcts::EXIT_USAGE "no UNIX socket at $target"
			}
			vcts::spawn_command [list socat -,raw,echo=0 UNIX-CONNECT:$target]
		}
		command {
			if {[auto_execok [lindex $vcts::console_target 0]] eq ""} {
				vcts::fail $vcts::EXIT_USAGE \
					"no program [lindex $vcts::console_target 0] for --command"
			}
			vcts::spawn_command $target
		}
	}
	if {$vcts::log_path ne "" && [catch {log_file -a -noappend $vcts::log_path} error]} {
		vcts::fail $vcts::EXIT_USAGE "cannot write the log $vcts::log_path: $error"
	}
	log_user [expr {!$vcts::quiet}]
	# Result lines can be 4 KiB long (docs/result-protocol.md).
	match_max 65536
	set vcts::deadline_ms [expr {[clock milliseconds] + $vcts::timeout_s * 1000}]
	vcts::note "attached to $vcts::console_kind $target"
}

proc vcts::past_deadline {} {
	return [expr {[clock milliseconds] >= $vcts::deadline_ms}]
}

# Waits for the first byte: a console that never says anything is an error.
proc vcts::await_answer {} {
	global spawn_id
	expect {
		-timeout $vcts::answer_s
		-re {.} {}
		timeout {
			vcts::fail $vcts::EXIT_NO_ANSWER \
				"the console $vcts::console_target said nothing within $vcts::answer_s s"
		}
		eof {
			vcts::fail $vcts::EXIT_CLOSED \
				"the console $vcts::console_target closed before saying anything"
		}
	}
}

# After the summary a kernel prints `done` and ends the VM; an older kernel
# only ends it. Either way there is little left to wait for.
proc vcts::await_done {} {
	global spawn_id
	expect {
		-timeout $vcts::done_wait_s
		-re {@vcts done[^\n]*\n} {}
		timeout {}
		eof {}
	}
}

proc vcts::summary_status {line} {
	if {[regexp { fail=([0-9]+)} $line -> fail]} {
		set vcts::summary_fail $fail
	}
	if {$vcts::summary_fail > 0} {
		return $vcts::EXIT_FAILED
	}
	return $vcts::EXIT_OK
}

# Reads the console until the run ends; returns the exit status that says
# how (a timeout or a closed console ends the script with its message).
proc vcts::read_to_end {} {
	global spawn_id expect_out
	expect {
		-timeout $vcts::idle_s
		-re {@vcts summary [^\n]*\n} {
			set status [vcts::summary_status $expect_out(0,string)]
			vcts::await_done
			return $status
		}
		-re {@vcts crash [^\n]*\n} {
			vcts::note "the kernel crashed: [string trim $expect_out(0,string)]"
			vcts::await_done
			return $vcts::EXIT_CRASH
		}
		-re {@vcts done[^\n]*\n} {
			vcts::note "a done line without a summary before it"
			return $vcts::EXIT_CLOSED
		}
		-re {[^\n]*\n} {
			if {[vcts::past_deadline]} {
				vcts::fail $vcts::EXIT_TIMEOUT \
					"no summary within the session's $vcts::timeout_s s"
			}
			exp_continue
		}
		timeout {
			vcts::fail $vcts::EXIT_TIMEOUT \
				"the console was silent for $vcts::idle_s s before the summary"
		}
		eof {
			vcts::fail $vcts::EXIT_CLOSED "the console closed before the summary"
		}
	}
}

# Closes the console and the program behind it, if any.
proc vcts::detach {} {
	catch {close}
	catch {wait -nowait}
}
