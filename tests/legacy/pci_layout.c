/*
 * The legacy PCI header ("Legacy Interfaces: A Note on PCI Device
 * Layout"): where it is, which registers are read-only, what the feature
 * registers hold, where the device-specific configuration starts and how
 * it may be read.
 */
#include "drivers/balloon.h"
#include "drivers/blk.h"
#include "drivers/console.h"
#include "drivers/net.h"
#include "drivers/scsi.h"
#include "lib/kernel.h"
#include "lib/string.h"
#include "tests/legacy/pci_legacy_test.h"

/* Legacy drivers assume the header in I/O space in BAR 0. No QEMU property breaks it. */
VCTS_TEST(legacy_bar0_io, "legacy.pci.bar0_is_io", VIRTIO_ID_ANY,
	  CLAUSE_LEGACY_PCI_LAYOUT_DETECTION "|" CLAUSE_LEGACY_PCI_LAYOUT)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);

	if (!pl)
		return;
	check(pl->pci->bars[LEGACY_BAR].is_io, CLAUSE_LEGACY_PCI_LAYOUT_DETECTION,
	      "BAR 0 is an I/O BAR (it is a %s BAR of %llu bytes)",
	      pl->pci->bars[LEGACY_BAR].is_io ? "I/O" : "memory",
	      (unsigned long long)pl->pci->bars[LEGACY_BAR].size);
}

/* The transitional PCI device ids and the device types they stand for. */
static uint32_t transitional_type(uint16_t device_id)
{
	switch (device_id) {
	case 0x1000:
		return VIRTIO_ID_NET;
	case 0x1001:
		return VIRTIO_ID_BLOCK;
	case 0x1002:
		return VIRTIO_ID_BALLOON;
	case 0x1003:
		return VIRTIO_ID_CONSOLE;
	case 0x1004:
		return VIRTIO_ID_SCSI;
	case 0x1005:
		return VIRTIO_ID_RNG;
	case 0x1009:
		return 9;	/* 9P transport */
	default:
		return 0;
	}
}

/*
 * Revision 0 and a subsystem device id equal to the device type: what
 * legacy drivers match on. Needs the reference device to fail (QEMU sets
 * both from fixed tables).
 */
VCTS_TEST(legacy_ids, "legacy.pci.transitional_ids", VIRTIO_ID_ANY,
	  CLAUSE_LEGACY_PCI_DISCOVERY)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	uint32_t type;

	if (!pl)
		return;
	type = transitional_type(pl->pci->device_id);
	check_eq(pl->pci->revision, 0, CLAUSE_LEGACY_PCI_DISCOVERY, "PCI Revision ID");
	check(pl->pci->device_id >= 0x1000 && pl->pci->device_id <= 0x103f,
	      CLAUSE_LEGACY_PCI_DISCOVERY, "device id %#x is in 0x1000-0x103f",
	      pl->pci->device_id);
	if (type)
		check_eq(pl->pci->subsystem_id, type, CLAUSE_LEGACY_PCI_DISCOVERY,
			 "PCI Subsystem Device ID of transitional id %#x", pl->pci->device_id);
	else
		test_log("%s: transitional id %#x has no device type in the 1.2 table; "
			 "subsystem id %#x not checked", dev->name, pl->pci->device_id,
			 pl->pci->subsystem_id);
}

/*
 * How many queues a device of @dev's type has when the driver asks for
 * nothing, or 0 when the test cannot tell.
 */
static uint16_t expected_queue_count(struct virtio_device *dev, const struct pci_legacy *pl)
{
	uint32_t offered = pci_legacy_read(pl, LEGACY_DEVICE_FEATURES, 4);

	if (dev->device_type == VIRTIO_ID_RNG)
		return 1;
	if (dev->device_type == VIRTIO_ID_BLOCK && !(offered & (1u << 12)))	/* no MQ */
		return 1;
	return 0;
}

/*
 * queue_size is read-only ("There was no mechanism to negotiate the
 * queue size"): a write leaves it unchanged. Every size is 0 (no queue)
 * or a power of two, and the queue after the last one the device type
 * defines reads 0. Needs the reference device to fail: QEMU ignores the
 * write and enforces powers of two in its queue-size properties.
 */
