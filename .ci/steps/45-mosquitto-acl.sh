#!/usr/bin/env bash
# Broker ACL and the cloud adapter's broker security, against Debian's mosquitto (cloud-adapter/broker/mosquitto.acl).
# Two gateways (gw-a, gw-b) and the adapter (weir-cloud) each have their own password; mosquitto listens on a plain
# loopback port and on a TLS one that requires a client certificate. Checked:
#  - a gateway publishes under its own weir/v1/<id>/ and reads its own cmd/; publishing as another gateway, reading
#    another's commands and publishing commands are refused; so is the adapter publishing telemetry;
#  - anonymous and wrong-password connections are refused;
#  - the adapter's jar connects over mutual TLS with its user and password, ingests the registered gateway's
#    telemetry and quarantines the unregistered one's; without its client certificate it does not get in.
# Negative checks need no waiting: each denied publish is followed by an allowed one from the same side, and the
# subscriber must see the allowed one first. Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."

MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[ -x "$MOSQUITTO" ] || { echo "mosquitto is not installed" >&2; exit 1; }
JAR=cloud-adapter/target/weir-cloud-adapter.jar
[ -f "$JAR" ] || { echo "$JAR is missing: run mvn verify (or package) first" >&2; exit 1; }

work=$(mktemp -d -t weir-mosquitto-acl.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2; echo "== mosquitto log" >&2
  grep -v "PINGREQ\|PINGRESP" "$work/mosquitto.log" >&2 || cat "$work/mosquitto.out" >&2 || true
  exit 1
}

# --- certificates (EC P-256, valid 2 days): a CA, the broker for 127.0.0.1, the adapter as a client -------------
(
  cd "$work"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=weir acl CA" \
    -keyout ca.key -out ca.pem -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  issue() { # name subject extensions
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$2" -keyout "$1.key" \
      -out "$1.csr" 2>/dev/null
    printf '%s\n' "$3" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile "$1.ext" \
      -out "$1.pem" 2>/dev/null
  }
  issue server "/CN=127.0.0.1" "subjectAltName=IP:127.0.0.1
