package io.weir.simulator.sl651;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * Builds the frames a hydrological RTU sends under SL 651-2014, in either encoding, written from the standard's
 * frame layout for the simulator alone (the gateway's bundle has its own codec; the two meet only on the wire).
 * HEX: 7E 7E, centre address, station address (5 bytes BCD), password, function code, up flag and body length,
 * STX, body, end marker, CRC-16 (A001, FFFF) high byte first. ASCII: SOH, the same header as hexadecimal text,
 * STX, the body as text, the end marker, the CRC as four hexadecimal characters.
 */
public final class RtuFrames {

    public enum Encoding { HEX, ASCII }

    public static final int ETX = 0x03;

    private RtuFrames() {
    }

    /** The whole frame for a body already in the encoding's form. */
    public static byte[] frame(Encoding encoding, int centre, String station, int password, int function, byte[] body,
                               int end) {
        var out = new ByteArrayOutputStream();
        if (encoding == Encoding.HEX) {
            out.write(0x7E);
            out.write(0x7E);
            out.write(centre);
            out.writeBytes(bcd(station));
            out.write(password >> 8);
            out.write(password & 0xFF);
            out.write(function);
            out.write((body.length >> 8) & 0x0F);
            out.write(body.length & 0xFF);
        } else {
            out.write(0x01);
            text(out, String.format(Locale.ROOT, "%02X%s%04X%02X%04X", centre, station, password, function,
                    body.length));
        }
        out.write(0x02);
        out.writeBytes(body);
        out.write(end);
        int crc = crc(out.toByteArray());
        if (encoding == Encoding.HEX) {
            out.write(crc >> 8);
            out.write(crc & 0xFF);
        } else {
            text(out, String.format(Locale.ROOT, "%04X", crc));
        }
        return out.toByteArray();
    }

    /**
     * Reads one whole frame of either encoding from a stream, its length taken from the header: HEX 13 header
     * bytes, ASCII 23 header characters (the length as 4 hexadecimal characters at offset 19, its low 12 bits).
     * The CRC is not checked here: see {@link #crcHolds}.
     */
    public static byte[] read(DataInputStream data) throws IOException {
        int first = data.readUnsignedByte();
        boolean hex = first == 0x7E;
        if (!hex && first != 0x01) {
            throw new IOException(String.format("a frame starts 7E or 01, not %02X", first));
        }
        byte[] head = new byte[hex ? 13 : 23];
        head[0] = (byte) first;
        data.readFully(head, 1, head.length - 1);
        int length = hex ? ((head[11] & 0x0F) << 8) | (head[12] & 0xFF)
                : Integer.parseInt(new String(head, 19, 4, StandardCharsets.US_ASCII), 16) & 0x0FFF;
        byte[] frame = Arrays.copyOf(head, head.length + 1 + length + 1 + (hex ? 2 : 4));
        data.readFully(frame, head.length, frame.length - head.length);
        return frame;
    }

    /** Whether a frame of either encoding carries the CRC of its other bytes. */
    public static boolean crcHolds(byte[] frame) {
        if (ascii(frame)) {
            return Integer.parseInt(new String(frame, frame.length - 4, 4, StandardCharsets.US_ASCII), 16)
                    == crc(Arrays.copyOf(frame, frame.length - 4));
        }
        return (((frame[frame.length - 2] & 0xFF) << 8) | (frame[frame.length - 1] & 0xFF))
                == crc(Arrays.copyOf(frame, frame.length - 2));
    }

    public static boolean ascii(byte[] frame) {
        return frame[0] == 0x01;
    }

    /** The function code of a frame of either encoding, either direction. */
    public static int function(byte[] frame) {
        return ascii(frame) ? Integer.parseInt(new String(frame, 17, 2, StandardCharsets.US_ASCII), 16)
                : frame[10] & 0xFF;
    }

    /** Whether the frame is one packet of a multi-packet message (start marker SYN 16H). */
    public static boolean multiPacket(byte[] frame) {
        return frame[ascii(frame) ? 23 : 13] == 0x16;
    }

    /** A packet's count of packets and its own number: HEX 3 bytes, ASCII 6 hexadecimal characters, 12 bits each. */
    public static int[] packetCountAndNumber(byte[] packet) {
        int info = ascii(packet) ? Integer.parseInt(new String(packet, 24, 6, StandardCharsets.US_ASCII), 16)
                : ((packet[14] & 0xFF) << 16) | ((packet[15] & 0xFF) << 8) | (packet[16] & 0xFF);
        return new int[] {info >>> 12, info & 0xFFF};
    }

    /** A packet's piece of the message body: after the packet count and number, before the end marker. */
    public static byte[] packetBody(byte[] packet) {
        return ascii(packet) ? Arrays.copyOfRange(packet, 30, packet.length - 5)
                : Arrays.copyOfRange(packet, 17, packet.length - 3);
    }

    /** The body between the start marker (STX) and the end marker. */
    public static byte[] body(byte[] frame) {
        return ascii(frame) ? Arrays.copyOfRange(frame, 24, frame.length - 5)
                : Arrays.copyOfRange(frame, 14, frame.length - 3);
    }

    /** The serial number a body starts with: 2 bytes in HEX, 4 hexadecimal characters in ASCII. */
    public static int serial(byte[] frame) {
        byte[] body = body(frame);
        return ascii(frame) ? Integer.parseInt(new String(body, 0, 4, StandardCharsets.US_ASCII), 16)
                : ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    /** CRC-16/MODBUS over the whole array. */
    public static int crc(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                boolean lsb = (crc & 1) == 1;
                crc >>>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc;
    }

    /** YYMMDDhhmmss as 6 BCD bytes. */
    public static byte[] time(LocalDateTime t) {
        return bcd(String.format(Locale.ROOT, "%02d%02d%02d%02d%02d%02d", t.getYear() - 2000, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
    }

    public static byte[] bcd(String digits) {
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** A BCD number of {@code bytes} bytes with {@code decimals} decimal places (non-negative). */
    public static byte[] number(double value, int bytes, int decimals) {
        long scaled = Math.round(value * Math.pow(10, decimals));
        return bcd(String.format(Locale.ROOT, "%0" + (2 * bytes) + "d", scaled));
    }

    static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
