package io.weir.sl651.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The week of 5-minute intervals a station has handed on, across a restart and as it slides. */
class IntervalLedgerTest {

    private static final Instant T = Instant.parse("2026-07-18T01:00:00Z");

    @TempDir
    Path dir;

    @Test
    void intervalsAreRememberedAcrossARestartAndTheWeekSlides() {
        var ledger = new IntervalLedger(dir);
        ledger.record("0062001301", List.of(T, T.minus(Duration.ofMinutes(5))));
        assertThat(ledger.seen("0062001301", T)).isTrue();
        assertThat(ledger.seen("0062001301", T.minus(Duration.ofMinutes(10)))).isFalse();
        assertThat(ledger.seen("0062001302", T)).isFalse();

        var again = new IntervalLedger(dir);
        assertThat(again.seen("0062001301", T.minus(Duration.ofMinutes(5)))).isTrue();
        assertThat(again.seen("0062001301", T.plus(Duration.ofMinutes(5)))).isFalse();

        Instant weekLater = T.plus(Duration.ofDays(7));
        again.record("0062001301", List.of(weekLater));
        assertThat(again.seen("0062001301", weekLater)).isTrue();
        assertThat(again.seen("0062001301", T)).as("older than the week: taken as counted").isTrue();
        assertThat(again.seen("0062001301", weekLater.minus(Duration.ofMinutes(5)))).isFalse();
    }
}
