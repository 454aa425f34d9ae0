package io.weir.meterbus.internal;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * DL/T 645-2007 frames: {@code 68 A0..A5 68 C L DATA CS 16}, the address as 6 bytes of BCD, lowest byte first
 * ({@code AA} in every byte: any meter); every data byte sent plus 33H and received minus 33H; data identifiers as
 * 4 bytes, DI0 first. Read data: control 11H, normal answer 91H (B1H: more follows), error answer D1H with an
 * error byte. Read address: control 13H to AAAAAAAAAAAA, answer 93H with the address.
 */
final class Dlt645 {

    static final int READ_DATA = 0x11;
    static final int READ_ADDRESS = 0x13;
    static final int LENGTH_AT = 9;
    static final String WILDCARD = "AAAAAAAAAAAA";
    static final Pattern ADDRESS = Pattern.compile("[0-9]{12}");

    /** The error byte's bits (DL/T 645-2007 error information word), lowest first. */
    private static final String[] ERRORS = {"other error", "no requested data", "password wrong or not authorised",
        "baud rate cannot be changed", "too many year time zones", "too many day time slots", "too many tariffs",
        "reserved bit 7"};

    private Dlt645() {
    }

    /** A read of data identifier {@code di} (8 hex digits, e.g. 00010000) from the meter at {@code address}. */
    static byte[] readData(String address, String di) {
        byte[] id = HexFormat.of().parseHex(di);
        byte[] data = {id[3], id[2], id[1], id[0]};
        return frame(address, READ_DATA, data);
    }

    static byte[] readAddress() {
        return frame(WILDCARD, READ_ADDRESS, new byte[0]);
    }

    static byte[] frame(String address, int control, byte[] data) {
        byte[] f = new byte[12 + data.length];
        f[0] = (byte) MeterFrames.START;
        byte[] a = addressBytes(address);
        System.arraycopy(a, 0, f, 1, 6);
        f[7] = (byte) MeterFrames.START;
        f[8] = (byte) control;
        f[9] = (byte) data.length;
        for (int i = 0; i < data.length; i++) {
            f[10 + i] = (byte) (data[i] + 0x33);
        }
        f[10 + data.length] = (byte) MeterFrames.checksum(f, 0, 10 + data.length);
        f[11 + data.length] = (byte) MeterFrames.END;
        return f;
    }

    /** 12 digits as the meter's nameplate prints them, to the 6 wire bytes, lowest first. */
    static byte[] addressBytes(String address) {
        byte[] big = HexFormat.of().parseHex(address);
        byte[] wire = new byte[6];
        for (int i = 0; i < 6; i++) {
            wire[i] = big[5 - i];
        }
        return wire;
    }

    static String address(byte[] frame) {
        var text = new StringBuilder();
        for (int i = 6; i >= 1; i--) {
            text.append(String.format("%02X", frame[i] & 0xFF));
        }
        return text.toString();
    }

    /** The data field of an answer, 33H taken off. */
    static byte[] data(byte[] frame) {
        int length = frame[LENGTH_AT] & 0xFF;
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (frame[10 + i] - 0x33);
        }
        return data;
    }

    /**
     * The value bytes of the answer to {@link #readData}: checked to come from {@code address}, to be the normal
     * answer and to carry {@code di}.
     */
    static byte[] valueOf(byte[] frame, String address, String di) throws MeterException {
        if ((frame[7] & 0xFF) != MeterFrames.START) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "second start byte is not 68");
        }
        String from = address(frame);
        if (!from.equals(address)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "answer from meter " + from + ", asked " + address);
        }
        int control = frame[8] & 0xFF;
        byte[] data = data(frame);
        if (control == (READ_DATA | 0xC0)) {
            int error = data.length > 0 ? data[0] & 0xFF : 0;
            String names = errorNames(error);
            throw new MeterException((error & 0x02) != 0 ? MeterException.Kind.NO_DATA : MeterException.Kind.REFUSED,
                    "meter " + address + " refused " + di + ": " + names);
        }
        if (control != (READ_DATA | 0x80) && control != (READ_DATA | 0xA0)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, String.format("control %02X is not the answer to a"
                    + " read (91 or B1)", control));
        }
        if (data.length < 4) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "answer of " + data.length + " data bytes has no"
                    + " data identifier");
        }
        String got = String.format("%02X%02X%02X%02X", data[3], data[2], data[1], data[0]);
        if (!got.equalsIgnoreCase(di)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "answer carries " + got + ", asked " + di);
        }
        return java.util.Arrays.copyOfRange(data, 4, data.length);
    }

    /** The answer to {@link #readAddress}: the meter's address. */
    static String addressOf(byte[] frame) throws MeterException {
        if ((frame[8] & 0xFF) != (READ_ADDRESS | 0x80)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, String.format("control %02X is not the answer to"
                    + " a read of the address (93)", frame[8] & 0xFF));
        }
        return address(frame);
    }

    static String errorNames(int error) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 8; bit++) {
            if ((error & (1 << bit)) != 0) {
                names.add(ERRORS[bit]);
            }
        }
        return names.isEmpty() ? "error byte 00" : String.join(", ", names) + String.format(" (error byte %02X)", error);
    }
}
