package io.weir.sl651.internal;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;


/**
 * Reads a message body: serial number, send time, then (reports) the station, and elements, each after the most
 * recent observation time. HEX elements are an identifier, a data definition byte (high 5 bits: bytes, low 3 bits:
 * decimal places) and the data; a value whose first byte is FF is negative, one of only FF (or AA) bytes is absent.
 * After a time step code (an even-period report), one element's values follow, one step apart, to the end of the body.
 * ASCII elements are a mnemonic and decimal text separated by blanks; the 5-minute series as hexadecimal text; a
 * time step is {@code DRD}, {@code DRH} or {@code DRN} and two digits, after which one element's mnemonic is followed
 * by its values one step apart ({@code FF}: no data).
 */
final class ReportParser {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    /** Intervals of a 5-minute series, and their length. */
    static final int SERIES_LENGTH = 12;
    static final int SERIES_STEP_MINUTES = 5;

    private ReportParser() {
    }

    /**
     * When interval {@code index} (0..11) of a 5-minute series observed at {@code observed} ends: the series covers
     * the hour that ends at the observation time, so interval 11 ends at it. See docs/domain.md for the source.
     */
    static LocalDateTime seriesIntervalEnd(LocalDateTime observed, int index) {
        return observed.minusMinutes((long) SERIES_STEP_MINUTES * (SERIES_LENGTH - 1 - index));
    }

    static Report parse(Frame frame) throws FrameException {
        return frame.encoding() == Encoding.HEX ? parseHex(frame) : parseAscii(frame);
    }

    /**
     * What every message body starts with: the serial number and the send time.
     *
     * @param next where the rest begins: HEX a byte offset, ASCII a token index
     */
    record Header(int serial, LocalDateTime sent, int next) {
    }

    /** The serial number and send time of any message: a report, an acknowledgement, a centre's command. */
    static Header header(Frame frame) throws FrameException {
        return header(frame.encoding(), frame.body());
    }

    /** The same, of a body in the given encoding (a message longer than one frame is never a {@link Frame}). */
    static Header header(Encoding encoding, byte[] body) throws FrameException {
        return encoding == Encoding.HEX ? hexHeader(body) : asciiHeader(asciiTokens(body));
    }

    private static Header hexHeader(byte[] b) throws FrameException {
        if (b.length < 8) {
            throw new FrameException(FrameException.Kind.TRUNCATED, "body of " + b.length
                    + " bytes has no serial number and send time");
        }
        return new Header(((b[0] & 0xFF) << 8) | (b[1] & 0xFF), time(Bcd.digits(b, 2, 6), "send time"), 8);
    }

    /** An ASCII body's blank-separated words. */
    static String[] asciiTokens(byte[] body) {
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }

    /** The serial number as 4 hexadecimal characters, the send time right after it or after a blank. */
    private static Header asciiHeader(String[] t) throws FrameException {
        int next;
        String serialText;
        String sentText;
        if (t.length >= 1 && t[0].length() == 16) {
            serialText = t[0].substring(0, 4);
            sentText = t[0].substring(4);
            next = 1;
        } else if (t.length >= 2) {
            serialText = t[0];
            sentText = t[1];
            next = 2;
        } else {
            throw new FrameException(FrameException.Kind.TRUNCATED, "body '" + FrameCodec.printable(String.join(" ",
                    t)) + "' has no serial number and send time");
        }
        try {
            return new Header(Integer.parseInt(serialText, 16), time(sentText, "send time"), next);
        } catch (NumberFormatException e) {
            throw new FrameException(FrameException.Kind.MALFORMED, "serial number '" + FrameCodec.printable(serialText)
                    + "' is not hexadecimal");
        }
    }

