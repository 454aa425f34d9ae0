package io.weir.api.time;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of the clock's state.
 *
 * @param synchronised whether the system clock is synchronised to a time source
 * @param source       what decided it: a source's name ({@code timesyncd}, {@code timedatectl}, {@code chrony},
 *                     {@code ntp}), {@code floor} when the clock reads a time before the gateway's earliest
 *                     possible date, or {@code none} when no source could be asked (the clock is then trusted)
 * @param detail       what the source said, for a technician (e.g. {@code NTPSynchronized=no})
 * @param since        when this state began, by the system clock
 * @param lastStep     the last step of the wall clock seen while running, or {@code null}
 * @param steps        how many steps were seen since the gateway started; consumers that keep time windows can
 *                     compare it with the count they saw last
 */
public record ClockStatus(boolean synchronised, String source, String detail, Instant since, ClockStep lastStep,
                          long steps) {

    public ClockStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(since, "since");
        if (steps < 0 || (steps == 0) != (lastStep == null)) {
            throw new IllegalArgumentException("steps " + steps + " does not match last step " + lastStep);
        }
    }
}
