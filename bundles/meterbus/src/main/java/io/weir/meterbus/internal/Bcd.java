package io.weir.meterbus.internal;

/** Packed BCD as meters send it: lowest byte first. */
final class Bcd {

    private Bcd() {
    }

    /** The digits, most significant first, of {@code length} bytes sent lowest first; null when not BCD. */
    static String littleEndian(byte[] data, int offset, int length) {
        var text = new StringBuilder(2 * length);
        for (int i = offset + length - 1; i >= offset; i--) {
            int high = (data[i] >> 4) & 0x0F;
            int low = data[i] & 0x0F;
            if (high > 9 || low > 9) {
                return null;
            }
            text.append((char) ('0' + high)).append((char) ('0' + low));
        }
        return text.toString();
    }
}
