/*
 * What the plan does for the profiles once the matrix is built
 * (plan/config.c calls it): with --stand-in, each configuration becomes
 * the configuration of QEMU standing in for its profile.
 */
#ifndef VCTS_PROFILE_PLAN_H
#define VCTS_PROFILE_PLAN_H

#include "cli/options.h"
#include "plan/config.h"

void profile_plan_apply(struct config_matrix *matrix, const struct options *opts);

#endif
