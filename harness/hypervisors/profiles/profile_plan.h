/*
 * What the plan does for the profiles once the matrix is built
 * (plan/config.c calls it): each configuration gets the kernel image of
 * its profile's boot image and, with --stand-in, becomes the
 * configuration of QEMU standing in for the profile.
 */
#ifndef VCTS_PROFILE_PLAN_H
#define VCTS_PROFILE_PLAN_H

#include "cli/options.h"
#include "plan/config.h"

void profile_plan_apply(struct config_matrix *matrix, const struct options *opts);

#endif
