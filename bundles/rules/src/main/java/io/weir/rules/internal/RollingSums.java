package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Rolling sums of amounts over several windows, held in a fixed ring of time buckets: memory does not grow with
 * the number of readings, only with the longest window divided by the bucket length.
 * <p>
 * Windows are aligned to buckets: the sum over a window of {@code n} buckets at head bucket {@code h} is the sum of
 * the amounts added to buckets {@code h-n+1 .. h}. With one-minute buckets, a one-hour sum therefore covers between
 * 59 and 60 minutes of time. Amounts are whole numbers (micrometres of rain), so sums are exact and never drift.
 * An amount for a bucket older than the ring is dropped. Not thread-safe.
 */
final class RollingSums {

    private final long bucketMillis;
    private final int[] windowBuckets;
    private final long[] ring;
    private final long[] sums;
    private long head = Long.MIN_VALUE; // index of the newest bucket; MIN_VALUE before the first use

    /**
     * @param bucket  bucket length; every window must be a whole number of buckets
     * @param windows the windows, each at most {@code ringBuckets} buckets long
     */
    RollingSums(Duration bucket, List<Duration> windows) {
        this.bucketMillis = bucket.toMillis();
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucket must be positive, was " + bucket);
        }
        this.windowBuckets = new int[windows.size()];
        int longest = 1;
        for (int i = 0; i < windows.size(); i++) {
            long millis = windows.get(i).toMillis();
            if (millis <= 0 || millis % bucketMillis != 0) {
                throw new IllegalArgumentException("window " + windows.get(i) + " is not a positive multiple of "
                        + bucket);
            }
            windowBuckets[i] = Math.toIntExact(millis / bucketMillis);
            longest = Math.max(longest, windowBuckets[i]);
        }
        this.ring = new long[longest];
        this.sums = new long[windows.size()];
    }

    long bucketIndex(long epochMillis) {
        return Math.floorDiv(epochMillis, bucketMillis);
    }

    /** Moves the head forward to the bucket of {@code epochMillis}; amounts that leave a window leave its sum. */
    void advanceTo(long epochMillis) {
        long to = bucketIndex(epochMillis);
        if (head == Long.MIN_VALUE) {
            head = to;
            return;
        }
        if (to <= head) {
            return;
        }
        if (to - head >= ring.length) {
            Arrays.fill(ring, 0);
            Arrays.fill(sums, 0);
            head = to;
            return;
        }
        for (long j = head + 1; j <= to; j++) {
            for (int w = 0; w < sums.length; w++) {
                sums[w] -= ring[slot(j - windowBuckets[w])];
            }
            ring[slot(j)] = 0;
        }
        head = to;
    }

    /**
     * Adds an amount at a time, moving the head forward if the time is newer.
     *
     * @return false when the time is older than the ring holds and the amount was dropped
     */
    boolean add(long epochMillis, long amount) {
        advanceTo(epochMillis);
        long index = bucketIndex(epochMillis);
        if (index <= head - ring.length) {
            return false;
        }
        ring[slot(index)] += amount;
        for (int w = 0; w < sums.length; w++) {
            if (index > head - windowBuckets[w]) {
                sums[w] += amount;
            }
        }
        return true;
    }

    /**
     * Spreads an amount evenly over the buckets from {@code fromMillis} (exclusive) to {@code toMillis}: a gauge
     * reporting every 10 minutes, or a counter read again after an outage, did not rain all of it in one minute.
     */
    void addSpread(long fromMillis, long toMillis, long amount) {
        long first = bucketIndex(fromMillis) + 1;
        long last = bucketIndex(toMillis);
        if (fromMillis >= toMillis || first > last) {
            add(toMillis, amount);
            return;
        }
        first = Math.max(first, last - ring.length + 1);
        long buckets = last - first + 1;
        long share = amount / buckets;
        long remainder = amount - share * buckets;
        advanceTo(toMillis);
        for (long b = first; b <= last; b++) {
            long part = share + (b == last ? remainder : 0);
            if (part != 0) {
                add(b * bucketMillis, part);
            }
        }
    }

    /** The sum over window {@code w} (its position in the constructor's list) at the head bucket. */
    long sum(int w) {
        return sums[w];
    }

    int windows() {
        return sums.length;
    }

    /** Bytes held by this object's arrays: the memory one rolling-window set costs. */
    long retainedBytes() {
        return 16L + 8L * ring.length + 16L + 8L * sums.length + 16L + 4L * windowBuckets.length + 48;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(bucketMillis);
        out.writeInt(ring.length);
        out.writeLong(head);
        for (long amount : ring) {
            out.writeLong(amount);
        }
    }

    /** Restores a ring written by {@link #write}; one of another shape is skipped and the sums start empty. */
    void read(DataInput in) throws IOException {
        long bucket = in.readLong();
        int length = in.readInt();
        long savedHead = in.readLong();
        long[] saved = new long[length];
        for (int i = 0; i < length; i++) {
            saved[i] = in.readLong();
        }
        if (bucket != bucketMillis || length != ring.length) {
            return;
        }
        System.arraycopy(saved, 0, ring, 0, length);
        head = savedHead;
        Arrays.fill(sums, 0);
        if (head == Long.MIN_VALUE) {
            return;
        }
        for (int w = 0; w < sums.length; w++) {
            for (int k = 0; k < windowBuckets[w]; k++) {
                sums[w] += ring[slot(head - k)];
            }
        }
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) ring.length);
    }
}
