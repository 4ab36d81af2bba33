/* Numbers from the virtio 1.2 specification. */
#ifndef VCTS_VIRTIO_SPEC_H
#define VCTS_VIRTIO_SPEC_H

/* 5 Device Types */
#define VIRTIO_ID_ANY		0
#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define VIRTIO_ID_RNG		4
#define VIRTIO_ID_BALLOON	5
#define VIRTIO_ID_SCSI		8
#define VIRTIO_ID_GPU		16
#define VIRTIO_ID_FS		26

/* 2.1 Device Status Field */
#define VIRTIO_STATUS_ACKNOWLEDGE	1
#define VIRTIO_STATUS_DRIVER		2
#define VIRTIO_STATUS_DRIVER_OK		4
#define VIRTIO_STATUS_FEATURES_OK	8
#define VIRTIO_STATUS_NEEDS_RESET	64
#define VIRTIO_STATUS_FAILED		128

/* 6 Reserved Feature Bits */
#define VIRTIO_F_INDIRECT_DESC		28
#define VIRTIO_F_EVENT_IDX		29
#define VIRTIO_F_VERSION_1		32
#define VIRTIO_F_ACCESS_PLATFORM	33
#define VIRTIO_F_RING_PACKED		34
#define VIRTIO_F_IN_ORDER		35
#define VIRTIO_F_ORDER_PLATFORM		36
#define VIRTIO_F_SR_IOV			37
#define VIRTIO_F_NOTIFICATION_DATA	38
#define VIRTIO_F_NOTIF_CONFIG_DATA	39
#define VIRTIO_F_RING_RESET		40

/* 4.1.4.3 Common configuration: no MSI-X vector */
#define VIRTIO_MSI_NO_VECTOR		0xffff

/* 4.1.4.5 ISR status */
#define VIRTIO_ISR_QUEUE		0x1
#define VIRTIO_ISR_CONFIG		0x2

/*
 * Normative clauses, as the section paths of the 1.2 specification's
 * \devicenormative blocks. Tests cite these; docs/coverage.md is generated
 * from the citations.
 */
#define CLAUSE_STATUS		"Basic Facilities of a Virtio Device / Device Status Field"
#define CLAUSE_FEATURES		"Basic Facilities of a Virtio Device / Feature Bits"
#define CLAUSE_RESET		"Basic Facilities of a Virtio Device / Device Reset"
#define CLAUSE_CONFIG_SPACE	"Basic Facilities of a Virtio Device / Device Configuration Space"
#define CLAUSE_USED_RING	"Basic Facilities of a Virtio Device / Virtqueues / The Virtqueue Used Ring"
#define CLAUSE_USED_NOTIFY_SUPPRESSION \
	"Basic Facilities of a Virtio Device / Virtqueues / Used Buffer Notification Suppression"
#define CLAUSE_MESSAGE_FRAMING	"Basic Facilities of a Virtio Device / Message Framing"
#define CLAUSE_RESERVED_FEATURES "Reserved Feature Bits"
#define CLAUSE_PCI		"Virtio Transport Options / Virtio Over PCI Bus"
#define CLAUSE_PCI_DISCOVERY	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Discovery"
#define CLAUSE_PCI_LAYOUT	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout"
#define CLAUSE_PCI_CAPS		"Virtio Transport Options / Virtio Over PCI Bus / Virtio Structure PCI Capabilities"
#define CLAUSE_PCI_COMMON_CFG	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout / Common configuration structure layout"
#define CLAUSE_PCI_NOTIFY_CAP	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout / Notification capability"
#define CLAUSE_PCI_ISR_CAP	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout / ISR status capability"
#define CLAUSE_PCI_DEVICE_CFG	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout / Device-specific configuration"
#define CLAUSE_PCI_CFG_ACCESS	"Virtio Transport Options / Virtio Over PCI Bus / PCI Device Layout / PCI configuration access capability"
#define CLAUSE_PCI_MSIX_CONFIG	"Virtio Transport Options / Virtio Over PCI Bus / PCI-specific Initialization And Device Operation / Device Initialization / MSI-X Vector Configuration"
#define CLAUSE_PCI_USED_NOTIFY	"Virtio Transport Options / Virtio Over PCI Bus / PCI-specific Initialization And Device Operation / Used Buffer Notifications"
#define CLAUSE_PCI_CONFIG_NOTIFY	"Virtio Transport Options / Virtio Over PCI Bus / PCI-specific Initialization And Device Operation / Notification of Device Configuration Changes"
#define CLAUSE_MMIO_REGISTER_LAYOUT	"Virtio Transport Options / Virtio Over MMIO / MMIO Device Register Layout"

