#!/usr/bin/env bash
# The Debian package that `mvn verify` built, installed as on a gateway: inspected, installed with dpkg (no running
# systemd needed; its postinst writes the class-data sharing archive with a training run), the weir command tried,
# the runtime started from the installed paths as the weir user (mapping that archive) until it reports healthy,
# stopped with SIGTERM (it must stop the framework in order), then removed and purged.
set -euo pipefail
cd "$(dirname "$0")/../.."

deb=$(ls distribution/target/weir_*_all.deb)
work=$(mktemp -d -t weir-ci-deb.XXXXXX)
work=$(cd "$work" && pwd)
runtime_pid=
java_pid=
cleanup() {
  for pid in $java_pid $runtime_pid; do
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" || true; fi
  done
  if dpkg -s weir >/dev/null 2>&1; then dpkg -P weir >/dev/null || true; fi
}
trap cleanup EXIT
fail() { echo "50-deb: FAILED: $*" >&2; exit 1; }

echo "== the package"
dpkg-deb -I "$deb"
dpkg-deb -I "$deb" control | grep -q '^Architecture: all$' || fail "not Architecture: all"
contents=$(dpkg-deb -c "$deb")
for path in ./usr/share/weir/weir-gateway.jar ./usr/share/weir/weir-cli.jar ./usr/share/weir/jvm.options \
            ./usr/bin/weir ./lib/systemd/system/weir.service ./etc/weir/site.yaml ./etc/weir/profiles/hlk-ld8001h.yaml; do
  grep -q " $path\$" <<<"$contents" || fail "$path missing from the package"
done
grep -q '^-rw------- weir/weir .* ./etc/weir/site.yaml$' <<<"$contents" || fail "site.yaml must be 0600 weir:weir"
dpkg-deb -I "$deb" conffiles | grep -q '^/etc/weir/site.yaml$' || fail "site.yaml is not a conffile"

echo "== dpkg -i"
dpkg -i "$deb"
id weir
[ "$(stat -c '%a %U' /etc/weir)" = "700 weir" ] || fail "/etc/weir is $(stat -c '%a %U' /etc/weir)"
[ "$(stat -c '%a %U' /etc/weir/site.yaml)" = "600 weir" ] || fail "/etc/weir/site.yaml is $(stat -c '%a %U' /etc/weir/site.yaml)"
[ "$(stat -c '%a %U' /var/lib/weir)" = "700 weir" ] || fail "/var/lib/weir is $(stat -c '%a %U' /var/lib/weir)"
[ "$(stat -c '%a %U' /etc/weir/console.token)" = "600 weir" ] || fail "no console.token made at install, mode 600"
grep -Eq '^installer [0-9a-f]{32}$' /etc/weir/console.token || fail "console.token is not 'installer <32 hex digits>'"
archive=$(find /var/lib/weir -maxdepth 1 -name 'classes-*.jsa' -user weir)
[ -n "$archive" ] || fail "no class-data sharing archive written by weir at install: $(ls -la /var/lib/weir)"
[ "$(ls -A /var/lib/weir)" = "$(basename "$archive")" ] || fail "the training run left $(ls -A /var/lib/weir)"
again=$(cd /var/lib/weir && runuser -u weir -- weir archive-classes)
grep -q 'archive in place' <<<"$again" || fail "weir archive-classes did not find the installer's archive: $again"

echo "== systemd-analyze verify (offline: no running systemd needed)"
systemd-analyze verify --man=no /lib/systemd/system/weir.service || fail "systemd-analyze verify weir.service"

echo "== weir --version, --help, check"
weir --version | grep -q '^weir ' || fail "weir --version"
weir --help | grep -q 'check' || fail "weir --help does not name check"
weir check /etc/weir/site.yaml
sed -e 's/unitId: 1/unitId: 300/' /etc/weir/site.yaml > "$work/broken.yaml"
if weir check "$work/broken.yaml" --profiles /etc/weir/profiles > "$work/check.log"; then
  fail "weir check accepted a broken site file"
