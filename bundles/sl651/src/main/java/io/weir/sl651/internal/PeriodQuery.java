package io.weir.sl651.internal;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

import io.weir.sl651.internal.FrameException.Kind;

/**
 * A centre's period query (查询时段数据, 38H): the values of one element from {@code start} to {@code end} (both
 * included, whole hours) every {@code step}. HEX body after the serial number and send time: start and end time as
 * 4 BCD bytes each (YYMMDDhh), the time step code {@code 04 18} with 3 BCD bytes (days, hours, minutes), and the
 * element's identifier with its data definition byte (which the answer writes in the station's own format). ASCII:
 * the same as blank-separated text, {@code YYMMDDhh YYMMDDhh DRxnn MNEMONIC}, the step as {@code DRD}, {@code DRH}
 * or {@code DRN} (days, hours, minutes) and two digits. A station address ({@code F1 F1} + 5 bytes, ASCII
 * {@code ST <code>}) before the times is allowed and skipped.
 *
 * @param serial  the centre's serial number, which the answer carries
 * @param start   the first point of the series
 * @param end     the last point (a point falls on it when the step divides the range)
 * @param step    between points
 * @param element the element identifier
 */
record PeriodQuery(int serial, LocalDateTime start, LocalDateTime end, Duration step, int element) {

    /** The longest series answered: a month of 5-minute values three times over, some 150 packets of 4 KiB. */
    static final int MAX_POINTS = 30_000;
    static final int TIME_STEP = 0x04;
    static final int TIME_STEP_DEFINITION = 0x18;

    /** The points of the series, start first. */
    long points() {
        return Duration.between(start, end).dividedBy(step) + 1;
    }

    static PeriodQuery read(Frame frame) throws FrameException {
        ReportParser.Header header = ReportParser.header(frame);
        PeriodQuery q = frame.encoding() == Encoding.HEX ? hex(frame.body(), header) : ascii(frame, header);
        if (q.end.isBefore(q.start)) {
            throw new FrameException(Kind.MALFORMED, "end " + q.end + " is before start " + q.start);
        }
        if (q.step.isZero()) {
            throw new FrameException(Kind.MALFORMED, "time step is zero");
        }
        if (q.points() > MAX_POINTS) {
            throw new FrameException(Kind.MALFORMED, q.points() + " points from " + q.start + " to " + q.end
                    + " every " + q.step.toMinutes() + " min; at most " + MAX_POINTS + " are answered");
        }
        return q;
    }

    private static PeriodQuery hex(byte[] b, ReportParser.Header header) throws FrameException {
        int i = header.next();
        if (i + 1 < b.length && (b[i] & 0xFF) == ElementTable.STATION && (b[i + 1] & 0xFF) == ElementTable.STATION) {
            i += 7;
        }
        if (b.length < i + 15) {
            throw new FrameException(Kind.TRUNCATED, "period query of " + b.length + " bytes has no start, end, time"
                    + " step and element");
        }
        LocalDateTime start = hour(Bcd.digits(b, i, 4), "start time");
        LocalDateTime end = hour(Bcd.digits(b, i + 4, 4), "end time");
        if ((b[i + 8] & 0xFF) != TIME_STEP || (b[i + 9] & 0xFF) != TIME_STEP_DEFINITION) {
            throw new FrameException(Kind.MALFORMED, String.format("time step code is %02X %02X, not 04 18",
                    b[i + 8], b[i + 9]));
        }
        String step = Bcd.digits(b, i + 10, 3);
        if (step == null) {
            throw new FrameException(Kind.MALFORMED, "time step is not BCD");
        }
        return new PeriodQuery(header.serial(), start, end, TimeStep.ofDigits(step), b[i + 13] & 0xFF);
    }

    private static PeriodQuery ascii(Frame frame, ReportParser.Header header) throws FrameException {
        String[] t = ReportParser.asciiTokens(frame.body());
        int i = header.next();
        if (i < t.length && t[i].equals("ST")) {
            i += 2;
        }
        if (t.length < i + 4) {
            throw new FrameException(Kind.TRUNCATED, "period query '" + FrameCodec.printable(String.join(" ", t))
                    + "' has no start, end, time step and element");
        }
        LocalDateTime start = hour(t[i], "start time");
        LocalDateTime end = hour(t[i + 1], "end time");
        String step = t[i + 2];
        Duration d = TimeStep.ofAscii(step.toUpperCase(Locale.ROOT)).orElseThrow(() -> new FrameException(
                Kind.MALFORMED, "time step '" + FrameCodec.printable(step) + "' is not DRD, DRH or DRN and two digits"));
        return new PeriodQuery(header.serial(), start, end, d, ElementTable.idOf(t[i + 3]));
    }

    private static LocalDateTime hour(String digits, String what) throws FrameException {
        if (digits == null || !digits.matches("[0-9]{8}")) {
            throw new FrameException(Kind.MALFORMED, what + " '" + (digits == null ? "not BCD"
                    : FrameCodec.printable(digits)) + "' is not YYMMDDhh");
        }
        return ReportParser.time(digits + "0000", what);
    }
}
