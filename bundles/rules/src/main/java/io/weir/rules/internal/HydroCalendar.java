package io.weir.rules.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Hydrological time in one zone, as SL 21 counts it: a period is labelled by its end and holds the instant it ends
 * at. The hydrological day runs from 08:00 (excluded) to 08:00 the next day (included) and is named by the date it
 * starts on, so the rain of the interval ending at 08:00 belongs to the day that ends then. An hour is
 * {@code (H-1:00, H:00]}.
 */
final class HydroCalendar {

    static final LocalTime DAY_START = LocalTime.of(8, 0);

    private final ZoneId zone;

    HydroCalendar(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    ZoneId zone() {
        return zone;
    }

    /** The 08:00 that ends the hydrological day holding {@code millis}. */
    long dayEnd(long millis) {
        ZonedDateTime local = Instant.ofEpochMilli(millis).atZone(zone);
        ZonedDateTime end = local.toLocalDate().atTime(DAY_START).atZone(zone);
        if (end.toInstant().toEpochMilli() < millis) {
            end = local.toLocalDate().plusDays(1).atTime(DAY_START).atZone(zone);
        }
        return end.toInstant().toEpochMilli();
    }

    /** The 08:00 that starts the day ending at {@code dayEnd}. */
    long dayStart(long dayEnd) {
        LocalDate date = Instant.ofEpochMilli(dayEnd).atZone(zone).toLocalDate().minusDays(1);
        return date.atTime(DAY_START).atZone(zone).toInstant().toEpochMilli();
    }

    /** The date SL 21 names the day ending at {@code dayEnd} by: the date it started on. */
    LocalDate dayName(long dayEnd) {
        return Instant.ofEpochMilli(dayEnd).atZone(zone).toLocalDate().minusDays(1);
    }

    /** The full hour (local) that ends the hour holding {@code millis}. */
    long hourEnd(long millis) {
        ZonedDateTime local = Instant.ofEpochMilli(millis).atZone(zone);
        ZonedDateTime floor = local.truncatedTo(ChronoUnit.HOURS);
        long end = floor.toInstant().toEpochMilli();
        return end >= millis ? end : floor.plusHours(1).toInstant().toEpochMilli();
    }

    /** True if an 08:00 falls in {@code (from, to]}. */
    boolean crossesDayStart(long fromExclusive, long toInclusive) {
        return dayEnd(fromExclusive + 1) <= toInclusive;
    }
}