fi
cat "$work/check.log"
grep -q '^broken.yaml:[0-9]*: devices\[0\].unitId: 300 is outside 1..247$' "$work/check.log" || fail "no file:line: field: problem"

echo "== java -jar weir-gateway.jar --help creates nothing"
mkdir "$work/empty"
(cd "$work/empty" && java -jar /usr/share/weir/weir-gateway.jar --help | grep -q 'weir.data.dir')
[ -z "$(ls -A "$work/empty")" ] || fail "--help created $(ls -A "$work/empty")"

echo "== the runtime from the installed paths, as weir"
cat > /etc/weir/site.yaml <<'SITE'
gateway:
  id: gw-ci-deb
site:
  stationCode: "00000001"
  name: CI station
  latitude: 30.0
  longitude: 120.0
uplink:
  broker: tcp://127.0.0.1:1
devices: []
SITE
weir check /etc/weir/site.yaml
log="$work/runtime.log"
(cd /var/lib/weir && exec runuser -u weir -- weir run) > "$log" 2>&1 &
runtime_pid=$!
for _ in $(seq 1 180); do
  # runuser stays as the parent; the JVM is its child (the weir script execs it)
  [ -n "$java_pid" ] || java_pid=$(pgrep -P "$runtime_pid" -u weir java || true)
  grep -q 'runtime healthy' "$log" && break
  kill -0 "$runtime_pid" 2>/dev/null || { cat "$log"; fail "the runtime ended before it was healthy"; }
  sleep 1
done
grep 'runtime healthy' "$log" || { cat "$log"; fail "the runtime did not report healthy within 180 s"; }
[ -n "$java_pid" ] || fail "no runtime JVM owned by weir under runuser"
grep -q 'weir-gateway.jar' "/proc/$java_pid/cmdline" || fail "pid $java_pid is not the runtime"
grep -q -- '-XX:+UseSerialGC' "/proc/$java_pid/cmdline" || fail "jvm.options not applied"
tr '\0' '\n' < "/proc/$java_pid/cmdline" | grep -qx -- "-XX:SharedArchiveFile=$archive" \
  || fail "the first start does not map the installer's archive $archive"
token=$(cut -d' ' -f2 /etc/weir/console.token)
for _ in $(seq 1 60); do
  curl -sf -H "Authorization: Bearer $token" http://127.0.0.1:8089/api/health > "$work/health.json" && break
  sleep 1
done
grep -q '"healthy"' "$work/health.json" || fail "the console does not answer with the installer's token"
code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8089/api/health)
[ "$code" = 401 ] || fail "the console answered $code without a token"
[ -z "$(find /var/lib/weir/framework -perm /077 -print -quit)" ] || fail "framework storage readable by others: $(find /var/lib/weir/framework -perm /077 | head -3)"

echo "== SIGTERM"
kill -TERM "$java_pid"
for _ in $(seq 1 60); do kill -0 "$java_pid" 2>/dev/null || break; sleep 1; done
kill -0 "$java_pid" 2>/dev/null && fail "the runtime did not stop within 60 s of SIGTERM"
java_pid=
wait "$runtime_pid" || true
runtime_pid=
grep 'runtime stopped cleanly' "$log" || { tail -20 "$log"; fail "no clean stop"; }
[ -d /var/lib/weir/framework/org.eclipse.osgi ] || fail "no framework storage kept in /var/lib/weir/framework"

echo "== dpkg -r keeps configuration and state, dpkg -P removes them"
dpkg -r weir
[ -f /etc/weir/site.yaml ] && [ -d /var/lib/weir/framework ] || fail "remove must keep /etc/weir and /var/lib/weir"
dpkg -P weir
[ ! -e /etc/weir ] && [ ! -e /var/lib/weir ] || fail "purge must remove /etc/weir and /var/lib/weir"
echo "50-deb: the package installs, checks, runs, stops cleanly, removes and purges"
