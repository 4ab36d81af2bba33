/*
 * The vhost-user set (docs/vhost-user.md): devices whose virtio
 * implementation is another program. QEMU 7.2 ships two back ends:
 * qemu-storage-daemon exports vhost-user-blk (libvhost-user and QEMU's
 * block layer, not hw/block/virtio-blk.c), and virtiofsd serves
 * vhost-user-fs. Here: whether this host can run them, the QEMU options
 * that attach them, and the daemons themselves as a host-action module,
 * started before QEMU (it gives up if their sockets are not there), watched
 * while the VM runs (a dead back end is a crash verdict, not a timeout)
 * and stopped after it, before the host checks read the disks.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hypervisors/qemu/actions.h"
#include "util.h"
#include "vm/daemon.h"

#define STORAGE_DAEMON "qemu-storage-daemon"
#define VIRTIOFSD "/usr/lib/qemu/virtiofsd"
#define DAEMON_READY_MS 5000
#define DAEMON_STOP_MS 5000
#define MAX_DAEMONS 8

struct host_vhost_daemons {
	struct daemon daemons[MAX_DAEMONS];
	size_t count;
};

static bool is_vhost_user_blk(const struct device_instance *dev)
{
	return !strcmp(dev->type, "vhost-user-blk");
}

static bool is_vhost_user_fs(const struct device_instance *dev)
{
	return !strcmp(dev->type, "vhost-user-fs");
}

bool qemu_is_vhost_user(const struct device_instance *dev)
{
	return is_vhost_user_blk(dev) || is_vhost_user_fs(dev);
}

bool qemu_config_uses_vhost_user(const struct vcts_config *config)
{
	for (size_t i = 0; i < config->device_count; i++)
		if (qemu_is_vhost_user(config->devices[i]))
			return true;
	return false;
}

/* Is @name a program the harness could run (from PATH, as the daemons are)? */
static bool in_path(const char *name)
{
	char *found = qemu_search_path(name);

	free(found);
	return found != NULL;
}

bool qemu_vhost_user_available(const char *type, char *why, size_t why_size)
{
	if (!strcmp(type, "vhost-user-blk") && !in_path(STORAGE_DAEMON)) {
		snprintf(why, why_size, "%s is not installed (Debian's qemu-system-common has it)",
			 STORAGE_DAEMON);
		return false;
	}
	if (!strcmp(type, "vhost-user-fs") && access(VIRTIOFSD, X_OK)) {
		snprintf(why, why_size, "%s is not installed (Debian 12's qemu-system-common has it)",
			 VIRTIOFSD);
		return false;
	}
	/* It sets up namespaces and a pid file under /var/run: root only. */
	if (!strcmp(type, "vhost-user-fs") && geteuid() != 0) {
		snprintf(why, why_size, "%s must run as root", VIRTIOFSD);
		return false;
	}
	return true;
}

char *qemu_vhost_user_socket(const struct vcts_config *config,
			     const struct device_instance *dev)
{
	return xasprintf("%s/vhost-%s-%s.sock", run_settings_socket_dir(config->settings), config->name,
			 dev->name);
}

char *qemu_vhost_user_fs_dir(const struct vcts_config *config,
			     const struct device_instance *dev)
{
	return xasprintf("%s/images/%s-%s", config->settings->output, config->name, dev->name);
}

/* The writable disk gets two queues on both sides, as the built-in one does. */
static unsigned int blk_queues(const struct device_instance *dev)
{
	return dev->read_only ? 1 : 2;
}

static const char *device_model(const struct vcts_config *config,
				const struct device_instance *dev)
{
	if (is_vhost_user_blk(dev))
		return config->bus == BUS_PCI ? "vhost-user-blk-pci" : "vhost-user-blk";
	return config->bus == BUS_PCI ? "vhost-user-fs-pci" : "vhost-user-fs-device";
}

