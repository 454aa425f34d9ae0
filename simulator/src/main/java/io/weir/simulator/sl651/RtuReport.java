package io.weir.simulator.sl651;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Locale;

import io.weir.simulator.sl651.RtuFrames.Encoding;

/**
 * The body of one report as an RTU writes it: serial number, send time, station (F1 F1 / ST), station type,
 * observation time (F0 F0 / TT), then elements. Rain and levels as SL 651-2014's element table defines them:
 * 20 PJ current rain N(5,1), 22 PN05 5-minute rain N(5,1), 26 PT cumulative rain N(6,1), 39 Z river level N(7,3),
 * 38 VT supply voltage N(4,2), F4 DRP the hour's twelve 5-minute rain amounts (one byte each, 0.1 mm; FF none).
 */
public final class RtuReport {

    private final Encoding encoding;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();

    public RtuReport(Encoding encoding, int serial, LocalDateTime sent, String station, int stationType,
                     LocalDateTime observed) {
        this.encoding = encoding;
        if (encoding == Encoding.HEX) {
            body.write(serial >> 8);
            body.write(serial & 0xFF);
            body.writeBytes(RtuFrames.time(sent));
            if (station != null) {
                body.write(0xF1);
                body.write(0xF1);
                body.writeBytes(RtuFrames.bcd(station));
                body.write(stationType);
                body.write(0xF0);
                body.write(0xF0);
                byte[] t = RtuFrames.time(observed);
                body.write(t, 0, 5);
            }
        } else {
            text.append(String.format(Locale.ROOT, "%04X", serial)).append(digits(sent));
            if (station != null) {
                text.append(" ST ").append(station).append(' ').append((char) stationType)
                        .append(" TT ").append(digits(observed), 0, 10);
            }
        }
    }

    /** A numeric element: identifier, mnemonic, bytes and decimals of its BCD form. */
    public RtuReport element(int id, String mnemonic, double value, int bytes, int decimals) {
        if (encoding == Encoding.HEX) {
            body.write(id);
            body.write((bytes << 3) | decimals);
            body.writeBytes(RtuFrames.number(value, bytes, decimals));
        } else {
            text.append(' ').append(mnemonic).append(' ')
                    .append(String.format(Locale.ROOT, "%." + decimals + "f", value));
        }
        return this;
    }

    /** F4 DRP: twelve 5-minute rain amounts, mm (null: no data). */
    public RtuReport rainSeries(Double[] fiveMinuteRain) {
        byte[] raw = new byte[12];
        for (int i = 0; i < 12; i++) {
            raw[i] = (byte) (fiveMinuteRain[i] == null ? 0xFF : Math.round(fiveMinuteRain[i] * 10));
        }
        if (encoding == Encoding.HEX) {
            body.write(0xF4);
            body.write(0x60);
            body.writeBytes(raw);
        } else {
            text.append(" DRP ").append(java.util.HexFormat.of().withUpperCase().formatHex(raw));
        }
        return this;
    }

    /** Any element as raw bytes (HEX only): for reports with identifiers the centre does not know. */
    public RtuReport raw(byte... bytes) {
        body.writeBytes(bytes);
        return this;
    }

    public byte[] body() {
        return encoding == Encoding.HEX ? body.toByteArray() : text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String digits(LocalDateTime t) {
        return String.format(Locale.ROOT, "%02d%02d%02d%02d%02d%02d", t.getYear() - 2000, t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }
}
