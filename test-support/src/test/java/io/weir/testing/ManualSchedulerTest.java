package io.weir.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<String> ran = new ArrayList<>();

    private void log(String what) {
        ran.add(what + "@" + Duration.between(T0, clock.instant()).toSeconds());
    }

    @Test
    void runsDueTasksInOrderAtTheirOwnTime() {
        scheduler.schedule(() -> log("b"), 20, TimeUnit.SECONDS);
        scheduler.schedule(() -> log("a"), 10, TimeUnit.SECONDS);
        scheduler.schedule(() -> log("c"), 90, TimeUnit.SECONDS);

        scheduler.advance(Duration.ofSeconds(30));

        assertThat(ran).containsExactly("a@10", "b@20");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(30));
        assertThat(scheduler.pending()).isOne();
    }

    @Test
    void aPeriodicTaskRunsUntilCancelledAndWorkForNowRunsWithoutMovingTime() {
        var tick = scheduler.scheduleAtFixedRate(() -> log("tick"), 5, 10, TimeUnit.SECONDS);
        scheduler.execute(() -> scheduler.execute(() -> log("now")));

        scheduler.runDue();
        scheduler.advance(Duration.ofSeconds(30));
        tick.cancel(false);
        scheduler.advance(Duration.ofSeconds(30));

        assertThat(ran).containsExactly("now@0", "tick@5", "tick@15", "tick@25");
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void aTaskThatTakesTimeDelaysTheTasksDueMeanwhileAndTimeNeverGoesBack() {
        scheduler.schedule(() -> {
            log("slow");
            clock.advance(Duration.ofSeconds(15));
        }, 10, TimeUnit.SECONDS);
        scheduler.schedule(() -> log("behind"), 20, TimeUnit.SECONDS);

        scheduler.advance(Duration.ofSeconds(12));

        assertThat(ran).containsExactly("slow@10", "behind@25");
        assertThat(clock.instant()).isEqualTo(T0.plusSeconds(25));
    }
}
