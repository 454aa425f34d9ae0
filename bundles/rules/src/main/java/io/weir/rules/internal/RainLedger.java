package io.weir.rules.internal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One gauge's rain, booked where it fell, and the products flood offices read from it: rolling sums from 10 minutes
 * to 72 hours, the hydrological day so far, the current rain event (过程雨量), and hourly, daily and event totals to
 * publish.
 * <p>
 * Rain is booked as "so much in {@code (from, to]}" and spread over that interval in proportion to time, minute by
 * minute: a gauge read every 10 minutes, or a counter read again after an outage, did not rain all of it at the
 * end. Rain spread over more than an hour is of unknown timing and marked estimated; it is never squeezed into a
 * shorter span than the one it may have fallen in. Two rings hold it: one-minute buckets for three hours (10 min to
 * 3 h windows) and five-minute buckets for 72 hours (6 h to 72 h windows, hours and days). Periods follow SL 21
 * ({@link HydroCalendar}): the rain of the interval ending at 08:00 belongs to the day ending then.
 * <p>
 * Hours and days are due for publication once the newest booking reaches their end; rain booked later into a
 * period already published makes it due again, with its new total. Not thread-safe.
 */
final class RainLedger {

    static final long FINE_MS = Duration.ofMinutes(1).toMillis();
    static final long COARSE_MS = Duration.ofMinutes(5).toMillis();
    static final int FINE_BUCKETS = 180;
    static final int COARSE_BUCKETS = 864;
    /** Rain spread over a longer interval than this fell at a time nobody knows: estimated. */
    static final long UNKNOWN_TIMING_MS = Duration.ofHours(1).toMillis();

    /** Flags on a five-minute bucket. */
    static final int ESTIMATED = 0;
    static final int DOUBTFUL = 1;
    static final int BOOKED = 2;

    enum Kind { HOUR, DAY, EVENT }

    /**
     * A total to publish.
     *
     * @param endMillis   the end of its period (for an event, when it was over or the hour it was read at)
     * @param estimated   some of it fell at a time nobody knows (an outage, a counter restart)
     * @param doubtful    some of it was more than the gauge could believably measure, and was clamped
     */
    record Product(Kind kind, long endMillis, long micrometres, boolean estimated, boolean doubtful) {
    }

    private final HydroCalendar calendar;
    private final long eventDryMillis;
    private final RollingSums fine;
    private final RollingSums coarse;

    private long head = Long.MIN_VALUE; // the newest time booked or advanced to
    private long dayStart;              // the day holding head: (dayStart, dayEnd]
    private long dayEnd;
    private long dayTotal;
    private long hoursDone;             // hours ending at or before this are queued or published
    private long daysDone;
    private long nextHourEnd = Long.MIN_VALUE; // the first hour end after hoursDone, once known
    private long nextDayEnd = Long.MIN_VALUE;
    private long eventStart = Long.MIN_VALUE; // MIN_VALUE: no event
    private long lastRain = Long.MIN_VALUE;
    private long eventTotal;
    private final TreeSet<Long> dueHours = new TreeSet<>();
    private final TreeSet<Long> dueDays = new TreeSet<>();
    private final List<Product> dueEvents = new ArrayList<>(1);

    /**
     * @param eventDry     the dry spell that ends a rain event
     * @param bookedFlags  true to track which five-minute buckets intervals were booked into (interval sources)
     */
    RainLedger(HydroCalendar calendar, Duration eventDry, boolean bookedFlags) {
        this.calendar = calendar;
        this.eventDryMillis = eventDry.toMillis();
        this.fine = new RollingSums(FINE_MS, FINE_BUCKETS, buckets(RainWindow.FINE, FINE_MS), 0);
        this.coarse = new RollingSums(COARSE_MS, COARSE_BUCKETS, buckets(RainWindow.COARSE, COARSE_MS),
                bookedFlags ? 3 : 2);
    }

    private static int[] buckets(List<RainWindow> windows, long bucketMillis) {
        return windows.stream().mapToInt(w -> Math.toIntExact(w.duration().toMillis() / bucketMillis)).toArray();
    }

    /** The newest time booked or advanced to; {@link Long#MIN_VALUE} before the first. */
    long head() {
        return head;
    }

