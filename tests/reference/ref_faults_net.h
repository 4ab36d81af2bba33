/*
 * The rules the reference net device (ref_net.c) can be told to break, and
 * the kernel test that catches each (docs/reference-device.md).
 *
 * REF_FAULTS_NET(X): X(ID, "name") gives REF_FAULT_ID and its name.
 * NET_FAULT_CASES(X): X(case, REF_FAULT_ID, "device", "test id", CLAUSE_...),
 * as FAULT_CASES in test_faults.c.
 */
#ifndef VCTS_REF_FAULTS_NET_H
#define VCTS_REF_FAULTS_NET_H

#define REF_FAULTS_NET(X)							\
	X(NET_WRONG_MAC, "net-wrong-mac")		/* mac one off the given one */	\
	X(NET_LINK_DOWN, "net-link-down")		/* LINK_UP clear from the start */ \
	X(NET_MAX_PAIRS_ZERO, "net-max-pairs-zero")				\
	X(NET_MTU_TOO_SMALL, "net-mtu-too-small")	/* mtu 60 */		\
	X(NET_MTU_CHANGES, "net-mtu-changes")		/* mtu 1400 after a transmission */ \
	X(NET_BAD_SPEED_DUPLEX, "net-bad-speed-duplex")	/* 0x80000000, duplex 2 */ \
	X(NET_TX_NEVER_USED, "net-tx-never-used")				\
	X(NET_TX_CORRUPTS, "net-tx-corrupts")		/* flips a byte on the way out */ \
	X(NET_RX_CORRUPTS, "net-rx-corrupts")		/* flips a byte on the way in */ \
	X(NET_RX_NUM_BUFFERS_UNSET, "net-rx-num-buffers-unset")	/* without MRG_RXBUF */ \
	X(NET_MRG_FIRST_BUFFER_ONLY, "net-mrg-first-buffer-only")		\
	X(NET_LINK_WITHOUT_NOTIFICATION, "net-link-without-notification")	\
	X(NET_LINK_WITHOUT_GENERATION, "net-link-without-generation")		\
	X(NET_LINK_STATUS_STUCK, "net-link-status-stuck")	/* LINK_UP ignores the link */ \
	X(NET_CTRL_RX_REFUSED, "net-ctrl-rx-refused")				\
	X(NET_MAC_TABLE_REFUSED, "net-mac-table-refused")			\
	X(NET_MAC_ADDR_NOT_IN_CONFIG, "net-mac-addr-not-in-config")		\
	X(NET_VLAN_REFUSED, "net-vlan-refused")					\
	X(NET_ANNOUNCE_NOT_CLEARED, "net-announce-not-cleared")		\
	X(NET_MQ_PAIRS_REFUSED, "net-mq-pairs-refused")				\
	X(NET_CTRL_NO_ACK, "net-ctrl-no-ack")		/* used length 0, no ack */


#define NET_FAULT_CASES(X)								\
	X(net_wrong_mac, REF_FAULT_NET_WRONG_MAC, "net0",				\
	  "devices.net.config_mac_is_given_address", CLAUSE_NET_CONFIG)			\
	X(net_link_down, REF_FAULT_NET_LINK_DOWN, "net0",				\
	  "devices.net.config_status_link_up", CLAUSE_NET_CONFIG)			\
	X(net_max_pairs_zero, REF_FAULT_NET_MAX_PAIRS_ZERO, "net0",			\
	  "devices.net.config_max_virtqueue_pairs_range", CLAUSE_NET_CONFIG)		\
	X(net_mtu_too_small, REF_FAULT_NET_MTU_TOO_SMALL, "net0",			\
	  "devices.net.config_mtu_range", CLAUSE_NET_CONFIG)				\
	X(net_mtu_changes, REF_FAULT_NET_MTU_CHANGES, "net0",				\
	  "devices.net.config_mtu_range", CLAUSE_NET_CONFIG)				\
	X(net_bad_speed_duplex, REF_FAULT_NET_BAD_SPEED_DUPLEX, "net0",		\
	  "devices.net.config_speed_duplex_values", CLAUSE_NET_CONFIG)			\
	X(net_tx_never_used, REF_FAULT_NET_TX_NEVER_USED, "net0",			\
	  "devices.net.transmit_used", CLAUSE_NET_TX)					\
	X(net_tx_corrupts, REF_FAULT_NET_TX_CORRUPTS, "net0",				\
	  "devices.net.transmit_frame_reaches_peer", CLAUSE_NET_TX)			\
	X(net_rx_corrupts, REF_FAULT_NET_RX_CORRUPTS, "net0",				\
	  "devices.net.receive_host_frame", CLAUSE_NET_RX_PROCESSING)			\
	X(net_rx_num_buffers_unset, REF_FAULT_NET_RX_NUM_BUFFERS_UNSET, "net0",	\
	  "devices.net.receive_host_frame", CLAUSE_NET_RX_PROCESSING)			\
	X(net_mrg_first_buffer_only, REF_FAULT_NET_MRG_FIRST_BUFFER_ONLY, "net0",	\
	  "devices.net.receive_mergeable_buffers", CLAUSE_NET_RX_PROCESSING)		\
	X(net_link_without_notification, REF_FAULT_NET_LINK_WITHOUT_NOTIFICATION,	\
	  "net0", "devices.net.link_status_change", CLAUSE_CONFIG_SPACE)		\
	X(net_link_without_generation, REF_FAULT_NET_LINK_WITHOUT_GENERATION, "net0",	\
	  "devices.net.link_status_change", CLAUSE_CONFIG_SPACE)			\
	X(net_link_status_stuck, REF_FAULT_NET_LINK_STATUS_STUCK, "net0",		\
	  "devices.net.link_status_change", CLAUSE_NET_CONFIG)				\
	X(net_ctrl_rx_refused, REF_FAULT_NET_CTRL_RX_REFUSED, "net0",			\
	  "devices.net.ctrl_rx_promisc_allmulti", CLAUSE_NET_CTRL_RX)			\
	X(net_mac_table_refused, REF_FAULT_NET_MAC_TABLE_REFUSED, "net0",		\
	  "devices.net.ctrl_mac_table_set", CLAUSE_NET_CTRL_MAC)			\
	X(net_mac_addr_not_in_config, REF_FAULT_NET_MAC_ADDR_NOT_IN_CONFIG, "net0",	\
	  "devices.net.ctrl_mac_addr_set_updates_config", CLAUSE_NET_CTRL_MAC)		\
	X(net_vlan_refused, REF_FAULT_NET_VLAN_REFUSED, "net0",			\
	  "devices.net.ctrl_vlan_add_del", CLAUSE_NET_CTRL_VLAN)			\
	X(net_announce_not_cleared, REF_FAULT_NET_ANNOUNCE_NOT_CLEARED, "net0",	\
	  "devices.net.ctrl_announce_ack_clears_status", CLAUSE_NET_ANNOUNCE)		\
	X(net_mq_pairs_refused, REF_FAULT_NET_MQ_PAIRS_REFUSED, "net0",		\
	  "devices.net.ctrl_mq_vq_pairs_set", CLAUSE_NET_MQ)				\
	X(net_ctrl_no_ack, REF_FAULT_NET_CTRL_NO_ACK, "net0",				\
	  "devices.net.ctrl_unknown_class_acked", CLAUSE_USED_RING)

#endif
