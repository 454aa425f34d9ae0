package io.weir.coap.internal;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per PSK identity: a device may send {@code perMinute} requests a minute, in bursts of up to that
 * many. A flooding device is refused without costing its neighbours anything but the refusals.
 */
final class RateLimiter {

    private final Clock clock;
    private final double perMilli;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastMillis;
        boolean refusing;
    }

    /** What the limiter decided. */
    enum Decision {
        ALLOWED,
        /** Refused, and the first refusal since the identity was last allowed: worth a log line. */
        REFUSED_FIRST,
        REFUSED
    }

    RateLimiter(Clock clock, int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, is " + perMinute);
        }
        this.clock = clock;
        this.perMilli = perMinute / 60_000.0;
        this.burst = perMinute;
    }

    Decision acquire(String identity) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(identity, k -> {
            var b = new Bucket();
            b.tokens = burst;
            b.lastMillis = now;
            return b;
        });
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.lastMillis) * perMilli);
            bucket.lastMillis = Math.max(bucket.lastMillis, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                bucket.refusing = false;
                return Decision.ALLOWED;
            }
            boolean first = !bucket.refusing;
            bucket.refusing = true;
            return first ? Decision.REFUSED_FIRST : Decision.REFUSED;
        }
    }

    /** Seconds until the identity may send again, for the Max-Age of a 4.29. */
    long retryAfterSeconds() {
        return (long) Math.ceil(1 / perMilli / 1000);
    }

    void forget(String identity) {
        buckets.remove(identity);
    }
}
