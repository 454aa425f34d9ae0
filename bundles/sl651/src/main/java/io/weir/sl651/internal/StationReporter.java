package io.weir.sl651.internal;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.Reading;

/**
 * The gateway as an SL 651 station: keeps the latest value of each channel mapped to an element and the rain of
 * each 5-minute interval, and at every 5-minute boundary writes the reports due into the outbox, one for each
 * centre: an added report (加报) when the interval had rain, a timed report (定时报) every {@code timedInterval}, and
 * on the hour the hourly report (小时报) with the hour's twelve 5-minute rain amounts. Plain Java; time comes from the
 * injected clock through {@link #tick}.
 */
final class StationReporter {

    private static final Logger LOG = LoggerFactory.getLogger(StationReporter.class);
    private static final Duration STEP = Duration.ofMinutes(5);

    /** How each value element is written: identifier, bytes, decimals (SL 651-2014 appendix C). */
    record Format(int id, int bytes, int decimals) {
    }

    static final Map<String, Format> FORMATS = Map.of(
            "Z", new Format(0x39, 4, 3), "ZU", new Format(0x3B, 4, 3), "ZB", new Format(0x3A, 4, 3),
            "Q", new Format(0x27, 5, 3), "VT", new Format(0x38, 2, 2), "PJ", new Format(0x20, 3, 1));
    private static final Format PN05 = new Format(0x22, 3, 1);
    private static final Format PT = new Format(0x26, 3, 1);

    /**
     * @param stationCode   this station's 10-digit address
     * @param stationType   the station type byte (e.g. 0x48 river, 0x50 rain)
     * @param centres       the encoding each centre takes, in the order of the outbox's centre indexes
     * @param elements      full channel id to element mnemonic (Z, ZU, ZB, Q, VT, PJ)
     * @param rainChannel   full channel id of rain increments (mm since the previous reading); empty for none
     * @param timedInterval between timed reports, a multiple of 5 minutes
     * @param added         whether an interval with rain sends an added report
     * @param zone          the centres' time zone
     */
    record Options(String stationCode, int stationType, List<Encoding> centres, Map<String, String> elements,
                   String rainChannel, Duration timedInterval, boolean added, ZoneId zone) {

        Options {
            centres = List.copyOf(centres);
            elements = Map.copyOf(elements);
            if (centres.isEmpty() || centres.size() > 4) {
                throw new IllegalArgumentException("a station reports to 1..4 centres, not " + centres.size());
            }
            if (timedInterval.toMinutes() < 5 || timedInterval.toMinutes() % 5 != 0) {
                throw new IllegalArgumentException("timedInterval must be a multiple of 5 minutes");
            }
            elements.values().forEach(e -> {
                if (!FORMATS.containsKey(e)) {
                    throw new IllegalArgumentException("element '" + e + "' is not one of " + FORMATS.keySet());
                }
            });
        }
    }

    private final Options options;
    private final ReportOutbox outbox;
    private final StationHistory history;
    private final Clock clock;
    private final Map<Integer, String> mapped = new LinkedHashMap<>(); // element identifier -> mnemonic
    private final Map<Integer, Format> kept = new LinkedHashMap<>(); // what the history has, by identifier
    private final Map<String, Double> latest = new ConcurrentHashMap<>();
    private final NavigableMap<Instant, Double> rain = new TreeMap<>(); // interval end -> mm
    private double rainTotal;
    private Instant lastBoundary;

    StationReporter(Options options, ReportOutbox outbox, StationHistory history, Clock clock) {
        this.options = options;
        this.outbox = outbox;
        this.history = history;
        this.clock = clock;
        options.elements().values().forEach(e -> {
            mapped.put(FORMATS.get(e).id(), e);
            kept.put(FORMATS.get(e).id(), FORMATS.get(e));
        });
        if (!options.rainChannel().isEmpty()) {
            kept.put(PN05.id(), PN05);
        }
    }

