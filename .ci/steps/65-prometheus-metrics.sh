#!/usr/bin/env bash
# The gateway's and the cloud adapter's metrics against Prometheus' own checker (promtool from Debian's prometheus
# package), and the adapter's probes and JSON logs:
#  - a gateway runtime (the exported jar, a minimal site file, metrics on a free port with a token) and the adapter
#    (SQLite, a metrics token, --log-format json) are started against Debian's mosquitto;
#  - /metrics of each is scraped with its token and passed through 'promtool check metrics', which fails on
#    anything Prometheus would refuse or warns about (names, types, help, units, counters' _total);
#  - /healthz and /readyz answer without a token; every line the adapter logged is a JSON object.
# Loopback only; bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

MOSQUITTO=$(command -v mosquitto || echo /usr/sbin/mosquitto)
PROMTOOL=$(command -v promtool || echo /usr/bin/promtool)
[ -x "$MOSQUITTO" ] || { echo "mosquitto is not installed" >&2; exit 1; }
[ -x "$PROMTOOL" ] || { echo "promtool is not installed (Debian package prometheus)" >&2; exit 1; }
ADAPTER=cloud-adapter/target/weir-cloud-adapter.jar
GATEWAY=target-platform/target/weir-gateway.jar
for jar in "$ADAPTER" "$GATEWAY"; do
  [ -f "$jar" ] || { echo "$jar is missing: run mvn verify (or package) first" >&2; exit 1; }
done

work=$(mktemp -d -t weir-prometheus.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$work"/*.log; do echo "== $f" >&2; tail -40 "$f" >&2; done; exit 1; }

# --- mosquitto on a free loopback port ----------------------------------------------------------------------------
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
for attempt in 1 2 3 4 5; do
  p=$((20000 + RANDOM % 40000))
  listening "$p" && continue
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$p" > "$work/mosquitto.conf"
  chmod 755 "$work"; chmod 644 "$work/mosquitto.conf"
  "$MOSQUITTO" -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 50); do listening "$p" && break; sleep 0.1; done
  if listening "$p"; then port=$p; break; fi
done
[ -n "$port" ] || fail "mosquitto did not start"

# --- the cloud adapter: metrics token, JSON logs ----------------------------------------------------------------------
adapter_token="adapter-scrape-$RANDOM$RANDOM$RANDOM"
printf '%s\n' "$adapter_token" > "$work/adapter.token"; chmod 600 "$work/adapter.token"
WEIR_COUNTY_APP_SECRET=prom-step-secret WEIR_OPS_TOKEN=prom-step-ops-token-0123456789 \
  timeout 300 java -jar "$ADAPTER" --broker-url "tcp://127.0.0.1:$port" --client-id weir-cloud-prom \
  --jdbc-url "jdbc:sqlite:$work/cloud.db" --county-base-uri http://127.0.0.1:9/ --app-key prom --http-port 0 \
  --metrics-token-file "$work/adapter.token" --log-format json --gateway gw-prom > "$work/adapter.log" 2>&1 &
adapter=$!; pids+=("$adapter")

# --- a gateway runtime: metrics on any free port, with a token --------------------------------------------------------
gateway_token="gateway-scrape-$RANDOM$RANDOM$RANDOM"
mkdir -p "$work/gw/conf" "$work/gw/data"
printf '%s\n' "$gateway_token" > "$work/gw/conf/metrics.token"
cat > "$work/gw/conf/site.yaml" <<SITE
gateway: {id: gw-prom}
site: {stationCode: "62001200", name: Prometheus step, latitude: 30.2, longitude: 120.1}
uplink: {broker: "tcp://127.0.0.1:$port"}
metrics: {port: 0, tokenFile: metrics.token}
SITE
(cd "$work/gw" && exec timeout 300 java -Dweir.site.file=conf/site.yaml \
  -Dweir.profiles.dir="$ROOT/device-profiles/profiles" -Dweir.data.dir=data -jar "$ROOT/$GATEWAY" \
  > "$work/gateway.log" 2>&1) &
gateway=$!; pids+=("$gateway")

# --- where each listens: from its own log ------------------------------------------------------------------------------
ops=""; gw_metrics=""
for _ in $(seq 1 1200); do
  [ -z "$ops" ] && ops=$( (grep -o 'Operations view and webhook on http[^ "\\]*' "$work/adapter.log" || true) \
    | head -1 | sed 's/.* on //')
  [ -z "$gw_metrics" ] && gw_metrics=$( (grep -o 'metrics at http[^ ]*/metrics' "$work/gateway.log" || true) \
    | head -1 | sed 's/metrics at //')
  [ -n "$ops" ] && [ -n "$gw_metrics" ] && grep -q '"Cloud adapter running"' "$work/adapter.log" && break
  kill -0 "$adapter" 2>/dev/null || fail "the adapter stopped"
  kill -0 "$gateway" 2>/dev/null || fail "the gateway stopped"
  sleep 0.1
done
[ -n "$ops" ] || fail "the adapter did not say where it listens"
[ -n "$gw_metrics" ] || fail "the gateway did not say where its metrics are"

# --- probes ------------------------------------------------------------------------------------------------------------
[ "$(curl -s -o /dev/null -w '%{http_code}' "${ops}healthz")" = 200 ] || fail "/healthz did not answer 200"
ready=""
for _ in $(seq 1 300); do
  ready=$(curl -s -o "$work/readyz.json" -w '%{http_code}' "${ops}readyz")
  [ "$ready" = 200 ] && break
  sleep 0.1
done
[ "$ready" = 200 ] || { cat "$work/readyz.json" >&2; fail "/readyz did not become ready"; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "${ops}metrics")" = 401 ] || fail "/metrics answered without a token"
echo "ok: /healthz and /readyz answer without a token, /metrics needs one"

# --- the metrics through promtool ------------------------------------------------------------------------------------
check() { # name url token
  curl -sf -H "Authorization: Bearer $3" "$2" > "$work/$1.prom" || fail "scraping $1 at $2 failed"
  grep -q '^# TYPE weir_' "$work/$1.prom" || fail "$1 served no weir_ metric"
  if ! "$PROMTOOL" check metrics < "$work/$1.prom" > "$work/$1.promtool" 2>&1; then
    cat "$work/$1.promtool" >&2; fail "promtool found problems in the $1 metrics"
  fi
  echo "ok: $1 metrics pass promtool check metrics ($(grep -c '^# TYPE' "$work/$1.prom") families)"
}
# wait for the gateway's store and uplink parts to be there (its bundles start in their own time)
for _ in $(seq 1 600); do
  (curl -sf -H "Authorization: Bearer $gateway_token" "$gw_metrics" 2>/dev/null || true) \
    | grep -q '^weir_uplink_connected 1' && break
  sleep 0.1
done
check gateway "$gw_metrics" "$gateway_token"
grep -q '^weir_store_backlog_records' "$work/gateway.prom" || fail "the gateway's store metrics are missing"
grep -q '^weir_uplink_connected 1' "$work/gateway.prom" || fail "the gateway is not connected, says its metrics"
check adapter "${ops}metrics" "$adapter_token"
grep -q '^weir_adapter_mqtt_connected 1' "$work/adapter.prom" || fail "the adapter is not connected, says its metrics"

# --- every line the adapter logged is a JSON object -------------------------------------------------------------------
python3 - "$work/adapter.log" <<'PY' || fail "the adapter's log is not JSON lines"
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert lines, "no log lines"
for l in lines:
    record = json.loads(l)
    assert record.get("service") == "weir-cloud-adapter", l
print("ok: %d adapter log lines, each a JSON object" % len(lines))
PY