    private static Report parseHex(Frame frame) throws FrameException {
        byte[] b = frame.body();
        Header header = hexHeader(b);
        int serial = header.serial();
        LocalDateTime sent = header.sent();
        String station = frame.station();
        int type = -1;
        LocalDateTime observed = sent.withSecond(0);
        var values = new ArrayList<Report.Value>();
        var unknown = new ArrayList<Integer>();
        Duration step = null;
        int i = header.next();
        while (i < b.length) {
            int id = b[i] & 0xFF;
            if (id == ElementTable.STATION && i + 1 < b.length && (b[i + 1] & 0xFF) == ElementTable.STATION) {
                need(b, i + 2, 6, "station address");
                station = Bcd.digits(b, i + 2, 5);
                if (station == null) {
                    throw new FrameException(FrameException.Kind.MALFORMED, "station address in the body is not BCD");
                }
                type = b[i + 7] & 0xFF;
                i += 8;
                continue;
            }
            if (id == ElementTable.OBSERVATION_TIME && i + 1 < b.length
                    && (b[i + 1] & 0xFF) == ElementTable.OBSERVATION_TIME) {
                need(b, i + 2, 5, "observation time");
                observed = time(Bcd.digits(b, i + 2, 5) + "00", "observation time");
                i += 7;
                continue;
            }
            if (id == ElementTable.MANUAL_DATA || id == ElementTable.PICTURE) {
                break; // free text or a picture fills the rest of the body: nothing for readings
            }
            int at = i + 1;
            if (id == ElementTable.EXTENDED) {
                need(b, at, 1, "extended identifier");
                id = 0xFF00 | (b[at] & 0xFF);
                at++;
            }
            need(b, at, 1, String.format("data definition of element %02X", id));
            int definition = b[at] & 0xFF;
            int length = definition >>> 3;
            int decimals = definition & 0x07;
            need(b, at + 1, length, String.format("data of element %02X (%d bytes)", id, length));
            Optional<ElementSpec> spec = ElementTable.byId(id);
            if (spec.isEmpty()) {
                unknown.add(id);
            } else if (spec.get().kind() == ElementSpec.Kind.TIME_STEP) {
                step = timeStep(b, at + 1, length);
            } else if (step != null && isNumber(spec.get())) {
                evenPeriod(spec.get(), b, at + 1, length, decimals, observed, step, values);
                break;
            } else {
                hexValues(spec.get(), b, at + 1, length, decimals, observed, values);
            }
            i = at + 1 + length;
        }
        return new Report(serial, sent, station, type, values, unknown);
    }

    private static boolean isNumber(ElementSpec spec) {
        return spec.kind() == ElementSpec.Kind.VALUE || spec.kind() == ElementSpec.Kind.RAIN_INTERVAL;
    }

    /** A time step code, DDHHmm in BCD; null when it is zero (no even periods follow). */
    private static Duration timeStep(byte[] b, int at, int length) throws FrameException {
        String digits = length == 3 ? Bcd.digits(b, at, 3) : null;
        if (digits == null) {
            throw new FrameException(FrameException.Kind.MALFORMED, "time step code ("
                    + HexFormat.of().withUpperCase().formatHex(b, at, at + length) + ") is not 3 bytes of BCD DDHHmm");
        }
        Duration step = TimeStep.ofDigits(digits);
        return step.isZero() ? null : step;
    }

    /**
     * An even-period report's values: after the time step code, one element's identifier and data definition,
     * then its values one step apart to the end of the body, the first observed at the observation time. See
     * docs/domain.md for the frame this reading rests on.
     */
    private static void evenPeriod(ElementSpec spec, byte[] b, int at, int length, int decimals,
                                   LocalDateTime observed, Duration step, List<Report.Value> out)
            throws FrameException {
        if (length == 0) {
            throw new FrameException(FrameException.Kind.MALFORMED, "element " + spec.mnemonic()
                    + " after a time step has no data bytes");
        }
        LocalDateTime when = observed;
        for (int k = at; k + length <= b.length; k += length) {
            out.add(new Report.Value(spec, when, bcdNumber(spec, b, k, length, decimals)));
            when = when.plus(step);
        }
    }

