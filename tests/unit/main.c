/*
 * The host unit tests: one CUnit binary, one suite per area, each area in
 * its own file exporting a CU_TestInfo table.
 */
#include <CUnit/Basic.h>
#include <stdio.h>

extern CU_TestInfo line_parser_tests[];
extern CU_TestInfo line_assembler_tests[];
extern CU_TestInfo run_state_tests[];
extern CU_TestInfo list_json_tests[];
extern CU_TestInfo report_tests[];
extern CU_TestInfo options_tests[];
extern CU_TestInfo qemu_command_tests[];
extern CU_TestInfo boot_image_tests[];
extern CU_TestInfo exit_method_tests[];
extern CU_TestInfo acpi_tests[];
int acpi_setup(void);
int acpi_teardown(void);
extern CU_TestInfo intx_routing_tests[];
int intx_routing_setup(void);
int intx_routing_teardown(void);
extern CU_TestInfo accel_tests[];
extern CU_TestInfo host_check_tests[];
extern CU_TestInfo text_tests[];
extern CU_TestInfo pinned_value_tests[];
extern CU_TestInfo baseline_tests[];
extern CU_TestInfo report_html_tests[];
extern CU_TestInfo results_read_tests[];
extern CU_TestInfo compare_tests[];
extern CU_TestInfo coverage_tests[];
extern CU_TestInfo retry_tests[];
extern CU_TestInfo report_option_tests[];
extern CU_TestInfo arch_tests[];
extern CU_TestInfo arch_baseline_tests[];
extern CU_TestInfo host_action_tests[];
extern CU_TestInfo host_action_console_tests[];
extern CU_TestInfo host_action_cmdline_tests[];
extern CU_TestInfo config_resume_tests[];
extern CU_TestInfo daemon_tests[];
extern CU_TestInfo console_tests[];
extern CU_TestInfo command_backend_tests[];
extern CU_TestInfo ingest_tests[];
extern CU_TestInfo firecracker_command_tests[];
extern CU_TestInfo cloud_hypervisor_command_tests[];
extern CU_TestInfo kvmtool_command_tests[];
extern CU_TestInfo crosvm_command_tests[];
extern CU_TestInfo bhyve_command_tests[];
extern CU_TestInfo vmm_command_tests[];
extern CU_TestInfo virtualbox_command_tests[];
extern CU_TestInfo stand_in_command_tests[];
int host_action_setup(void);
int host_action_teardown(void);

static CU_SuiteInfo suites[] = {
	{ "line parser", NULL, NULL, NULL, NULL, line_parser_tests },
	{ "line assembler", NULL, NULL, NULL, NULL, line_assembler_tests },
	{ "run state", NULL, NULL, NULL, NULL, run_state_tests },
	{ "list --json", NULL, NULL, NULL, NULL, list_json_tests },
	{ "reports", NULL, NULL, NULL, NULL, report_tests },
	{ "options", NULL, NULL, NULL, NULL, options_tests },
	{ "qemu command", NULL, NULL, NULL, NULL, qemu_command_tests },
	{ "boot images", NULL, NULL, NULL, NULL, boot_image_tests },
	{ "exit methods", NULL, NULL, NULL, NULL, exit_method_tests },
	{ "ACPI tables and \\_S5", acpi_setup, acpi_teardown, NULL, NULL, acpi_tests },
	{ "x86 PCI INTx routing", intx_routing_setup, intx_routing_teardown, NULL, NULL,
	  intx_routing_tests },
	{ "accel", NULL, NULL, NULL, NULL, accel_tests },
	{ "host checks", NULL, NULL, NULL, NULL, host_check_tests },
	{ "text", NULL, NULL, NULL, NULL, text_tests },
	{ "pinned values", NULL, NULL, NULL, NULL, pinned_value_tests },
	{ "baselines", NULL, NULL, NULL, NULL, baseline_tests },
	{ "report.html", NULL, NULL, NULL, NULL, report_html_tests },
	{ "results.json reader", NULL, NULL, NULL, NULL, results_read_tests },
	{ "compare", NULL, NULL, NULL, NULL, compare_tests },
	{ "spec coverage", NULL, NULL, NULL, NULL, coverage_tests },
	{ "retries and progress", NULL, NULL, NULL, NULL, retry_tests },
	{ "report command options", NULL, NULL, NULL, NULL, report_option_tests },
	{ "arches", NULL, NULL, NULL, NULL, arch_tests },
	{ "baselines per arch", NULL, NULL, NULL, NULL, arch_baseline_tests },
	{ "host actions", host_action_setup, host_action_teardown, NULL, NULL, host_action_tests },
	{ "console host actions", NULL, NULL, NULL, NULL, host_action_console_tests },
	{ "kernel-cmdline host action", NULL, NULL, NULL, NULL, host_action_cmdline_tests },
	{ "resuming a configuration", NULL, NULL, NULL, NULL, config_resume_tests },
	{ "helper daemons", NULL, NULL, NULL, NULL, daemon_tests },
	{ "consoles", NULL, NULL, NULL, NULL, console_tests },
	{ "command backend", NULL, NULL, NULL, NULL, command_backend_tests },
	{ "ingest", NULL, NULL, NULL, NULL, ingest_tests },
	{ "firecracker command", NULL, NULL, NULL, NULL, firecracker_command_tests },
	{ "cloud-hypervisor command", NULL, NULL, NULL, NULL, cloud_hypervisor_command_tests },
	{ "kvmtool command", NULL, NULL, NULL, NULL, kvmtool_command_tests },
	{ "crosvm command", NULL, NULL, NULL, NULL, crosvm_command_tests },
	{ "bhyve command", NULL, NULL, NULL, NULL, bhyve_command_tests },
	{ "vmm command", NULL, NULL, NULL, NULL, vmm_command_tests },
	{ "virtualbox command", NULL, NULL, NULL, NULL, virtualbox_command_tests },
	{ "stand-ins", NULL, NULL, NULL, NULL, stand_in_command_tests },
	CU_SUITE_INFO_NULL,
};

int main(void)
{
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "unit-tests: %s\n", CU_get_error_msg());
		return 2;
	}
	if (CU_register_suites(suites) != CUE_SUCCESS) {
		fprintf(stderr, "unit-tests: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
