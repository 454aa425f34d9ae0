package io.weir.rules.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

import io.weir.api.AlarmEvent;
import io.weir.api.AlarmLevel;
import io.weir.api.AlarmTransition;

/**
 * Brute-force references for the scenario tests, written from the definitions and sharing no code with the engine:
 * rain over a window is the sum of every amount's share of it, a rate is the least-squares line through every
 * reading in the window, and a level follows the plain rules of raise, hysteresis and hold.
 */
final class Reference {

    private Reference() {
    }

    /** Rain known to have fallen evenly in {@code (from, to]}. */
    record Rain(Instant from, Instant to, double mm) {
    }

    /** A level change the reference expects, at the time of the reading that causes it. */
    record Change(Instant at, AlarmLevel level) {
    }

    /** The rain of {@code (from, to]}: every amount's share of that interval, in proportion to time. */
    static double rainIn(List<Rain> rains, Instant from, Instant to) {
        double sum = 0;
        for (Rain r : rains) {
            long start = Math.max(r.from().toEpochMilli(), from.toEpochMilli());
            long end = Math.min(r.to().toEpochMilli(), to.toEpochMilli());
            if (end > start) {
                sum += r.mm() * (end - start) / (double) (r.to().toEpochMilli() - r.from().toEpochMilli());
            }
        }
        return sum;
    }

    /** The change in the least-squares line through the points of {@code [from, to]}, from the first to the last. */
    static double fittedChange(List<Instant> times, List<Double> values, Instant from, Instant to) {
        var xs = new ArrayList<Double>();
        var ys = new ArrayList<Double>();
        for (int i = 0; i < times.size(); i++) {
            if (!times.get(i).isBefore(from) && !times.get(i).isAfter(to)) {
                xs.add(times.get(i).toEpochMilli() / 60_000.0);
                ys.add(values.get(i));
            }
        }
        if (xs.size() < 2) {
            return 0;
        }
        double mx = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double my = ys.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < xs.size(); i++) {
            sxy += (xs.get(i) - mx) * (ys.get(i) - my);
            sxx += (xs.get(i) - mx) * (xs.get(i) - mx);
        }
        return sxy / sxx * (xs.get(xs.size() - 1) - xs.get(0));
    }

    /** The level changes an engine's events of one rule say: RAISED, ESCALATED, DEESCALATED to a level, CLEARED. */
    static List<Change> changes(List<AlarmEvent> events, String ruleId) {
        var changes = new ArrayList<Change>();
        for (AlarmEvent e : events) {
            if (e.ruleId().equals(ruleId) && e.transition() != AlarmTransition.ACKNOWLEDGED) {
                changes.add(new Change(e.timestamp(), e.transition() == AlarmTransition.CLEARED ? null : e.level()));
            }
        }
        return changes;
    }

    /** What a level's condition measures at a reading (for rain: that level's window). */
    interface Measure {
        double at(int reading, int level);
    }

    /**
     * The levels an alarm goes through, reading by reading: raised or escalated at once when a level's threshold is
     * reached; lowered to the highest level whose threshold its measure is still within {@code hysteresis} of, but
     * only once the level has been held {@code holdMinutes}.
     *
     * @param thresholds ascending thresholds, one per level of {@code levels}
     */
    static List<Change> levels(List<Instant> times, DoubleFunction<Double> hysteresis, AlarmLevel[] levels,
                               double[] thresholds, Measure measure, long holdMinutes) {
        var changes = new ArrayList<Change>();
        int current = -1;
        Instant since = null;
        for (int i = 0; i < times.size(); i++) {
            int reached = -1;
            int held = -1;
            for (int l = 0; l < thresholds.length; l++) {
                double v = measure.at(i, l);
                if (v >= thresholds[l]) {
                    reached = l;
                }
                if (l <= current && v >= thresholds[l] - hysteresis.apply(thresholds[l])) {
                    held = l;
                }
            }
            int target = Math.max(reached, held);
            if (target > current) {
                current = target;
                since = times.get(i);
                changes.add(new Change(times.get(i), levels[current]));
            } else if (target < current && times.get(i).toEpochMilli() - since.toEpochMilli()
                    >= holdMinutes * 60_000) {
                current = target;
                since = times.get(i);
                changes.add(new Change(times.get(i), current < 0 ? null : levels[current]));
            }
        }
        return changes;
    }
}