    /** Rain in µm over a window at the newest time. */
    long sum(RainWindow window) {
        return switch (window) {
            case DAY -> dayTotal;
            case EVENT -> eventStart == Long.MIN_VALUE ? 0 : eventTotal;
            case M10, M30, H1, H2, H3 -> fine.sum(window.ordinal() - RainWindow.M10.ordinal());
            default -> coarse.sum(window.ordinal() - RainWindow.H6.ordinal());
        };
    }

    /**
     * Moves time on to {@code to} without rain being known to have fallen, e.g. while the gauge is silent.
     *
     * @param unknown true when the time passed without data: its buckets are marked estimated
     */
    void advance(long to, boolean unknown) {
        long from = head;
        moveHead(to);
        if (unknown && from != Long.MIN_VALUE) {
            for (long j = coarse.index(from) + 1; j <= coarse.index(head); j++) {
                coarse.flag(ESTIMATED, j);
            }
        }
        endEventIfDry();
    }

    /**
     * Books {@code micrometres} of rain that fell in {@code (from, to]}.
     *
     * @param doubtful the amount was clamped to what is believable
     */
    void book(long from, long to, long micrometres, boolean doubtful) {
        if (to <= from) {
            from = to - FINE_MS;
        }
        moveHead(to);
        spread(from, to, micrometres, doubtful);
        endEventIfDry();
    }

    /**
     * Books the rain of an observation interval, such as "the 5 minutes to 10:05: 0.5 mm" from an RTU's series,
     * counting an interval sent twice once: buckets already booked by an earlier interval keep their rain, and only
     * what this one adds beyond them is booked into the rest.
     *
     * @return false when every bucket of the interval was booked before (a repeat), so nothing was added
     */
    boolean bookInterval(long from, long to, long micrometres, boolean doubtful) {
        moveHead(to);
        long a = coarse.index(from);
        long b = coarse.index(to);
        if (from % COARSE_MS != 0 || to % COARSE_MS != 0 || !coarse.holdsRange(a, b)) {
            spread(from, to, micrometres, doubtful); // not on the five-minute grid, or too old to check
            endEventIfDry();
            return true;
        }
        long already = 0;
        var open = new ArrayList<Long>();
        for (long j = a + 1; j <= b; j++) {
            if (coarse.flagged(BOOKED, j)) {
                already += coarse.bucket(j);
            } else {
                open.add(j);
            }
        }
        if (open.isEmpty()) {
            return false;
        }
        long rest = Math.max(0, micrometres - already);
        long done = 0;
        for (int k = 0; k < open.size(); k++) {
            long j = open.get(k);
            long upTo = rest * (k + 1) / open.size();
            spread(j * COARSE_MS - COARSE_MS, j * COARSE_MS, upTo - done, doubtful);
            done = upTo;
            coarse.flag(BOOKED, j);
        }
        endEventIfDry();
        return true;
    }

    private void spread(long from, long to, long micrometres, boolean doubtful) {
        boolean estimated = to - from > UNKNOWN_TIMING_MS;
        long total = to - from;
        long first = Math.floorDiv(from, FINE_MS) + 1;
        long last = fine.index(to);
        // parts older than the long ring are in no window and no publishable period: skip them
        long oldest = (coarse.head() - COARSE_BUCKETS) * (COARSE_MS / FINE_MS) + 1;
        if (first < oldest) {
            first = Math.min(oldest, last + 1);
        }
        long elapsed = Math.max(0, Math.min(to, (first - 1) * FINE_MS) - from);
        long done = micrometres * elapsed / total;
        for (long m = first; m <= last; m++) {
            long start = Math.max(from, (m - 1) * FINE_MS);
            long end = Math.min(to, m * FINE_MS);
            elapsed += end - start;
            long upTo = micrometres * elapsed / total;
            long part = upTo - done;
            done = upTo;
            if (part != 0) {
                put(m * FINE_MS, part, estimated, doubtful);
            }
        }
    }