    void onReadings(List<Reading> readings) {
        for (Reading r : readings) {
            if (r.numeric().isEmpty()) {
                continue;
            }
            double v = r.numeric().getAsDouble();
            String element = options.elements().get(r.channel());
            if (element != null) {
                latest.put(element, v);
            }
            if (r.channel().equals(options.rainChannel()) && v > 0) {
                synchronized (rain) {
                    rain.merge(intervalEnd(r.timestamp()), v, Double::sum);
                    rainTotal += v;
                }
            }
        }
    }

    /** Writes the reports due at every 5-minute boundary passed since the last tick; once, whoever calls. */
    synchronized void tick() throws SQLException {
        Instant boundary = floor(clock.instant());
        if (lastBoundary == null) {
            lastBoundary = boundary;
            return;
        }
        while (lastBoundary.isBefore(boundary)) {
            lastBoundary = lastBoundary.plus(STEP);
            due(lastBoundary);
        }
    }

    private void due(Instant end) throws SQLException {
        double interval;
        double total;
        Double[] hour = new Double[12];
        synchronized (rain) {
            interval = rain.getOrDefault(end, 0.0);
            total = rainTotal;
            for (int k = 0; k < 12; k++) {
                hour[k] = rain.getOrDefault(end.minus(STEP.multipliedBy(11 - k)), 0.0);
            }
            rain.headMap(end.minus(Duration.ofHours(2))).clear();
        }
        LocalDateTime observed = LocalDateTime.ofInstant(end, options.zone());
        boolean hasRain = !options.rainChannel().isEmpty();
        keep(end, hasRain ? interval : null);
        if (options.added() && hasRain && interval > 0) {
            enqueue(FunctionCodes.ADDED, observed, b -> b.number(PN05.id(), interval, PN05.bytes(), PN05.decimals())
                    .number(PT.id(), total % 100000, PT.bytes(), PT.decimals()));
        }
        long minuteOfDay = observed.getHour() * 60L + observed.getMinute();
        if (minuteOfDay % options.timedInterval().toMinutes() == 0) {
            enqueue(FunctionCodes.TIMED, observed, b -> {
                if (hasRain) {
                    b.number(PN05.id(), interval, PN05.bytes(), PN05.decimals())
                            .number(PT.id(), total % 100000, PT.bytes(), PT.decimals());
                }
                values(b);
            });
        }
        if (observed.getMinute() == 0) {
            enqueue(FunctionCodes.HOURLY, observed, b -> {
                if (hasRain) {
                    b.rainSeries(hour).number(PT.id(), total % 100000, PT.bytes(), PT.decimals());
                }
                values(b);
            });
        }
    }

    /** Keeps this boundary's values (and the interval's rain, when there is a rain channel) for period queries. */
    private void keep(Instant end, Double interval) throws SQLException {
        Map<Integer, Double> values = new LinkedHashMap<>();
        latest.forEach((element, value) -> values.put(FORMATS.get(element).id(), value));
        if (interval != null) {
            values.put(PN05.id(), interval);
        }
        if (!values.isEmpty()) {
            history.keep(end, values);
        }
    }

