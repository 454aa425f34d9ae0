package io.weir.sl651.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

import io.weir.sl651.internal.FrameException.Kind;

/**
 * Reads and writes whole SL 651-2014 frames. HEX: {@code 7E 7E}, the addresses (up: centre then station; down:
 * station then centre), password, function code, direction and 12-bit body length, start marker, body, end marker,
 * CRC-16 high byte first. ASCII: {@code SOH}, then the same header fields as hexadecimal text, the start marker as a
 * raw byte, the body as text, the end marker as a raw byte and the CRC as four hexadecimal characters.
 */
final class FrameCodec {

    /** HEX: 7E 7E, addresses (6), password (2), function (1), length (2). */
    static final int HEX_HEADER = 13;
    /** ASCII: SOH, addresses (12), password (4), function (2), length (4). */
    static final int ASCII_HEADER = 23;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private FrameCodec() {
    }

    /** The whole frame's length once its header is known, or -1 when {@code data} does not start a frame. */
    static int frameLength(byte[] data, int offset, int available) throws FrameException {
        if (available < 2) {
            return -1;
        }
        if ((data[offset] & 0xFF) == Markers.SOH_HEX && (data[offset + 1] & 0xFF) == Markers.SOH_HEX) {
            if (available < HEX_HEADER) {
                return -1;
            }
            int length = ((data[offset + 11] & 0x0F) << 8) | (data[offset + 12] & 0xFF);
            return HEX_HEADER + 1 + length + 1 + 2;
        }
        if ((data[offset] & 0xFF) == Markers.SOH_ASCII) {
            if (available < ASCII_HEADER) {
                return -1;
            }
            int length = hexField(data, offset + 19, 4, "length") & 0x0FFF;
            return ASCII_HEADER + 1 + length + 1 + 4;
        }
        throw new FrameException(Kind.MALFORMED, String.format("a frame starts 7E 7E or 01, not %02X", data[offset]));
    }

    static Frame decode(byte[] data) throws FrameException {
        if (data.length < 2) {
            throw new FrameException(Kind.TRUNCATED, "frame of " + data.length + " bytes");
        }
        int expected = frameLength(data, 0, data.length);
        if (expected < 0 || data.length < expected) {
            throw new FrameException(Kind.TRUNCATED, "frame of " + data.length + " bytes, its header says "
                    + (expected < 0 ? "more" : expected));
        }
        if (data.length > expected) {
            throw new FrameException(Kind.MALFORMED, "frame of " + data.length + " bytes, its header says " + expected);
        }
        return (data[0] & 0xFF) == Markers.SOH_HEX ? decodeHex(data) : decodeAscii(data);
    }

    private static Frame decodeHex(byte[] d) throws FrameException {
        int crcAt = d.length - 2;
        int crc = ((d[crcAt] & 0xFF) << 8) | (d[crcAt + 1] & 0xFF);
        int computed = Crc16.of(d, 0, crcAt);
        if (crc != computed) {
            throw new FrameException(Kind.BAD_CRC, String.format("CRC %04X, computed %04X", crc, computed));
        }
        boolean down = (d[11] & 0xF0) == 0x80;
        if (!down && (d[11] & 0xF0) != 0) {
            throw new FrameException(Kind.MALFORMED, String.format("direction nibble %X is neither 0 (up) nor 8"
                    + " (down)", (d[11] >> 4) & 0x0F));
        }
        int stationAt = down ? 2 : 3;
        int centre = d[down ? 7 : 2] & 0xFF;
        String station = Bcd.digits(d, stationAt, 5);
        if (station == null) {
            throw new FrameException(Kind.MALFORMED, "station address " + HEX.formatHex(d, stationAt, stationAt + 5)
                    + " is not BCD");
        }
        int password = ((d[8] & 0xFF) << 8) | (d[9] & 0xFF);
        int function = d[10] & 0xFF;
        int start = d[HEX_HEADER] & 0xFF;
        int bodyAt = HEX_HEADER + 1;
        int total = 0;
        int number = 0;
        if (start == Markers.SYN) {
            if (crcAt - 1 - bodyAt < 3) {
                throw new FrameException(Kind.MALFORMED, "multi-packet frame without its packet count");
            }
            int info = ((d[bodyAt] & 0xFF) << 16) | ((d[bodyAt + 1] & 0xFF) << 8) | (d[bodyAt + 2] & 0xFF);
            total = info >>> 12;
            number = info & 0xFFF;
            bodyAt += 3;
            packetNumbers(total, number);
        } else if (start != Markers.STX) {
            throw new FrameException(Kind.MALFORMED, String.format("start marker %02X is neither 02 nor 16", start));
        }
        byte[] body = java.util.Arrays.copyOfRange(d, bodyAt, crcAt - 1);
        return frame(Encoding.HEX, down, centre, station, password, function, total, number, body, d[crcAt - 1] & 0xFF);
    }

