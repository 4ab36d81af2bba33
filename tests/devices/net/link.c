/*
 * Link status from outside the VM (host action net-link, QMP set_link):
 * with VIRTIO_NET_F_STATUS, bit VIRTIO_NET_S_LINK_UP of status follows the
 * link (5.1.4), and the change comes with a configuration change
 * notification and, on 1.x interfaces, a new configuration generation.
 */
#include "lib/host_request.h"
#include "lib/test.h"
#include "tests/common/config_notify.h"
#include "tests/devices/net/net_tests.h"

/* Asks the harness to set the link @state ("up", "down"); false when the test skipped. */
static bool set_link(struct virtio_device *dev, const char *state)
{
	const char *pairs[] = { "state", state, NULL };
	char msg[160];

	return host_request_done("net-link", dev->name, pairs, NULL, msg, sizeof(msg));
}

/*
 * After the host set the link @up or down: the notification, the new
 * generation, and LINK_UP as the link is. False when the test cannot go on.
 */
static bool link_follows(struct net_device *net, bool up, uint32_t interrupts,
			 uint32_t generation)
{
	struct virtio_device *dev = net->dev;
	const char *state = up ? "up" : "down";
	bool notified = config_notify_wait(dev, interrupts);

	check(notified, config_notify_clause(dev),
	      "a configuration change notification arrives within %u ms of the link going %s (%s)",
	      test_timeout_ms(), state, config_notify_route(dev));
	if (!check(net_read_config(net), net->error_clause, "the configuration reads: %s",
		   net->error))
		return false;
	test_log("%s: link %s: status %#x", dev->name, state, net->config.status);
	if (!dev->legacy)
		check(dev->ops->config_generation(dev) != generation,
		      config_notify_generation_clause(dev),
		      "the configuration generation changes with status (it stayed %u)", generation);
	return check_eq(!!(net->config.status & VIRTIO_NET_S_LINK_UP), up, CLAUSE_NET_CONFIG,
			"status has VIRTIO_NET_S_LINK_UP %s once the link is %s (status %#x)",
			up ? "set" : "clear", state, net->config.status);
}

/*
 * The harness sets the link down, then up again. Fails against a device
 * that keeps LINK_UP, changes it without a notification or without a new
 * generation (the reference device's faults).
 */
VCTS_TEST(net_link_change, "devices.net.link_status_change", VIRTIO_ID_NET,
	  CLAUSE_NET_CONFIG "|" CLAUSE_PCI_CONFIG_NOTIFY "|" CLAUSE_PCI_ISR_CAP "|"
	  CLAUSE_PCI_COMMON_CFG "|" CLAUSE_MMIO_REGISTER_LAYOUT)
{
	struct net_device net;
	enum virtio_irq_mode mode;
	const char *why = "";
	uint32_t interrupts, generation = 0;
	bool opened, down_seen;

	if (!config_notify_pick_irq(dev, &mode))
		skip("the kernel cannot take interrupts from %s at %s: a configuration change "
		     "notification cannot be seen", dev->name, dev->location);
	opened = net_open_irq(dev, NET_FEATURES_BASIC, mode, &net, &why);
	require(opened, net.error_clause, "the device initialises with interrupts: %s", why);
	if (!virtio_has_feature(dev, VIRTIO_NET_F_STATUS))
		skip("VIRTIO_NET_F_STATUS is not offered: there is no link status to follow");
	require(net.config.status & VIRTIO_NET_S_LINK_UP, CLAUSE_NET_CONFIG,
		"the link is up before the harness sets it down (status %#x)", net.config.status);
	interrupts = dev->config_interrupts;
	if (!dev->legacy)
		generation = dev->ops->config_generation(dev);
	if (!set_link(dev, "down"))
		return;
	down_seen = link_follows(&net, false, interrupts, generation);
	/* Up again whatever happened: the tests after this one need the link. */
	interrupts = dev->config_interrupts;
	if (!dev->legacy)
		generation = dev->ops->config_generation(dev);
	if (!set_link(dev, "up") || !down_seen)
		return;
	link_follows(&net, true, interrupts, generation);
}
