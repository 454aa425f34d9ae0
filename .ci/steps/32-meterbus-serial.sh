#!/usr/bin/env bash
# DL/T 645 and CJ/T 188 meters on one serial line, over a socat pty pair: required here, so a missing socat fails
# instead of skipping.
set -euo pipefail
mvn -B -q -pl bundles/meterbus -am test -Dweir.serial=required -Dtest=SerialLineTest -Dsurefire.failIfNoSpecifiedTests=false
echo "meterbus serial line (DL/T 645 + CJ/T 188) interop: passed"
