/*
 * The rules the reference console device (ref_console.c) can be told to break, and
 * the kernel test that catches each (docs/reference-device.md).
 *
 * REF_FAULTS_CONSOLE(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * CONSOLE_FAULT_CASES(X): X(case, REF_FAULT_ID, "device", "test id", CLAUSE_...),
 * as FAULT_CASES in test_faults.c.
 */
#ifndef VCTS_REF_FAULTS_CONSOLE_H
#define VCTS_REF_FAULTS_CONSOLE_H

#define REF_FAULTS_CONSOLE(X)								\
	X(CONSOLE_MAX_NR_PORTS_ZERO, "console-max-nr-ports-zero")			\
	X(CONSOLE_TOO_FEW_QUEUES, "console-too-few-queues")	/* max_nr_ports 4, 8 queues */ \
	X(CONSOLE_EMERG_WR_NEEDS_RESET, "console-emerg-wr-needs-reset")		\
	X(CONSOLE_DEVICE_ADD_TWICE, "console-device-add-twice")			\
	X(CONSOLE_SHORT_CONTROL, "console-short-control")	/* a 4-byte message */	\
	X(CONSOLE_NAME_NOT_UTF8, "console-name-not-utf8")				\
	X(CONSOLE_NAME_NUL_TERMINATED, "console-name-nul-terminated")	/* QEMU's way */ \
	X(CONSOLE_TX_USED_LENGTH, "console-tx-used-length")	/* len = bytes read */	\
	X(CONSOLE_RX_EMPTY, "console-rx-empty")	/* port 0's receive buffers used empty */ \
	X(CONSOLE_NO_HOST_OPEN_EVENT, "console-no-host-open-event")			\
	X(CONSOLE_CORRUPTS_INPUT, "console-corrupts-input")				\
	X(CONSOLE_DROPS_OUTPUT, "console-drops-output")	/* the last byte of each write */

#define CONSOLE_FAULT_CASES(X)								\
	X(console_max_nr_ports_zero, REF_FAULT_CONSOLE_MAX_NR_PORTS_ZERO, "console0",	\
	  "devices.console.config_before_features_ok", CLAUSE_CONSOLE_MULTIPORT)	\
	X(console_too_few_queues, REF_FAULT_CONSOLE_TOO_FEW_QUEUES, "console0",		\
	  "devices.console.queues_for_every_port", CLAUSE_CONSOLE_VIRTQUEUES)		\
	X(console_emerg_wr_needs_reset, REF_FAULT_CONSOLE_EMERG_WR_NEEDS_RESET, "console0", \
	  "devices.console.emergency_write_any_time", CLAUSE_CONSOLE_INIT)		\
	X(console_device_add_twice, REF_FAULT_CONSOLE_DEVICE_ADD_TWICE, "console0",	\
	  "devices.console.device_add_ports_valid", CLAUSE_CONSOLE_MULTIPORT)		\
	X(console_short_control, REF_FAULT_CONSOLE_SHORT_CONTROL, "console0",		\
	  "devices.console.control_messages_valid", CLAUSE_CONSOLE_MULTIPORT)		\
	X(console_name_not_utf8, REF_FAULT_CONSOLE_NAME_NOT_UTF8, "console0",		\
	  "devices.console.port_name_utf8", CLAUSE_CONSOLE_MULTIPORT)			\
	X(console_name_nul_terminated, REF_FAULT_CONSOLE_NAME_NUL_TERMINATED, "console0", \
	  "devices.console.port_name_unterminated", CLAUSE_CONSOLE_MULTIPORT)		\
	X(console_tx_used_length_port0, REF_FAULT_CONSOLE_TX_USED_LENGTH, "console0",	\
	  "devices.console.transmit_port0_used", CLAUSE_USED_RING)			\
	X(console_tx_used_length_port, REF_FAULT_CONSOLE_TX_USED_LENGTH, "console0",	\
	  "devices.console.transmit_added_port_used", CLAUSE_USED_RING)		\
	X(console_rx_empty, REF_FAULT_CONSOLE_RX_EMPTY, "console0",			\
	  "devices.console.receive_buffers_carry_input", CLAUSE_CONSOLE_OPERATION)	\
	X(console_no_host_open_event, REF_FAULT_CONSOLE_NO_HOST_OPEN_EVENT, "console0",	\
	  "devices.console.host_open_close_events", CLAUSE_CONSOLE_MULTIPORT)		\
	X(console_corrupts_input, REF_FAULT_CONSOLE_CORRUPTS_INPUT, "console0",		\
	  "devices.console.host_data_reaches_guest", CLAUSE_CONSOLE_OPERATION)		\
	X(console_drops_output, REF_FAULT_CONSOLE_DROPS_OUTPUT, "console0",		\
	  "devices.console.guest_data_reaches_host", CLAUSE_CONSOLE_OPERATION)

#endif
