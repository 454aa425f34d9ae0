package io.weir.modbus.internal;

import java.nio.charset.StandardCharsets;

import io.weir.api.profile.DataType;
import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/**
 * Turns a point's registers into its engineering value: {@code raw * scale + offset} for numbers, the text for a
 * string. Bits need no decoding: the transport answers them as booleans.
 */
final class Decoder {

    private Decoder() {
    }

    /**
     * The reading value of a register point: a {@link String} for {@link DataType#STRING}; a {@link Long} for an
     * unscaled integer type (for a UINT64 up to 2^63 - 1), so that a count reads {@code 87}, not {@code 87.0}, and
     * large counters stay exact; a {@link Double} otherwise.
     *
     * @param point     what the registers hold
     * @param registers register values as read (each 0..65535; higher bits are ignored)
     * @param index     where the point's first register is in {@code registers}
     */
    static Object value(Point point, int[] registers, int index) {
        boolean unscaled = point.scale() == 1 && point.offset() == 0;
        return switch (point.type()) {
            case STRING -> text(point, registers, index);
            case INT64 -> unscaled ? (Object) bits64(point.wordOrder(), registers, index)
                    : (Object) decode(point, registers, index);
            case UINT64 -> {
                long bits = bits64(point.wordOrder(), registers, index);
                yield unscaled && bits >= 0 ? (Object) bits : (Object) decode(point, registers, index);
            }
            case INT16, UINT16, INT32, UINT32 -> unscaled ? (Object) (long) raw(point, registers, index)
                    : (Object) decode(point, registers, index);
            default -> decode(point, registers, index);
        };
    }

    /**
     * The engineering value of a numeric point.
     *
     * @param point     what the registers hold; not a bit or a string
     * @param registers register values as read (each 0..65535; higher bits are ignored)
     * @param index     where the point's first register is in {@code registers}
     */
    static double decode(Point point, int[] registers, int index) {
        return raw(point, registers, index) * point.scale() + point.offset();
    }

    private static double raw(Point point, int[] registers, int index) {
        int first = registers[index] & 0xFFFF;
        return switch (point.type()) {
            case INT16 -> (short) first;
            case UINT16 -> first;
            case INT32 -> bits32(point.wordOrder(), first, registers[index + 1] & 0xFFFF);
            case UINT32 -> Integer.toUnsignedLong(bits32(point.wordOrder(), first, registers[index + 1] & 0xFFFF));
            case FLOAT32 -> Float.intBitsToFloat(bits32(point.wordOrder(), first, registers[index + 1] & 0xFFFF));
            // above 2^53 a double cannot hold every integer: the nearest one is taken
            case INT64 -> (double) bits64(point.wordOrder(), registers, index);
            case UINT64 -> unsignedToDouble(bits64(point.wordOrder(), registers, index));
            case FLOAT64 -> Double.longBitsToDouble(bits64(point.wordOrder(), registers, index));
            case BIT, STRING -> throw new IllegalArgumentException("point " + point.name() + " of type "
                    + point.type() + " has no numeric value");
        };
    }

    /**
     * The 32 bits A (most significant) to D of a value sent in two registers; the word order names where A..D were
     * on the wire, e.g. CDAB means the first register holds C and D.
     */
    static int bits32(WordOrder order, int first, int second) {
        int b0 = first >>> 8;
        int b1 = first & 0xFF;
        int b2 = second >>> 8;
        int b3 = second & 0xFF;
        return switch (order) {
            case ABCD -> bytes(b0, b1, b2, b3);
            case CDAB -> bytes(b2, b3, b0, b1);
            case BADC -> bytes(b1, b0, b3, b2);
            case DCBA -> bytes(b3, b2, b1, b0);
        };
    }

    /**
     * The 64 bits of a value sent in four registers, as {@link WordOrder} defines it for 64-bit values: the low-word
     * orders (CDAB, DCBA) send the least significant register first, the byte-swapped ones (BADC, DCBA) put each
     * register's low byte first.
     */
    static long bits64(WordOrder order, int[] registers, int index) {
        long bits = 0;
        for (int i = 0; i < 4; i++) {
            int register = registers[index + (order.lowWordFirst() ? 3 - i : i)] & 0xFFFF;
            if (order.bytesSwapped()) {
                register = (register & 0xFF) << 8 | register >>> 8;
            }
            bits = bits << 16 | register;
        }
        return bits;
    }

    private static double unsignedToDouble(long bits) {
        // halve with the lost bit kept sticky (round to odd), so the one rounding to double is the correct one
        return bits >= 0 ? bits : (double) (bits >>> 1 | bits & 1) * 2.0;
    }

    /** Two bytes a register, UTF-8, up to the first NUL, trailing spaces (the usual padding) removed. */
    private static String text(Point point, int[] registers, int index) {
        byte[] bytes = new byte[point.length() * 2];
        int n = 0;
        for (int i = 0; i < point.length(); i++) {
            int register = registers[index + i] & 0xFFFF;
            int high = point.wordOrder().bytesSwapped() ? register & 0xFF : register >>> 8;
            int low = point.wordOrder().bytesSwapped() ? register >>> 8 : register & 0xFF;
            bytes[n++] = (byte) high;
            bytes[n++] = (byte) low;
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).stripTrailing();
    }

    private static int bytes(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
