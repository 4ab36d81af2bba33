# The headless-browser test of report.html: Debian's chromium loads the
# page, runs its script, dumps the DOM, and check_report_dom compares the
# matrix and the counts with results.json. The fixture is always checked;
# so is every run under $(BUILD)/integration/ that left a report.html
# (make check runs this after the integration tests).

REPORT_CHECKER := $(BUILD)/tests/report/check_report_dom

.PHONY: report-tests

$(REPORT_CHECKER): tests/report/check_report_dom.c
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $< -ljson-c

report-tests: $(VCTS) $(REPORT_CHECKER)
	sh tests/report/browser_test.sh $(VCTS) $(REPORT_CHECKER) $(BUILD)/report-tests \
		$(wildcard $(BUILD)/integration/*)
