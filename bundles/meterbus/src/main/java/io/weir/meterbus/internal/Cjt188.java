package io.weir.meterbus.internal;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * CJ/T 188-2004 frames: {@code 68 T A0..A6 C L DATA CS 16}, meter type T (10H cold water, 11H hot water, 20H
 * heat, 30H gas ...), the address as 7 bytes of BCD lowest first (A5 A6: the maker's code); no 33H offset. Read
 * data: control 01H, data identifier and serial number, normal answer 81H, abnormal answer C1H. The water and gas
 * meters' answer to 901F: current cumulative flow and the settlement day's (4 bytes BCD, 2 decimals, each with a
 * unit byte), the meter's clock (7 bytes BCD, seconds first), status ST0 ST1 (ST0 bits 0-1 valve: 00 open, 01
 * closed, 11 abnormal; bit 2 battery low).
 */
final class Cjt188 {

    static final int READ_DATA = 0x01;
    static final int READ_ADDRESS = 0x03;
    static final int LENGTH_AT = 10;
    static final Pattern ADDRESS = Pattern.compile("[0-9]{14}");
    static final String WILDCARD = "AAAAAAAAAAAAAA";
    /** Read metering data, as the published examples send it (1F 90); answers carrying 90 1F are accepted too. */
    static final byte[] DI_METERING = {0x1F, (byte) 0x90};
    /** Read the address (81 0A), as published; answers carrying 0A 81 are accepted too. */
    static final byte[] DI_ADDRESS = {(byte) 0x81, 0x0A};

    /** The metering answer's fields a profile point can name. */
    enum Field { CURRENT_FLOW, SETTLEMENT_FLOW, VALVE_CLOSED, VALVE_ABNORMAL, BATTERY_LOW }

    private Cjt188() {
    }

    static byte[] readData(int type, String address, int serial) {
        return frame(type, address, READ_DATA, new byte[] {DI_METERING[0], DI_METERING[1], (byte) serial});
    }

    static byte[] readAddress(int type) {
        return frame(type, WILDCARD, READ_ADDRESS, new byte[] {DI_ADDRESS[0], DI_ADDRESS[1], 0});
    }

    static byte[] frame(int type, String address, int control, byte[] data) {
        byte[] f = new byte[13 + data.length];
        f[0] = (byte) MeterFrames.START;
        f[1] = (byte) type;
        byte[] big = HexFormat.of().parseHex(address);
        for (int i = 0; i < 7; i++) {
            f[2 + i] = big[6 - i];
        }
        f[9] = (byte) control;
        f[10] = (byte) data.length;
        System.arraycopy(data, 0, f, 11, data.length);
        f[11 + data.length] = (byte) MeterFrames.checksum(f, 0, 11 + data.length);
        f[12 + data.length] = (byte) MeterFrames.END;
        return f;
    }

    static String address(byte[] frame) {
        var text = new StringBuilder();
        for (int i = 8; i >= 2; i--) {
            text.append(String.format("%02X", frame[i] & 0xFF));
        }
        return text.toString();
    }

    /** The metering answer, checked to come from the meter asked and to be the normal answer to 901F. */
    static Metering metering(byte[] frame, String address) throws MeterException {
        String from = address(frame);
        if (!from.equals(address)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "answer from meter " + from + ", asked " + address);
        }
        int control = frame[9] & 0xFF;
        if (control == (READ_DATA | 0xC0)) {
            throw new MeterException(MeterException.Kind.REFUSED, String.format("meter %s answered abnormally"
                    + " (control C1, status %s)", address, HexFormat.of().formatHex(frame, 11,
                    Math.max(11, frame.length - 2))));
        }
        if (control != (READ_DATA | 0x80)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, String.format("control %02X is not the answer to"
                    + " a read (81)", control));
        }
        int length = frame[LENGTH_AT] & 0xFF;
        if (length < 22 || !identifies(frame, 11, DI_METERING)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "answer is not the 22-byte metering data of 901F");
        }
        int at = 14;
        return new Metering(flow(frame, at, address), flow(frame, at + 5, address), frame[at + 17] & 0xFF);
    }

    /** The address in the answer to {@link #readAddress}. */
    static String addressOf(byte[] frame) throws MeterException {
        if ((frame[9] & 0xFF) != (READ_ADDRESS | 0x80)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, String.format("control %02X is not the answer to a"
                    + " read of the address (83)", frame[9] & 0xFF));
        }
        return address(frame);
    }

    /** A data identifier as sent, or with its two bytes swapped, as some meters answer. */
    private static boolean identifies(byte[] frame, int at, byte[] di) {
        return (frame[at] == di[0] && frame[at + 1] == di[1]) || (frame[at] == di[1] && frame[at + 1] == di[0]);
    }

    /** 4 bytes BCD lowest first, 2 decimals, then the unit byte: m3. */
    private static double flow(byte[] f, int at, String address) throws MeterException {
        String digits = Bcd.littleEndian(f, at, 4);
        if (digits == null) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "meter " + address + ": flow is not BCD");
        }
        double value = Long.parseLong(digits) / 100.0;
        int unit = f[at + 4] & 0xFF;
        return switch (unit) {
            case 0x2C -> value;           // m3
            case 0x29 -> value / 1000.0;  // L
            default -> throw new MeterException(MeterException.Kind.NO_DATA, String.format("meter %s: unit code %02X"
                    + " is not m3 (2C) or L (29)", address, unit));
        };
    }

    /**
     * @param currentFlow    current cumulative flow, m3
     * @param settlementFlow cumulative flow on the settlement day, m3
     * @param status0        ST0
     */
    record Metering(double currentFlow, double settlementFlow, int status0) {

        Object field(Field field) {
            return switch (field) {
                case CURRENT_FLOW -> currentFlow;
                case SETTLEMENT_FLOW -> settlementFlow;
                case VALVE_CLOSED -> (status0 & 0x03) == 0x01;
                case VALVE_ABNORMAL -> (status0 & 0x03) == 0x03;
                case BATTERY_LOW -> (status0 & 0x04) != 0;
            };
        }
    }
}
