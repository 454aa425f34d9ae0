package io.weir.sl651.internal;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * Writes the body of a report this gateway sends as a station (HEX encoding): serial number, send time, station
 * address and type, observation time, elements, each with the data definition byte its table row gives.
 */
final class ReportBody {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ReportBody(int serial, LocalDateTime sent) {
        out.write(serial >> 8);
        out.write(serial);
        out.writeBytes(Bcd.pack(ReportParser.digits(sent)));
    }

    ReportBody station(String code, int type, LocalDateTime observed) {
        out.write(ElementTable.STATION);
        out.write(ElementTable.STATION);
        out.writeBytes(Bcd.pack(code));
        out.write(type);
        out.write(ElementTable.OBSERVATION_TIME);
        out.write(ElementTable.OBSERVATION_TIME);
        out.writeBytes(Bcd.pack(ReportParser.digits(observed).substring(0, 10)));
        return this;
    }

    /** A BCD element of {@code bytes} bytes and {@code decimals} decimals; a negative value leads with FF. */
    ReportBody number(int id, double value, int bytes, int decimals) {
        out.write(id);
        out.write((bytes << 3) | decimals);
        long scaled = Math.round(Math.abs(value) * Math.pow(10, decimals));
        if (value < 0) {
            out.write(0xFF);
            out.writeBytes(Bcd.pack(String.format(Locale.ROOT, "%0" + (2 * (bytes - 1)) + "d", scaled)));
        } else {
            out.writeBytes(Bcd.pack(String.format(Locale.ROOT, "%0" + (2 * bytes) + "d", scaled)));
        }
        return this;
    }

    /** F4 DRP: twelve 5-minute rain amounts in 0.1 mm (null: FF, no data). */
    ReportBody rainSeries(Double[] mm) {
        out.write(0xF4);
        out.write(0x60);
        for (Double v : mm) {
            out.write(v == null ? 0xFF : (int) Math.min(0xFE, Math.round(v * 10)));
        }
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
