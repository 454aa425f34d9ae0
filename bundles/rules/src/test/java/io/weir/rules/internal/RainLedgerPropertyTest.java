package io.weir.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The ledger's windows and published days against a brute-force sum of every booking's share of each window, for
 * bookings of any length and any times: rain is never lost, never invented, and lands where it fell.
 */
class RainLedgerPropertyTest {

    private static final HydroCalendar CALENDAR = new HydroCalendar(Replay.CHINA);
    private static final long START = Instant.parse("2026-07-14T00:03:17Z").toEpochMilli();

    /** Time moves on by {@code gapMs}, then {@code mm} fell over the {@code spanMs} before it. */
    record Booking(long gapMs, long spanMs, long micrometres) {
    }

    @Provide
    Arbitrary<List<Booking>> bookings() {
        Arbitrary<Long> gaps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(1, 10 * 60_000L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 3 * 3600_000L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 30 * 3600_000L)));
        Arbitrary<Long> spans = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 10 * 60_000L)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 12 * 3600_000L)));
        return Combinators.combine(gaps, spans, Arbitraries.longs().between(0, 80_000)).as(Booking::new).list()
                .ofMaxSize(60);
    }

    @Property(tries = 150)
    void everyWindowAndEveryDayHoldsItsShareOfEveryBooking(@ForAll("bookings") List<Booking> bookings) {
        var ledger = new RainLedger(CALENDAR, Duration.ofHours(6), false);
        var rain = new ArrayList<Reference.Rain>();
        var days = new ArrayList<RainLedger.Product>();
        long now = START;
        for (Booking b : bookings) {
            now += b.gapMs();
            Instant from = Instant.ofEpochMilli(now - b.spanMs());
            ledger.book(from.toEpochMilli(), now, b.micrometres(), false);
            rain.add(new Reference.Rain(from, Instant.ofEpochMilli(now), b.micrometres() / 1000.0));
            ledger.drain().stream().filter(p -> p.kind() == RainLedger.Kind.DAY).forEach(days::add);
            double slack = rain.size() * 0.001;
            for (RainWindow w : List.of(RainWindow.M10, RainWindow.H1, RainWindow.H3)) {
                Instant end = Instant.ofEpochMilli(-Math.floorDiv(-now, 60_000L) * 60_000L);
                assertThat(ledger.sum(w) / 1000.0).as(w.label()).isCloseTo(Reference.rainIn(rain,
                        end.minus(w.duration()), end), within(slack));
            }
            for (RainWindow w : List.of(RainWindow.H6, RainWindow.H24, RainWindow.H72)) {
                Instant end = Instant.ofEpochMilli(-Math.floorDiv(-now, 300_000L) * 300_000L);
                assertThat(ledger.sum(w) / 1000.0).as(w.label()).isCloseTo(Reference.rainIn(rain,
                        end.minus(w.duration()), end), within(slack));
            }
            long dayEnd = CALENDAR.dayEnd(now);
            assertThat(ledger.sum(RainWindow.DAY) / 1000.0).isCloseTo(Reference.rainIn(rain,
                    Instant.ofEpochMilli(CALENDAR.dayStart(dayEnd)), Instant.ofEpochMilli(now)), within(slack));
        }
        for (RainLedger.Product day : days) { // the last value published for each day is its whole rain
            RainLedger.Product last = days.stream().filter(d -> d.endMillis() == day.endMillis())
                    .reduce((a, b) -> b).orElseThrow();
            Instant end = Instant.ofEpochMilli(last.endMillis());
            assertThat(last.micrometres() / 1000.0).isCloseTo(Reference.rainIn(rain, Instant.ofEpochMilli(
                    CALENDAR.dayStart(last.endMillis())), end), within(rain.size() * 0.001));
        }
    }
}
