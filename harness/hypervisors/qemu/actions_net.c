/*
 * Host actions of network devices (docs/host-actions.md): the harness is
 * the net device's only peer. QEMU's dgram netdev sends every frame the
 * guest transmits to OUTPUT/net-CONFIG-peer.sock, a UNIX datagram socket
 * bound here before QEMU starts, and delivers to the guest what is sent to
 * its own OUTPUT/net-CONFIG.sock. Frames wait in the socket's buffer until
 * an action reads them, so no thread is needed.
 *
 *	net-link state=up|down			QMP set_link
 *	net-announce				QMP announce-self, one round
 *	net-capture-start			forget every frame received so far
 *	net-frame-to-guest bytes=N seed=S	send the frame of N bytes and seed S
 *	net-frame-from-guest bytes=N seed=S	compare the first frame of ours since
 *						net-capture-start with that frame
 */
#include <errno.h>
#include <json-c/json.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "hypervisors/qemu/actions.h"
#include "vm/net_frame_judge.h"
#include "hypervisors/qemu/qemu.h"
#include "util.h"

#define NET_WAIT_MS		2000
/* More than any frame: a longer datagram shows as a wrong length, not a cut one. */
#define NET_DATAGRAM_MAX	65536

struct host_net_peer {
	int fd;
	char *qemu_path;	/* QEMU's end: where frames to the guest go */
	char *peer_path;	/* ours */
	uint8_t datagram[NET_DATAGRAM_MAX];
};

static bool config_has_net(const struct vcts_config *config)
{
	for (size_t i = 0; i < config->device_count; i++) {
		if (!strcmp(config->devices[i]->type, "net"))
			return true;
	}
	return false;
}

/* A sockaddr_un for @path; false (with @err set) when the path does not fit. */
static bool unix_address(const char *path, struct sockaddr_un *addr, char *err, size_t err_size)
{
	*addr = (struct sockaddr_un){ .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(addr->sun_path)) {
		snprintf(err, err_size, "the net socket path %s is %zu bytes, more than the %zu a "
			 "UNIX socket allows: use a shorter TMPDIR", path, strlen(path),
			 sizeof(addr->sun_path) - 1);
		return false;
	}
	strcpy(addr->sun_path, path);
	return true;
}

static int net_open(struct host_session *session, char *err, size_t err_size)
{
	struct host_net_peer *peer;
	struct sockaddr_un addr, qemu_addr;

	if (!config_has_net(session->config))
		return 0;
	peer = xcalloc(1, sizeof(*peer));
	peer->fd = -1;
	peer->qemu_path = qemu_net_socket(session->config, false);
	peer->peer_path = qemu_net_socket(session->config, true);
	session->net = peer;
	if (!unix_address(peer->peer_path, &addr, err, err_size) ||
	    !unix_address(peer->qemu_path, &qemu_addr, err, err_size))
		return -1;
	/* Left over from an earlier run, QEMU's bind would fail; ours too. */
	unlink(peer->qemu_path);
	unlink(peer->peer_path);
	peer->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (peer->fd < 0 || bind(peer->fd, (struct sockaddr *)&addr, sizeof(addr))) {
		snprintf(err, err_size, "cannot bind the net peer socket %s: %s", peer->peer_path,
			 strerror(errno));
		return -1;
	}
	return 0;
}

static void net_close(struct host_session *session)
{
	struct host_net_peer *peer = session->net;

	if (!peer)
		return;
	if (peer->fd >= 0)
		close(peer->fd);
	unlink(peer->qemu_path);
	unlink(peer->peer_path);
	free(peer->qemu_path);
	free(peer->peer_path);
	free(peer);
	session->net = NULL;
}

/* The session's peer, if the request names the net device; else NULL with @msg set. */
static struct host_net_peer *peer_of(struct host_session *session, const struct vcts_line *line,
				     char *msg, size_t msg_size)
{
	if (!host_action_device(session, line, "net", msg, msg_size))
		return NULL;
	if (!session->net || session->net->fd < 0)
		snprintf(msg, msg_size, "the net device has no peer socket");
	return session->net && session->net->fd >= 0 ? session->net : NULL;
}

/* net-link: QMP set_link on the netdev, which QEMU passes on to the NIC. */
static const char *net_link(struct host_session *session, const struct vcts_line *line,
			    char *msg, size_t msg_size)
{
	const char *state = line_get(line, "state");
	struct json_object *args;
	bool up;

	if (!host_action_device(session, line, "net", msg, msg_size))
		return HOST_STATUS_ERROR;
	if (!state || (strcmp(state, "up") && strcmp(state, "down"))) {
		snprintf(msg, msg_size, "bad state '%s' (up or down)", state ? state : "");
		return HOST_STATUS_ERROR;
	}
	up = !strcmp(state, "up");
	args = json_object_new_object();
	json_object_object_add(args, "name", json_object_new_string(QEMU_NETDEV_ID));
	json_object_object_add(args, "up", json_object_new_boolean(up));
	if (qemu_action_qmp(session, "set_link", args, NULL, msg, msg_size))
		return HOST_STATUS_ERROR;
	snprintf(msg, msg_size, "link of %s set %s", line_get(line, "device"), state);
	return HOST_STATUS_OK;
}

/*
 * net-announce: QMP announce-self with one round. QEMU sends its own RARP
 * frame from every NIC (it reaches the peer socket, where the next
 * net-capture-start drops it) and calls the NIC's announce hook: a
 * virtio-net device whose driver negotiated GUEST_ANNOUNCE and CTRL_VQ
 * sets VIRTIO_NET_S_ANNOUNCE in status and notifies a configuration
 * change (hw/net/virtio-net.c, virtio_net_announce()). The timing
 * parameters only matter for later rounds; QEMU requires them.
 */
