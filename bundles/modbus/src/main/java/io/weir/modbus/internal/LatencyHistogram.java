package io.weir.modbus.internal;

/**
 * Transaction latencies in a fixed set of buckets, so a device polled for a year holds the same 64 counters as one
 * polled for a minute. Bucket bounds grow by a factor of 2^(1/4) (about 19 %) from 0.1 ms; a percentile is the upper
 * bound of the bucket it falls in, so it is never under-reported and at most 19 % high. Thread-safe; cheap enough
 * to record every transaction.
 */
final class LatencyHistogram {

    static final int BUCKETS = 64;
    private static final double FIRST_BOUND_MICROS = 100;
    private static final double STEP = Math.pow(2, 0.25);

    private final long[] counts = new long[BUCKETS];
    private long total;

    synchronized void record(long micros) {
        counts[bucketOf(micros)]++;
        total++;
    }

    /** Bucket i holds latencies up to {@link #upperBoundMicros(int)}; the last one holds everything above. */
    static int bucketOf(long micros) {
        if (micros <= FIRST_BOUND_MICROS) {
            return 0;
        }
        int i = (int) Math.ceil(Math.log(micros / FIRST_BOUND_MICROS) / Math.log(STEP));
        return Math.min(i, BUCKETS - 1);
    }

    static double upperBoundMicros(int bucket) {
        return FIRST_BOUND_MICROS * Math.pow(STEP, bucket);
    }

    synchronized long count() {
        return total;
    }

    /** The latency in milliseconds at or below which {@code fraction} (0..1) of the transactions fell; 0 when none. */
    synchronized double percentileMillis(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.round(upperBoundMicros(i) / 10.0) / 100.0; // ms, two decimals
            }
        }
        return Math.round(upperBoundMicros(BUCKETS - 1) / 10.0) / 100.0;
    }
}
