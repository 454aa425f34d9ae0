package io.weir.cloud.internal.observe;

import io.weir.cloud.internal.cases.OutboxWorker;
import io.weir.cloud.internal.ingest.IngestCounters;
import io.weir.cloud.internal.ingest.MqttIngest;
import io.weir.cloud.internal.ingest.Reconnector;
import io.weir.cloud.internal.store.Retention;
import io.weir.cloud.internal.store.Transactor;
import io.weir.metrics.Exposition;
import io.weir.metrics.MetricType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter's Prometheus metrics (docs/operations.md "Monitoring"): counters kept in memory since start (messages
 * by outcome, lag, reconnects, case latency, retention) and, read from the database at every scrape, what is there
 * now (the case outbox and follow-ups by status, rollouts and jobs by state, gateways). Several instances over one
 * database report the same database figures: sum the counters, not the gauges read from the database.
 */
public final class AdapterMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(AdapterMetrics.class);

    private final Transactor transactor;
    private final IngestCounters counters;
    private final MqttIngest ingest;
    private final OutboxWorker outbox;
    private final Retention retention;
    private final LongSupplier webhooksRejected;
    private final Duration reconnectMax;

    public AdapterMetrics(Transactor transactor, IngestCounters counters, MqttIngest ingest, OutboxWorker outbox,
                          Retention retention, LongSupplier webhooksRejected, Duration reconnectMax) {
        this.transactor = transactor;
        this.counters = counters;
        this.ingest = ingest;
        this.outbox = outbox;
        this.retention = retention;
        this.webhooksRejected = webhooksRejected;
        this.reconnectMax = reconnectMax;
    }

    /** One scrape's text. */
    public String scrape() {
        Exposition out = new Exposition();
        ingest(out);
        cases(out);
        retention(out);
        database(out);
        return out.text();
    }

    private void ingest(Exposition out) {
        var messages = out.counter("weir_adapter_messages_total", "MQTT messages taken, by outcome");
        messages.add(counters.stored(), "outcome", "stored");
        messages.add(counters.duplicates(), "outcome", "duplicate");
        messages.add(counters.rejected(), "outcome", "rejected");
        messages.add(counters.quarantined(), "outcome", "quarantined");
        out.counter("weir_adapter_store_failures_total", "ingest batches the database failed to commit")
                .add(counters.storeFailures());
        var lag = out.family("weir_adapter_ingest_lag_seconds", MetricType.HISTOGRAM,
                "from a gateway sending a message to the adapter committing it, by kind");
        counters.lag().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> lag.add(e.getValue(), "kind", e.getKey()));
        out.gauge("weir_adapter_ingest_queued_messages", "messages taken from the broker, not yet committed")
                .add(ingest.queued());
        out.gauge("weir_adapter_mqtt_connected", "1 while connected to the broker").add(ingest.isConnected() ? 1 : 0);
        Reconnector.Stats reconnects = ingest.reconnects();
        out.counter("weir_adapter_mqtt_reconnects_total", "outages of the broker connection ended by a reconnect")
                .add(reconnects.reconnects());
        out.counter("weir_adapter_mqtt_reconnect_failures_total", "reconnect attempts that failed")
                .add(reconnects.failedAttempts());
        out.gauge("weir_adapter_mqtt_reconnect_longest_wait_seconds", "the longest wait between two reconnect "
                + "attempts so far").add(reconnects.longestWait().toMillis() / 1000.0);
        out.gauge("weir_adapter_mqtt_reconnect_max_seconds", "the configured longest wait between reconnect attempts")
                .add(reconnectMax.toMillis() / 1000.0);
    }

    private void cases(Exposition out) {
        out.family("weir_adapter_case_latency_seconds", MetricType.HISTOGRAM,
                "from an alarm's case request being queued to the county platform opening the case")
                .add(outbox.caseLatency());
        out.counter("weir_adapter_case_retries_total", "case requests and follow-ups put back after a transient "
                + "failure").add(outbox.retries());
        out.counter("weir_adapter_webhooks_rejected_total", "county webhook calls refused")
                .add(webhooksRejected.getAsLong());
        Instant pass = outbox.lastPass();
        if (pass != null) {
            out.gauge("weir_adapter_outbox_last_pass_timestamp_seconds", "when the case outbox worker last finished "
                    + "a pass").add(pass.toEpochMilli() / 1000.0);
        }
    }

    private void retention(Exposition out) {
        var removed = out.counter("weir_adapter_retention_removed_total", "rows removed by retention, by class");
        for (String kind : new String[] {"telemetry", "events", "dead_letters"}) {
            removed.add(retention.removed(kind), "class", kind);
        }
        out.counter("weir_adapter_retention_partitions_dropped_total", "monthly telemetry partitions dropped "
                + "(PostgreSQL)").add(retention.partitionsDropped());
        out.counter("weir_adapter_retention_failures_total", "retention passes that failed").add(retention.failures());
        Instant pass = retention.lastPass();
        if (pass != null) {
            out.gauge("weir_adapter_retention_last_pass_timestamp_seconds", "when retention last finished a pass")
                    .add(pass.toEpochMilli() / 1000.0);
        }
    }

    private void database(Exposition out) {
        Map<String, Map<String, Long>> counts;
        try {
            counts = transactor.read(AdapterMetrics::counts);
        } catch (RuntimeException e) {
            LOG.debug("metrics: database figures left out: {}", e.toString());
            out.gauge("weir_adapter_database_up", "1 when this scrape could read the database").add(0);
            return;
        }
        out.gauge("weir_adapter_database_up", "1 when this scrape could read the database").add(1);
        gauges(out, "weir_adapter_case_outbox", "case requests by status (PENDING: the outbox depth)", "status",
                counts.get("outbox"));
        gauges(out, "weir_adapter_case_followups", "case follow-ups by status", "status", counts.get("followups"));
        gauges(out, "weir_adapter_rollouts", "deployment rollouts by state", "state", counts.get("rollouts"));
        gauges(out, "weir_adapter_deploy_jobs", "deployment jobs by state", "state", counts.get("jobs"));
        gauges(out, "weir_adapter_gateways", "gateways by their last state (unknown: no state message yet)", "state",
                counts.get("gateways"));
        out.gauge("weir_adapter_registered_gateways", "gateways whose messages are ingested")
                .add(counts.get("single").getOrDefault("registered", 0L));
        out.gauge("weir_adapter_unknown_gateways", "unregistered gateway ids that sent messages")
                .add(counts.get("single").getOrDefault("unknown", 0L));
        out.gauge("weir_adapter_quarantined_messages_kept", "messages of unknown gateways kept for review")
                .add(counts.get("single").getOrDefault("quarantined", 0L));
    }

    private static void gauges(Exposition out, String name, String help, String label, Map<String, Long> values) {
        var family = out.gauge(name, help);
        values.forEach((key, n) -> family.add(n, label, key));
    }

    private static Map<String, Map<String, Long>> counts(Connection c) throws SQLException {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        counts.put("outbox", grouped(c, "SELECT status, COUNT(*) FROM case_outbox GROUP BY status"));
        counts.put("followups", grouped(c, "SELECT status, COUNT(*) FROM case_followup GROUP BY status"));
        counts.put("rollouts", grouped(c, "SELECT state, COUNT(*) FROM deploy_rollout GROUP BY state"));
        counts.put("jobs", grouped(c, "SELECT state, COUNT(*) FROM deploy_job GROUP BY state"));
        counts.put("gateways", grouped(c, "SELECT CASE WHEN online IS NULL THEN 'unknown' WHEN online THEN 'online' "
                + "ELSE 'offline' END, COUNT(*) FROM gateway GROUP BY 1"));
        Map<String, Long> single = new LinkedHashMap<>();
        single.put("registered", one(c, "SELECT COUNT(*) FROM registered_gateway"));
        single.put("unknown", one(c, "SELECT COUNT(*) FROM unknown_gateway"));
        single.put("quarantined", one(c, "SELECT COUNT(*) FROM quarantined_message"));
        counts.put("single", single);
        return counts;
    }

    private static Map<String, Long> grouped(Connection c, String sql) throws SQLException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(r.getString(1), r.getLong(2));
            }
        }
        return counts;
    }

    private static long one(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