extendedKeyUsage=serverAuth"
  issue adapter "/CN=weir-cloud" "extendedKeyUsage=clientAuth"
  openssl pkcs8 -topk8 -nocrypt -in adapter.key -out adapter.pk8
)
# --- users: every gateway its own, the adapter its own ---------------------------------------------------------------
MOSQUITTO_PASSWD=$(command -v mosquitto_passwd || echo /usr/bin/mosquitto_passwd)
pw_a="a-$RANDOM$RANDOM"; pw_b="b-$RANDOM$RANDOM"; pw_cloud="c-$RANDOM$RANDOM"
"$MOSQUITTO_PASSWD" -b -c "$work/passwd" gw-a "$pw_a"
"$MOSQUITTO_PASSWD" -b "$work/passwd" gw-b "$pw_b"
"$MOSQUITTO_PASSWD" -b "$work/passwd" weir-cloud "$pw_cloud"
cp cloud-adapter/broker/mosquitto.acl "$work/acl"
# mosquitto drops root privileges to its own user before it reads these: throwaway files, readable by it.
chmod 755 "$work"; chmod 644 "$work"/*
# the adapter's own secrets: its user only, as it insists
printf '%s\n' "$pw_cloud" > "$work/mqtt-password"; chmod 600 "$work/mqtt-password" "$work/adapter.pk8"

# --- mosquitto on two free loopback ports: plain, and TLS with a client certificate required ---------------------
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
plain=""; tls=""
for attempt in 1 2 3 4 5; do
  p1=$((20000 + RANDOM % 40000)); p2=$((p1 + 1))
  listening "$p1" && continue; listening "$p2" && continue
  cat > "$work/mosquitto.conf" <<CONF
per_listener_settings false
allow_anonymous false
password_file $work/passwd
acl_file $work/acl
persistence false
log_dest file $work/mosquitto.log
log_type all
listener $p1 127.0.0.1
listener $p2 127.0.0.1
cafile $work/ca.pem
certfile $work/server.pem
keyfile $work/server.key
require_certificate true
CONF
  : > "$work/mosquitto.log"; chmod 666 "$work/mosquitto.log"
  "$MOSQUITTO" -c "$work/mosquitto.conf" > "$work/mosquitto.out" 2>&1 &
  broker=$!
  for _ in $(seq 1 50); do
    if listening "$p1" && listening "$p2"; then plain=$p1; tls=$p2; break; fi
    kill -0 "$broker" 2>/dev/null || break
    sleep 0.1
  done
  if [ -n "$plain" ]; then pids+=("$broker"); break; fi
  kill "$broker" 2>/dev/null || true; wait "$broker" 2>/dev/null || true
done
[ -n "$plain" ] || fail "mosquitto did not start"
echo "mosquitto $("$MOSQUITTO" -h 2>/dev/null | head -1 | sed 's/^mosquitto version //'): plain :$plain, TLS :$tls"

pub() { # user password topic message
  timeout 20 mosquitto_pub -h 127.0.0.1 -p "$plain" -V mqttv5 -q 1 -u "$1" -P "$2" -t "$3" -m "$4" 2>&1 || true
}
# starts a subscriber that prints the first message it gets into $work/$name; its pid is left in $last
sub() { # name user password topic
  timeout 30 mosquitto_sub -h 127.0.0.1 -p "$plain" -V mqttv5 -q 1 -u "$2" -P "$3" -t "$4" -C 1 -F '%t %p' \
    > "$work/$1" 2>&1 &
  last=$!
  pids+=("$last")
}
first() { # waits for subscriber $1 (pid $2) to end, then leaves what it got in $got
  # not inside $(...): a command substitution is a subshell, whose wait returns at once for its parent's children,
  # and the file was then read before the subscriber had written its message
  wait "$2" 2>/dev/null || true
  got=$(cat "$work/$1")
}
ready() { # the broker has answered one more SUBSCRIBE than $1 (granted or refused: it logs both)
  local before=$1
  for _ in $(seq 1 200); do
    [ "$(count)" -gt "$before" ] && return 0
    sleep 0.1
  done
  fail "a subscriber did not subscribe"
}
count() { grep -c "Sending SUBACK" "$work/mosquitto.log" || true; }

# --- 1. a gateway publishes only under its own id ------------------------------------------------------------------
n=$(count); sub telemetry weir-cloud "$pw_cloud" 'weir/v1/+/telemetry'; obs=$last; ready "$n"
pub gw-a "$pw_a" weir/v1/gw-b/telemetry spoofed-by-a >/dev/null
pub weir-cloud "$pw_cloud" weir/v1/gw-a/telemetry spoofed-by-cloud >/dev/null
pub gw-a "$pw_a" weir/v1/gw-a/telemetry own-a >/dev/null
first telemetry "$obs"
[ "$got" = "weir/v1/gw-a/telemetry own-a" ] || fail "the adapter's subscriber got '$got', not gw-a's own telemetry first"
echo "ok: gw-a cannot publish as gw-b, the adapter cannot publish telemetry, gw-a's own telemetry passes"

# --- 2. commands: only the adapter publishes them, only their gateway reads them ------------------------------------
n=$(count); sub cmd-a gw-a "$pw_a" 'weir/v1/gw-a/cmd/+'; own=$last; ready "$n"
n=$(count); sub snoop gw-a "$pw_a" 'weir/v1/gw-b/cmd/+'; snoop=$last; ready "$n"
n=$(count); sub cmd-b gw-b "$pw_b" 'weir/v1/gw-b/cmd/+'; cmd_b=$last; ready "$n"
pub gw-a "$pw_a" weir/v1/gw-a/cmd/modbus-write from-gw-a-itself >/dev/null
pub gw-b "$pw_b" weir/v1/gw-a/cmd/modbus-write from-gw-b >/dev/null
pub weir-cloud "$pw_cloud" weir/v1/gw-b/cmd/ping for-b >/dev/null
pub weir-cloud "$pw_cloud" weir/v1/gw-a/cmd/ping for-a >/dev/null
first cmd-a "$own"
[ "$got" = "weir/v1/gw-a/cmd/ping for-a" ] || fail "gw-a's command subscriber got '$got' first, not the adapter's"
first cmd-b "$cmd_b"
[ "$got" = "weir/v1/gw-b/cmd/ping for-b" ] || fail "gw-b did not get its command: '$got'"
# gw-a's subscription to gw-b's commands was refused (mosquitto answers the SUBSCRIBE with 'not authorized'), so
# it got nothing although a command for gw-b went out after it subscribed
kill "$snoop" 2>/dev/null || true; wait "$snoop" 2>/dev/null || true
if grep -q "for-b" "$work/snoop"; then fail "gw-a read gw-b's command"; fi
echo "ok: gateways cannot publish commands, gw-a cannot read gw-b's, each gets its own"

# --- 3. no anonymous or wrong-password client ------------------------------------------------------------------------
if timeout 20 mosquitto_pub -h 127.0.0.1 -p "$plain" -q 1 -t weir/v1/gw-a/telemetry -m anon 2>/dev/null; then
  fail "an anonymous client could publish"
fi
if timeout 20 mosquitto_pub -h 127.0.0.1 -p "$plain" -q 1 -u gw-a -P wrong -t weir/v1/gw-a/telemetry -m x 2>/dev/null
then fail "a wrong password was accepted"; fi
echo "ok: anonymous and wrong-password clients are refused"

# --- 4. the adapter over mutual TLS with its credentials -------------------------------------------------------------
adapter() { # log extra-args...; its pid is left in $last
  local log=$1; shift
  WEIR_COUNTY_APP_SECRET=acl-step-secret WEIR_OPS_TOKEN=acl-step-ops-token-0123456789 \
    timeout 300 java -jar "$JAR" --broker-url "ssl://127.0.0.1:$tls" --client-id weir-cloud-acl \
    --jdbc-url "jdbc:sqlite:$work/cloud.db" --county-base-uri http://127.0.0.1:9/ --app-key acl \
    --http-port 0 --mqtt-username weir-cloud --mqtt-password-file "$work/mqtt-password" --mqtt-ca "$work/ca.pem" \
    --gateway gw-a "$@" > "$work/$log" 2>&1 &
  last=$!
  pids+=("$last")
}
adapter adapter-nocert.log; refused=$last
status=0; wait "$refused" || status=$?
if [ "$status" -ne 1 ] || ! grep -q "cloud adapter did not start: MQTT broker" "$work/adapter-nocert.log"; then
  cat "$work/adapter-nocert.log" >&2; fail "the adapter without its client certificate ended with $status"
fi
echo "ok: without its client certificate the adapter is refused"

adapter adapter.log --mqtt-cert "$work/adapter.pem" --mqtt-key "$work/adapter.pk8"; run=$last
ops=""
for _ in $(seq 1 600); do
  ops=$(sed -n 's/.*Operations view and webhook on \(http[^ ]*\).*/\1/p' "$work/adapter.log" | head -1)
  grep -q "Cloud adapter running" "$work/adapter.log" && [ -n "$ops" ] && break
  kill -0 "$run" 2>/dev/null || { cat "$work/adapter.log" >&2; fail "the adapter stopped"; }
  sleep 0.1
