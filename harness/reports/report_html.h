/*
 * Pieces of report.html shared between its writer and its tests.
 */
#ifndef VCTS_REPORT_HTML_H
#define VCTS_REPORT_HTML_H

#include "plan/config.h"

extern const char report_html_style[];
extern const char report_html_script[];

/*
 * A column heading: the configuration's name without its "HYPERVISOR-ARCH-"
 * start, which every column shares ("q35-pci-modern-modern"); without
 * "HYPERVISOR-" only when the columns are of several arches
 * (@several_arches: "aarch64-virt-pci-modern-modern").
 */
const char *report_html_column_label(const struct vcts_config *config,
				     bool several_arches);

#endif