void qemu_vhost_user_add_device(struct strlist *args, const struct vcts_config *config,
				const struct device_instance *dev, struct strbuf *device)
{
	char *socket = qemu_vhost_user_socket(config, dev);
	struct strbuf chardev = { 0 };

	strbuf_addf(&chardev, "socket,id=vcts-vu-%s,path=", dev->name);
	qemu_add_escaped(&chardev, socket);
	strlist_add(args, "-chardev");
	strlist_add(args, chardev.buf);
	strbuf_addf(device, "%s,chardev=vcts-vu-%s", device_model(config, dev), dev->name);
	if (is_vhost_user_blk(dev))
		strbuf_addf(device, ",num-queues=%u", blk_queues(dev));
	else
		strbuf_addstr(device, ",tag=vcts");
	/* vhost-user-fs-pci is modern-only and has no such property. */
	if (config->bus == BUS_PCI && is_vhost_user_blk(dev))
		strbuf_addstr(device, ",disable-legacy=on");
	strbuf_release(&chardev);
	free(socket);
}

/* The log of a daemon: OUTPUT/logs/CONFIG-WHAT.log, beside the VM's. */
static char *daemon_log(const struct vcts_config *config, const char *what)
{
	return xasprintf("%s/logs/%s-%s.log", config->settings->output, config->name, what);
}

static void add_storage_export(struct strlist *argv, const struct vcts_config *config,
			       const struct device_instance *dev)
{
	char *image = xasprintf("%s/images/%s", config->settings->output, dev->image_name);
	char *socket = qemu_vhost_user_socket(config, dev);
	struct strbuf blockdev = { 0 }, export = { 0 };

	strbuf_addf(&blockdev, "driver=file,node-name=%s,filename=", dev->name);
	qemu_add_escaped(&blockdev, image);
	/* cache.no-flush=on is the built-in drive's cache=unsafe. */
	strbuf_addstr(&blockdev, dev->read_only ? ",read-only=on" : ",cache.no-flush=on");
	strbuf_addf(&export, "type=vhost-user-blk,id=%s,node-name=%s,addr.type=unix,addr.path=",
		    dev->name, dev->name);
	qemu_add_escaped(&export, socket);
	strbuf_addf(&export, "%s,num-queues=%u", dev->read_only ? "" : ",writable=on",
		    blk_queues(dev));
	strlist_add(argv, "--blockdev");
	strlist_add(argv, blockdev.buf);
	strlist_add(argv, "--export");
	strlist_add(argv, export.buf);
	strbuf_release(&blockdev);
	strbuf_release(&export);
	free(socket);
	free(image);
}

/* Start @argv as daemon @name, then wait until every socket of @sockets listens. */
static int start_daemon(struct host_vhost_daemons *vd, const char *name, struct strlist *args,
			const struct strlist *sockets, const char *log, char *err,
			size_t err_size)
{
	struct daemon *d = &vd->daemons[vd->count];
	char **argv = strlist_to_argv(args);
	int ret;

	for (size_t i = 0; i < sockets->count; i++)
		unlink(sockets->items[i]);
	ret = daemon_start(d, name, argv, log, err, err_size);
	if (!ret)
		vd->count++;
	for (size_t i = 0; !ret && i < sockets->count; i++)
		ret = daemon_wait_ready(d, sockets->items[i], DAEMON_READY_LISTENING,
					DAEMON_READY_MS, err, err_size);
	argv_free(argv);
	return ret;
}

