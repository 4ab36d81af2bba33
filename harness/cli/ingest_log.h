/*
 * One console log for `vcts ingest` (docs/ingest.md): read, cleaned of
 * terminal noise and of the harness's own lines (protocol/console_filter.h),
 * and fed through the same line assembler, parser and run state as a live
 * run, one VM per `hello` line.
 */
#ifndef VCTS_INGEST_LOG_H
#define VCTS_INGEST_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "protocol/run_state.h"
#include "util.h"
#include "vm/config_resume.h"

/* What a log says about the VMs in it, before any of it is fed. */
struct log_facts {
	unsigned int hellos;	/* VMs in the log */
	/* From the first VM's hello and config lines ("" when absent). */
	char *arch;
	char *transport;
	char *mode;
	bool resumed;		/* its command line has vcts.resume= */
	struct strlist device_types;	/* of the `device` lines of every VM */
	/* From the harness's header in a log of ours, or NULL. */
	unsigned int harness_lines;
	bool ours;
	char *hypervisor_version;
	char *accel;
	char *accel_reason;
	char *command;
};

struct ingest_log {
	char *path;		/* as the user named it */
	char *name;		/* as results name it: logs/BASENAME */
	char *raw;		/* the file as it is */
	size_t raw_len;
	struct strbuf text;	/* what the filter left */
	struct log_facts facts;
};

/*
 * Read and clean @path, and find what it says. 0, or -1 with one line in
 * @err: unreadable, or no hello line (not a log of the vcts kernel).
 */
int ingest_log_load(struct ingest_log *log, const char *path, char *err, size_t err_size);
void ingest_log_release(struct ingest_log *log);

/*
 * Every VM of @log as a run of @config in @report, through the run state
 * as a live run would: a VM whose log ends without its summary loses the
 * test it was in (crash). @cr keeps the first VM's plan and how the last
 * one ended, for the not-run results of what no VM reported. With
 * @image_dir (--images) the host checks read the disk images back as a
 * live run does; without, each is a skip outcome that says why (a pass
 * becomes a skip, as for a check the harness cannot do).
 */
void ingest_log_feed(const struct ingest_log *log, struct report *report,
		     const struct vcts_config *config, struct config_resume *cr,
		     const char *image_dir);

#endif
