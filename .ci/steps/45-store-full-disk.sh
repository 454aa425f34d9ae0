#!/usr/bin/env bash
# A full disk loses no alarm: the store's tests on a real file system that fills up (FullFileSystemTest in
# bundles/store, FullDiskDeliveryTest in bundles/uplink: readings and alarms on a full tmpfs, space freed, the
# broker back, every alarm event delivered in order, the store's FAULT alarm raised and cleared).
# `mvn verify` runs them too when the build may mount a tmpfs (root with CAP_SYS_ADMIN); this step makes sure they
# ran: it mounts an 8 MiB tmpfs itself, or inside a user and mount namespace (unshare) where it is not privileged,
# and hands it to the tests. Exits non-zero when a test fails or did not run; if neither way of mounting works
# here, it says so and exits 0 (the same recovery is still tested through injected SQLite errors, StoreFaultsTest).
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d -t weir-full-disk.XXXXXX)
mounted=""
cleanup() {
  if [ -n "$mounted" ]; then umount "$work/fs" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/fs"

reports=(bundles/store/target/surefire-reports/TEST-io.weir.store.internal.FullFileSystemTest.xml
         bundles/uplink/target/surefire-reports/TEST-io.weir.uplink.internal.FullDiskDeliveryTest.xml)
rm -f "${reports[@]}" # a report left from an earlier run must not count

tests() { # the directory of a mounted small file system
  timeout 900 mvn -B -q -pl bundles/store,bundles/uplink -am test \
    -Dtest=FullFileSystemTest,FullDiskDeliveryTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dweir.fullfs.dir="$1"
}

if mount -t tmpfs -o size=8m weir-ci "$work/fs" 2>/dev/null; then
  mounted=yes
  echo "tmpfs of 8 MiB mounted at $work/fs"
  tests "$work/fs"
elif unshare --user --map-root-user --mount true 2>/dev/null; then
  echo "no right to mount here: mounting the tmpfs in a user and mount namespace"
  export -f tests
  unshare --user --map-root-user --mount bash -c \
    'set -euo pipefail; mount -t tmpfs -o size=8m weir-ci "$1" && tests "$1"' _ "$work/fs"
else
  echo "NOTICE: this machine can neither mount a tmpfs nor create a mount namespace; the full-disk tests on a" \
       "real file system were not run here (StoreFaultsTest covers the same recovery with injected errors)" >&2
  exit 0
fi

# Green only if the tests really ran: none skipped, none failed.
for report in "${reports[@]}"; do
  if [ ! -f "$report" ] || ! grep -q 'skipped="0"' "$report" || ! grep -q 'failures="0"' "$report" \
      || ! grep -q 'errors="0"' "$report" || grep -q 'tests="0"' "$report"; then
    echo "full-disk test did not run all its tests: $report" >&2
    [ -f "$report" ] && head -3 "$report" >&2
    exit 1
  fi
done
echo "full disk: every alarm kept and delivered"
