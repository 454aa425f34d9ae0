package io.weir.store.internal;

import java.time.Instant;

/**
 * Writes the FAULT alarm events the store raises about itself, as the protocol's alarm JSON. The store knows
 * sizes; the site and the gateway id are the component's to add.
 */
interface CapacityAlarms {

    /** The store's own alarms. */
    enum Kind {
        /** Alarms and events fill their cap: new alarm events wait in memory. Value: bytes used; threshold: cap. */
        ALARM_CAP("store.alarm-capacity", "ALARM_CAP"),
        /**
         * The file system is full: the reserve was given up and telemetry is evicted to keep alarms flowing. Value:
         * bytes free on the file system; threshold: the reserve.
         */
        DISK_FULL("store.disk-full", "DISK_FULL");

        final String ruleId;
        final String reason;

        Kind(String ruleId, String reason) {
            this.ruleId = ruleId;
            this.reason = reason;
        }
    }

    /** Writes nothing: the store only logs. */
    CapacityAlarms NONE = (kind, raised, occurrence, used, cap, ts) -> null;

    /**
     * @param raised     true for the RAISED event, false for the CLEARED one
     * @param occurrence counts the alarm's occurrences over the life of the store file, from 1
     * @return the alarm event's JSON, or null to store nothing
     */
    String body(Kind kind, boolean raised, long occurrence, long value, long threshold, Instant ts);
}
