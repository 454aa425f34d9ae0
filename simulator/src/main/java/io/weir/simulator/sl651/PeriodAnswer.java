package io.weir.simulator.sl651;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A station's answer to a period query (38H), read the way a centre reads it, for the simulator alone. HEX body:
 * serial number (2), send time (6), {@code F1 F1} station (5) and type (1), {@code F0 F0} observation time (5 BCD,
 * the series' first point), {@code 04 18} time step (days, hours, minutes BCD), the element's identifier and data
 * definition, then one value a point in the definition's bytes (all FF: no data). ASCII: the same as blank-separated
 * text, {@code DRN}/{@code DRH}/{@code DRD} and two digits for the step, {@code FF} for a point without data.
 *
 * @param station     the station address
 * @param first       the time of the first point
 * @param stepMinutes between points
 * @param element     the element identifier (HEX) or mnemonic (ASCII)
 * @param values      one a point, null where the station had no data
 */
public record PeriodAnswer(String station, LocalDateTime first, int stepMinutes, String element,
                           List<Double> values) {

    public static PeriodAnswer read(SimulatedCentre.Received answer) {
        return answer.ascii() ? ascii(new String(answer.body(), StandardCharsets.US_ASCII)) : hex(answer.body());
    }

    private static PeriodAnswer hex(byte[] b) {
        String station = digits(b, 10, 5);
        LocalDateTime first = minute(digits(b, 18, 5));
        String step = digits(b, 25, 3);
        int stepMinutes = Integer.parseInt(step.substring(0, 2)) * 1440 + Integer.parseInt(step.substring(2, 4)) * 60
                + Integer.parseInt(step.substring(4));
        int element = b[28] & 0xFF;
        int bytes = (b[29] & 0xFF) >> 3;
        int decimals = b[29] & 0x07;
        var values = new ArrayList<Double>();
        for (int at = 30; at + bytes <= b.length; at += bytes) {
            byte[] v = Arrays.copyOfRange(b, at, at + bytes);
            if (allFf(v)) {
                values.add(null);
            } else if ((v[0] & 0xFF) == 0xFF) {
                values.add(-Long.parseLong(digits(v, 1, bytes - 1)) / Math.pow(10, decimals));
            } else {
                values.add(Long.parseLong(digits(v, 0, bytes)) / Math.pow(10, decimals));
            }
        }
        return new PeriodAnswer(station, first, stepMinutes, String.format("%02X", element), values);
    }

    private static PeriodAnswer ascii(String body) {
        String[] t = body.strip().split("\\s+");
        // t[0] serial and send time, "ST" code type, "TT" time, step, mnemonic, values
        String station = t[2];
        LocalDateTime first = minute(t[5]);
        int n = Integer.parseInt(t[6].substring(3));
        int stepMinutes = switch (t[6].charAt(2)) {
            case 'D' -> n * 1440;
            case 'H' -> n * 60;
            default -> n;
        };
        var values = new ArrayList<Double>();
        for (int i = 8; i < t.length; i++) {
            values.add(t[i].equals("FF") ? null : Double.parseDouble(t[i]));
        }
        return new PeriodAnswer(station, first, stepMinutes, t[7], values);
    }

    private static boolean allFf(byte[] v) {
        for (byte x : v) {
            if ((x & 0xFF) != 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static String digits(byte[] b, int at, int count) {
        var s = new StringBuilder();
        for (int i = at; i < at + count; i++) {
            s.append(String.format("%02X", b[i]));
        }
        return s.toString();
    }

    private static LocalDateTime minute(String yymmddhhmm) {
        return LocalDateTime.of(2000 + Integer.parseInt(yymmddhhmm.substring(0, 2)),
                Integer.parseInt(yymmddhhmm.substring(2, 4)), Integer.parseInt(yymmddhhmm.substring(4, 6)),
                Integer.parseInt(yymmddhhmm.substring(6, 8)), Integer.parseInt(yymmddhhmm.substring(8, 10)));
    }
}
