#!/bin/sh
# The headless-browser test of report.html (docs/reports.md): a real
# browser (Debian's chromium) loads each page from disk, runs its script,
# and dumps the DOM; check_report_dom compares it with results.json.
#
# Usage: browser_test.sh VCTS CHECKER WORKDIR [RUN_DIR...]
#
# The pages checked: the one `vcts report` writes from
# tests/report/fixture-results.json (every verdict, a flaky result, text
# that tries to become markup), then the report.html of every RUN_DIR that
# has one next to its results.json (the integration runs, a check-qemu run).
# CHROMIUM names the browser (default: chromium).
set -eu

if [ $# -lt 3 ]; then
	echo "usage: $0 VCTS CHECKER WORKDIR [RUN_DIR...]" >&2
	exit 2
fi
vcts=$1
checker=$2
work=$3
shift 3
chromium=${CHROMIUM:-chromium}
here=$(dirname "$0")

if ! command -v "$chromium" >/dev/null 2>&1; then
	echo "report-tests: $chromium not found (Debian package chromium; run 'make deps')" >&2
	exit 1
fi
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)

# dump URL OUT: the DOM after the page's script ran. A fresh profile each
# time, and nothing that reaches the network.
dump() {
	profile=$(mktemp -d)
	status=0
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-dev-shm-usage --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync --user-data-dir="$profile" \
		--dump-dom "$1" >"$2" 2>>"$work/chromium.log" </dev/null || status=$?
	rm -rf "$profile"
	if [ "$status" -ne 0 ]; then
		echo "report-tests: $chromium failed on $1 (status $status); see $work/chromium.log" >&2
		return 1
	fi
}

# check DIR NAME: DIR/report.html as loaded, and filtered to the problems.
check() {
	dir=$(cd "$1" && pwd)
	dump "file://$dir/report.html" "$work/$2.dom.html"
	dump "file://$dir/report.html?verdict=fail,timeout,crash,not-run,xfail,xpass" "$work/$2.problems.html"
	"$checker" "$dir/results.json" "$work/$2.dom.html" "$work/$2.problems.html"
}

"$vcts" report --quiet --results "$here/fixture-results.json" --output "$work/fixture"
check "$work/fixture" fixture

# The check can fail: a page whose script breaks after counting must not pass.
mkdir -p "$work/broken"
cp "$work/fixture/results.json" "$work/broken/"
sed 's/^  countMarks();$/  countMarks(); no_such_function();/' "$work/fixture/report.html" \
	>"$work/broken/report.html"
if check "$work/broken" broken 2>"$work/broken.txt"; then
	echo "report-tests: a page with a broken script passed the check" >&2
	exit 1
fi
grep -q 'did not run to its end' "$work/broken.txt"
pages=1
for dir in "$@"; do
	if [ -f "$dir/report.html" ] && [ -f "$dir/results.json" ]; then
		check "$dir" "$(basename "$dir")"
		pages=$((pages + 1))
	fi
done
echo "report-tests: $pages pages checked in $chromium"
