package io.weir.sl651.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.weir.api.QualityReason;
import io.weir.api.Reading;

/**
 * The centre's protocol core, plain Java: one frame in, at most one frame out. Checks the frame (CRC, layout), the
 * station (registered) and its password, puts multi-packet messages together, turns reports into readings keyed by
 * the station's code and timed by the message's observation times, hands them on, and only then acknowledges, so a
 * report the store did not keep is sent again by the station. Every refusal is counted and logged (throttled) with
 * the peer and the reason; a refused frame never affects another station.
 */
final class MessageHandler {

    /** Hands a station's readings on; true only when every listener (the store) kept them. */
    interface Delivery {
        boolean deliver(String station, List<Reading> batch);
    }

    private static final Logger LOG = LoggerFactory.getLogger(MessageHandler.class);

    private final String siteStationCode;
    private final ZoneId zone;
    private final int ackEnd;
    private final StationRegistry registry;
    private final IntervalLedger ledger;
    private final PacketAssembler packets;
    private final Delivery delivery;
    private final Counters counters;
    private final Clock clock;

    MessageHandler(String siteStationCode, ZoneId zone, int ackEnd, StationRegistry registry, IntervalLedger ledger,
                   Delivery delivery, Counters counters, Clock clock) {
        this.siteStationCode = siteStationCode;
        this.zone = zone;
        this.ackEnd = ackEnd;
        this.registry = registry;
        this.ledger = ledger;
        this.packets = new PacketAssembler(clock);
        this.delivery = delivery;
        this.counters = counters;
        this.clock = clock;
    }

    /** @return the frame to send back, if the standard asks for one */
    Optional<byte[]> handle(byte[] bytes, String peer) {
        counters.framesReceived.incrementAndGet();
        Frame frame;
        try {
            frame = FrameCodec.decode(bytes);
        } catch (FrameException e) {
            refuse(counters.of(e.kind()).incrementAndGet(), peer, e.kind().name().toLowerCase(), e.getMessage());
            return Optional.empty();
        }
        if (frame.down()) {
            refuse(counters.malformed.incrementAndGet(), peer, "malformed", "a station sent a centre-to-station frame");
            return Optional.empty();
        }
        Optional<Station> station = registry.find(frame.station());
        if (station.isEmpty()) {
            refuse(counters.unknownStation.incrementAndGet(), peer, "unknown station", "station " + frame.station()
                    + " is not registered in the site file's sl651 section");
            return Optional.empty();
        }
        if (station.get().password() != frame.password()) {
            refuse(counters.wrongPassword.incrementAndGet(), peer, "wrong password", "station " + frame.station()
                    + " sent a password that is not the registered one");
            return Optional.empty();
        }
        if (frame.multiPacket()) {
            return packet(frame, peer);
        }
        return message(frame, peer, ackEnd);
    }

    private Optional<byte[]> packet(Frame packet, String peer) {
        Optional<Frame> whole = packets.add(packet);
        counters.packetsPending.set(packets.size());
        if (whole.isPresent()) {
            return message(whole.get(), peer, Markers.ACK);
        }
        if (packet.packetNumber() == packet.packetTotal()) {
            List<Integer> missing = packets.missing(packet.station(), packet.function());
            LOG.warn("sl651 station {} ({}): {} report of {} packets misses packets {}; asking for the first again",
                    packet.station(), peer, FunctionCodes.name(packet.function()), packet.packetTotal(), missing);
            return Optional.of(reply(packet, 0, packet.packetTotal(), missing.get(0), Markers.NAK));
        }
        return Optional.empty();
    }

    private Optional<byte[]> message(Frame frame, String peer, int end) {
        if (frame.function() == FunctionCodes.KEEP_ALIVE) {
            counters.keepAlives.incrementAndGet();
            return Optional.empty();
        }
        if (!FunctionCodes.carriesObservations(frame.function())) {
            LOG.debug("sl651 station {} ({}): function {} ignored", frame.station(), peer,
                    FunctionCodes.name(frame.function()));
            return Optional.empty();
        }
        Report report;
        try {
            report = ReportParser.parse(frame);
        } catch (FrameException e) {
            refuse(counters.of(e.kind()).incrementAndGet(), peer, e.kind().name().toLowerCase(), "station "
                    + frame.station() + ", " + FunctionCodes.name(frame.function()) + " report: " + e.getMessage());
            return Optional.empty();
        }
        if (!report.unknown().isEmpty()) {
            long n = counters.unknownElements.addAndGet(report.unknown().size());
            if (LogThrottle.worthLogging(n)) {
                LOG.warn("sl651 station {} ({}): skipped element identifiers it does not know: {} ({} so far);"
                        + " the report's other elements are kept", frame.station(), peer, report.unknown().stream()
                        .map(id -> id < 0 ? "(ASCII mnemonic)" : String.format("%02X", id))
                        .collect(Collectors.joining(" ")), n);
            }
        }
        var increments = new ArrayList<Instant>();
        List<Reading> readings = readings(frame.station(), report, increments);
        if (!readings.isEmpty() && !delivery.deliver(frame.station(), readings)) {
            counters.storeFailed.incrementAndGet();
            return Optional.empty(); // not acknowledged: the station sends it again
        }
        ledger.record(frame.station(), increments);
        counters.reportsAccepted.incrementAndGet();
        counters.readingsAccepted.addAndGet(readings.size());
        counters.acknowledgements.incrementAndGet();
        return Optional.of(reply(frame, report.serial(), 0, 0, end));
    }

    private List<Reading> readings(String station, Report report, List<Instant> increments) {
        String prefix = siteStationCode + "/" + station + "/";
        var readings = new ArrayList<Reading>();
        Set<Instant> inThisReport = new HashSet<>();
        for (Report.Value v : report.values()) {
            Instant at = v.observedAt().atZone(zone).toInstant();
            ElementSpec spec = v.spec();
            if (spec.rainIncrement()) {
                if (v.value() == null) {
                    continue; // FF in a series: no rain figure for that interval; a later report may bring it
                }
                if (!inThisReport.add(at) || ledger.seen(station, at)) {
                    counters.duplicateIntervals.incrementAndGet();
                    continue;
                }
                increments.add(at);
            }
            readings.add(v.value() == null ? Reading.bad(prefix + spec.channel(), at, spec.unit(),
                    QualityReason.COMM_ERROR) : Reading.good(prefix + spec.channel(), at, v.value(), spec.unit()));
        }
        return readings;
    }

    /** The centre's answer: same function, the station's serial number, the centre's time, {@code end}. */
    private byte[] reply(Frame to, int serial, int packetTotal, int packetNumber, int end) {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
        byte[] body;
        if (to.encoding() == Encoding.HEX) {
            byte[] time = Bcd.pack(ReportParser.digits(now));
            body = new byte[2 + time.length];
            body[0] = (byte) (serial >> 8);
            body[1] = (byte) serial;
            System.arraycopy(time, 0, body, 2, time.length);
        } else {
            body = (String.format("%04X", serial) + ReportParser.digits(now))
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return FrameCodec.encode(new Frame(to.encoding(), true, to.centre(), to.station(), to.password(),
                to.function(), packetTotal, packetNumber, body, end));
    }

    private static void refuse(long occurrence, String peer, String why, String detail) {
        if (LogThrottle.worthLogging(occurrence)) {
            LOG.warn("sl651 frame from {} refused ({} #{}): {}", peer, why, occurrence, detail);
        }
    }
}
