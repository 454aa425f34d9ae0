package io.weir.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.weir.api.store.MessageClass;
import io.weir.api.store.StoreStats;

/**
 * What the store's status part shows: backlog, caps, room, and whether the store is near a limit.
 *
 * @param stats            the counts
 * @param oldestUnsent     per class, the {@code ts} of the oldest record not yet in a message (the store's own
 *                         order, not the clock's); absent when none waits
 * @param telemetryCap     bytes of telemetry kept at most
 * @param alarmCap         bytes of alarms and events kept at most (at most half the file cap)
 * @param fileCap          bytes the database file may take; 0 for no cap
 * @param fileUsed         bytes of the file's pages that hold data
 * @param fileBytes        bytes of the file, free pages included
 * @param walBytes         bytes of the write-ahead log
 * @param diskFreeBytes    bytes free on the file system
 * @param reserveBytes     the reserve kept for a full disk (0: none)
 * @param reserveInPlace   false while the reserve is given up (the file system was full)
 * @param alarmCapAlarm    the FAULT alarm store.alarm-capacity is raised
 * @param diskFullAlarm    the FAULT alarm store.disk-full is raised
 * @param failedWrites     writes refused in a row (0 once one succeeds)
 */
record StoreReport(StoreStats stats, Map<MessageClass, String> oldestUnsent, long telemetryCap, long alarmCap,
                   long fileCap, long fileUsed, long fileBytes, long walBytes, long diskFreeBytes, long reserveBytes,
                   boolean reserveInPlace, boolean alarmCapAlarm, boolean diskFullAlarm, long failedWrites) {

    /** Telemetry at this share of its cap, or the file at this share of its own, is near its cap. */
    static final int NEAR_PERCENT = 90;
    /** Alarms and events at this share of their cap are near it: the next outage may fill it. */
    static final int ALARMS_NEAR_PERCENT = 80;

    StoreReport {
        oldestUnsent = Map.copyOf(oldestUnsent);
    }

    boolean capacityAlarm() {
        return alarmCapAlarm || diskFullAlarm;
    }

    boolean nearCap() {
        return !nearCapReasons().isEmpty();
    }

    /** Why the store is near a limit, each in words a technician reads; empty when it is not. */
    List<String> nearCapReasons() {
        var reasons = new ArrayList<String>();
        if (!reserveInPlace) {
            reasons.add("the file system is full (" + diskFreeBytes + " bytes free): the reserve is given up and old"
                    + " telemetry is evicted to keep alarms flowing");
        }
        if (atLeast(stats.alarmBytes(), alarmCap, ALARMS_NEAR_PERCENT)) {
            reasons.add("unsent alarms and events take " + percent(stats.alarmBytes(), alarmCap) + "% of their "
                    + StoreOptions.mib(alarmCap) + " cap");
        }
        if (atLeast(stats.telemetryBytes(), telemetryCap, NEAR_PERCENT)) {
            reasons.add("unsent telemetry takes " + percent(stats.telemetryBytes(), telemetryCap) + "% of its "
                    + StoreOptions.mib(telemetryCap) + " cap; the oldest is being evicted");
        }
        if (fileCap > 0 && atLeast(fileUsed, fileCap, NEAR_PERCENT)) {
            reasons.add("the store's file is " + percent(fileUsed, fileCap) + "% full of its "
                    + StoreOptions.mib(fileCap) + " cap; the oldest telemetry is being evicted");
        }
        if (failedWrites > 0) {
            reasons.add(failedWrites + " writes in a row refused");
        }
        return reasons;
    }

    private static boolean atLeast(long used, long cap, int percent) {
        return cap > 0 && used * 100 >= cap * percent;
    }

    private static long percent(long used, long cap) {
        return used * 100 / cap;
    }
}