done
grep -q "Cloud adapter running" "$work/adapter.log" || { cat "$work/adapter.log" >&2; fail "the adapter did not start"; }
reading='{"v":1,"gatewayId":"GW","seq":1,"sentAt":"2026-11-21T08:00:05Z","readings":[{"channel":"62001200/radar-1/water_level","ts":"2026-11-21T08:00:00Z","value":3.4,"unit":"m","quality":"GOOD"}]}'
pub gw-b "$pw_b" weir/v1/gw-b/telemetry "${reading//GW/gw-b}" >/dev/null
pub gw-a "$pw_a" weir/v1/gw-a/telemetry "${reading//GW/gw-a}" >/dev/null
api() { curl -sf -H "Authorization: Bearer acl-step-ops-token-0123456789" "${ops}api/v1/ops/$1"; }
for _ in $(seq 1 300); do
  api readings/latest | grep -q water_level && api quarantine | grep -q gw-b && break
  sleep 0.1
done
api readings/latest | grep -q '"gatewayId":"gw-a"' || { cat "$work/adapter.log" >&2; fail "gw-a's reading did not arrive"; }
api quarantine | grep -q '"gatewayId":"gw-b"' || { cat "$work/adapter.log" >&2; fail "gw-b was not quarantined"; }
if api readings/latest | grep -q '"gatewayId":"gw-b"'; then fail "gw-b's reading was ingested"; fi
kill -TERM "$run"; wait "$run" 2>/dev/null || true
echo "ok: the adapter connects over mutual TLS with its user, ingests gw-a and quarantines unregistered gw-b"
echo "mosquitto ACL and adapter TLS: passed"
