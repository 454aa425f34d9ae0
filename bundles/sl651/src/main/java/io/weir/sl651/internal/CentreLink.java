package io.weir.sl651.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This station's conversation with one hydrology centre, over TCP or UDP, on its own thread: sends the outbox's
 * reports for this centre oldest first, each removed only once the centre acknowledged it (a down frame with the
 * same function code and serial number); answers the centre's real-time query (37H), period query (38H), query of
 * specified elements (3AH), clock-set command (4AH) and clock query (51H) in between; sends a keep-alive (2FH) when
 * the link has been quiet. A message longer than one frame's body goes as several packets ({@link PacketSplitter}).
 * A request that cannot be answered is logged, counted ({@link #refusedRequests}) and not answered; the reports go
 * on. A centre that cannot be reached, or does not acknowledge, is tried again after 1, 2, 4 ... 60 s (over TCP on a
 * new connection); nothing is lost meanwhile.
 */
final class CentreLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CentreLink.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BACKOFF_MAX = Duration.ofMinutes(1);
    /** A clock difference worth a warning: larger than a report's transit and the send time's resolution. */
    private static final Duration CLOCK_WARNING = Duration.ofMinutes(1);

    /**
     * @param index     this centre's index in the outbox
     * @param address   the centre's address (1..255)
     * @param host      where it listens
     * @param port      its TCP or UDP port
     * @param encoding  the encoding it takes, and answers in
     * @param transport how frames reach it
     */
    record Target(int index, int address, String host, int port, Encoding encoding, Transport transport) {
        @Override
        public String toString() {
            return "centre " + address + " (" + transport.name().toLowerCase() + " " + host + ":" + port + " "
                    + encoding.name().toLowerCase() + ")";
        }
    }

    private final Target target;
    private final String station;
    private final int password;
    private final ReportOutbox outbox;
    private final Answers answers;
    private final int packetLimit;
    private final AtomicLong refused = new AtomicLong();
    private final Duration keepAlive;
    private final ZoneId zone;
    private final Clock clock;
    private final Thread thread;
    private volatile ClockCheck clockCheck;
    private volatile boolean running = true;
    private volatile CentreWire wire;
    private volatile boolean connected;

    /** The bodies answering the centre's queries, in this centre's encoding, with the centre's serial number. */
    interface Answers {
        /** The current values of every mapped element (37H). */
        byte[] realtime(int serial);

        /** The current values of the elements asked for (3AH); refused when the station has none of them. */
        byte[] elements(ElementQuery query) throws FrameException;

        /** An element's series from the history (38H). */
        byte[] period(PeriodQuery query) throws FrameException, SQLException;
    }

    /**
     * @param packetLimit the most body bytes a frame carries before a message is sent as packets
     *                    ({@link PacketSplitter#FRAME_BODY_LIMIT}; tests lower it)
     */
    CentreLink(Target target, String station, int password, ReportOutbox outbox, Answers answers, int packetLimit,
               Duration keepAlive, ZoneId zone, Clock clock) {
        this.target = target;
        this.station = station;
        this.password = password;
        this.outbox = outbox;
        this.answers = answers;
        this.packetLimit = packetLimit;
        this.keepAlive = keepAlive;
        this.zone = zone;
        this.clock = clock;
        this.thread = new Thread(this::run, "weir-sl651-report " + target.host() + ":" + target.port());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** TCP: connected; UDP: the socket is open (it says nothing of the centre until a report goes unanswered). */
    boolean connected() {
        return connected;
    }

    Target target() {
        return target;
    }

    /**
     * What the centre's clock read against ours, the last time it sent a clock command.
     *
     * @param at                 our time then
     * @param centreAheadSeconds the centre's time minus ours (negative: the centre is behind)
     */
    record ClockCheck(Instant at, long centreAheadSeconds) {
    }

    Optional<ClockCheck> clockCheck() {
        return Optional.ofNullable(clockCheck);
    }

    /** The centre's requests refused since the link started: unreadable, or asking for what cannot be answered. */
    long refusedRequests() {
        return refused.get();
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try (CentreWire w = CentreWire.open(target)) {
                wire = w;
                if (!running) {
                    return; // closed while opening: close() may have missed this wire
                }
                connected = true;
                if (!backoff.isZero()) {
                    LOG.info("sl651 {}: reachable again; sending what it missed", target);
                }
                backoff = Duration.ZERO;
                converse(w);
            } catch (IOException | SQLException e) {
                connected = false;
                if (!running) {
                    return;
                }
                backoff = backoff.isZero() ? Duration.ofSeconds(1)
                        : (backoff.multipliedBy(2).compareTo(BACKOFF_MAX) > 0 ? BACKOFF_MAX : backoff.multipliedBy(2));
                LOG.warn("sl651 {}: {}; {} report(s) kept, trying again in {} s", target, e.getMessage(),
                        waiting(), backoff.toSeconds());
                pause(backoff);
            }
        }
    }

    private void converse(CentreWire w) throws IOException, SQLException {
        long lastSent = System.nanoTime();
        while (running) {
            Optional<ReportOutbox.Entry> next = outbox.oldest(target.index());
            if (next.isPresent()) {
                ReportOutbox.Entry e = next.get();
                int serial = serialOf(e.function(), target.encoding(), e.body());
                send(w, e.function(), e.body());
                lastSent = System.nanoTime();
                if (!awaitAck(w, e.function(), serial)) {
                    throw new IOException(FunctionCodes.name(e.function()) + " report " + serial
                            + " not acknowledged within " + ACK_TIMEOUT.toSeconds() + " s");
                }
                outbox.delivered(e.id());
                continue;
            }
            Frame request = receive(w, Duration.ofMillis(500));
            if (request != null) {
                answer(w, request);
                lastSent = System.nanoTime();
            } else if (System.nanoTime() - lastSent > keepAlive.toNanos()) {
                send(w, FunctionCodes.KEEP_ALIVE, new ReportBody(target.encoding(), 0, now()).bytes());
                lastSent = System.nanoTime();
            }
        }
    }

    /** Waits for the acknowledgement, answering the centre's own requests meanwhile. */
    private boolean awaitAck(CentreWire w, int function, int serial) throws IOException {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Frame f = receive(w, Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (f == null) {
                continue;
            }
            if (f.function() == function && serialOf(f.function(), f.encoding(), f.body()) == serial) {
                return true;
            }
            answer(w, f);
        }
        return false;
    }

    /** Sends one message, as packets when its body is longer than one frame takes. */
    private void send(CentreWire w, int function, byte[] body) throws IOException {
        var envelope = new PacketSplitter.Envelope(target.encoding(), false, target.address(), station, password,
                function, Markers.ETX);
        for (Frame packet : PacketSplitter.split(envelope, body, packetLimit)) {
            w.send(FrameCodec.encode(packet));
        }
    }

    private void answer(CentreWire w, Frame request) throws IOException {
        if (confirmation(request.end())) {
            LOG.debug("sl651 {}: {} confirmation (end marker {}) taken", target, FunctionCodes.name(request.function()),
                    String.format("%02X", request.end()));
            return;
        }
        try {
            send(w, request.function(), reply(request));
        } catch (FrameException e) {
            refused.incrementAndGet();
            LOG.warn("sl651 {}: {} request refused: {}", target, FunctionCodes.name(request.function()),
                    e.getMessage());
        } catch (SQLException e) {
            refused.incrementAndGet();
            LOG.error("sl651 {}: {} request not answered: the history could not be read", target,
                    FunctionCodes.name(request.function()), e);
        }
    }

    /** The body answering the centre's request; refused when it cannot be read or its function is not answered. */
    private byte[] reply(Frame request) throws FrameException, SQLException {
        ReportParser.Header header = ReportParser.header(request);
        byte[] reply;
        if (request.function() == FunctionCodes.QUERY_REALTIME) {
            reply = answers.realtime(header.serial());
        } else if (request.function() == FunctionCodes.QUERY_PERIOD) {
            reply = answers.period(PeriodQuery.read(request));
        } else if (request.function() == FunctionCodes.QUERY_ELEMENTS) {
            reply = answers.elements(ElementQuery.read(request));
        } else if (request.function() == FunctionCodes.SET_CLOCK || request.function() == FunctionCodes.QUERY_CLOCK) {
            Instant ours = clock.instant();
            compareClocks(request.function(), header.sent(), ours);
            // the answer carries our own time: a set-clock command is acknowledged, never carried out (see
            // docs/protocol.md: the gateway's clock belongs to its time synchronisation, not to a centre)
            reply = new ReportBody(target.encoding(), header.serial(), LocalDateTime.ofInstant(ours, zone))
                    .address(station).bytes();
        } else {
            throw new FrameException(FrameException.Kind.MALFORMED, "function " + FunctionCodes.name(
                    request.function()) + " is not answered by this station");
        }
        return reply;
    }

    /** End markers a centre confirms with (a multi-packet answer, a link it keeps or closes), never a request. */
    private static boolean confirmation(int end) {
        return end == Markers.ACK || end == Markers.NAK || end == Markers.EOT || end == Markers.ESC;
    }

    private void compareClocks(int function, LocalDateTime centreTime, Instant ours) {
        long ahead = centreTime.atZone(zone).toEpochSecond() - ours.getEpochSecond();
        clockCheck = new ClockCheck(ours, ahead);
        String what = function == FunctionCodes.SET_CLOCK
                ? "asks to set the clock to {}; ours reads {} ({} s {}); the gateway's clock follows its time"
                        + " synchronisation and is left as it is"
                : "asks for the clock at its {}; ours reads {} ({} s {})";
        Object[] args = {target, centreTime, LocalDateTime.ofInstant(ours, zone).withNano(0), Math.abs(ahead),
                ahead >= 0 ? "behind the centre" : "ahead of the centre"};
        if (Math.abs(ahead) >= CLOCK_WARNING.toSeconds()) {
            LOG.warn("sl651 {}: the centre " + what, args);
        } else {
            LOG.info("sl651 {}: the centre " + what, args);
        }
    }

    /** The serial number a message body carries, or -1 when it has none that can be read. */
    private int serialOf(int function, Encoding encoding, byte[] body) {
        try {
            return ReportParser.header(encoding, body).serial();
        } catch (FrameException e) {
            LOG.warn("sl651 {}: {} message without a readable serial number: {}", target,
                    FunctionCodes.name(function), e.getMessage());
            return -1;
        }
    }

    /** The centre's next frame meant for this station, or null when none came within {@code wait}. */
    private Frame receive(CentreWire w, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            byte[] bytes = w.receive(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (bytes == null) {
                return null;
            }
            try {
                Frame f = FrameCodec.decode(bytes);
                if (f.down() && f.station().equals(station)) {
                    return f;
                }
                LOG.warn("sl651 {}: a frame not meant for station {} was ignored: {}", target, station, f);
            } catch (FrameException e) {
                LOG.warn("sl651 {}: a frame from the centre was refused: {}", target, e.getMessage());
            }
        } while (System.nanoTime() < deadline);
        return null;
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), zone);
    }

    private int waiting() {
        try {
            return outbox.waiting(target.index());
        } catch (SQLException e) {
            return -1;
        }
    }

    private void pause(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (running && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(Math.min(until - System.nanoTime(), 100_000_000L));
        }
    }

    @Override
    public void close() {
        running = false;
        CentreWire w = wire;
        if (w != null) {
            w.close();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
