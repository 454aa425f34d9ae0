#!/usr/bin/env bash
# The API's versions are checked by the build: bnd's baseline check (bundles/api, part of every mvn verify) must
# fail a build that changes an exported package incompatibly without bumping its version, and pass the same change
# once the version says so. Runs on a copy of the parent pom and bundles/api in a temporary directory; the tree is
# left as it is. Bounded in time; nothing but Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d -t weir-api-baseline.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bundles/api"
cp pom.xml "$work/"
cp -r bundles/api/pom.xml bundles/api/baseline bundles/api/src "$work/bundles/api/"
api="$work/bundles/api/src/main/java/io/weir/api"

build() {
  timeout 600 mvn -B -f "$work/bundles/api/pom.xml" verify -DskipTests > "$work/build.log" 2>&1
}

# An incompatible change: a new method on ReadingListener, which the consumers implement (@ConsumerType).
sed -i 's/^    void onReadings(List<Reading> readings);$/&\n\n    void onGap(String channel);/' "$api/ReadingListener.java"
grep -q 'void onGap' "$api/ReadingListener.java"
if build; then
  echo "the baseline check let an incompatible change through without a version bump" >&2
  exit 1
fi
if ! grep -q 'Baseline problems detected' "$work/build.log"; then
  echo "the build failed, but not at the baseline check:" >&2
  tail -40 "$work/build.log" >&2
  exit 1
fi
grep -E '^\[ERROR\] \* io\.weir\.api ' "$work/build.log" | head -1

# The same change with the major version it needs.
current=$(sed -n 's/^@Version("\([0-9]*\)\..*")$/\1/p' "$api/package-info.java")
sed -i "s/^@Version(\".*\")$/@Version(\"$(( current + 1 )).0.0\")/" "$api/package-info.java"
if ! build; then
  echo "the baseline check refused a change whose version was bumped:" >&2
  tail -40 "$work/build.log" >&2
  exit 1
fi
echo "api baseline: an incompatible change without a version bump fails the build; with the bump it passes"