    /** One part of a booking, at the end of its minute. */
    private void put(long at, long part, boolean estimated, boolean doubtful) {
        long c = coarse.index(at);
        if (!coarse.holds(c)) {
            return;
        }
        fine.add(fine.index(at), part);
        coarse.add(c, part);
        if (estimated) {
            coarse.flag(ESTIMATED, c);
        }
        if (doubtful) {
            coarse.flag(DOUBTFUL, c);
        }
        if (at > dayStart) {
            dayTotal += part;
        } else {
            dueDays.add(calendar.dayEnd(at));
        }
        if (at <= hoursDone) {
            dueHours.add(calendar.hourEnd(at));
        }
        if (part > 0) {
            rainAt(at, part);
        }
    }

    private void rainAt(long at, long part) {
        if (eventStart != Long.MIN_VALUE && at - lastRain >= eventDryMillis) {
            endEvent(lastRain + eventDryMillis);
        }
        if (eventStart == Long.MIN_VALUE) {
            eventStart = at - FINE_MS;
            eventTotal = 0;
        }
        if (at > eventStart) {
            eventTotal += part;
            lastRain = Math.max(lastRain, at);
        }
    }

    private void endEventIfDry() {
        if (eventStart != Long.MIN_VALUE && head - lastRain >= eventDryMillis) {
            endEvent(lastRain + eventDryMillis);
        }
    }

    private void endEvent(long endedAt) {
        dueEvents.add(new Product(Kind.EVENT, endedAt, eventTotal, false, false));
        eventStart = Long.MIN_VALUE;
        eventTotal = 0;
    }

    private void moveHead(long to) {
        if (head == Long.MIN_VALUE) {
            head = to;
            fine.advanceTo(fine.index(to));
            coarse.advanceTo(coarse.index(to));
            dayEnd = calendar.dayEnd(to);
            dayStart = calendar.dayStart(dayEnd);
            hoursDone = lastEndAtOrBefore(to, calendar.hourEnd(to), Duration.ofHours(1).toMillis());
            daysDone = dayEnd == to ? to : dayStart;
            nextHourEnd = Long.MIN_VALUE;
            nextDayEnd = Long.MIN_VALUE;
            return;
        }
        if (to <= head) {
            return;
        }
        fine.advanceTo(fine.index(to));
        coarse.advanceTo(coarse.index(to));
        if (to >= nextHourEnd) { // zone arithmetic only when an hour has ended, not at every reading
            long oldestHour = to - (COARSE_BUCKETS * COARSE_MS - Duration.ofHours(1).toMillis());
            long h = calendar.hourEnd(Math.max(hoursDone, oldestHour) + 1);
            for (; h <= to; h = calendar.hourEnd(h + 1)) {
                dueHours.add(h);
                hoursDone = h;
            }
            nextHourEnd = h;
        }
        if (to >= nextDayEnd) {
            long d = calendar.dayEnd(Math.max(daysDone, to - Duration.ofDays(3).toMillis()) + 1);
            for (; d <= to; d = calendar.dayEnd(d + 1)) {
                dueDays.add(d);
                daysDone = d;
            }
            nextDayEnd = d;
        }
        if (to > dayEnd) {
            dayEnd = calendar.dayEnd(to);
            dayStart = calendar.dayStart(dayEnd);
            dayTotal = 0;
        }
        head = to;
    }

    private static long lastEndAtOrBefore(long at, long nextEnd, long period) {
        return nextEnd == at ? at : nextEnd - period;
    }

    /**
     * The totals due: hours and days whose end has been reached (or which got late rain), and events that ended;
     * while an event goes on, its total so far at the newest hour that closed.
     */
    List<Product> drain() {
        if (dueHours.isEmpty() && dueDays.isEmpty() && dueEvents.isEmpty()) {
            return List.of();
        }
        var products = new ArrayList<Product>();
        for (long h : dueHours) {
            period(Kind.HOUR, h - Duration.ofHours(1).toMillis(), h).ifPresent(products::add);
        }
        for (long d : dueDays) {
            period(Kind.DAY, calendar.dayStart(d), d).ifPresent(products::add);
        }
        products.addAll(dueEvents);
        if (!dueHours.isEmpty() && eventStart != Long.MIN_VALUE) {
            products.add(new Product(Kind.EVENT, dueHours.last(), eventTotal, false, false));
        }
        dueHours.clear();
        dueDays.clear();
        dueEvents.clear();
        return products;
    }

