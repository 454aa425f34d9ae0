package io.weir.store.internal;

/**
 * The store's limits as configured, checked once.
 *
 * @param telemetryCapBytes bytes of telemetry records kept at most; beyond it the oldest stored readings are evicted
 * @param alarmCapBytes     bytes of alarm and event records kept at most; beyond it new alarm events are refused and
 *                          one FAULT alarm says so
 * @param maxFileBytes      limit of the database file (SQLite {@code max_page_count}); 0 to take
 *                          {@code fileCapPercent} of the free space found at start
 * @param fileCapPercent    with {@code maxFileBytes} 0: the share of the file system's free space (plus what the
 *                          store's files already take) the file may use, found anew at every start; 0 for no limit
 * @param reserveBytes      room on the file system kept in a reserve file and given up when the disk is full, so
 *                          alarms can still be written; 0 for none
 */
public record StoreOptions(long telemetryCapBytes, long alarmCapBytes, long maxFileBytes, int fileCapPercent,
                    long reserveBytes) {

    public static final long MIB = 1024 * 1024;
    public static final StoreOptions DEFAULTS = new StoreOptions(512 * MIB, 32 * MIB, 0, 50, 8 * MIB);

    /** Fixed limits, no share of the disk and no reserve (tests of the caps alone). */
    public StoreOptions(long telemetryCapBytes, long alarmCapBytes, long maxFileBytes) {
        this(telemetryCapBytes, alarmCapBytes, maxFileBytes, 0, 0);
    }

    public StoreOptions {
        if (telemetryCapBytes < 1 || alarmCapBytes < 1 || maxFileBytes < 0 || reserveBytes < 0) {
            throw new IllegalArgumentException("store caps must be positive, the file limit and the reserve not"
                    + " negative: " + telemetryCapBytes + ", " + alarmCapBytes + ", " + maxFileBytes + ", "
                    + reserveBytes);
        }
        if (fileCapPercent < 0 || fileCapPercent > 90) {
            throw new IllegalArgumentException("the file's share of the free space must be 0..90 %, not "
                    + fileCapPercent);
        }
    }

    static StoreOptions of(StoreConfig c) {
        return new StoreOptions(c.telemetryCapMiB() * MIB, c.alarmCapMiB() * MIB, c.maxFileMiB() * MIB,
                c.fileCapPercent(), c.reserveMiB() * MIB);
    }

    /**
     * The file limit in bytes for a store that finds {@code usable} bytes free and already takes {@code own}
     * bytes with its files: the configured limit, or the configured share of both; 0 for none.
     */
    long fileCap(long usable, long own) {
        if (maxFileBytes > 0) {
            return maxFileBytes;
        }
        if (fileCapPercent == 0) {
            return 0;
        }
        return Math.max(MIB, (usable + own) / 100 * fileCapPercent);
    }

    @Override
    public String toString() {
        return "telemetry cap " + mib(telemetryCapBytes) + ", alarm cap " + mib(alarmCapBytes) + ", file cap "
                + (maxFileBytes > 0 ? mib(maxFileBytes) : fileCapPercent > 0 ? fileCapPercent + "% of the free space"
                : "none") + ", reserve " + mib(reserveBytes);
    }

    static String mib(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }
}