VCTS_TEST(legacy_queue_size_ro, "legacy.pci.queue_size_read_only", VIRTIO_ID_ANY,
	  CLAUSE_LEGACY_PCI_LAYOUT "|" CLAUSE_LEGACY_PCI_VQ_CONFIG "|" CLAUSE_LEGACY_VQ_LAYOUT)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	uint16_t size0, other, expected;

	if (!pl)
		return;
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	for (uint16_t i = 0; i < LEGACY_TEST_QUEUES; i++) {
		uint16_t size = legacy_queue_size(pl, i);

		check(size == 0 || legacy_size_valid(size), CLAUSE_LEGACY_VQ_LAYOUT,
		      "queue %u size %u is 0 or a power of two", i, size);
	}
	size0 = legacy_queue_size(pl, 0);
	require(size0 != 0, CLAUSE_LEGACY_PCI_VQ_CONFIG, "queue 0 exists (its size reads %u)",
		size0);
	check_eq(pci_legacy_read(pl, LEGACY_QUEUE_SELECT, 2), 0, CLAUSE_LEGACY_PCI_LAYOUT,
		 "queue_select reads back the queue selected");
	other = size0 > 1 ? (uint16_t)(size0 / 2) : 2;
	pci_legacy_write(pl, LEGACY_QUEUE_SIZE, 2, other);
	check_eq(legacy_queue_size(pl, 0), size0, CLAUSE_LEGACY_PCI_VQ_CONFIG,
		 "queue 0 size after the driver wrote %u to the read-only register", other);

	expected = expected_queue_count(dev, pl);
	if (!expected) {
		test_log("%s: queue count of this device type not known; the queue past the "
			 "last is not checked", dev->name);
		return;
	}
	for (uint16_t i = 0; i < expected; i++)
		check(legacy_queue_size(pl, i) != 0, CLAUSE_LEGACY_PCI_VQ_CONFIG,
		      "queue %u of the %u the device type defines exists", i, expected);
	check_eq(legacy_queue_size(pl, expected), 0, CLAUSE_LEGACY_PCI_VQ_CONFIG,
		 "size of queue %u, past the last the device type defines", expected);
}

/*
 * Only bits 0-31 exist in the legacy interface, and the driver features
 * register is read-write: it reads back any subset of the offered bits
 * the driver wrote (bit 30, QEMU's "bad feature" marker that a driver
 * SHOULD NOT negotiate, is never written). Bits 32-63, VERSION_1 among
 * them, cannot be offered or acknowledged at all: the transport reads
 * them as 0, and that the device then works the legacy way (native byte
 * order, the legacy ring layout) is what devices.* check over this
 * transport. Needs the reference device to fail.
 */
VCTS_TEST(legacy_features, "legacy.pci.driver_features_read_back", VIRTIO_ID_ANY,
	  CLAUSE_LEGACY_PCI_LAYOUT "|" CLAUSE_LEGACY_FEATURE_BITS)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	uint32_t offered, writable, subsets[3];

	if (!pl)
		return;
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	offered = pci_legacy_read(pl, LEGACY_DEVICE_FEATURES, 4);
	writable = offered & ~(1u << LEGACY_F_UNUSED_30);
	subsets[0] = 0;
	subsets[1] = test_seed() & writable;
	subsets[2] = writable;
	for (unsigned int i = 0; i < ARRAY_SIZE(subsets); i++) {
		uint32_t now;

		pci_legacy_write(pl, LEGACY_DRIVER_FEATURES, 4, subsets[i]);
		check_eq(pci_legacy_read(pl, LEGACY_DRIVER_FEATURES, 4), subsets[i],
			 CLAUSE_LEGACY_PCI_LAYOUT,
			 "driver features read back after writing %#x (offered %#x)",
			 subsets[i], offered);
		now = pci_legacy_read(pl, LEGACY_DEVICE_FEATURES, 4);
		check_eq(now, offered, CLAUSE_LEGACY_FEATURE_BITS,
			 "device features after the driver wrote %#x", subsets[i]);
	}
}

/*
 * ANY_LAYOUT (27): "Transitional devices MUST offer" it. The rule is the
 * 1.x specification's; a legacy-only device (no 1.x capabilities) is not
 * bound by it and is skipped. Fails with QEMU's any_layout=off.
 */
VCTS_TEST(legacy_any_layout, "legacy.pci.any_layout_offered", VIRTIO_ID_ANY,
	  CLAUSE_LEGACY_RESERVED_FEATURES "|" CLAUSE_LEGACY_MESSAGE_FRAMING)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	uint32_t offered;

	if (!pl)
		return;
	if (!pl->transitional)
		skip("%s is a legacy-only device (no 1.x capabilities): the rule binds "
		     "transitional devices", dev->name);
	offered = pci_legacy_read(pl, LEGACY_DEVICE_FEATURES, 4);
	check(offered & (1u << LEGACY_F_ANY_LAYOUT), CLAUSE_LEGACY_RESERVED_FEATURES,
	      "a transitional device offers VIRTIO_F_ANY_LAYOUT (bit 27) through its legacy "
	      "interface (offered %#x)", offered);
}

