package io.weir.modbus.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.weir.api.profile.DataType;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/**
 * The inverse of {@link Decoder}: an engineering value, as an operator types it, into the registers (or the bit)
 * that hold it. Numbers are unscaled as {@code raw = (value - offset) / scale} in exact decimal arithmetic, rounded
 * to the nearest integer for the integer types, and refused when the raw value does not fit the type.
 */
final class Encoder {

    /** A value that cannot be written to the point; the message says why, naming the limits. */
    static final class OutOfRange extends Exception {
        OutOfRange(String message) {
            super(message);
        }
    }

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Encoder() {
    }

    /** The coil value of {@code text}: true/false, 1/0, on/off. */
    static boolean bit(Point point, String text) throws OutOfRange {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on" -> true;
            case "false", "0", "off" -> false;
            default -> throw new OutOfRange("point " + point.name() + " is a bit: write true or false (or 1/0, on/off),"
                    + " not '" + text + "'");
        };
    }

    /** The registers, in wire order, that hold {@code text} as the point's type, scale, offset and word order. */
    static int[] registers(Point point, String text) throws OutOfRange {
        if (point.type() == DataType.STRING) {
            return string(point, text);
        }
        BigDecimal raw = raw(point, text);
        return switch (point.type()) {
            case INT16 -> new int[] {(int) integer(point, raw, -32768, 32767) & 0xFFFF};
            case UINT16 -> new int[] {(int) integer(point, raw, 0, 65535)};
            case INT32 -> words32(point.wordOrder(), (int) integer(point, raw, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case UINT32 -> words32(point.wordOrder(), (int) integer(point, raw, 0, 0xFFFF_FFFFL));
            case FLOAT32 -> words32(point.wordOrder(), Float.floatToIntBits(float32(point, raw)));
            case INT64 -> words64(point.wordOrder(), int64(point, raw, false));
            case UINT64 -> words64(point.wordOrder(), int64(point, raw, true));
            case FLOAT64 -> words64(point.wordOrder(), Double.doubleToLongBits(float64(point, raw)));
            case BIT, STRING -> throw new IllegalStateException(point.type() + " is not a register number");
        };
    }

    private static BigDecimal raw(Point point, String text) throws OutOfRange {
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new OutOfRange("point " + point.name() + " takes a number, not '" + text + "'");
        }
        BigDecimal unscaled = value.subtract(BigDecimal.valueOf(point.offset()));
        // 34 significant digits: far beyond any register, and a scale such as 0.1 divides without a remainder
        return unscaled.divide(BigDecimal.valueOf(point.scale()), java.math.MathContext.DECIMAL128);
    }

    private static long integer(Point point, BigDecimal raw, long min, long max) throws OutOfRange {
        BigDecimal rounded = raw.setScale(0, RoundingMode.HALF_EVEN);
        if (rounded.compareTo(BigDecimal.valueOf(min)) < 0 || rounded.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new OutOfRange(rangeMessage(point, raw, BigDecimal.valueOf(min), BigDecimal.valueOf(max)));
        }
        return rounded.longValueExact();
    }

    private static long int64(Point point, BigDecimal raw, boolean unsigned) throws OutOfRange {
        BigInteger rounded = raw.setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger max = unsigned ? TWO_64.subtract(BigInteger.ONE) : BigInteger.valueOf(Long.MAX_VALUE);
        if (rounded.compareTo(min) < 0 || rounded.compareTo(max) > 0) {
            throw new OutOfRange(rangeMessage(point, raw, new BigDecimal(min), new BigDecimal(max)));
        }
        return rounded.longValue(); // the low 64 bits: an unsigned value above 2^63 wraps into the sign bit, as sent
    }

    private static float float32(Point point, BigDecimal raw) throws OutOfRange {
        float f = raw.floatValue();
        if (!Float.isFinite(f)) {
            throw new OutOfRange("point " + point.name() + ": raw value " + raw.toPlainString() + " does not fit a"
                    + " float32 (at most " + Float.MAX_VALUE + ")");
        }
        return f;
    }

    private static double float64(Point point, BigDecimal raw) throws OutOfRange {
        double d = raw.doubleValue();
        if (!Double.isFinite(d)) {
            throw new OutOfRange("point " + point.name() + ": raw value " + raw.toPlainString() + " does not fit a"
                    + " float64");
        }
        return d;
    }

    private static String rangeMessage(Point point, BigDecimal raw, BigDecimal min, BigDecimal max) {
        return "point " + point.name() + " is " + point.type().name().toLowerCase(Locale.ROOT) + ": raw value "
                + raw.stripTrailingZeros().toPlainString() + " is outside " + min.toPlainString() + ".."
                + max.toPlainString() + (point.scale() != 1 || point.offset() != 0
                ? " (engineering " + engineering(point, min) + ".." + engineering(point, max) + ")" : "");
    }

    private static String engineering(Point point, BigDecimal raw) {
        BigDecimal value = raw.multiply(BigDecimal.valueOf(point.scale())).add(BigDecimal.valueOf(point.offset()));
        return value.stripTrailingZeros().toPlainString();
    }

    /** The two registers of the 32 bits A..D (A most significant), in the word order's wire order. */
    static int[] words32(WordOrder order, int bits) {
        int a = bits >>> 24 & 0xFF;
        int b = bits >>> 16 & 0xFF;
        int c = bits >>> 8 & 0xFF;
        int d = bits & 0xFF;
        return switch (order) {
            case ABCD -> new int[] {a << 8 | b, c << 8 | d};
            case CDAB -> new int[] {c << 8 | d, a << 8 | b};
            case BADC -> new int[] {b << 8 | a, d << 8 | c};
            case DCBA -> new int[] {d << 8 | c, b << 8 | a};
        };
    }

    /** The four registers of 64 bits, in the word order's wire order (see {@link WordOrder}). */
    static int[] words64(WordOrder order, long bits) {
        int[] registers = new int[4];
        for (int i = 0; i < 4; i++) {
            int register = (int) (bits >>> (48 - 16 * i)) & 0xFFFF; // most significant first
            if (order.bytesSwapped()) {
                register = (register & 0xFF) << 8 | register >>> 8;
            }
            registers[order.lowWordFirst() ? 3 - i : i] = register;
        }
        return registers;
    }

    /** UTF-8, two bytes a register, NUL-padded; refused when longer than the point's registers hold. */
    private static int[] string(Point point, String text) throws OutOfRange {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > point.length() * 2) {
            throw new OutOfRange("point " + point.name() + " holds at most " + point.length() * 2 + " bytes of text, '"
                    + text + "' is " + bytes.length);
        }
        int[] registers = new int[point.length()];
        for (int i = 0; i < registers.length; i++) {
            int high = 2 * i < bytes.length ? bytes[2 * i] & 0xFF : 0;
            int low = 2 * i + 1 < bytes.length ? bytes[2 * i + 1] & 0xFF : 0;
            registers[i] = point.wordOrder().bytesSwapped() ? low << 8 | high : high << 8 | low;
        }
        return registers;
    }
}