static const char *net_announce(struct host_session *session, const struct vcts_line *line,
				char *msg, size_t msg_size)
{
	struct json_object *args;

	if (!host_action_device(session, line, "net", msg, msg_size))
		return HOST_STATUS_ERROR;
	args = json_object_new_object();
	json_object_object_add(args, "initial", json_object_new_int(50));
	json_object_object_add(args, "max", json_object_new_int(550));
	json_object_object_add(args, "rounds", json_object_new_int(1));
	json_object_object_add(args, "step", json_object_new_int(100));
	if (qemu_action_qmp(session, "announce-self", args, NULL, msg, msg_size))
		return HOST_STATUS_ERROR;
	snprintf(msg, msg_size, "announce-self (one round) for %s", line_get(line, "device"));
	return HOST_STATUS_OK;
}

/* One waiting datagram into peer->datagram: its length, or -1 when none came in @wait_ms. */
static ssize_t receive_frame(struct host_net_peer *peer, int wait_ms)
{
	struct pollfd pfd = { .fd = peer->fd, .events = POLLIN };

	if (wait_ms > 0 && poll(&pfd, 1, wait_ms) <= 0)
		return -1;
	return recv(peer->fd, peer->datagram, sizeof(peer->datagram), MSG_TRUNC);
}

static const char *net_capture_start(struct host_session *session, const struct vcts_line *line,
				     char *msg, size_t msg_size)
{
	struct host_net_peer *peer = peer_of(session, line, msg, msg_size);
	unsigned int dropped = 0;

	if (!peer)
		return HOST_STATUS_ERROR;
	while (receive_frame(peer, 0) >= 0)
		dropped++;
	snprintf(msg, msg_size, "capture started; %u earlier frame(s) dropped", dropped);
	return HOST_STATUS_OK;
}

/* The request's bytes (60..1514) and seed (32 bits); false with @msg set. */
static bool frame_fields(const struct vcts_line *line, uint32_t *bytes, uint32_t *seed,
			 char *msg, size_t msg_size)
{
	unsigned long long n, s;

	if (!host_action_number(line, "bytes", &n, msg, msg_size) ||
	    !host_action_number(line, "seed", &s, msg, msg_size))
		return false;
	if (n < NET_FRAME_MIN || n > NET_FRAME_LARGEST || s > UINT32_MAX) {
		snprintf(msg, msg_size, "bytes %llu is not 60..1514, or seed %llu is not 32-bit", n,
			 s);
		return false;
	}
	*bytes = (uint32_t)n;
	*seed = (uint32_t)s;
	return true;
}

static const char *net_frame_to_guest(struct host_session *session, const struct vcts_line *line,
				      char *msg, size_t msg_size)
{
	static const uint8_t device[6] = NET_FRAME_DEVICE_MAC, me[6] = NET_FRAME_PEER_MAC;
	struct host_net_peer *peer = peer_of(session, line, msg, msg_size);
	struct sockaddr_un qemu;
	uint32_t bytes, seed;
	uint8_t frame[NET_FRAME_LARGEST];

	if (!peer || !frame_fields(line, &bytes, &seed, msg, msg_size) ||
	    !unix_address(peer->qemu_path, &qemu, msg, msg_size))
		return HOST_STATUS_ERROR;
	net_frame_build(frame, bytes, device, me, seed);
	if (sendto(peer->fd, frame, bytes, 0, (struct sockaddr *)&qemu, sizeof(qemu)) !=
	    (ssize_t)bytes) {
		snprintf(msg, msg_size, "cannot send to %s: %s", peer->qemu_path, strerror(errno));
		return HOST_STATUS_ERROR;
	}
	snprintf(msg, msg_size, "sent a %u-byte frame of seed %u", bytes, seed);
	return HOST_STATUS_OK;
}

static const char *net_frame_from_guest(struct host_session *session,
					const struct vcts_line *line, char *msg, size_t msg_size)
{
	struct host_net_peer *peer = peer_of(session, line, msg, msg_size);
	uint64_t deadline = monotonic_ms() + NET_WAIT_MS;
	uint32_t bytes, seed;

	if (!peer || !frame_fields(line, &bytes, &seed, msg, msg_size))
		return HOST_STATUS_ERROR;
	for (;;) {
		uint64_t now = monotonic_ms();
		ssize_t length = now < deadline ? receive_frame(peer, (int)(deadline - now)) : -1;

		if (length < 0) {
			snprintf(msg, msg_size, "no frame arrived within %u ms", NET_WAIT_MS);
			return HOST_STATUS_DIFFERS;
		}
		/* Other traffic (whatever else the guest sends) is not the frame asked about. */
		if (net_frame_is_ours(peer->datagram, (uint32_t)length))
			return net_frame_judge(peer->datagram, (uint32_t)length, bytes, seed, msg,
					       msg_size);
	}
}

static const struct host_action net_actions[] = {
	{ "net-link", net_link },
	{ "net-announce", net_announce },
	{ "net-capture-start", net_capture_start },
	{ "net-frame-to-guest", net_frame_to_guest },
	{ "net-frame-from-guest", net_frame_from_guest },
	{ NULL, NULL },
};

const struct host_action_module qemu_actions_net = {
	.actions = net_actions,
	.open = net_open,
	.close = net_close,
};
