package io.weir.sl651.internal;

/** Packed BCD as SL 651 uses it: two decimal digits a byte, most significant first. */
final class Bcd {

    private Bcd() {
    }

    /** The digits of {@code length} bytes at {@code offset}, or null when a nibble is not a decimal digit. */
    static String digits(byte[] data, int offset, int length) {
        var text = new StringBuilder(length * 2);
        for (int i = offset; i < offset + length; i++) {
            int high = (data[i] >> 4) & 0x0F;
            int low = data[i] & 0x0F;
            if (high > 9 || low > 9) {
                return null;
            }
            text.append((char) ('0' + high)).append((char) ('0' + low));
        }
        return text.toString();
    }

    /** Writes {@code digits} (an even number of them) as packed BCD. */
    static byte[] pack(String digits) {
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + digits + "' is not an even number of decimal digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (((digits.charAt(2 * i) - '0') << 4) | (digits.charAt(2 * i + 1) - '0'));
        }
        return out;
    }
}
