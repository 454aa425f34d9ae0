#!/usr/bin/env bash
# The cloud adapter's dashboard in Debian's chromium (installed from 60-dashboard.packages): the browser test must
# run, not skip. Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout 900 mvn -B -f cloud-adapter/pom.xml verify -Dtest=DashboardBrowserTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dweir.browser=required
