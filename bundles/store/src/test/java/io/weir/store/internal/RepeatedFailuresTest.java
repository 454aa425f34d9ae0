package io.weir.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.slf4j.event.EventRecodingLogger;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.SubstituteLogger;

/** A failure repeated on every poll is one line, a reminder now and then, and one line when it stops. */
class RepeatedFailuresTest {

    private final ConcurrentLinkedQueue<SubstituteLoggingEvent> lines = new ConcurrentLinkedQueue<>();
    private final EventRecodingLogger log =
            new EventRecodingLogger(new SubstituteLogger("store", lines, false), lines);
    private long now;

    private String text(SubstituteLoggingEvent e) {
        return MessageFormatter.arrayFormat(e.getMessage(), e.getArgumentArray()).getMessage();
    }

    @Test
    void aThousandFailuresAreOneLineAReminderAndOneLineWhenTheyStop() {
        var failures = new RepeatedFailures(log, "store writes", () -> now, Duration.ofMinutes(10));
        for (int i = 0; i < 1000; i++) {
            failures.failed("database or disk is full");
            now += Duration.ofSeconds(1).toNanos();
        }
        failures.succeeded();
        failures.succeeded();

        assertThat(lines).extracting(SubstituteLoggingEvent::getLevel)
                .containsExactly(Level.ERROR, Level.ERROR, Level.INFO);
        var all = lines.stream().map(this::text).toList();
        assertThat(all.get(0)).startsWith("store writes failing: database or disk is full");
        assertThat(all.get(1)).startsWith("store writes still failing: 601 failures, 600 since the last report");
        assertThat(all.get(2)).isEqualTo("store writes working again after 1000 failures (the first: database or"
                + " disk is full)");
        assertThat(failures.failuresInARow()).isZero();
    }
}