    private static void hexValues(ElementSpec spec, byte[] b, int at, int length, int decimals,
                                  LocalDateTime observed, List<Report.Value> out) throws FrameException {
        switch (spec.kind()) {
            case STATUS -> {
                long bits = 0;
                for (int k = 0; k < length; k++) {
                    bits = (bits << 8) | (b[at + k] & 0xFF);
                }
                out.add(new Report.Value(spec, observed, (double) bits));
            }
            case RAIN_SERIES -> {
                for (int k = 0; k < Math.min(length, SERIES_LENGTH); k++) {
                    int raw = b[at + k] & 0xFF;
                    out.add(new Report.Value(spec, seriesIntervalEnd(observed, k), raw == 0xFF ? null : raw / 10.0));
                }
            }
            case LEVEL_SERIES -> {
                for (int k = 0; k < Math.min(length / 2, SERIES_LENGTH); k++) {
                    int raw = ((b[at + 2 * k] & 0xFF) << 8) | (b[at + 2 * k + 1] & 0xFF);
                    out.add(new Report.Value(spec, seriesIntervalEnd(observed, k), raw == 0xFFFF ? null : raw / 100.0));
                }
            }
            case VALUE, RAIN_INTERVAL -> out.add(new Report.Value(spec, observed, bcdNumber(spec, b, at, length,
                    decimals)));
        }
    }

    private static Double bcdNumber(ElementSpec spec, byte[] b, int at, int length, int decimals)
            throws FrameException {
        boolean absent = true;
        for (int k = 0; k < length; k++) {
            int v = b[at + k] & 0xFF;
            absent &= v == 0xFF || v == 0xAA;
        }
        if (absent || length == 0) {
            return null;
        }
        boolean negative = (b[at] & 0xFF) == 0xFF;
        String digits = negative ? Bcd.digits(b, at + 1, length - 1) : Bcd.digits(b, at, length);
        if (digits == null) {
            throw new FrameException(FrameException.Kind.MALFORMED, "element " + spec.mnemonic() + " ("
                    + HexFormat.of().withUpperCase().formatHex(b, at, at + length) + ") is not BCD");
        }
        double value = Long.parseLong(digits) / Math.pow(10, decimals);
        return negative ? -value : value;
    }

    private static Report parseAscii(Frame frame) throws FrameException {
        String[] t = asciiTokens(frame.body());
        Header header = asciiHeader(t);
        int next = header.next();
        int serial = header.serial();
        LocalDateTime sent = header.sent();
        String station = frame.station();
        int type = -1;
        LocalDateTime observed = sent.withSecond(0);
        var values = new ArrayList<Report.Value>();
        var unknown = new ArrayList<Integer>();
        Duration step = null;
        for (int i = next; i < t.length; i++) {
            String token = t[i];
            Optional<Duration> stepCode = TimeStep.ofAscii(token);
            if (stepCode.isPresent()) {
                step = stepCode.get().isZero() ? null : stepCode.get();
            } else if (token.equals("ST")) {
                station = argument(t, ++i, "ST");
                if (!Frame.STATION.matcher(station).matches()) {
                    throw new FrameException(FrameException.Kind.MALFORMED, "ST '" + FrameCodec.printable(station)
                            + "' is not 10 digits");
                }
                if (i + 1 < t.length && t[i + 1].length() == 1) {
                    type = t[++i].charAt(0);
                }
            } else if (token.equals("TT")) {
                observed = time(argument(t, ++i, "TT") + "00", "observation time");
            } else {
                String argument = argument(t, ++i, token);
                Optional<ElementSpec> spec = ElementTable.byMnemonic(token);
                if (spec.isEmpty()) {
                    unknown.add(-1);
                    continue;
                }
                if (step != null && isNumber(spec.get())) {
                    i = asciiEvenPeriod(spec.get(), t, i, observed, step, values) - 1;
                    continue;
                }
                asciiValues(spec.get(), argument, observed, values);
            }
        }
        return new Report(serial, sent, station, type, values, unknown);
    }

