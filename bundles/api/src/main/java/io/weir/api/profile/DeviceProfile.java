package io.weir.api.profile;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A meter or gauge model's register map.
 *
 * @param id               profile id as referenced from site files, e.g. {@code hlk-ld8001h}
 * @param manufacturer     maker
 * @param model            model name
 * @param maxBlockRegisters the largest block the device answers in one read (at most 125)
 * @param timeoutMillis    how long to wait for an answer
 * @param points           what to read
 */
public record DeviceProfile(String id, String manufacturer, String model, int maxBlockRegisters, int timeoutMillis,
                            List<Point> points) {

    /** The Modbus limit for one read of registers (function 03/04). */
    public static final int MODBUS_MAX_REGISTERS = 125;

    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("profile " + id + " has no points");
        }
        if (maxBlockRegisters < 1 || maxBlockRegisters > MODBUS_MAX_REGISTERS) {
            throw new IllegalArgumentException("profile " + id + ": maxBlockRegisters " + maxBlockRegisters
                    + " is outside 1.." + MODBUS_MAX_REGISTERS);
        }
        if (timeoutMillis < 1) {
            throw new IllegalArgumentException("profile " + id + ": timeoutMillis must be positive");
        }
        var names = new HashSet<String>();
        for (Point p : points) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("profile " + id + ": point name " + p.name() + " is repeated");
            }
            if (p.type().registers() > maxBlockRegisters) {
                throw new IllegalArgumentException("profile " + id + ": point " + p.name() + " spans more registers"
                        + " than the largest block " + maxBlockRegisters);
            }
        }
    }
}
