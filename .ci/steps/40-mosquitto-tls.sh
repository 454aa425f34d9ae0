#!/usr/bin/env bash
# Interop: the uplink against Debian's mosquitto over TLS (MosquittoTlsTest in bundles/uplink).
# A throwaway CA, a broker certificate for 127.0.0.1 and a gateway client certificate are made with openssl in a
# temporary directory; mosquitto listens on a loopback port that accepts TLS only and requires a client
# certificate and per-client credentials; the test connects the uplink (CA file + PKCS12 client key store + its own
# user and password), publishes, checks birth, messages
# and the retained clean death, and checks that an untrusted broker, a missing client certificate and plain MQTT are
# all refused, and so is the gateway's user with a wrong password. Exits non-zero on any failure, and if the test did not run at all.
set -euo pipefail
cd "$(dirname "$0")/../.."

MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
[ -x "$MOSQUITTO" ] || { echo "mosquitto is not installed" >&2; exit 1; }

work=$(mktemp -d -t weir-mosquitto-tls.XXXXXX)
broker_pid=""
cleanup() {
  if [ -n "$broker_pid" ] && kill -0 "$broker_pid" 2>/dev/null; then
    kill "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- certificates (EC P-256, valid 2 days) -------------------------------------------------------------------
password="interop-only-$RANDOM$RANDOM"
(
  cd "$work"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=weir interop CA" -keyout ca.key -out ca.pem \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  issue() { # name subject extensions
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "$2" \
      -keyout "$1.key" -out "$1.csr" 2>/dev/null
    printf '%s\n' "$3" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
      -extfile "$1.ext" -out "$1.pem" 2>/dev/null
  }
  issue server "/CN=127.0.0.1" "subjectAltName=IP:127.0.0.1
extendedKeyUsage=serverAuth
basicConstraints=CA:FALSE"
  issue gateway "/CN=gw-mosquitto" "extendedKeyUsage=clientAuth
basicConstraints=CA:FALSE"
  openssl pkcs12 -export -in gateway.pem -inkey gateway.key -certfile ca.pem -name gateway \
    -out gateway.p12 -passout "pass:$password"
  openssl verify -CAfile ca.pem server.pem gateway.pem
)
# --- per-gateway credentials: the gateway and the cloud side each have their own user -------------------------
gateway_secret="gw-$RANDOM$RANDOM"
cloud_secret="cloud-$RANDOM$RANDOM"
MOSQUITTO_PASSWD=$(command -v mosquitto_passwd || echo /usr/bin/mosquitto_passwd)
"$MOSQUITTO_PASSWD" -b -c "$work/passwd" gw-mosquitto "$gateway_secret"
"$MOSQUITTO_PASSWD" -b "$work/passwd" weir-cloud "$cloud_secret"
# mosquitto drops root privileges to its own user before it reads these: throwaway files, readable.
chmod 755 "$work"
chmod 644 "$work"/*

# --- mosquitto on a loopback port of its own, TLS only --------------------------------------------------------
# mosquitto cannot bind port 0 (a listener on port 0 is a unix socket), so it tries a random port, and the port is
# ours only when our mosquitto says it is running: something else answering on the port proves nothing, and a
# port taken in the meantime makes mosquitto exit, and the next try another port.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
for attempt in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 40000))
  listening "$candidate" && continue # taken
  cat > "$work/mosquitto.conf" <<EOF
per_listener_settings false
allow_anonymous false
password_file $work/passwd
persistence false
log_dest stdout
log_type error
log_type warning
log_type notice
log_type information
listener $candidate 127.0.0.1
cafile $work/ca.pem
certfile $work/server.pem
keyfile $work/server.key
require_certificate true
EOF
  # line-buffered, or the log line that says it runs stays in stdio's buffer
  stdbuf -oL "$MOSQUITTO" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 300); do # 30 s on a loaded machine
    if grep -q ' running$' "$work/mosquitto.log"; then port=$candidate; break; fi
    kill -0 "$broker_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$port" ] && break
  kill "$broker_pid" 2>/dev/null || true
  wait "$broker_pid" 2>/dev/null || true
  broker_pid=""
done
if [ -z "$port" ]; then
  echo "mosquitto did not start:" >&2
  cat "$work/mosquitto.log" >&2 || true
  exit 1
fi
echo "mosquitto $("$MOSQUITTO" -h 2>/dev/null | head -1 | sed 's/^mosquitto version //') on 127.0.0.1:$port (TLS only, client certificate and password required)"

# --- the test, through the reactor (nothing is installed in ~/.m2 on CI) -------------------------------------
report=bundles/uplink/target/surefire-reports/TEST-io.weir.uplink.internal.MosquittoTlsTest.xml
rm -f "$report" # a report left from an earlier run must not count
status=0
timeout 900 mvn -B -q -pl bundles/uplink -am test \
  -Dtest=MosquittoTlsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dweir.mosquitto.tls="$port" -Dweir.mosquitto.ca="$work/ca.pem" \
  -Dweir.mosquitto.keystore="$work/gateway.p12" -Dweir.mosquitto.keystore.password="$password" \
  -Dweir.mosquitto.gateway.password="$gateway_secret" -Dweir.mosquitto.cloud.password="$cloud_secret" || status=$?

if [ "$status" -eq 0 ]; then
  # Green only if the test really ran: five tests, none skipped, none failed.
  if [ ! -f "$report" ] || ! grep -q 'tests="5"' "$report" || ! grep -q 'skipped="0"' "$report" \
      || ! grep -q 'failures="0"' "$report" || ! grep -q 'errors="0"' "$report"; then
    echo "MosquittoTlsTest did not run all its tests:" >&2
    [ -f "$report" ] && head -3 "$report" >&2
    status=1
  fi
fi
if [ "$status" -ne 0 ]; then
  echo "== mosquitto log" >&2
  cat "$work/mosquitto.log" >&2 || true
  exit "$status"
fi
echo "mosquitto TLS interop: passed"