/* Masks every MSI-X table entry, so that enabling MSI-X cannot fire anything. */
static void msix_mask_all(struct pci_function *fn)
{
	for (uint16_t i = 0; i < fn->msix_table_size; i++)
		pci_msix_set_entry(fn, i, 0, 0, true);
}

/* Reads @count bytes of BAR 0 from @offset with 4-byte accesses. */
static void read_window(const struct pci_legacy *pl, uint32_t offset, uint8_t *bytes,
			uint32_t count)
{
	for (uint32_t i = 0; i < count; i += 4) {
		uint32_t value = pci_legacy_read(pl, offset + i, 4);

		for (uint32_t b = 0; b < 4 && i + b < count; b++)
			bytes[i + b] = (uint8_t)(value >> (8 * b));
	}
}

/* The first byte where @a and @b differ, or -1. */
static int first_difference(const uint8_t *a, const uint8_t *b, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		if (a[i] != b[i])
			return (int)i;
	}
	return -1;
}

/*
 * With MSI-X enabled two vector registers follow the header and the
 * device-specific configuration starts at 24; disabled, at 20: "once you
 * enable MSI-X on the device, the other fields move. If you turn it off
 * again, they move back!" The block configuration (capacity first) does
 * not change while we look, so the bytes at 24 with MSI-X on must be the
 * bytes at 20 with it off. Needs the reference device to fail; QEMU's
 * vectors=0 removes MSI-X and the test skips.
 */
VCTS_TEST(legacy_config_moves, "legacy.pci.config_moves_with_msix", VIRTIO_ID_BLOCK,
	  CLAUSE_LEGACY_PCI_LAYOUT)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	uint32_t count;
	uint8_t *off, *on, *off_again;
	int at;

	if (!pl)
		return;
	if (!pl->pci->msix_cap)
		skip("%s has no MSI-X capability: its configuration is always at 20", dev->name);
	if (pl->pci->bars[LEGACY_BAR].size < LEGACY_CONFIG_MSIX + 8)
		skip("BAR 0 (%llu bytes) has no room for 8 bytes of configuration at 24",
		     (unsigned long long)pl->pci->bars[LEGACY_BAR].size);
	count = (uint32_t)pl->pci->bars[LEGACY_BAR].size - LEGACY_CONFIG_MSIX;
	off = test_alloc(count, 8);
	on = test_alloc(count, 8);
	off_again = test_alloc(count, 8);
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);

	pci_msix_enable(pl->pci, false);
	read_window(pl, LEGACY_CONFIG, off, count);
	msix_mask_all(pl->pci);
	pci_msix_enable(pl->pci, true);
	require(pci_legacy_msix_enabled(pl), CLAUSE_PCI_MSIX_CONFIG,
		"MSI-X reads enabled in the capability once enabled");
	read_window(pl, LEGACY_CONFIG_MSIX, on, count);
	pci_msix_enable(pl->pci, false);
	read_window(pl, LEGACY_CONFIG, off_again, count);

	at = first_difference(off, off_again, count);
	require(at < 0, CLAUSE_LEGACY_PCI_LAYOUT,
		"the configuration at 20 reads the same before and after MSI-X was on "
		"(byte %d: %#x then %#x)", at, at < 0 ? 0 : off[at], at < 0 ? 0 : off_again[at]);
	at = first_difference(off, on, count);
	check(at < 0, CLAUSE_LEGACY_PCI_LAYOUT,
	      "configuration byte %d reads %#x at 24 with MSI-X on, as at 20 with it off (%#x)",
	      at, at < 0 ? 0 : on[at], at < 0 ? 0 : off[at]);
}

/* The end of a field at @offset of @bytes that exists when @present, or @end. */
static uint32_t field_end(uint32_t end, bool present, uint32_t offset, uint32_t bytes)
{
	return present && offset + bytes > end ? offset + bytes : end;
}

/*
 * How far the device-specific configuration of @dev reaches with the
 * features it offers (@offered: through the legacy interface, bits 0-31
 * only): the end of the last field that exists, by each device type's
 * "Device configuration layout" (5.1.4 net, 5.2.4 block, 5.3.4 console,
 * 5.5.4 balloon, 5.6.4 SCSI). Padding after the last field (block's
 * unused1) and what lies beyond it up to the end of BAR 0 are not part of
 * it: those bytes may read anything. Console's emerg_wr is left out: it
 * is the driver's to write (5.3.5), nothing says what it reads. 0 for the
 * entropy device (no configuration) and for a type not listed here.
 */
