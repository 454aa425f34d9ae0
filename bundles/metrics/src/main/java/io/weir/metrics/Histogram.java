package io.weir.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into fixed buckets, as a Prometheus histogram: lock-free, so a hot path can record into it
 * while a scrape reads it (a scrape may see an observation in its bucket a moment before it is in the sum).
 */
public final class Histogram {

    /** Bucket upper bounds in seconds for latencies from milliseconds to a day. */
    public static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120,
            300, 900, 3600, 21600, 86400};

    private final double[] upperBounds;
    private final AtomicLongArray buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    /** @param upperBounds increasing bucket bounds; the +Inf bucket is implied */
    public Histogram(double... upperBounds) {
        for (int i = 1; i < upperBounds.length; i++) {
            if (!(upperBounds[i] > upperBounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds.clone();
        this.buckets = new AtomicLongArray(upperBounds.length + 1);
    }

    public void observe(double value) {
        int i = Arrays.binarySearch(upperBounds, value);
        int bucket = i >= 0 ? i : -i - 1;
        buckets.incrementAndGet(bucket);
        sum.add(value);
        count.increment();
    }

    public Snapshot snapshot() {
        long[] counts = new long[upperBounds.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets.get(i);
        }
        long total = 0;
        for (int i = 0; i <= upperBounds.length; i++) {
            total += buckets.get(i);
        }
        return new Snapshot(upperBounds.clone(), counts, sum.sum(), total);
    }

    /**
     * @param upperBounds  bucket bounds, without +Inf
     * @param bucketCounts observations in each bucket (not cumulative), without the +Inf bucket
     * @param count        all observations, those above the last bound included
     */
    public record Snapshot(double[] upperBounds, long[] bucketCounts, double sum, long count) {
    }
}
