package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Rolling sums of amounts over several windows, held in a fixed ring of time buckets: memory does not grow with
 * the number of readings, only with the longest window divided by the bucket length.
 * <p>
 * Buckets are labelled by their end, as rain is (the amount "of 08:00" is the rain that fell up to 08:00): bucket
 * {@code k} holds what fell in {@code ((k-1)B, kB]} ({@link #index}). The sum over a window of {@code n} buckets at
 * head bucket {@code h} is the sum of buckets {@code h-n+1 .. h}, so at a head on a bucket boundary a one-hour
 * window is exactly the last hour. Amounts are whole numbers (micrometres of rain), so sums are exact and never
 * drift. An amount for a bucket older than the ring is refused.
 * <p>
 * Optional flag planes mark buckets (rain of unknown timing, clamped rain, intervals already booked); a bucket's
 * flags are cleared with it when the ring moves past it. Not thread-safe.
 */
final class RollingSums {

    private final long bucketMillis;
    private final int[] windowBuckets;
    private final int[] ring;
    private final long[] sums;
    private final long[][] planes; // one bit per ring slot each
    private long head = Long.MIN_VALUE; // index of the newest bucket; MIN_VALUE before the first use

    /**
     * @param bucketMillis  bucket length
     * @param ringBuckets   how many buckets the ring keeps, at least the longest window
     * @param windowBuckets the windows, in buckets
     * @param flagPlanes    how many flags each bucket carries
     */
    RollingSums(long bucketMillis, int ringBuckets, int[] windowBuckets, int flagPlanes) {
        if (bucketMillis <= 0) {
            throw new IllegalArgumentException("bucket must be positive, was " + bucketMillis);
        }
        this.bucketMillis = bucketMillis;
        this.windowBuckets = windowBuckets.clone();
        for (int w : windowBuckets) {
            if (w <= 0 || w > ringBuckets) {
                throw new IllegalArgumentException("a window of " + w + " buckets does not fit a ring of "
                        + ringBuckets);
            }
        }
        this.ring = new int[ringBuckets];
        this.sums = new long[windowBuckets.length];
        this.planes = new long[flagPlanes][(ringBuckets + 63) / 64];
    }

    long bucketMillis() {
        return bucketMillis;
    }

    int length() {
        return ring.length;
    }

    /** The bucket holding an instant: the one whose period ends at or after it. */
    long index(long epochMillis) {
        return -Math.floorDiv(-epochMillis, bucketMillis);
    }

    /** The newest bucket, {@link Long#MIN_VALUE} before the first use. */
    long head() {
        return head;
    }

    /** True if bucket {@code index} is still in the ring. */
    boolean holds(long index) {
        return head != Long.MIN_VALUE && index <= head && index > head - ring.length;
    }

    /** Moves the head forward to bucket {@code to}; amounts that leave a window leave its sum. */
    void advanceTo(long to) {
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
            for (long[] plane : planes) {
                Arrays.fill(plane, 0);
            }
            head = to;
            return;
        }
        for (long j = head + 1; j <= to; j++) {
            for (int w = 0; w < sums.length; w++) {
                sums[w] -= ring[slot(j - windowBuckets[w])];
            }
            int s = slot(j);
            ring[s] = 0;
            for (long[] plane : planes) {
                plane[s >>> 6] &= ~(1L << s);
            }
        }
        head = to;
    }

    /**
     * Adds an amount to a bucket, moving the head forward if the bucket is newer.
     *
     * @return false when the bucket is older than the ring holds and the amount was not added
     */
    boolean add(long index, long amount) {
        advanceTo(index);
        if (index <= head - ring.length) {
            return false;
        }
        ring[slot(index)] += Math.toIntExact(amount);
        for (int w = 0; w < sums.length; w++) {
            if (index > head - windowBuckets[w]) {
                sums[w] += amount;
            }
        }
        return true;
    }

    /** The amount in one bucket; 0 when it is not in the ring. */
    long bucket(long index) {
        return holds(index) ? ring[slot(index)] : 0;
    }

    /** The sum of buckets {@code (from, to]} that the ring holds. */
    long range(long fromExclusive, long toInclusive) {
        long sum = 0;
        for (long j = Math.max(fromExclusive + 1, head - ring.length + 1); j <= Math.min(toInclusive, head); j++) {
            sum += ring[slot(j)];
        }
        return sum;
    }

    /** True if every bucket of {@code (from, to]} is in the ring. */
    boolean holdsRange(long fromExclusive, long toInclusive) {
        return holds(fromExclusive + 1) && holds(toInclusive);
    }

    void flag(int plane, long index) {
        if (holds(index)) {
            int s = slot(index);
            planes[plane][s >>> 6] |= 1L << s;
        }
    }

    boolean flagged(int plane, long index) {
        if (!holds(index)) {
            return false;
        }
        int s = slot(index);
        return (planes[plane][s >>> 6] & (1L << s)) != 0;
    }

    /** True if any bucket of {@code (from, to]} carries the flag. */
    boolean anyFlagged(int plane, long fromExclusive, long toInclusive) {
        for (long j = fromExclusive + 1; j <= toInclusive; j++) {
            if (flagged(plane, j)) {
                return true;
            }
        }
        return false;
    }

    /** The sum over window {@code w} (its position in the constructor's list) at the head bucket. */
    long sum(int w) {
        return sums[w];
    }

    /**
     * Moves everything the ring holds by {@code buckets} in time, as when the wall clock was stepped: what was the
     * newest bucket is still the newest, now at {@code head + buckets}.
     */
    void shift(long buckets) {
        if (head == Long.MIN_VALUE || buckets == 0) {
            return;
        }
        int n = ring.length;
        int by = (int) Math.floorMod(buckets, (long) n);
        if (by != 0) {
            int[] rotated = new int[n];
            for (int s = 0; s < n; s++) {
                rotated[(s + by) % n] = ring[s];
            }
            System.arraycopy(rotated, 0, ring, 0, n);
            for (long[] plane : planes) {
                long[] moved = new long[plane.length];
                for (int s = 0; s < n; s++) {
                    if ((plane[s >>> 6] & (1L << s)) != 0) {
                        int t = (s + by) % n;
                        moved[t >>> 6] |= 1L << t;
                    }
                }
                System.arraycopy(moved, 0, plane, 0, plane.length);
            }
        }
        head += buckets;
    }

    /** Bytes held by this object and its arrays: the memory one ring costs. */
    long retainedBytes() {
        long planeBytes = 16L + 8L * planes.length;
        for (long[] plane : planes) {
            planeBytes += 16L + 8L * plane.length;
        }
        return 40 + 16L + 4L * ring.length + 16L + 8L * sums.length + 16L + 4L * windowBuckets.length + planeBytes;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(bucketMillis);
        out.writeInt(ring.length);
        out.writeLong(head);
        for (int amount : ring) {
            out.writeInt(amount);
        }
        out.writeInt(planes.length);
        for (long[] plane : planes) {
            for (long bits : plane) {
                out.writeLong(bits);
            }
        }
    }

    /** Restores a ring written by {@link #write}; one of another shape is skipped and the sums start empty. */
    void read(DataInput in) throws IOException {
        long bucket = in.readLong();
        int length = in.readInt();
        long savedHead = in.readLong();
        int[] saved = new int[length];
        for (int i = 0; i < length; i++) {
            saved[i] = in.readInt();
        }
        int planeCount = in.readInt();
        long[][] savedPlanes = new long[planeCount][(length + 63) / 64];
        for (long[] plane : savedPlanes) {
            for (int i = 0; i < plane.length; i++) {
                plane[i] = in.readLong();
            }
        }
        if (bucket != bucketMillis || length != ring.length) {
            return;
        }
        System.arraycopy(saved, 0, ring, 0, length);
        for (int p = 0; p < Math.min(planeCount, planes.length); p++) {
            System.arraycopy(savedPlanes[p], 0, planes[p], 0, planes[p].length);
        }
        head = savedHead;
        recomputeSums();
    }

    /** Fills the ring from amounts per bucket index, oldest first (reading an older state format). */
    void load(long newestIndex, long[] amounts) {
        Arrays.fill(ring, 0);
        head = newestIndex;
        for (int k = 0; k < amounts.length; k++) {
            long index = newestIndex - amounts.length + 1 + k;
            if (holds(index)) {
                ring[slot(index)] += Math.toIntExact(amounts[k]);
            }
        }
        recomputeSums();
    }

    private void recomputeSums() {
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
