package io.weir.api.profile;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A meter or gauge model's register map.
 *
 * @param id               profile id as referenced from site files, e.g. {@code hlk-ld8001h}
 * @param manufacturer     maker
 * @param model            model name
 * @param maxBlockRegisters the largest block the device answers in one read (at most 125)
 * @param timeoutMillis    how long to wait for an answer
 * @param points           what to read
 * @param holes            zero-based register addresses (functions 03 and 04) the device refuses, which no read may
 *                         cross; the bit tables (01, 02) have no declared holes, a refused bit is found when read
 * @param maxGap           how many unused registers (bits, for functions 01 and 02) one read may bridge to save a
 *                         transaction (0: never bridge)
 * @param firstRegister    the number the device's manual prints for protocol address 0: 0 when it prints
 *                         addresses (zero-based), 1 when it numbers registers from 1 (one-based); messages name
 *                         registers this way so they can be checked against the manual; since 1.4
 */
public record DeviceProfile(String id, String manufacturer, String model, int maxBlockRegisters, int timeoutMillis,
                            List<Point> points, List<Integer> holes, int maxGap, int firstRegister) {

    /** A profile whose manual prints protocol addresses (zero-based). */
    public DeviceProfile(String id, String manufacturer, String model, int maxBlockRegisters, int timeoutMillis,
                         List<Point> points, List<Integer> holes, int maxGap) {
        this(id, manufacturer, model, maxBlockRegisters, timeoutMillis, points, holes, maxGap, 0);
    }

    /** The Modbus limit for one read of registers (function 03/04). */
    public static final int MODBUS_MAX_REGISTERS = 125;

    /**
     * The Modbus limit for one read of bits (function 01/02). {@code maxBlockRegisters} does not apply to bit reads:
     * devices that limit register blocks still answer full bit blocks, and a bit read is at most 250 bytes.
     */
    public static final int MODBUS_MAX_BITS = 2000;

    /** A profile without declared holes that never bridges gaps: every read covers registers its points use. */
    public DeviceProfile(String id, String manufacturer, String model, int maxBlockRegisters, int timeoutMillis,
                         List<Point> points) {
        this(id, manufacturer, model, maxBlockRegisters, timeoutMillis, points, List.of(), 0, 0);
    }

    public DeviceProfile {
        Objects.requireNonNull(id, "id");
        points = List.copyOf(points);
        holes = holes == null ? List.of() : List.copyOf(new TreeSet<>(holes));
        if (maxGap < 0 || maxGap >= MODBUS_MAX_REGISTERS) {
            throw new IllegalArgumentException("profile " + id + ": maxGap " + maxGap + " is outside 0.."
                    + (MODBUS_MAX_REGISTERS - 1));
        }
        if (firstRegister != 0 && firstRegister != 1) {
            throw new IllegalArgumentException("profile " + id + ": firstRegister " + firstRegister + " is not 0"
                    + " (zero-based) or 1 (one-based)");
        }
        for (int hole : holes) {
            if (hole < 0 || hole > 65535) {
                throw new IllegalArgumentException("profile " + id + ": hole " + hole + " is outside 0..65535");
            }
        }
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
            if (p.type().isBit()) {
                continue;
            }
            if (p.span() > maxBlockRegisters) {
                throw new IllegalArgumentException("profile " + id + ": point " + p.name() + " spans more registers"
                        + " than the largest block " + maxBlockRegisters);
            }
            for (int hole : holes) {
                if (hole >= p.address() && hole < p.end()) {
                    throw new IllegalArgumentException("profile " + id + ": point " + p.name() + " uses register "
                            + hole + ", which is declared a hole");
                }
            }
        }
    }
}