static uint32_t legacy_config_length(const struct virtio_device *dev, uint64_t offered)
{
#define HAS(bit) (((offered) >> (bit)) & 1)
	uint32_t end = 0;

	switch (dev->device_type) {
	case VIRTIO_ID_NET:
		end = field_end(end, true, VIRTIO_NET_CFG_MAC, 6);
		end = field_end(end, HAS(VIRTIO_NET_F_STATUS), VIRTIO_NET_CFG_STATUS, 2);
		end = field_end(end, HAS(VIRTIO_NET_F_MQ) || HAS(VIRTIO_NET_F_RSS),
				VIRTIO_NET_CFG_MAX_VQ_PAIRS, 2);
		end = field_end(end, HAS(VIRTIO_NET_F_MTU), VIRTIO_NET_CFG_MTU, 2);
		/* speed and duplex */
		end = field_end(end, HAS(VIRTIO_NET_F_SPEED_DUPLEX), VIRTIO_NET_CFG_SPEED, 5);
		/* rss_max_key_size, rss_max_indirection_table_length, supported_hash_types */
		end = field_end(end, HAS(VIRTIO_NET_F_RSS) || HAS(VIRTIO_NET_F_HASH_REPORT),
				VIRTIO_NET_CFG_DUPLEX + 1, 1);
		end = field_end(end, HAS(VIRTIO_NET_F_RSS), VIRTIO_NET_CFG_DUPLEX + 2, 2);
		end = field_end(end, HAS(VIRTIO_NET_F_RSS) || HAS(VIRTIO_NET_F_HASH_REPORT),
				VIRTIO_NET_CFG_DUPLEX + 4, 4);
		break;
	case VIRTIO_ID_BLOCK:
		end = field_end(end, true, VIRTIO_BLK_CFG_CAPACITY, 8);
		end = field_end(end, HAS(VIRTIO_BLK_F_SIZE_MAX), VIRTIO_BLK_CFG_SIZE_MAX, 4);
		end = field_end(end, HAS(VIRTIO_BLK_F_SEG_MAX), VIRTIO_BLK_CFG_SEG_MAX, 4);
		end = field_end(end, HAS(VIRTIO_BLK_F_GEOMETRY), VIRTIO_BLK_CFG_CYLINDERS, 4);
		end = field_end(end, HAS(VIRTIO_BLK_F_BLK_SIZE), VIRTIO_BLK_CFG_BLK_SIZE, 4);
		end = field_end(end, HAS(VIRTIO_BLK_F_TOPOLOGY), VIRTIO_BLK_CFG_PHYSICAL_BLOCK_EXP,
				8);
		end = field_end(end, HAS(VIRTIO_BLK_F_CONFIG_WCE), VIRTIO_BLK_CFG_WRITEBACK, 1);
		end = field_end(end, HAS(VIRTIO_BLK_F_MQ), VIRTIO_BLK_CFG_NUM_QUEUES, 2);
		end = field_end(end, HAS(VIRTIO_BLK_F_DISCARD), VIRTIO_BLK_CFG_MAX_DISCARD_SECTORS,
				12);
		end = field_end(end, HAS(VIRTIO_BLK_F_WRITE_ZEROES),
				VIRTIO_BLK_CFG_MAX_WRITE_ZEROES_SECTORS, 9);
		end = field_end(end, HAS(VIRTIO_BLK_F_SECURE_ERASE),
				VIRTIO_BLK_CFG_MAX_SECURE_ERASE_SECTORS, 12);
		break;
	case VIRTIO_ID_CONSOLE:
		end = field_end(end, HAS(VIRTIO_CONSOLE_F_SIZE), VIRTIO_CONSOLE_CFG_COLS, 4);
		end = field_end(end, HAS(VIRTIO_CONSOLE_F_MULTIPORT),
				VIRTIO_CONSOLE_CFG_MAX_NR_PORTS, 4);
		break;
	case VIRTIO_ID_BALLOON:
		end = field_end(end, true, VIRTIO_BALLOON_CFG_NUM_PAGES, 8);
		end = field_end(end, HAS(VIRTIO_BALLOON_F_FREE_PAGE_HINT),
				VIRTIO_BALLOON_CFG_FREE_PAGE_HINT_CMD_ID, 4);
		end = field_end(end, HAS(VIRTIO_BALLOON_F_PAGE_POISON), VIRTIO_BALLOON_CFG_POISON_VAL,
				4);
		break;
	case VIRTIO_ID_SCSI:
		end = VIRTIO_SCSI_CFG_BYTES;
		break;
	default:
		break;
	}
	return end;
#undef HAS
}

