package io.weir.meterbus.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CJ/T 188-2004 frames: {@code 68 T A0..A6 C L DATA CS 16}, meter type T (10H cold water, 11H hot water, 20H
 * heat, 21H cooling, 30H gas ...), the address as 7 bytes of BCD lowest first (A5 A6: the maker's code); no 33H
 * offset. Read data: control 01H, data identifier and serial number, normal answer 81H, abnormal answer C1H.
 * <p>
 * The answer to 901F has one of two bodies, chosen by the meter type in the answer. Water and gas meters: current
 * cumulative flow and the settlement day's (4 bytes BCD, 2 decimals, each with a unit byte), the meter's clock (7
 * bytes BCD), status ST0 ST1. Heat meters (types 20H-29H): settlement-day and current heat, thermal power, flow
 * rate (4 decimals), cumulative flow (each 4 bytes BCD + unit byte), supply and return temperature (3 bytes BCD, 2
 * decimals, degrees C), cumulative working time (3 bytes BCD, hours), the clock, ST0 ST1. ST0 in both: bits 0-1
 * valve (00 open, 01 closed, 11 abnormal), bit 2 battery low.
 */
final class Cjt188 {

    static final int READ_DATA = 0x01;
    static final int READ_ADDRESS = 0x03;
    static final int LENGTH_AT = 10;
    static final Pattern ADDRESS = Pattern.compile("[0-9]{14}");
    static final String WILDCARD = "AAAAAAAAAAAAAA";
    /** Read metering data, as the published examples send it (1F 90); answers carrying 90 1F are accepted too. */
    static final byte[] DI_METERING = {0x1F, (byte) 0x90};
    /**
     * Read the address (810A), low byte first as 901F is: meters captured answering it send and echo 0A 81
     * (docs/domain.md, test vectors).
     */
    static final byte[] DI_ADDRESS = {0x0A, (byte) 0x81};

    /** The water and gas meters' answer: DI, SER, two flows with units, clock, ST0 ST1. */
    private static final int WATER_BODY = 22;
    /** The heat meters' answer: DI, SER, five quantities with units, three 3-byte values, clock, ST0 ST1. */
    private static final int HEAT_BODY = 46;

    /**
     * The metering answer's fields a profile point can name. CURRENT_FLOW is the cumulative volume in either body;
     * the heat fields come only from heat meters, SETTLEMENT_FLOW only from water and gas meters.
     */
    enum Field {
        CURRENT_FLOW, SETTLEMENT_FLOW, VALVE_CLOSED, VALVE_ABNORMAL, BATTERY_LOW,
        SETTLEMENT_HEAT, CURRENT_HEAT, HEAT_POWER, FLOW_RATE, SUPPLY_TEMPERATURE, RETURN_TEMPERATURE, WORKING_HOURS
    }

    private Cjt188() {
    }

    static byte[] readData(int type, String address, int serial) {
        return frame(type, address, READ_DATA, new byte[] {DI_METERING[0], DI_METERING[1], (byte) serial});
    }

    static byte[] readAddress(int type, int serial) {
        return frame(type, WILDCARD, READ_ADDRESS, new byte[] {DI_ADDRESS[0], DI_ADDRESS[1], (byte) serial});
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
        if (!identifies(frame, 11, DI_METERING)) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "answer is not the metering data of 901F");
        }
        int type = frame[1] & 0xFF;
        return isHeatMeter(type) ? heat(frame, type, address) : water(frame, type, address);
    }

    /** Heat (20H) and cooling (21H) meters and the rest of their decade of the type table. */
    private static boolean isHeatMeter(int type) {
        return type >= 0x20 && type <= 0x29;
    }

    private static Metering water(byte[] f, int type, String address) throws MeterException {
        body(f, WATER_BODY, type, "water or gas");
        var values = new EnumMap<Field, Object>(Field.class);
        values.put(Field.CURRENT_FLOW, quantity(f, 14, 2, Cjt188Units.Kind.VOLUME, address, "current flow"));
        values.put(Field.SETTLEMENT_FLOW, quantity(f, 19, 2, Cjt188Units.Kind.VOLUME, address, "settlement flow"));
        status(values, f[31]);
        return new Metering(type, values);
    }

    private static Metering heat(byte[] f, int type, String address) throws MeterException {
        body(f, HEAT_BODY, type, "heat");
        var values = new EnumMap<Field, Object>(Field.class);
        values.put(Field.SETTLEMENT_HEAT, quantity(f, 14, 2, Cjt188Units.Kind.ENERGY, address, "settlement heat"));
        values.put(Field.CURRENT_HEAT, quantity(f, 19, 2, Cjt188Units.Kind.ENERGY, address, "current heat"));
        values.put(Field.HEAT_POWER, quantity(f, 24, 2, Cjt188Units.Kind.POWER, address, "thermal power"));
        values.put(Field.FLOW_RATE, quantity(f, 29, 4, Cjt188Units.Kind.FLOW_RATE, address, "flow rate"));
        values.put(Field.CURRENT_FLOW, quantity(f, 34, 2, Cjt188Units.Kind.VOLUME, address, "cumulative flow"));
        values.put(Field.SUPPLY_TEMPERATURE, number(f, 39, 3, 2, address, "supply temperature").doubleValue());
        values.put(Field.RETURN_TEMPERATURE, number(f, 42, 3, 2, address, "return temperature").doubleValue());
        values.put(Field.WORKING_HOURS, number(f, 45, 3, 0, address, "working time").doubleValue());
        status(values, f[55]);
        return new Metering(type, values);
    }

    /** The answer is long enough for the body of its meter type. */
    private static void body(byte[] f, int length, int type, String kind) throws MeterException {
        int have = f[LENGTH_AT] & 0xFF;
        if (have < length) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, String.format("answer of %d data bytes is too"
                    + " short for the %d-byte metering data of a %s meter (type %02X)", have, length, kind, type));
        }
    }

    private static void status(Map<Field, Object> values, byte status0) {
        values.put(Field.VALVE_CLOSED, (status0 & 0x03) == 0x01);
        values.put(Field.VALVE_ABNORMAL, (status0 & 0x03) == 0x03);
        values.put(Field.BATTERY_LOW, (status0 & 0x04) != 0);
    }

    /** 4 bytes BCD lowest first with {@code decimals} decimals, then the unit byte: in the unit of its kind. */
    private static double quantity(byte[] f, int at, int decimals, Cjt188Units.Kind kind, String address,
                                   String what) throws MeterException {
        return Cjt188Units.convert(number(f, at, 4, decimals, address, what), f[at + 4] & 0xFF, kind,
                "meter " + address + ": " + what);
    }

    /** {@code bytes} bytes BCD lowest first with {@code decimals} decimals. */
    private static BigDecimal number(byte[] f, int at, int bytes, int decimals, String address, String what)
            throws MeterException {
        String digits = Bcd.littleEndian(f, at, bytes);
        if (digits == null) {
            throw new MeterException(MeterException.Kind.BAD_FRAME, "meter " + address + ": " + what
                    + " is not BCD");
        }
        return new BigDecimal(new BigInteger(digits), decimals);
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

    /**
     * One metering answer.
     *
     * @param type   the meter type it came from
     * @param values what it carries: flows and energy in m3, m3/h, kWh, kW; temperatures in degrees C; working
     *               time in hours; status fields as booleans
     */
    record Metering(int type, Map<Field, Object> values) {

        Metering {
            values = Map.copyOf(values);
        }

        /** The field's value; empty when this meter type's answer does not carry it. */
        Optional<Object> field(Field field) {
            return Optional.ofNullable(values.get(field));
        }
    }
}
