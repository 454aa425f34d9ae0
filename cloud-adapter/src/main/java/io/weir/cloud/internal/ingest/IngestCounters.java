package io.weir.cloud.internal.ingest;

import io.weir.cloud.internal.protocol.AlarmMessage;
import io.weir.cloud.internal.protocol.EventMessage;
import io.weir.cloud.internal.protocol.InboundMessage;
import io.weir.cloud.internal.protocol.TelemetryMessage;
import io.weir.metrics.Histogram;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Message counters since start, and how late stored messages arrived (their gateway's send time to commit). */
public final class IngestCounters {
    private final Map<String, Histogram> lag = Map.of("telemetry", new Histogram(Histogram.SECONDS),
            "alarm", new Histogram(Histogram.SECONDS), "event", new Histogram(Histogram.SECONDS));
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();

    void count(IngestOutcome outcome) {
        switch (outcome) {
            case STORED -> stored.incrementAndGet();
            case DUPLICATE -> duplicates.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
            case QUARANTINED -> quarantined.incrementAndGet();
        }
    }

    /**
     * Records how long after its gateway sent it a stored message was committed. A gateway clock ahead of ours
     * counts as no delay rather than a negative one.
     */
    void lag(InboundMessage message, Instant committed) {
        String kind;
        Instant sent;
        if (message instanceof TelemetryMessage t) {
            kind = "telemetry";
            sent = t.sentAt();
        } else if (message instanceof AlarmMessage a) {
            kind = "alarm";
            sent = a.sentAt();
        } else if (message instanceof EventMessage e) {
            kind = "event";
            sent = e.sentAt();
        } else {
            return;
        }
        if (sent != null) {
            lag.get(kind).observe(Math.max(0, committed.toEpochMilli() - sent.toEpochMilli()) / 1000.0);
        }
    }

    /** Lag histograms by message kind (telemetry, alarm, event). */
    public Map<String, Histogram.Snapshot> lag() {
        return Map.of("telemetry", lag.get("telemetry").snapshot(), "alarm", lag.get("alarm").snapshot(),
                "event", lag.get("event").snapshot());
    }

    void countStoreFailure() {
        storeFailures.incrementAndGet();
    }

    public long stored() {
        return stored.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long quarantined() {
        return quarantined.get();
    }

    public long storeFailures() {
        return storeFailures.get();
    }
}