/* Virtio over channel I/O (4.3): its device-normative blocks, and two descriptive sections. */
#define CLAUSE_CCW "Virtio Transport Options / Virtio over channel I/O"
#define CLAUSE_CCW_BASIC	CLAUSE_CCW " / Basic Concepts"
#define CLAUSE_CCW_REVISION	CLAUSE_CCW " / Device Initialization / Setting the Virtio Revision"
#define CLAUSE_CCW_VQ		CLAUSE_CCW " / Device Initialization / Configuring a Virtqueue"
#define CLAUSE_CCW_STATUS	CLAUSE_CCW " / Device Initialization / Communicating Status Information"
#define CLAUSE_CCW_FEATURES	CLAUSE_CCW " / Device Initialization / Handling Device Features"
#define CLAUSE_CCW_TWO_STAGE	CLAUSE_CCW " / Device Initialization / Setting Up Indicators / " \
	"Setting Up Two-Stage Queue Indicators"
#define CLAUSE_CCW_CLASSIC_NOTIFY CLAUSE_CCW " / Device Operation / Host->Guest Notification / " \
	"Notification via Classic I/O Interrupts"
#define CLAUSE_CCW_ADAPTER_NOTIFY CLAUSE_CCW " / Device Operation / Host->Guest Notification / " \
	"Notification via Adapter I/O Interrupts"
#define CLAUSE_CCW_GUEST_NOTIFY	CLAUSE_CCW " / Device Operation / Guest->Host Notification"
#define CLAUSE_CCW_RESET	CLAUSE_CCW " / Device Operation / Resetting Devices"
#define CLAUSE_BLK_INIT		"Device Types / Block Device / Device Initialization"
#define CLAUSE_BLK_OPERATION	"Device Types / Block Device / Device Operation"
#define CLAUSE_BLK_FEATURES	"Device Types / Block Device / Feature bits"
#define CLAUSE_RNG_OPERATION	"Device Types / Entropy Device / Device Operation"

/* Console (5.3) and traditional memory balloon (5.5) devices. */
#define CLAUSE_CONSOLE_VIRTQUEUES	"Device Types / Console Device / Virtqueues"
#define CLAUSE_CONSOLE_INIT	"Device Types / Console Device / Device Initialization"
#define CLAUSE_CONSOLE_OPERATION "Device Types / Console Device / Device Operation"
#define CLAUSE_CONSOLE_MULTIPORT "Device Types / Console Device / Device Operation / Multiport Device Operation"
#define CLAUSE_BALLOON_VIRTQUEUES "Device Types / Memory Balloon Device / Virtqueues"
#define CLAUSE_BALLOON_FEATURES	"Device Types / Memory Balloon Device / Feature bits"
#define CLAUSE_BALLOON_INIT	"Device Types / Memory Balloon Device / Device Initialization"
#define CLAUSE_BALLOON_OPERATION "Device Types / Memory Balloon Device / Device Operation"
#define CLAUSE_BALLOON_STATS	"Device Types / Memory Balloon Device / Device Operation / Memory Statistics"
#define CLAUSE_BALLOON_HINTING	"Device Types / Memory Balloon Device / Device Operation / Free Page Hinting"
#define CLAUSE_BALLOON_POISON	"Device Types / Memory Balloon Device / Device Operation / Page Poison"
#define CLAUSE_BALLOON_REPORTING "Device Types / Memory Balloon Device / Device Operation / Free Page Reporting"

/* virtio-net and virtio-scsi (tests/devices/net, tests/devices/scsi) */
#define CLAUSE_NET_CONFIG	"Device Types / Network Device / Device configuration layout"
#define CLAUSE_NET_TX		"Device Types / Network Device / Device Operation / Packet Transmission"
#define CLAUSE_NET_RX_BUFFERS	"Device Types / Network Device / Device Operation / Setting Up Receive Buffers"
#define CLAUSE_NET_RX_PROCESSING "Device Types / Network Device / Device Operation / Processing of Incoming Packets"
#define CLAUSE_NET_CTRL		"Device Types / Network Device / Device Operation / Control Virtqueue"
#define CLAUSE_NET_CTRL_RX	"Device Types / Network Device / Device Operation / Control Virtqueue / Packet Receive Filtering"
#define CLAUSE_NET_CTRL_MAC	"Device Types / Network Device / Device Operation / Control Virtqueue / Setting MAC Address Filtering"
#define CLAUSE_NET_CTRL_VLAN	"Device Types / Network Device / Device Operation / Control Virtqueue / VLAN Filtering"
#define CLAUSE_NET_ANNOUNCE	"Device Types / Network Device / Device Operation / Control Virtqueue / Gratuitous Packet Sending"
#define CLAUSE_NET_MQ		"Device Types / Network Device / Device Operation / Control Virtqueue / Automatic receive steering in multiqueue mode"
#define CLAUSE_SCSI_CONFIG	"Device Types / SCSI Host Device / Device configuration layout"
#define CLAUSE_SCSI_INIT	"Device Types / SCSI Host Device / Device Initialization"
#define CLAUSE_SCSI_REQUESTQ	"Device Types / SCSI Host Device / Device Operation / Device Operation: Request Queues"
#define CLAUSE_SCSI_CONTROLQ	"Device Types / SCSI Host Device / Device Operation / Device Operation: controlq"
#define CLAUSE_SCSI_EVENTQ	"Device Types / SCSI Host Device / Device Operation / Device Operation: eventq"

#endif
