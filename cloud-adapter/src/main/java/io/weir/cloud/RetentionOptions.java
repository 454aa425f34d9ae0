package io.weir.cloud;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the adapter keeps what grows without end, and how it removes the rest: at every {@code interval}, in
 * transactions of at most {@code batchSize} rows, so ingest never waits long behind it. {@link Duration#ZERO} keeps a
 * class for ever. On PostgreSQL telemetry goes by whole months (its partitions are dropped once the month is past
 * the limit), so a reading is kept at least {@code telemetry} and at most a month more.
 *
 * @param telemetry   readings, by the reading's own time
 * @param events      gateway events (device faults, deployment progress, evictions), by when they were received
 * @param deadLetters rejected messages, by when they were received
 */
public record RetentionOptions(Duration telemetry, Duration events, Duration deadLetters, Duration interval,
                               int batchSize) {

    public RetentionOptions {
        notNegative(telemetry, "telemetry");
        notNegative(events, "events");
        notNegative(deadLetters, "deadLetters");
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("retention interval must be at least 1 s, was " + interval);
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("retention batch size must be 1..100000, was " + batchSize);
        }
    }

    /** Telemetry 400 days (a year and its season to compare with), events 90 days, dead letters 30 days; hourly. */
    public static RetentionOptions defaults() {
        return new RetentionOptions(Duration.ofDays(400), Duration.ofDays(90), Duration.ofDays(30),
                Duration.ofHours(1), 5000);
    }

    /** Nothing is ever removed. */
    public static RetentionOptions keepForever() {
        return new RetentionOptions(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofHours(1), 5000);
    }

    public RetentionOptions withLimits(Duration telemetryLimit, Duration eventLimit, Duration deadLetterLimit) {
        return new RetentionOptions(telemetryLimit, eventLimit, deadLetterLimit, interval, batchSize);
    }

    public RetentionOptions withInterval(Duration every) {
        return new RetentionOptions(telemetry, events, deadLetters, every, batchSize);
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException("retention of " + name + " must not be negative, was " + d);
        }
    }
}
