package io.weir.metrics.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.weir.metrics.Exposition;

/**
 * Turns the bundles' status parts (the JSON each {@code StatusProvider} offers, as in the state message) into
 * metric families. Each known part has its own mapping; a part this bundle does not know, or a field a part no
 * longer has, is left out, never guessed at. Names follow Prometheus practice: {@code weir_<part>_...}, base
 * units (seconds, bytes), {@code _total} for counters.
 */
final class StatusMetrics {

    private final Clock clock;

    StatusMetrics(Clock clock) {
        this.clock = clock;
    }

    /** Adds the metrics of one part; returns false for a part it has no mapping for. */
    boolean add(Exposition out, String part, JsonNode status) {
        switch (part) {
            case "health" -> health(out, status);
            case "modbus" -> modbus(out, status);
            case "store" -> store(out, status);
            case "uplink" -> uplink(out, status);
            case "rules" -> rules(out, status);
            case "coap" -> counted(out, "coap", status, "devices", "silent");
            case "sl651" -> counted(out, "sl651", status, "stations", null);
            case "sl651Report" -> sl651Report(out, status);
            case "meters" -> meters(out, status);
            case "clock" -> clock(out, status);
            case "gpio" -> gpio(out, status);
            case "deploy" -> deploy(out, status);
            default -> {
                return false;
            }
        }
        return true;
    }

    private static void health(Exposition out, JsonNode s) {
        gauge(out, "weir_runtime_healthy", "1 when every bundle is active and every DS component satisfied",
                s.path("healthy"));
        gauge(out, "weir_runtime_bundles", "bundles in the runtime", s.path("bundles"));
        gauge(out, "weir_runtime_components", "DS components in the runtime", s.path("components"));
        gauge(out, "weir_runtime_components_up", "DS components active or satisfied", s.path("componentsUp"));
    }

    private static void modbus(Exposition out, JsonNode s) {
        for (JsonNode endpoint : s.path("endpoints")) {
            for (JsonNode d : endpoint.path("devices")) {
                String[] l = {"device", d.path("device").asText(), "link", d.path("link").asText()};
                gauge(out, "weir_modbus_device_up", "1 while the device answers its polls, 0 while failing or "
                        + "starting", d.path("state").asText().equals("ok") ? 1 : 0, l);
                counter(out, "weir_modbus_transactions_total", "Modbus requests sent, reads and writes",
                        d.path("transactions"), l);
                counter(out, "weir_modbus_answered_total", "requests answered, exception responses included",
                        d.path("answered"), l);
                counter(out, "weir_modbus_timeouts_total", "requests without an answer in time", d.path("timeouts"),
                        l);
                counter(out, "weir_modbus_crc_errors_total", "answers with a bad CRC or broken framing",
                        d.path("crcErrors"), l);
                counter(out, "weir_modbus_io_errors_total", "link failures: refused, reset, could not open",
                        d.path("ioErrors"), l);
                counter(out, "weir_modbus_writes_total", "write requests", d.path("writes"), l);
                Iterator<Map.Entry<String, JsonNode>> exceptions = d.path("exceptions").fields();
                while (exceptions.hasNext()) {
                    var e = exceptions.next();
                    counter(out, "weir_modbus_exceptions_total", "exception responses by code", e.getValue(),
                            l[0], l[1], l[2], l[3], "code", e.getKey());
                }
                JsonNode latency = d.path("latency");
                if (latency.path("samples").asLong() > 0) {
                    for (var q : new String[][] {{"0.5", "p50Ms"}, {"0.95", "p95Ms"}, {"0.99", "p99Ms"}}) {
                        gauge(out, "weir_modbus_response_seconds", "answer time quantiles of the device's recent "
                                + "transactions", latency.path(q[1]).asDouble() / 1000, l[0], l[1], l[2], l[3],
                                "quantile", q[0]);
                    }
                }
            }
        }
    }

    private void store(Exposition out, JsonNode s) {
        JsonNode backlog = s.path("backlog");
        for (String kind : new String[] {"alarms", "events", "telemetry"}) {
            gauge(out, "weir_store_backlog_records", "records stored and not yet in a message, by class",
                    backlog.path(kind), "class", kind);
        }
        gauge(out, "weir_store_in_flight_messages", "messages sent and not yet acknowledged by the broker",
                backlog.path("inFlightMessages"));
        gauge(out, "weir_store_held_in_memory_records", "alarm and event records waiting in memory for room",
                backlog.path("heldInMemory"));
        Iterator<Map.Entry<String, JsonNode>> oldest = s.path("oldestUnsent").fields();
        Instant now = clock.instant();
        while (oldest.hasNext()) {
            var e = oldest.next();
            try {
                double age = Math.max(0, (now.toEpochMilli() - Instant.parse(e.getValue().asText()).toEpochMilli())
                        / 1000.0);
                gauge(out, "weir_store_oldest_unsent_age_seconds", "age of the oldest record not yet sent, by class",
                        age, "class", e.getKey());
            } catch (DateTimeParseException ignored) {
                // a part that changed its format: leave the sample out rather than guess
            }
        }
        fields(out, "weir_store_cap_bytes", "caps in force (0: none)", s.path("caps"), "kind");
        fields(out, "weir_store_used_bytes", "bytes taken", s.path("used"), "kind");
        gauge(out, "weir_store_disk_free_bytes", "free bytes on the store's file system", s.path("diskFreeBytes"));
        gauge(out, "weir_store_reserve_in_place", "1 while the reserve file for a full disk is in place",
                s.path("reserveInPlace"));
        counter(out, "weir_store_evicted_telemetry_total", "readings evicted to make room", s.path("evictedTelemetry"));
        gauge(out, "weir_store_last_seq", "the last message sequence number given", s.path("lastSeq"));
        gauge(out, "weir_store_failed_writes", "writes refused in a row", s.path("failedWrites"));
        gauge(out, "weir_store_near_cap", "1 when the store is close to one of its limits", s.path("nearCap"));
        gauge(out, "weir_store_capacity_alarm", "1 while one of the store's FAULT alarms is raised",
                s.path("capacityAlarm"));
    }

