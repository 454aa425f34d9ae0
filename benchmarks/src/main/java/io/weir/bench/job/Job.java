package io.weir.bench.job;

import java.time.Duration;

/**
 * The job both systems are given: {@code meters} Modbus TCP devices, each with {@code points} float32 holding
 * registers (two registers each, high word first) read every {@code pollInterval} and published to the broker.
 */
public record Job(int meters, int points, Duration pollInterval) {

    /** Point 0 of every meter: the seconds since the job's clock started, so a reading tells when it was taken. */
    public static final int CLOCK_POINT = 0;

    public int registers() {
        return 2 * points;
    }

    public double readingsPerSecond() {
        return meters * points * 1000.0 / pollInterval.toMillis();
    }

    /** The name both systems give meter {@code index}. */
    public static String meterId(int index) {
        return "meter-%02d".formatted(index);
    }

    /** The meter index in a name made by {@link #meterId}, or -1 for any other name. */
    public static int meterIndex(String id) {
        if (!id.startsWith("meter-")) {
            return -1;
        }
        try {
            return Integer.parseInt(id.substring("meter-".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The name both systems give point {@code index}. */
    public static String pointName(int index) {
        return "p" + index;
    }
}
