#!/usr/bin/env bash
# Modbus interop against an independent implementation: pymodbus (Debian's python3-pymodbus) as the slave, over
# Modbus TCP and over RTU on a socat pty pair. Required here, so a missing package fails instead of skipping.
set -euo pipefail
/usr/bin/python3 -c 'import pymodbus; print("pymodbus", pymodbus.__version__)'
timeout 600 mvn -B -q -pl bundles/modbus -am test -Dweir.pymodbus=required -Dweir.serial=required \
  -Dtest=PymodbusInteropTest -Dsurefire.failIfNoSpecifiedTests=false
echo "modbus pymodbus interop (TCP and RTU): passed"
