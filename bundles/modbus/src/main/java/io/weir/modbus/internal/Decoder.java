package io.weir.modbus.internal;

import io.weir.api.profile.Point;
import io.weir.api.profile.WordOrder;

/** Turns a point's registers into its engineering value: {@code raw * scale + offset}. */
final class Decoder {

    private Decoder() {
    }

    /**
     * @param point     what the registers hold
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

    private static int bytes(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }
}
