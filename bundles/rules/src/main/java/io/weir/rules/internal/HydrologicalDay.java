package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The hydrological day's rain total: the day runs from 08:00 to 08:00 local time, and the total starts again from
 * zero at 08:00. Rain reported late for a day already closed is not added to the new day. Not thread-safe.
 */
final class HydrologicalDay {

    private static final long EIGHT_HOURS_SECONDS = 8 * 3600;

    private final ZoneId zone;
    private LocalDate day; // the calendar date on which the current hydrological day started at 08:00
    private long total;

    HydrologicalDay(ZoneId zone) {
        this.zone = zone;
    }

    /** The date whose 08:00 opened the hydrological day holding {@code at}. */
    LocalDate dayOf(Instant at) {
        return at.minusSeconds(EIGHT_HOURS_SECONDS).atZone(zone).toLocalDate();
    }

    void advanceTo(Instant at) {
        LocalDate of = dayOf(at);
        if (day == null || of.isAfter(day)) {
            day = of;
            total = 0;
        }
    }

    void add(Instant at, long amount) {
        advanceTo(at);
        if (dayOf(at).equals(day)) {
            total += amount;
        }
    }

    long total() {
        return total;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(day == null ? Long.MIN_VALUE : day.toEpochDay());
        out.writeLong(total);
    }

    void read(DataInput in) throws IOException {
        long epochDay = in.readLong();
        day = epochDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(epochDay);
        total = in.readLong();
    }
}
