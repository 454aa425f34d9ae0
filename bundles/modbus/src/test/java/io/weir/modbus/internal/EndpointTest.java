package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

import io.weir.testing.ManualScheduler;
import io.weir.testing.TestClock;

/** The poll grid of an endpoint and the reconnect bound its polls set, on a test clock. */
class EndpointTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final ManualScheduler scheduler = new ManualScheduler(new TestClock(T0));
    private final TestClock clock = scheduler.clock();
    private final LongSupplier nanoTime = () -> Duration.between(T0, clock.instant()).toNanos();
    private final List<Long> starts = new ArrayList<>();

    private Endpoint endpoint(Backoff reconnect) {
        return new Endpoint("test", null, new FakeTransport(null), scheduler, reconnect, nanoTime);
    }

    /** A poll that notes when it began and then takes the next of {@code durations} (in ms), or no time. */
    private Runnable pollTaking(long... durations) {
        Queue<Long> left = new ArrayDeque<>();
        for (long d : durations) {
            left.add(d);
        }
        return () -> {
            starts.add(Duration.between(T0, clock.instant()).toMillis());
            Long takes = left.poll();
            clock.advance(Duration.ofMillis(takes == null ? 0 : takes));
        };
    }

    @Test
    void pollsBeginOnTheirGridHoweverLongEachTakes() {
        endpoint(null).every(SECOND, pollTaking(300, 50, 990, 720));

        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(4));

        assertThat(starts).containsExactly(0L, 1000L, 2000L, 3000L, 4000L);
    }

    @Test
    void aPollThatOverrunsSkipsTheSlotsItMissedInsteadOfCatchingUp() {
        endpoint(null).every(SECOND, pollTaking(200, 2500));

        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(5));

        // the poll of 1 s ends at 3.5 s: the slots of 2 s and 3 s are gone, the next poll is on the grid at 4 s
        assertThat(starts).containsExactly(0L, 1000L, 4000L, 5000L);
    }

    @Test
    void aPollHeldUpByOtherWorkOnTheLinkRunsLateOnceAndThenOnItsGrid() {
        var endpoint = endpoint(null);
        endpoint.every(SECOND, pollTaking());
        scheduler.runDue();

        endpoint.execute(() -> clock.advance(Duration.ofMillis(1500))); // another device's slow poll
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(starts).containsExactly(0L, 1500L, 2000L);
    }

    @Test
    void aCancelledPollRunsNoMore() {
        var polling = endpoint(null).every(SECOND, pollTaking());
        scheduler.runDue();

        polling.cancel();
        scheduler.advance(Duration.ofSeconds(3));

        assertThat(starts).containsExactly(0L);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void whileDevicesPollALinkItIsTriedAgainWithinTheShortestIntervalAndOnceAMinuteWithout() {
        var reconnect = Backoff.forLink();
        var endpoint = endpoint(reconnect);

        var slow = endpoint.every(Duration.ofSeconds(10), () -> { });
        var fast = endpoint.every(SECOND, () -> { });
        assertThat(reconnect.max()).isEqualTo(Duration.ofMillis(900));

        fast.cancel();
        assertThat(reconnect.max()).isEqualTo(Duration.ofSeconds(9));

        slow.cancel();
        assertThat(reconnect.max()).isEqualTo(Duration.ofMinutes(1));
    }
}
