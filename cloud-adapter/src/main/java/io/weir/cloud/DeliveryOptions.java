package io.weir.cloud;

import java.time.Duration;
import java.util.Objects;

/**
 * How the case outbox is sent to the county platform.
 *
 * @param pollInterval   how often the outbox is scanned for due rows (new cases also wake it at once)
 * @param retryBase      backoff before the first retry; doubles with every failed attempt
 * @param retryCap       longest backoff; each delay is drawn uniformly from [0, min(cap, base * 2^(n-1))]
 * @param requestTimeout time allowed for one HTTP request
 * @param batchSize      outbox rows taken per scan
 */
public record DeliveryOptions(Duration pollInterval, Duration retryBase, Duration retryCap, Duration requestTimeout,
                              int batchSize) {

    public DeliveryOptions {
        requirePositive(pollInterval, "pollInterval");
        requirePositive(retryBase, "retryBase");
        requirePositive(retryCap, "retryCap");
        requirePositive(requestTimeout, "requestTimeout");
        if (retryCap.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("retryCap " + retryCap + " is shorter than retryBase " + retryBase);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        }
    }

    public static DeliveryOptions defaults() {
        return new DeliveryOptions(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10), 50);
    }

    public DeliveryOptions withRetry(Duration base, Duration cap) {
        return new DeliveryOptions(pollInterval, base, cap, requestTimeout, batchSize);
    }

    public DeliveryOptions withPollInterval(Duration interval) {
        return new DeliveryOptions(interval, retryBase, retryCap, requestTimeout, batchSize);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
