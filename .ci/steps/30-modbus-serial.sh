#!/usr/bin/env bash
# Modbus RTU on a serial line, over a socat pty pair: required here, so a missing socat fails instead of skipping.
set -euo pipefail
mvn -B -q -pl bundles/modbus -am test -Dweir.serial=required -Dtest=SerialRtuTest -Dsurefire.failIfNoSpecifiedTests=false
echo "modbus serial RTU interop: passed"
