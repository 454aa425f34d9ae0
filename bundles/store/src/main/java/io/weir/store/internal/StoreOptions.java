package io.weir.store.internal;

/**
 * The store's limits, checked once.
 *
 * @param telemetryCapBytes bytes of telemetry records kept at most; beyond it the oldest stored readings are evicted
 * @param alarmCapBytes     bytes of alarm and event records kept at most; beyond it new alarm events are refused and
 *                          one FAULT alarm says so
 * @param maxFileBytes      hard limit of the database file (SQLite {@code max_page_count}); 0 for none
 */
record StoreOptions(long telemetryCapBytes, long alarmCapBytes, long maxFileBytes) {

    static final long MIB = 1024 * 1024;
    static final StoreOptions DEFAULTS = new StoreOptions(512 * MIB, 32 * MIB, 0);

    StoreOptions {
        if (telemetryCapBytes < 1 || alarmCapBytes < 1 || maxFileBytes < 0) {
            throw new IllegalArgumentException("store caps must be positive and the file limit not negative: "
                    + telemetryCapBytes + ", " + alarmCapBytes + ", " + maxFileBytes);
        }
    }

    static StoreOptions of(StoreConfig c) {
        return new StoreOptions(c.telemetryCapMiB() * MIB, c.alarmCapMiB() * MIB, c.maxFileMiB() * MIB);
    }
}