/* One qemu-storage-daemon serves every vhost-user-blk disk of the VM. */
static int start_storage_daemon(struct host_session *session, char *err, size_t err_size)
{
	const struct vcts_config *config = session->config;
	struct strlist args = { 0 }, sockets = { 0 };
	char *log = daemon_log(config, STORAGE_DAEMON);
	int ret = 0;

	strlist_add(&args, STORAGE_DAEMON);
	for (size_t i = 0; i < config->device_count; i++) {
		if (!is_vhost_user_blk(config->devices[i]))
			continue;
		add_storage_export(&args, config, config->devices[i]);
		strlist_add_owned(&sockets, qemu_vhost_user_socket(config, config->devices[i]));
	}
	if (sockets.count)
		ret = start_daemon(session->vhost, STORAGE_DAEMON, &args, &sockets, log, err,
				   err_size);
	strlist_clear(&args);
	strlist_clear(&sockets);
	free(log);
	return ret;
}

/* A virtiofsd per file system: it serves one connection and exits with it. */
static int start_virtiofsd(struct host_session *session, const struct device_instance *dev,
			   char *err, size_t err_size)
{
	const struct vcts_config *config = session->config;
	char *dir = qemu_vhost_user_fs_dir(config, dev);
	char *socket = qemu_vhost_user_socket(config, dev);
	char *what = xasprintf("virtiofsd-%s", dev->name);
	char *log = daemon_log(config, what);
	struct strlist args = { 0 }, sockets = { 0 };
	int ret = mkdir_p(dir);
	char *absolute = ret ? NULL : realpath(dir, NULL);

	if (ret || !absolute)
		snprintf(err, err_size, "cannot create %s: %s", dir, strerror(errno));
	ret = absolute ? 0 : -1;
	strlist_add(&args, VIRTIOFSD);
	strlist_add_owned(&args, xasprintf("--socket-path=%s", socket));
	strlist_add(&args, "-o");
	/* It bind-mounts the directory in a namespace of its own: an absolute path. */
	strlist_add_owned(&args, xasprintf("source=%s", absolute ? absolute : dir));
	strlist_add(&args, "-o");
	strlist_add(&args, "cache=none");
	strlist_add(&sockets, socket);
	if (!ret)
		ret = start_daemon(session->vhost, what, &args, &sockets, log, err, err_size);
	strlist_clear(&args);
	strlist_clear(&sockets);
	free(absolute);
	free(log);
	free(what);
	free(socket);
	free(dir);
	return ret;
}

static void stop_daemons(struct host_session *session)
{
	struct host_vhost_daemons *vd = session->vhost;

	if (!vd)
		return;
	for (size_t i = 0; i < vd->count; i++) {
		char err[512];

		/* A virtiofsd whose VM is gone has ended by itself: that is normal. */
		daemon_stop(&vd->daemons[i], DAEMON_STOP_MS, err, sizeof(err));
	}
	for (size_t i = 0; i < session->config->device_count; i++) {
		if (qemu_is_vhost_user(session->config->devices[i])) {
			char *socket = qemu_vhost_user_socket(session->config,
							      session->config->devices[i]);

			unlink(socket);
			free(socket);
		}
	}
	free(vd);
	session->vhost = NULL;
}

static int daemons_open(struct host_session *session, char *err, size_t err_size)
{
	const struct vcts_config *config = session->config;
	int ret;

	if (!qemu_config_uses_vhost_user(config))
		return 0;
	session->vhost = xcalloc(1, sizeof(*session->vhost));
	ret = start_storage_daemon(session, err, err_size);
	for (size_t i = 0; !ret && i < config->device_count; i++)
		if (is_vhost_user_fs(config->devices[i]))
			ret = start_virtiofsd(session, config->devices[i], err, err_size);
	return ret;
}

static bool daemons_alive(struct host_session *session, char *why, size_t why_size)
{
	struct host_vhost_daemons *vd = session->vhost;

	for (size_t i = 0; vd && i < vd->count; i++)
		if (!daemon_alive(&vd->daemons[i], why, why_size))
			return false;
	return true;
}

static const struct host_action no_actions[] = {
	{ NULL, NULL },
};

const struct host_action_module qemu_vhost_user_daemons = {
	.actions = no_actions,
	.open = daemons_open,
	.close = stop_daemons,
	.alive = daemons_alive,
};
