#!/usr/bin/env bash
# The station page in Debian's chromium through chromedriver (installed from 65-station-page.packages, before the
# build): `mvn -B verify` has run demo's StationPageBrowserTest against the real gateway process and the simulator.
# This step checks that it really ran (a missing browser makes the test skip, which must not pass unnoticed).
set -euo pipefail
cd "$(dirname "$0")/../.."
report=demo/target/surefire-reports/TEST-io.weir.demo.StationPageBrowserTest.xml
if [ ! -f "$report" ]; then
  echo "station page: $report is missing: the browser test did not run" >&2
  exit 1
fi
summary=$(grep -o '<testsuite [^>]*>' "$report")
for field in 'skipped="0"' 'failures="0"' 'errors="0"'; do
  if ! grep -q "$field" <<<"$summary"; then
    echo "station page: the browser test did not pass in a real browser: $summary" >&2
    exit 1
  fi
done
echo "station page in headless chromium: passed"