    /**
     * The ASCII form of {@link #evenPeriod}: from token {@code from} on, the element's values one step apart, the
     * first at the observation time, as long as tokens are numbers or {@code FF} (no data).
     *
     * @return the index of the first token after the values
     */
    private static int asciiEvenPeriod(ElementSpec spec, String[] t, int from, LocalDateTime observed, Duration step,
                                       List<Report.Value> out) throws FrameException {
        int i = from;
        LocalDateTime when = observed;
        for (; i < t.length && (t[i].equals("FF") || DECIMAL.matcher(t[i]).matches()); i++) {
            out.add(new Report.Value(spec, when, t[i].equals("FF") ? null : Double.parseDouble(t[i])));
            when = when.plus(step);
        }
        if (i == from) {
            throw new FrameException(FrameException.Kind.MALFORMED, "element " + spec.mnemonic()
                    + " after a time step has no values");
        }
        return i;
    }

    private static void asciiValues(ElementSpec spec, String text, LocalDateTime observed, List<Report.Value> out)
            throws FrameException {
        try {
            switch (spec.kind()) {
                case TIME_STEP -> {
                }
                case RAIN_SERIES -> {
                    byte[] raw = HexFormat.of().parseHex(text);
                    for (int k = 0; k < Math.min(raw.length, SERIES_LENGTH); k++) {
                        int v = raw[k] & 0xFF;
                        out.add(new Report.Value(spec, seriesIntervalEnd(observed, k), v == 0xFF ? null : v / 10.0));
                    }
                }
                case LEVEL_SERIES -> {
                    byte[] raw = HexFormat.of().parseHex(text);
                    for (int k = 0; k < Math.min(raw.length / 2, SERIES_LENGTH); k++) {
                        int v = ((raw[2 * k] & 0xFF) << 8) | (raw[2 * k + 1] & 0xFF);
                        out.add(new Report.Value(spec, seriesIntervalEnd(observed, k), v == 0xFFFF ? null : v / 100.0));
                    }
                }
                case STATUS -> out.add(new Report.Value(spec, observed, (double) Long.parseLong(text, 16)));
                case VALUE, RAIN_INTERVAL -> out.add(new Report.Value(spec, observed, Double.parseDouble(text)));
            }
        } catch (IllegalArgumentException e) {
            throw new FrameException(FrameException.Kind.MALFORMED, "element " + spec.mnemonic() + " value '"
                    + FrameCodec.printable(text) + "' is not readable");
        }
    }

    private static String argument(String[] t, int i, String of) throws FrameException {
        if (i >= t.length) {
            throw new FrameException(FrameException.Kind.TRUNCATED, of + " has no value");
        }
        return t[i];
    }

    private static void need(byte[] b, int at, int count, String what) throws FrameException {
        if (at + count > b.length) {
            throw new FrameException(FrameException.Kind.TRUNCATED, what + " runs past the end of the body");
        }
    }

    /** YYMMDDhhmmss (20YY), as SL 651 sends times. */
    static LocalDateTime time(String digits, String what) throws FrameException {
        if (digits == null || digits.length() != 12 || !digits.chars().allMatch(Character::isDigit)) {
            throw new FrameException(FrameException.Kind.MALFORMED, what + " '"
                    + (digits == null ? "not BCD" : FrameCodec.printable(digits)) + "' is not YYMMDDhhmm[ss]");
        }
        try {
            return LocalDateTime.of(2000 + Integer.parseInt(digits.substring(0, 2)),
                    Integer.parseInt(digits.substring(2, 4)), Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)), Integer.parseInt(digits.substring(8, 10)),
                    Integer.parseInt(digits.substring(10, 12)));
        } catch (DateTimeException e) {
            throw new FrameException(FrameException.Kind.MALFORMED, what + " " + digits + " is not a date: "
                    + e.getMessage());
        }
    }

    /** A time as SL 651 sends it: YYMMDDhhmmss digits. */
    static String digits(LocalDateTime t) {
        return String.format("%02d%02d%02d%02d%02d%02d", t.getYear() % 100, t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }
}
