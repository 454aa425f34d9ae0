package io.weir.cloud.internal.observe;

import io.weir.cloud.internal.cases.OutboxWorker;
import io.weir.cloud.internal.ingest.MqttIngest;
import io.weir.cloud.internal.store.Transactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether this instance can do its work now: the database answers, the broker connection is up, and the case
 * outbox worker finished a pass lately (within three poll intervals, at least 30 s). Each check answers "ok" or
 * what is wrong.
 */
public final class Readiness implements Supplier<Map<String, String>> {

    private final Transactor transactor;
    private final MqttIngest ingest;
    private final OutboxWorker outbox;
    private final Duration outboxStale;
    private final Clock clock;
    private final Instant started;

    public Readiness(Transactor transactor, MqttIngest ingest, OutboxWorker outbox, Duration pollInterval,
                     Clock clock) {
        this.transactor = transactor;
        this.ingest = ingest;
        this.outbox = outbox;
        this.outboxStale = pollInterval.multipliedBy(3).compareTo(Duration.ofSeconds(30)) < 0
                ? Duration.ofSeconds(30) : pollInterval.multipliedBy(3);
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public Map<String, String> get() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", database());
        checks.put("broker", ingest.isConnected() ? "ok" : "not connected to the MQTT broker (reconnecting)");
        checks.put("outbox", outbox());
        return checks;
    }

    private String database() {
        try {
            transactor.read(c -> {
                try (var s = c.createStatement()) {
                    s.setQueryTimeout(5);
                    s.execute("SELECT 1");
                }
                return null;
            });
            return "ok";
        } catch (RuntimeException e) {
            return "database unreachable: " + e.getMessage();
        }
    }

    private String outbox() {
        Instant last = outbox.lastPass();
        Instant now = clock.instant();
        Instant since = last == null ? started : last;
        if (Duration.between(since, now).compareTo(outboxStale) <= 0) {
            return "ok";
        }
        return last == null ? "the case outbox worker has not finished a pass since start"
                : "the case outbox worker last finished a pass at " + last + ", over " + outboxStale + " ago";
    }
}
