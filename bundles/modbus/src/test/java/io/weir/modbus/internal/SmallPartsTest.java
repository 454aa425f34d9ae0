package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SmallPartsTest {

    private static final Instant T = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void backoffDoublesUpToItsCapAndResetsOnSuccess() {
        var backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(backoff.mayAttempt(T)).isTrue();

        backoff.failed(T);
        assertThat(backoff.mayAttempt(T.plusMillis(999))).isFalse();
        assertThat(backoff.mayAttempt(T.plusSeconds(1))).isTrue();

        var delays = new ArrayList<Duration>();
        delays.add(backoff.delay());
        for (int i = 0; i < 4; i++) {
            backoff.failed(T);
            delays.add(backoff.delay());
        }
        assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertThat(backoff.nextAttempt()).isEqualTo(T.plusSeconds(5));

        backoff.succeeded();
        assertThat(backoff.mayAttempt(T)).isTrue();
        backoff.failed(T);
        assertThat(backoff.delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBackoffBoundedLowerCutsAWaitInProgressShortAndNeverWaitsLongerFromThenOn() {
        var backoff = Backoff.forLink();
        for (int i = 0; i < 7; i++) {
            backoff.failed(T);
        }
        assertThat(backoff.nextAttempt()).isEqualTo(T.plusSeconds(60));

        backoff.limitTo(Backoff.pollBound(Duration.ofSeconds(2)));

        assertThat(backoff.nextAttempt()).isEqualTo(T.plusMillis(1800));
        backoff.failed(T.plusSeconds(2));
        assertThat(backoff.delay()).isEqualTo(Duration.ofMillis(1800));

        backoff.succeeded();
        backoff.limitTo(Backoff.pollBound(Duration.ofMillis(500)));
        backoff.failed(T);
        assertThat(backoff.delay()).as("the first wait is within the bound too").isEqualTo(Duration.ofMillis(450));
    }

    @Test
    void commStateReportsChangesOnly() {
        var state = new CommState();
        var ok = new PollResult(List.of(), null);
        var failing = new PollResult(List.of(), "function 3 registers 0..1: IO refused");

        assertThat(List.of(state.update(failing), state.update(failing), state.update(ok), state.update(ok),
                state.update(failing))).containsExactly(CommState.Change.FAILING, CommState.Change.NONE,
                CommState.Change.OK, CommState.Change.NONE, CommState.Change.FAILING);
    }

    @Test
    void aFirstGoodPollIsReportedOnce() {
        var state = new CommState();
        var ok = new PollResult(List.of(), null);

        assertThat(state.update(ok)).isEqualTo(CommState.Change.OK);
        assertThat(state.update(ok)).isEqualTo(CommState.Change.NONE);
    }

    @Test
    void aSerialLineKeepsThreeAndAHalfCharactersBetweenFrames() {
        // 9600 8E1: 11 bits a character, 3.5 characters = 4.0104 ms; 8N1: 10 bits, 3.6458 ms
        assertThat(J2modSerialTransport.frameGapNanos(new SerialSettings("/dev/ttyS0", 9600, 8, "even", 1)))
                .isEqualTo(4_010_417);
        assertThat(J2modSerialTransport.frameGapNanos(new SerialSettings("/dev/ttyS0", 9600, 8, "none", 1)))
                .isEqualTo(3_645_834);
        // above 19200 baud the specification fixes the gap
        assertThat(J2modSerialTransport.frameGapNanos(new SerialSettings("/dev/ttyS0", 38400, 8, "even", 1)))
                .isEqualTo(1_750_000);
    }
}
