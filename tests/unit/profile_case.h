/*
 * What the unit tests of the hypervisor profiles share: a configuration
 * matrix planned for a profile, in a private output directory, and the
 * command its backend spells (with the files it writes there).
 */
#ifndef VCTS_UNIT_PROFILE_CASE_H
#define VCTS_UNIT_PROFILE_CASE_H

#include "cli/options.h"
#include "hypervisors/backend.h"
#include "plan/config.h"

struct profile_case {
	struct options opts;
	struct config_matrix matrix;
	char output[64];	/* --output: a fresh directory under /tmp */
};

/* Parse `vcts run WORDS... --output DIR` and build the matrix (CUnit-fatal on errors). */
void profile_case_open(struct profile_case *pc, const char *const *words);
/* The index of the configuration on @transport in @mode (fatal if none). */
size_t profile_case_config(const struct profile_case *pc, const char *transport,
			   const char *mode);
/*
 * The command of configuration @index, its program @binary, disk images
 * in OUTPUT/images, as one shell-quoted line with OUTPUT replacing the
 * output directory and CWD the current one (allocated).
 */
char *profile_case_command(struct profile_case *pc, size_t index, const char *binary,
			   const char *firmware);
/* The name of @config's instance at @location, or "(none)". */
const char *profile_case_name_at(const struct vcts_config *config, const char *location);
/* OUTPUT/NAME as written by the command, OUTPUT and CWD replaced (allocated). */
char *profile_case_file(const struct profile_case *pc, const char *name);
/*
 * What the harness prints on stderr (its `vcts:` lines) between the two
 * calls; the end returns it (allocated).
 */
void stderr_capture_begin(void);
char *stderr_capture_end(void);

/*
 * Change to an empty directory of its own (where build/ has nothing) and
 * back: the checks of images that are not built, whatever this tree built.
 */
void empty_directory_enter(void);
void empty_directory_leave(void);

/* Remove the directory and free everything. */
void profile_case_close(struct profile_case *pc);

#endif