    /**
     * The answer to a centre's period query (38H), from the history: the station, the start as observation time,
     * the time step and the element's series, one value a point. A value element has the value kept at the point;
     * PN05 has the rain of the step that ends at the point (for a 5-minute step, the interval's own). A point with
     * nothing kept is written as no data. An element this station does not keep is refused.
     */
    byte[] period(PeriodQuery q, Encoding encoding) throws FrameException, SQLException {
        Format format = kept.get(q.element());
        if (format == null) {
            throw new FrameException(FrameException.Kind.MALFORMED, String.format(
                    "element %02X is not kept by station %s (kept: %s)", q.element(), options.stationCode(),
                    kept.keySet().stream().map(id -> String.format("%02X", id)).sorted().toList()));
        }
        boolean rainSum = format == PN05;
        Instant from = q.start().atZone(options.zone()).toInstant();
        Instant to = q.end().atZone(options.zone()).toInstant();
        NavigableMap<Instant, Double> rows = history.between(q.element(), rainSum ? from.minus(q.step()) : from, to);
        var values = new ArrayList<Double>();
        for (Instant t = from; !t.isAfter(to); t = t.plus(q.step())) {
            if (rainSum) {
                var in = rows.subMap(t.minus(q.step()), false, t, true);
                values.add(in.isEmpty() ? null : in.values().stream().mapToDouble(Double::doubleValue).sum());
            } else {
                values.add(rows.get(t));
            }
        }
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), options.zone());
        return new ReportBody(encoding, q.serial(), now).station(options.stationCode(), options.stationType(), q.start())
                .timeStep(q.step()).series(format.id(), values, format.bytes(), format.decimals()).bytes();
    }

    /** The answers to a centre's queries, written in its encoding. */
    CentreLink.Answers answersIn(Encoding encoding) {
        return new CentreLink.Answers() {
            @Override
            public byte[] realtime(int serial) {
                return StationReporter.this.realtime(serial, encoding);
            }

            @Override
            public byte[] elements(ElementQuery query) throws FrameException {
                return StationReporter.this.elements(query, encoding);
            }

            @Override
            public byte[] period(PeriodQuery query) throws FrameException, SQLException {
                return StationReporter.this.period(query, encoding);
            }
        };
    }

    /** The answer to a centre's real-time query: the values now, with the centre's serial number. */
    byte[] realtime(int serial, Encoding encoding) {
        ReportBody b = now(serial, encoding);
        values(b);
        return b.bytes();
    }

    /**
     * The answer to a centre's query of specified elements: the current values of those asked for that this station
     * maps, in the order asked; refused when it maps none of them.
     */
    byte[] elements(ElementQuery query, Encoding encoding) throws FrameException {
        if (query.elements().stream().noneMatch(mapped::containsKey)) {
            throw new FrameException(FrameException.Kind.MALFORMED, String.format(
                    "none of the elements %s is mapped by station %s", query.elements().stream()
                            .map(id -> String.format("%02X", id)).toList(), options.stationCode()));
        }
        ReportBody b = now(query.serial(), encoding);
        for (int id : query.elements()) {
            Double value = mapped.containsKey(id) ? latest.get(mapped.get(id)) : null;
            if (value != null) {
                Format f = FORMATS.get(mapped.get(id));
                b.number(f.id(), value, f.bytes(), f.decimals());
            }
        }
        return b.bytes();
    }

    /** An answer's start: the centre's serial number, our time as send and observation time, the station. */
    private ReportBody now(int serial, Encoding encoding) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), options.zone());
        return new ReportBody(encoding, serial, now).station(options.stationCode(), options.stationType(), now);
    }

    private void values(ReportBody b) {
        latest.forEach((element, value) -> {
            Format f = FORMATS.get(element);
            b.number(f.id(), value, f.bytes(), f.decimals());
        });
    }

    /** Keeps the report for every centre, written in each centre's encoding, all with one serial number. */
    private void enqueue(int function, LocalDateTime observed, Consumer<ReportBody> elements) throws SQLException {
        int serial = outbox.nextSerial();
        LocalDateTime sent = LocalDateTime.ofInstant(clock.instant(), options.zone());
        Map<Encoding, byte[]> written = new EnumMap<>(Encoding.class);
        Map<Integer, byte[]> bodies = new LinkedHashMap<>();
        for (int i = 0; i < options.centres().size(); i++) {
            bodies.put(i, written.computeIfAbsent(options.centres().get(i), encoding -> {
                var body = new ReportBody(encoding, serial, sent)
                        .station(options.stationCode(), options.stationType(), observed);
                elements.accept(body);
                return body.bytes();
            }));
        }
        outbox.enqueue(bodies, function);
        LOG.debug("sl651 station {}: {} report of {} queued for {} centre(s)", options.stationCode(),
                FunctionCodes.name(function), observed, bodies.size());
    }

    private static Instant floor(Instant t) {
        long step = STEP.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), step) * step);
    }

    /** The end of the 5-minute interval a reading falls in (a reading at 08:05:00 closes 08:00-08:05). */
    static Instant intervalEnd(Instant t) {
        long step = STEP.toSeconds();
        long s = t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(Math.floorDiv(s + step - 1, step) * step);
    }
}
