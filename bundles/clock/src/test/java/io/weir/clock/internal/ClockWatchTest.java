package io.weir.clock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.weir.api.GatewayEvent;
import io.weir.api.Quality;
import io.weir.api.QualityReason;
import io.weir.api.Reading;
import io.weir.clock.internal.SyncProbe.Answer;
import io.weir.clock.internal.SyncProbe.Verdict;

/** Synchronisation and steps judged from injected sources and clocks; no clock of the machine is touched. */
class ClockWatchTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final ClockOptions OPTIONS = new ClockOptions(List.of("timesyncd"), "", 123,
            Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(1), Instant.parse("2026-01-01T00:00:00Z"));

    /** A wall clock and a monotonic clock the test moves, apart when the wall clock is set. */
    private static final class Clocks extends Clock {
        Instant wall = T0;
        long monotonic = 1_000_000_000L;

        void elapse(Duration d) {
            wall = wall.plus(d);
            monotonic += d.toNanos();
        }

        void set(Instant to) {
            wall = to;
        }

        @Override
        public Instant instant() {
            return wall;
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

    /** A source whose answer the test sets, counting how often it is asked. */
    private static final class Source implements SyncProbe {
        final String name;
        volatile Answer answer;
        final AtomicInteger asked = new AtomicInteger();

        Source(String name, Verdict verdict) {
            this.name = name;
            this.answer = new Answer(verdict, name + " says " + verdict);
        }

        void says(Verdict verdict) {
            answer = new Answer(verdict, name + " says " + verdict);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Answer ask() {
            asked.incrementAndGet();
            return answer;
        }
    }

    private final Clocks clocks = new Clocks();
    private final List<GatewayEvent> events = new ArrayList<>();

    private ClockWatch watch(SyncProbe... sources) {
        return new ClockWatch(List.of(sources), OPTIONS, clocks, () -> clocks.monotonic, events::add);
    }

    @Test
    void readingsTakenWhileTheClockIsNotSynchronisedAreMarkedUncertainAndOthersAreLeftAlone() {
        var source = new Source("timesyncd", Verdict.UNSYNCHRONISED);
        var watch = watch(source);
        watch.probe();
        Reading good = Reading.good("62001200/radar-1/water_level", T0, 3.41, "m");
        Reading bad = Reading.bad("62001200/radar-1/water_level", T0, "m", QualityReason.COMM_ERROR);

        assertThat(watch.synchronised()).isFalse();
        Reading marked = watch.stamp(good);
        assertThat(marked.quality()).isEqualTo(Quality.UNCERTAIN);
        assertThat(marked.reason()).isEqualTo(QualityReason.CLOCK_UNSYNCED);
        assertThat(marked.value()).isEqualTo(3.41);
        assertThat(marked.timestamp()).isEqualTo(T0);
        assertThat(watch.stamp(bad)).as("BAD says more than the clock").isSameAs(bad);

        source.says(Verdict.SYNCHRONISED);
        watch.probe();
        List<Reading> batch = List.of(good, bad);
        assertThat(watch.stamp(batch)).isSameAs(batch);
    }

    @Test
    void theFirstSourceThatCanAnswerDecidesAndWithNoneTheClockIsTrusted() {
        var chrony = new Source("chrony", Verdict.UNAVAILABLE);
        var timesyncd = new Source("timesyncd", Verdict.UNSYNCHRONISED);
        var timedatectl = new Source("timedatectl", Verdict.SYNCHRONISED);
        var watch = watch(chrony, timesyncd, timedatectl);
        watch.probe();
        assertThat(watch.status().source()).isEqualTo("timesyncd");
        assertThat(watch.synchronised()).isFalse();
        assertThat(timedatectl.asked).hasValue(0);

        timesyncd.says(Verdict.UNAVAILABLE);
        watch.probe();
        assertThat(watch.status().source()).isEqualTo("timedatectl");
        assertThat(watch.synchronised()).isTrue();

        timedatectl.says(Verdict.UNAVAILABLE);
        watch.probe();
        assertThat(watch.synchronised()).isTrue();
        assertThat(watch.status().source()).isEqualTo("none");
        assertThat(watch.status().detail()).contains("chrony: chrony says UNAVAILABLE")
                .contains("the clock is trusted");
    }

    @Test
    void aClockThatReadsATimeBeforeTheFloorIsNeverSynchronised() {
        clocks.set(Instant.parse("1970-01-01T00:00:12Z")); // a Pi without RTC, just booted
        var watch = watch(new Source("timesyncd", Verdict.SYNCHRONISED));
        watch.probe();
        assertThat(watch.synchronised()).isFalse();
        assertThat(watch.status().source()).isEqualTo("floor");
        assertThat(watch.status().detail()).contains("1970-01-01T00:00:12Z");
    }

    @Test
    void losingAndWinningSynchronisationAreEventsWithHowLongItLasted() {
        var source = new Source("timesyncd", Verdict.SYNCHRONISED);
        var watch = watch(source);
        watch.probe();
        assertThat(events).as("a gateway that starts synchronised says nothing").isEmpty();

        source.says(Verdict.UNSYNCHRONISED);
        watch.probe();
        clocks.elapse(Duration.ofMinutes(7));
        watch.probe();
        source.says(Verdict.SYNCHRONISED);
        watch.probe();

        assertThat(events).extracting(GatewayEvent::type).containsExactly("CLOCK_UNSYNCHRONISED",
                "CLOCK_SYNCHRONISED");
        assertThat(events.get(0).source()).isEqualTo("clock");
        assertThat(events.get(0).details()).containsEntry("clockSource", "timesyncd");
        assertThat(events.get(1).details()).containsEntry("unsynchronisedSeconds", 420L);
        assertThat(watch.status().since()).isEqualTo(T0.plus(Duration.ofMinutes(7)));
    }

    @Test
    void aGatewayThatStartsUnsynchronisedSaysSo() {
        var watch = watch(new Source("timesyncd", Verdict.UNSYNCHRONISED));
        watch.probe();
        assertThat(events).extracting(GatewayEvent::type).containsExactly("CLOCK_UNSYNCHRONISED");
    }

    @Test
    void stepsOfHoursInEitherDirectionAreDetectedAndTheSourcesAskedAgainAtOnce() {
        var source = new Source("timesyncd", Verdict.UNSYNCHRONISED);
        var watch = watch(source);
        watch.probe();
        watch.tick();
        clocks.elapse(Duration.ofSeconds(1));
        watch.tick();
        assertThat(watch.status().steps()).isZero();

        // The first synchronisation sets a clock that started at the last saved time, 3 hours late.
        source.says(Verdict.SYNCHRONISED);
        clocks.elapse(Duration.ofSeconds(1));
        clocks.set(clocks.wall.plus(Duration.ofHours(3)));
        int askedBefore = source.asked.get();
        watch.tick();
        assertThat(source.asked.get()).isGreaterThan(askedBefore);
        assertThat(watch.synchronised()).isTrue();
        assertThat(watch.status().steps()).isEqualTo(1);
        assertThat(watch.status().lastStep().jump()).isEqualTo(Duration.ofHours(3));
        GatewayEvent stepped = events.stream().filter(e -> e.type().equals("CLOCK_STEPPED")).findFirst()
                .orElseThrow();
        assertThat(stepped.details()).containsEntry("jumpMillis", Duration.ofHours(3).toMillis())
                .containsEntry("from", T0.plusSeconds(2).toString())
                .containsEntry("to", T0.plusSeconds(2).plus(Duration.ofHours(3)).toString());

        // Back by two hours (a technician's date -s).
        clocks.elapse(Duration.ofSeconds(1));
        clocks.set(clocks.wall.minus(Duration.ofHours(2)));
        watch.tick();
        assertThat(watch.status().steps()).isEqualTo(2);
        assertThat(watch.status().lastStep().jump()).isEqualTo(Duration.ofHours(-2));
    }

    @Test
    void slewingAndLateTicksAreNotSteps() {
        var watch = watch(new Source("timesyncd", Verdict.SYNCHRONISED));
        watch.probe();
        watch.tick();
        // A tick 40 s late on a loaded machine: both clocks moved as much.
        clocks.elapse(Duration.ofSeconds(40));
        watch.tick();
        // NTP slewing: the wall clock runs 500 ms fast over a minute.
        clocks.elapse(Duration.ofSeconds(60));
        clocks.set(clocks.wall.plusMillis(500));
        watch.tick();
        assertThat(watch.status().steps()).isZero();
        assertThat(events).isEmpty();
    }
}
