package io.weir.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The ring's running sums against a brute-force sum over every amount ever added. */
class RollingSumsPropertyTest {

    private static final long BUCKET_MS = Duration.ofMinutes(1).toMillis();
    private static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(10), Duration.ofHours(1),
            Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(24));
    private static final int RING = 24 * 60;

    private static RollingSums sums(List<Duration> windows) {
        return new RollingSums(BUCKET_MS, RING, windows.stream().mapToInt(w -> (int) (w.toMillis() / BUCKET_MS))
                .toArray(), 1);
    }

    /** One step: time moves on by {@code gapMs} (sometimes back, a late reading), then {@code amount} is added. */
    record Step(long gapMs, long amount) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> gaps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 5 * BUCKET_MS)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 6 * 3600_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-3 * 3600_000L, 0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 30 * 3600_000L)));
        Arbitrary<Long> amounts = Arbitraries.longs().between(0, 50_000);
        return Combinators.combine(gaps, amounts).as(Step::new).list().ofMaxSize(300);
    }

    @Property(tries = 300)
    void everyWindowSumEqualsTheBruteForceSum(@ForAll("steps") List<Step> steps,
                                              @ForAll("startMs") long start) {
        var sums = sums(WINDOWS);
        record Added(long bucket, long amount) {
        }
        var added = new ArrayList<Added>();
        long now = start;
        long head = Long.MIN_VALUE;
        for (Step step : steps) {
            now += step.gapMs();
            long bucket = -Math.floorDiv(-now, BUCKET_MS); // labelled by its end: (k-1, k] minutes
            head = Math.max(head, bucket);
            if (sums.add(sums.index(now), step.amount())) {
                added.add(new Added(bucket, step.amount()));
            } else {
                assertThat(bucket).as("only amounts older than the ring are dropped").isLessThanOrEqualTo(head - RING);
            }
            for (int w = 0; w < WINDOWS.size(); w++) {
                long n = WINDOWS.get(w).toMillis() / BUCKET_MS;
                long from = head - n;
                long to = head;
                long expected = added.stream().filter(a -> a.bucket() > from && a.bucket() <= to)
                        .mapToLong(Added::amount).sum();
                assertThat(sums.sum(w)).as("window %s after %s", WINDOWS.get(w), step).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 200)
    void aShiftKeepsEverySumAndMovesTheNewestBucket(@ForAll("steps") List<Step> steps, @ForAll("startMs") long start,
                                                    @ForAll("shiftBuckets") long shift) {
        var sums = sums(WINDOWS);
        long now = start;
        for (Step step : steps) {
            now += Math.abs(step.gapMs());
            sums.add(sums.index(now), step.amount());
            sums.flag(0, sums.index(now));
        }
        if (steps.isEmpty()) {
            return;
        }
        long head = sums.head();
        long[] before = new long[WINDOWS.size()];
        for (int w = 0; w < before.length; w++) {
            before[w] = sums.sum(w);
        }
        long newest = sums.bucket(head);
        boolean flagged = sums.flagged(0, head);

        sums.shift(shift);

        assertThat(sums.head()).isEqualTo(head + shift);
        assertThat(sums.bucket(head + shift)).isEqualTo(newest);
        assertThat(sums.flagged(0, head + shift)).isEqualTo(flagged);
        for (int w = 0; w < before.length; w++) {
            assertThat(sums.sum(w)).isEqualTo(before[w]);
        }
    }

    @Provide
    Arbitrary<Long> startMs() {
        return Arbitraries.longs().between(1_600_000_000_000L, 1_900_000_000_000L);
    }

    @Provide
    Arbitrary<Long> shiftBuckets() {
        return Arbitraries.longs().between(-3000, 3000);
    }
}