    private static Frame decodeAscii(byte[] d) throws FrameException {
        int crcAt = d.length - 4;
        int crc = hexField(d, crcAt, 4, "CRC");
        int computed = Crc16.of(d, 0, crcAt);
        if (crc != computed) {
            throw new FrameException(Kind.BAD_CRC, String.format("CRC %04X, computed %04X", crc, computed));
        }
        int lengthField = hexField(d, 19, 4, "length");
        boolean down = (lengthField & 0xF000) == 0x8000;
        if (!down && (lengthField & 0xF000) != 0) {
            throw new FrameException(Kind.MALFORMED, "direction digit is neither 0 (up) nor 8 (down)");
        }
        int centre = hexField(d, down ? 11 : 1, 2, "centre address");
        String station = new String(d, down ? 1 : 3, 10, StandardCharsets.US_ASCII);
        if (!Frame.STATION.matcher(station).matches()) {
            throw new FrameException(Kind.MALFORMED, "station address '" + printable(station) + "' is not 10 digits");
        }
        int password = hexField(d, 13, 4, "password");
        int function = hexField(d, 17, 2, "function code");
        int start = d[ASCII_HEADER] & 0xFF;
        int bodyAt = ASCII_HEADER + 1;
        int total = 0;
        int number = 0;
        if (start == Markers.SYN) {
            if (crcAt - 1 - bodyAt < 6) {
                throw new FrameException(Kind.MALFORMED, "multi-packet frame without its packet count");
            }
            int info = hexField(d, bodyAt, 6, "packet count");
            total = info >>> 12;
            number = info & 0xFFF;
            bodyAt += 6;
            packetNumbers(total, number);
        } else if (start != Markers.STX) {
            throw new FrameException(Kind.MALFORMED, String.format("start marker %02X is neither 02 nor 16", start));
        }
        byte[] body = java.util.Arrays.copyOfRange(d, bodyAt, crcAt - 1);
        return frame(Encoding.ASCII, down, centre, station, password, function, total, number, body,
                d[crcAt - 1] & 0xFF);
    }

    /** A packet is numbered from 1 to the count, which is at least 1. */
    private static void packetNumbers(int total, int number) throws FrameException {
        if (number < 1 || number > total) {
            throw new FrameException(Kind.MALFORMED, "packet " + number + " of " + total + " is impossible");
        }
    }

    private static Frame frame(Encoding encoding, boolean down, int centre, String station, int password,
                               int function, int total, int number, byte[] body, int end) throws FrameException {
        try {
            return new Frame(encoding, down, centre, station, password, function, total, number, body, end);
        } catch (IllegalArgumentException e) {
            throw new FrameException(Kind.MALFORMED, e.getMessage());
        }
    }

    static byte[] encode(Frame f) {
        if (f.reassembled()) {
            throw new IllegalArgumentException("a message put back together from packets is not sent as one frame");
        }
        var out = new ByteArrayOutputStream(32 + f.body().length);
        boolean hex = f.encoding() == Encoding.HEX;
        int length = f.body().length + (f.multiPacket() ? (hex ? 3 : 6) : 0);
        int lengthField = (f.down() ? 0x8000 : 0) | length;
        if (hex) {
            out.write(Markers.SOH_HEX);
            out.write(Markers.SOH_HEX);
            byte[] station = Bcd.pack(f.station());
            if (!f.down()) {
                out.write(f.centre());
            }
            out.writeBytes(station);
            if (f.down()) {
                out.write(f.centre());
            }
            out.write(f.password() >> 8);
            out.write(f.password());
            out.write(f.function());
            out.write(lengthField >> 8);
            out.write(lengthField);
            out.write(f.multiPacket() ? Markers.SYN : Markers.STX);
            if (f.multiPacket()) {
                int info = (f.packetTotal() << 12) | f.packetNumber();
                out.write(info >> 16);
                out.write(info >> 8);
                out.write(info);
            }
        } else {
            out.write(Markers.SOH_ASCII);
            String centre = String.format("%02X", f.centre());
            ascii(out, f.down() ? f.station() + centre : centre + f.station());
            ascii(out, String.format("%04X%02X%04X", f.password(), f.function(), lengthField));
            out.write(f.multiPacket() ? Markers.SYN : Markers.STX);
            if (f.multiPacket()) {
                ascii(out, String.format("%03X%03X", f.packetTotal(), f.packetNumber()));
            }
        }
        out.writeBytes(f.body());
        out.write(f.end());
        byte[] framed = out.toByteArray();
        int crc = Crc16.of(framed, 0, framed.length);
        if (hex) {
            out.write(crc >> 8);
            out.write(crc);
        } else {
            ascii(out, String.format("%04X", crc));
        }
        return out.toByteArray();
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static int hexField(byte[] d, int at, int chars, String what) throws FrameException {
        String text = new String(d, at, chars, StandardCharsets.US_ASCII);
        try {
            return Integer.parseInt(text, 16);
        } catch (NumberFormatException e) {
            throw new FrameException(Kind.MALFORMED, what + " '" + printable(text) + "' is not hexadecimal");
        }
    }

    static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
