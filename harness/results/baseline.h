/*
 * Baselines: the deviations a hypervisor is known to have
 * (docs/baselines.md). A result that matches an entry fails as expected
 * (xfail) or passes against expectation (xpass), so that a known deviation
 * keeps a run green while a new failure or a fix still shows.
 */
#ifndef VCTS_BASELINE_H
#define VCTS_BASELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"
#include "results/results.h"

#define BASELINE_SCHEMA 1
#define BASELINE_DIR "reports/baselines"

struct baseline_entry {
	char *test;		/* glob over test ids */
	char *transport;	/* glob; "*" when absent */
	char *mode;		/* glob over the driver mode; "*" when absent */
	char *device_type;	/* glob; "*" when absent */
	char *device;		/* glob; "*" when absent */
	/*
	 * What the entry expects: fail (a check breaks), or, named as such,
	 * crash, timeout or flaky. Anything else it never excuses.
	 */
	enum verdict expected;
	/*
	 * A fail is excused only when every failed check is this entry's: of
	 * @clause when it is given, and with a key of @checks when it lists
	 * any (the kernel's `check` key of a fail line, docs/baselines.md),
	 * so that a new failure in a test with a known deviation shows.
	 */
	char *clause;		/* "" when absent */
	struct strlist checks;
	char *reason;
	char *source;		/* "" when absent */
	size_t matched;		/* results it turned into xfail or xpass */
};

/*
 * One baseline file. A run over several arches with --baseline auto has
 * one per arch, chained through @next, each applying to the results of
 * its own arch (@scope_arch); a baseline named by path applies to all.
 */
struct baseline {
	char *path;
	char *hypervisor;
	char *version;
	char *arch;
	struct baseline_entry *entries;
	size_t count;
	const char *scope_arch;	/* judges only results of this arch; NULL: all */
	struct baseline *next;	/* the next baseline of the chain, or NULL */
};

/*
 * Parse and validate the text of a baseline file. On error returns -1 with
 * one line in @err: "PATH: entry N: what is wrong" (N from 1), or
 * "PATH: what is wrong" for the file as a whole.
 */
int baseline_parse(struct baseline *bl, const char *path, const char *text,
		   size_t len, char *err, size_t err_size);
/* Read @path and baseline_parse() it. */
int baseline_load(struct baseline *bl, const char *path, char *err,
		  size_t err_size);
/* Frees what @bl holds (not the rest of its chain). */
void baseline_release(struct baseline *bl);

/* "7.2" from "QEMU emulator version 7.2.22 (Debian ...)", or NULL. */
char *baseline_major_minor(const char *version_line);
/* reports/baselines/HYPERVISOR-MAJOR.MINOR-ARCH.json, or NULL. */
char *baseline_auto_path(const char *hypervisor, const char *version_line,
			 const char *arch);

/*
 * Load the baseline @choice (--baseline) names for the configurations of
 * @hypervisor on @arch: none, auto (the file of @hypervisor, @version and
 * @arch, scoped to @arch) or a file (for every arch: load it once, for
 * the first). Returns 1 when one was loaded, 0 when @arch goes without
 * (with a note saying so for auto), -1 after printing a one-line error (a
 * setup error).
 */
int baseline_select(struct baseline *bl, const char *choice, const char *hypervisor,
		    const char *arch, const char *version);
/* When a baseline file was written for another hypervisor, version or arch, say so. */
void baseline_announce_mismatch(const struct baseline *bl, const char *hypervisor,
				const char *arch, const char *version);

/* Does @bl (not its chain) judge results of @arch? */
bool baseline_applies_to(const struct baseline *bl, const char *arch);
/*
 * The first entry that matches @r, whatever its verdict, in the first
 * baseline of the chain @bl that applies to @r's arch; NULL if none.
 */
const struct baseline_entry *baseline_match(const struct baseline *bl,
					    const struct result *r);
/*
 * The verdict @entry gives @r had it @verdict: what the entry expects
 * becomes xfail (a fail only when the entry covers every failed check of
 * @r), pass becomes xpass, everything else (and no entry) stays.
 */
enum verdict baseline_verdict(const struct baseline_entry *entry, const struct result *r,
			      enum verdict verdict);
/*
 * What a result of @verdict (xfail or xpass) says about @entry: the first
 * line of its message, "known deviation: REASON (SOURCE)", or "expected to
 * fail (baseline): REASON; passes now - fixed?" (with an em dash).
 */
char *baseline_note(const struct baseline_entry *entry, enum verdict verdict);

/*
 * Turn the matching results of @report into xfail and xpass, with their
 * messages, and record the chain @bl in the report. Call once, after
 * every result (host checks included) is final and before the reports
 * are written.
 */
void baseline_apply(struct baseline *bl, struct report *report);

#endif