    private static void uplink(Exposition out, JsonNode s) {
        gauge(out, "weir_uplink_connected", "1 while the gateway is connected to the broker", s.path("connected"));
        counter(out, "weir_uplink_connects_total", "connections made to the broker", s.path("connects"));
        counter(out, "weir_uplink_connection_losses_total", "connections lost", s.path("losses"));
    }

    private static void rules(Exposition out, JsonNode s) {
        counter(out, "weir_rules_readings_evaluated_total", "readings the rules evaluated", s.path("readingsEvaluated"));
        counter(out, "weir_rules_evaluation_seconds_total", "time spent evaluating readings",
                s.path("evaluationNanos").asDouble() / 1e9);
    }

    /** A part with a {@code counters} object, a count of things and optionally a list of flagged ones. */
    private static void counted(Exposition out, String part, JsonNode s, String countField, String flaggedList) {
        gauge(out, "weir_" + part + "_" + countField, part + " " + countField + " configured", s.path(countField));
        if (flaggedList != null) {
            gauge(out, "weir_" + part + "_" + countField + "_" + flaggedList, part + " " + countField + " flagged "
                    + flaggedList, s.path(flaggedList).size());
        }
        if (s.has("connections")) {
            gauge(out, "weir_" + part + "_connections", "open connections", s.path("connections"));
        }
        Iterator<Map.Entry<String, JsonNode>> counters = s.path("counters").fields();
        while (counters.hasNext()) {
            var e = counters.next();
            counter(out, "weir_" + part + "_" + snake(e.getKey()) + "_total", part + " counter " + e.getKey(),
                    e.getValue());
        }
    }

    private static void meters(Exposition out, JsonNode s) {
        for (JsonNode m : s.path("meters")) {
            String[] l = {"device", m.path("device").asText(), "protocol", m.path("protocol").asText(), "link",
                    m.path("link").asText()};
            gauge(out, "weir_meter_up", "1 while the meter answers", m.path("communicating"), l);
            counter(out, "weir_meter_polls_total", "polls of the meter", m.path("polls"), l);
            counter(out, "weir_meter_failures_total", "polls the meter did not answer", m.path("failures"), l);
        }
    }

    private static void sl651Report(Exposition out, JsonNode s) {
        for (JsonNode c : s.path("centres")) {
            String[] l = {"centre", c.path("address").asText(), "transport", c.path("transport").asText()};
            gauge(out, "weir_sl651_report_centre_connected", "1 while the gateway, as an SL 651 station, has its link"
                    + " to the centre open", c.path("connected"), l);
            gauge(out, "weir_sl651_report_clock_offset_seconds", "the centre's clock minus the gateway's, at the"
                    + " centre's last clock command (never applied to the gateway's clock)",
                    c.path("clockOffsetSeconds"), l);
        }
    }

    private static void clock(Exposition out, JsonNode s) {
        gauge(out, "weir_clock_synchronised", "1 while the system clock is synchronised", s.path("synchronised"));
        counter(out, "weir_clock_steps_total", "steps of the wall clock seen", s.path("steps"));
    }

    private static void gpio(Exposition out, JsonNode s) {
        Iterator<Map.Entry<String, JsonNode>> outputs = s.path("outputs").fields();
        while (outputs.hasNext()) {
            var e = outputs.next();
            gauge(out, "weir_gpio_output_on", "1 while the output (siren, relay) is switched on",
                    e.getValue().path("on"), "output", e.getKey(), "pin", e.getValue().path("pin").asText());
        }
    }

    private static void deploy(Exposition out, JsonNode s) {
        for (JsonNode p : s.path("packages")) {
            gauge(out, "weir_deploy_package_info", "installed deployment packages (always 1)", 1, "name",
                    p.path("name").asText(), "version", p.path("version").asText());
        }
        gauge(out, "weir_deploy_job_running", "1 while a deployment job is not final",
                s.path("job").isObject() ? 1 : 0);
    }

    private static void fields(Exposition out, String name, String help, JsonNode object, String label) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            gauge(out, name, help, e.getValue(), label, snake(e.getKey()).replaceAll("_bytes$", ""));
        }
    }

    private static void gauge(Exposition out, String name, String help, JsonNode value, String... labels) {
        if (value.isNumber() || value.isBoolean()) {
            gauge(out, name, help, value.isBoolean() ? (value.asBoolean() ? 1 : 0) : value.asDouble(), labels);
        }
    }

    private static void gauge(Exposition out, String name, String help, double value, String... labels) {
        out.gauge(name, help).add(value, labels);
    }

    private static void counter(Exposition out, String name, String help, JsonNode value, String... labels) {
        if (value.isNumber()) {
            counter(out, name, help, value.asDouble(), labels);
        }
    }

    private static void counter(Exposition out, String name, String help, double value, String... labels) {
        out.counter(name, help).add(value, labels);
    }

    /** {@code reportsAccepted} -> {@code reports_accepted}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
