package io.weir.gpio.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock the test moves and a {@link Later} that runs its tasks when the test moves the clock past them. */
final class TestTime extends Clock implements Later {

    private record Scheduled(Instant due, long order, Runnable task, boolean[] cancelled) {
    }

    private final List<Scheduled> tasks = new ArrayList<>();
    private Instant now;
    private long order;

    TestTime(Instant start) {
        this.now = start;
    }

    @Override
    public Task after(Duration delay, Runnable task) {
        boolean[] cancelled = {false};
        tasks.add(new Scheduled(now.plus(delay), order++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs every task due by now, in order of due time, including those the tasks schedule. */
    void runDue() {
        while (true) {
            Scheduled next = tasks.stream().filter(s -> !s.due().isAfter(now))
                    .min(Comparator.comparing(Scheduled::due).thenComparing(Scheduled::order)).orElse(null);
            if (next == null) {
                return;
            }
            tasks.remove(next);
            if (!next.cancelled()[0]) {
                next.task().run();
            }
        }
    }

    /** Moves time forward step by step through every due task, then to {@code now + by}. */
    void advance(Duration by) {
        Instant end = now.plus(by);
        while (true) {
            runDue();
            Instant due = tasks.stream().map(Scheduled::due).filter(d -> d.isAfter(now) && !d.isAfter(end))
                    .min(Comparator.naturalOrder()).orElse(null);
            if (due == null) {
                break;
            }
            now = due;
        }
        now = end;
        runDue();
    }

    long pending() {
        return tasks.stream().filter(s -> !s.cancelled()[0]).count();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
