#!/usr/bin/env bash
# The cloud adapter's dashboard in Debian's chromium (installed from 60-dashboard.packages): the browser test must
# run, not skip. Built through the reactor (-am), so it needs nothing installed in the local Maven repository.
# Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout 900 mvn -B -q -pl cloud-adapter -am verify -Dtest=DashboardBrowserTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dweir.browser=required
echo "dashboard in headless chromium: passed"