/*
 * "When using the legacy interface the driver MAY access the
 * device-specific configuration region using any width accesses, and a
 * transitional device MUST present driver with the same results as when
 * accessed using the "natural" access method (i.e. 32-bit accesses for
 * 32-bit fields, etc)": read byte by byte, by aligned 16 and 32 bits,
 * every byte the three agree on. Any disagreement means one of them is
 * not what the natural access gives. Only accesses that lie wholly inside
 * the configuration (legacy_config_length()) are made: one that runs past
 * the last field asks for bytes the device does not have. Bytes that
 * change between the byte-wise passes before and after (a live field) are
 * left out. The rule binds transitional devices: a legacy-only one skips.
 * Needs the reference device to fail.
 */
VCTS_TEST(legacy_config_widths, "legacy.pci.config_any_width", VIRTIO_ID_ANY,
	  CLAUSE_LEGACY_PCI_LAYOUT)
{
	struct pci_legacy *pl = pci_legacy_or_skip(dev);
	uint32_t base, length, compared = 0;
	uint64_t offered;
	uint8_t *first, *second, *words, *dwords;
	bool *have_word, *have_dword;
	int word_at = -1, dword_at = -1;

	if (!pl)
		return;
	if (!pl->transitional)
		skip("%s is a legacy-only device (no 1.x capabilities): the rule binds transitional "
		     "devices", dev->name);
	require(virtio_reset(dev, test_timeout_ms()), CLAUSE_RESET, "the device resets");
	virtio_add_status(dev, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	offered = virtio_device_features(dev);
	length = legacy_config_length(dev, offered);
	if (!length)
		skip("%s (device type %u, features %#llx) has no configuration field the test "
		     "knows of", dev->name, dev->device_type, (unsigned long long)offered);
	require(length <= dev->ops->config_size(dev), CLAUSE_LEGACY_PCI_LAYOUT,
		"BAR 0 holds the %u configuration bytes the features %#llx call for (%u after "
		"the header)", length, (unsigned long long)offered, dev->ops->config_size(dev));
	base = pci_legacy_config_offset(pl);
	first = test_alloc(length, 8);
	second = test_alloc(length, 8);
	words = test_alloc(length, 8);
	dwords = test_alloc(length, 8);
	have_word = test_alloc(length * sizeof(bool), 8);
	have_dword = test_alloc(length * sizeof(bool), 8);
	for (uint32_t i = 0; i < length; i++)
		first[i] = (uint8_t)pci_legacy_read(pl, base + i, 1);
	for (uint32_t i = 0; i + 2 <= length; i += 2) {
		uint32_t value = pci_legacy_read(pl, base + i, 2);

		for (uint32_t b = 0; b < 2; b++) {
			words[i + b] = (uint8_t)(value >> (8 * b));
			have_word[i + b] = true;
		}
	}
	for (uint32_t i = 0; i + 4 <= length; i += 4) {
		uint32_t value = pci_legacy_read(pl, base + i, 4);

		for (uint32_t b = 0; b < 4; b++) {
			dwords[i + b] = (uint8_t)(value >> (8 * b));
			have_dword[i + b] = true;
		}
	}
	for (uint32_t i = 0; i < length; i++)
		second[i] = (uint8_t)pci_legacy_read(pl, base + i, 1);
	for (uint32_t i = 0; i < length; i++) {
		if (first[i] != second[i])
			continue;
		compared++;
		if (word_at < 0 && have_word[i] && words[i] != first[i])
			word_at = (int)i;
		if (dword_at < 0 && have_dword[i] && dwords[i] != first[i])
			dword_at = (int)i;
	}
	check(dword_at < 0, CLAUSE_LEGACY_PCI_LAYOUT,
	      "configuration byte %d reads %#x by a 1-byte access and %#x by a 4-byte one",
	      dword_at, dword_at < 0 ? 0 : first[dword_at], dword_at < 0 ? 0 : dwords[dword_at]);
	check(word_at < 0, CLAUSE_LEGACY_PCI_LAYOUT,
	      "configuration byte %d reads %#x by a 1-byte access and %#x by a 2-byte one",
	      word_at, word_at < 0 ? 0 : first[word_at], word_at < 0 ? 0 : words[word_at]);
	test_log("%s: %u of the %u configuration bytes that features %#llx call for stable and "
		 "compared", dev->name, compared, length, (unsigned long long)offered);
}
