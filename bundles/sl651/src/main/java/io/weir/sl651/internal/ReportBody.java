package io.weir.sl651.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes the body of a frame this gateway sends as a station, in the encoding its centre takes: serial number, send
 * time, station address (and type), observation time, elements. HEX: each element with the data definition byte
 * its table row gives, values in BCD. ASCII: the layout {@link ReportParser} reads on the centre side, so the two
 * directions share one description of the encoding: serial number as 4 hexadecimal characters directly followed by
 * the send time, then blank-separated {@code ST}, {@code TT} and {@code mnemonic value} pairs, values as decimal
 * text with the element's decimals, the 5-minute series as hexadecimal text.
 */
final class ReportBody {

    private final Encoding encoding;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ReportBody(Encoding encoding, int serial, LocalDateTime sent) {
        this.encoding = encoding;
        if (encoding == Encoding.HEX) {
            out.write(serial >> 8);
            out.write(serial);
            out.writeBytes(Bcd.pack(ReportParser.digits(sent)));
        } else {
            text(String.format("%04X", serial) + ReportParser.digits(sent));
        }
    }

    /** The station address and type, then the observation time the elements after it have. */
    ReportBody station(String code, int type, LocalDateTime observed) {
        String observedDigits = ReportParser.digits(observed).substring(0, 10);
        if (encoding == Encoding.HEX) {
            address(code);
            out.write(type);
            out.write(ElementTable.OBSERVATION_TIME);
            out.write(ElementTable.OBSERVATION_TIME);
            out.writeBytes(Bcd.pack(observedDigits));
        } else {
            // the type byte is the letter of the station type (50H 'P' rain, 48H 'H' river ...)
            text(" ST " + code + " " + (char) type + " TT " + observedDigits);
        }
        return this;
    }

    /** The station address alone, as the answers to commands carry it. */
    ReportBody address(String code) {
        if (encoding == Encoding.HEX) {
            out.write(ElementTable.STATION);
            out.write(ElementTable.STATION);
            out.writeBytes(Bcd.pack(code));
        } else {
            text(" ST " + code);
        }
        return this;
    }

    /**
     * A number element of {@code bytes} BCD bytes and {@code decimals} decimals (HEX: a negative value leads with
     * FF); in ASCII the element's mnemonic and the value as decimal text.
     */
    ReportBody number(int id, double value, int bytes, int decimals) {
        if (encoding == Encoding.ASCII) {
            text(" " + mnemonic(id) + " " + String.format(Locale.ROOT, "%." + decimals + "f", value));
            return this;
        }
        out.write(id);
        out.write((bytes << 3) | decimals);
        bcd(value, bytes, decimals);
        return this;
    }

    /** The value alone in {@code bytes} BCD bytes, a negative one led by FF. */
    private void bcd(double value, int bytes, int decimals) {
        long scaled = Math.round(Math.abs(value) * Math.pow(10, decimals));
        if (value < 0) {
            out.write(0xFF);
            out.writeBytes(Bcd.pack(String.format(Locale.ROOT, "%0" + (2 * (bytes - 1)) + "d", scaled)));
        } else {
            out.writeBytes(Bcd.pack(String.format(Locale.ROOT, "%0" + (2 * bytes) + "d", scaled)));
        }
    }

    /**
     * The time step code of a period answer: HEX {@code 04 18} and days, hours, minutes as 3 BCD bytes; ASCII
     * {@code DRD}, {@code DRH} or {@code DRN} and two digits, in the largest unit the step is a whole number of.
     */
    ReportBody timeStep(Duration step) {
        if (encoding == Encoding.HEX) {
            out.write(PeriodQuery.TIME_STEP);
            out.write(PeriodQuery.TIME_STEP_DEFINITION);
            out.writeBytes(Bcd.pack(TimeStep.digits(step)));
        } else {
            text(" " + TimeStep.ascii(step));
        }
        return this;
    }

    /**
     * A period answer's series of one element: HEX the identifier and data definition once, then each value in
     * {@code bytes} BCD bytes, all FF for a point without data; ASCII the mnemonic, then each value as decimal text,
     * {@code FF} for a point without data, separated by blanks.
     */
    ReportBody series(int id, List<Double> values, int bytes, int decimals) {
        if (encoding == Encoding.ASCII) {
            text(" " + mnemonic(id));
            for (Double v : values) {
                text(" " + (v == null ? "FF" : String.format(Locale.ROOT, "%." + decimals + "f", v)));
            }
            return this;
        }
        out.write(id);
        out.write((bytes << 3) | decimals);
        for (Double v : values) {
            if (v == null) {
                for (int k = 0; k < bytes; k++) {
                    out.write(0xFF);
                }
            } else {
                bcd(v, bytes, decimals);
            }
        }
        return this;
    }

    /** F4 DRP: twelve 5-minute rain amounts in 0.1 mm (null: FF, no data); ASCII writes the same bytes as text. */
    ReportBody rainSeries(Double[] mm) {
        byte[] raw = new byte[mm.length];
        for (int i = 0; i < mm.length; i++) {
            raw[i] = (byte) (mm[i] == null ? 0xFF : (int) Math.min(0xFE, Math.round(mm[i] * 10)));
        }
        int id = 0xF4;
        if (encoding == Encoding.HEX) {
            out.write(id);
            out.write(raw.length << 3);
            out.writeBytes(raw);
        } else {
            text(" " + mnemonic(id) + " " + HexFormat.of().withUpperCase().formatHex(raw));
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private static String mnemonic(int id) {
        return ElementTable.byId(id).orElseThrow(() -> new IllegalArgumentException(String.format(
                "element %02X is not in the element table", id))).mnemonic();
    }

    private void text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