    private Optional<Product> period(Kind kind, long start, long end) {
        long a = coarse.index(start);
        long b = coarse.index(end);
        if (!coarse.holdsRange(a, b)) {
            return Optional.empty();
        }
        return Optional.of(new Product(kind, end, coarse.range(a, b), coarse.anyFlagged(ESTIMATED, a, b),
                coarse.anyFlagged(DOUBTFUL, a, b)));
    }

    /**
     * The wall clock was stepped by {@code millis}: everything booked moves with it, so rain of the last hour is
     * still the last hour's. Steps are rounded to five minutes, the long ring's bucket.
     */
    void shift(long millis) {
        if (head == Long.MIN_VALUE) {
            return;
        }
        long buckets = Math.round((double) millis / COARSE_MS);
        long by = buckets * COARSE_MS;
        if (by == 0) {
            return;
        }
        coarse.shift(buckets);
        fine.shift(by / FINE_MS);
        head += by;
        if (eventStart != Long.MIN_VALUE) {
            eventStart += by;
            lastRain += by;
        }
        dayEnd = calendar.dayEnd(head);
        dayStart = calendar.dayStart(dayEnd);
        dayTotal = coarse.range(coarse.index(dayStart), coarse.index(head));
        hoursDone = lastEndAtOrBefore(head, calendar.hourEnd(head), Duration.ofHours(1).toMillis());
        daysDone = dayEnd == head ? head : dayStart;
        nextHourEnd = Long.MIN_VALUE;
        nextDayEnd = Long.MIN_VALUE;
        dueHours.clear();
        dueDays.clear();
    }

    /** Bytes of state held: the two rings and a few fields. */
    long retainedBytes() {
        return fine.retainedBytes() + coarse.retainedBytes() + 200;
    }

    void write(DataOutput out) throws IOException {
        fine.write(out);
        coarse.write(out);
        out.writeLong(head);
        out.writeLong(dayTotal);
        out.writeLong(hoursDone);
        out.writeLong(daysDone);
        out.writeLong(eventStart);
        out.writeLong(lastRain);
        out.writeLong(eventTotal);
    }

    void read(DataInput in) throws IOException {
        fine.read(in);
        coarse.read(in);
        head = in.readLong();
        dayTotal = in.readLong();
        hoursDone = in.readLong();
        daysDone = in.readLong();
        eventStart = in.readLong();
        lastRain = in.readLong();
        eventTotal = in.readLong();
        nextHourEnd = Long.MIN_VALUE;
        nextDayEnd = Long.MIN_VALUE;
        if (head != Long.MIN_VALUE) {
            dayEnd = calendar.dayEnd(head);
            dayStart = calendar.dayStart(dayEnd);
        }
    }

    /**
     * Takes over the windows of the first state format: one ring of 1,440 one-minute buckets whose bucket {@code j}
     * held the rain booked in {@code ((j-1) min, j min]}, the same minutes as here, and the hydrological day's
     * total named by the date it started on.
     */
    void loadLegacy(long headMinute, long[] minutesOldestFirst, LocalDate dayStarted, long total) {
        if (headMinute == Long.MIN_VALUE) {
            return;
        }
        long headMillis = headMinute * FINE_MS;
        moveHead(headMillis);
        int keepFine = Math.min(FINE_BUCKETS, minutesOldestFirst.length);
        fine.load(headMinute, Arrays.copyOfRange(minutesOldestFirst,
                minutesOldestFirst.length - keepFine, minutesOldestFirst.length));
        long newestCoarse = coarse.index(headMillis);
        long oldestMinute = headMinute - minutesOldestFirst.length + 1;
        long oldestCoarse = coarse.index(oldestMinute * FINE_MS);
        long[] fives = new long[(int) (newestCoarse - oldestCoarse + 1)];
        for (int k = 0; k < minutesOldestFirst.length; k++) {
            long index = coarse.index((oldestMinute + k) * FINE_MS);
            fives[(int) (index - oldestCoarse)] += minutesOldestFirst[k];
        }
        coarse.load(newestCoarse, fives);
        dayTotal = dayStarted != null && calendar.dayName(dayEnd).equals(dayStarted) ? total : 0;
    }
}
