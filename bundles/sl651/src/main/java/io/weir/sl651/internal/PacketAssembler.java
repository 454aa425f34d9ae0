package io.weir.sl651.internal;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts multi-packet messages (start marker SYN) back together: packets of one station and function code, in any
 * order, until every number from 1 to the count is in. A message that stays incomplete for {@link #EXPIRY} is
 * dropped, and at most {@link #MAX_PENDING} messages wait at once, so a station that never finishes cannot hold
 * memory.
 */
final class PacketAssembler {

    static final Duration EXPIRY = Duration.ofMinutes(10);
    static final int MAX_PENDING = 1024;

    private record Key(String station, int function) {
    }

    private static final class Pending {
        final int total;
        final Instant started;
        final Map<Integer, Frame> packets = new TreeMap<>();

        Pending(int total, Instant started) {
            this.total = total;
            this.started = started;
        }
    }

    private final Clock clock;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    PacketAssembler(Clock clock) {
        this.clock = clock;
    }

    /**
     * The whole message once {@code packet} completes it, as one reassembled frame (its body may be longer than one
     * packet's 4095 bytes); empty while incomplete.
     */
    synchronized Optional<Frame> add(Frame packet) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> p.started.plus(EXPIRY).isBefore(now));
        var key = new Key(packet.station(), packet.function());
        Pending p = pending.get(key);
        if (p == null || p.total != packet.packetTotal()) {
            if (pending.size() >= MAX_PENDING) {
                Iterator<Key> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            p = new Pending(packet.packetTotal(), now);
            pending.put(key, p);
        }
        p.packets.put(packet.packetNumber(), packet);
        if (p.packets.size() < p.total) {
            return Optional.empty();
        }
        pending.remove(key);
        var body = new ByteArrayOutputStream();
        for (Frame f : p.packets.values()) {
            body.writeBytes(f.body());
        }
        return Optional.of(new Frame(packet.encoding(), false, packet.centre(), packet.station(), packet.password(),
                packet.function(), p.total, 0, body.toByteArray(), Markers.ETX));
    }

    /** The packet numbers of the station's open message not yet received. */
    synchronized List<Integer> missing(String station, int function) {
        Pending p = pending.get(new Key(station, function));
        var missing = new ArrayList<Integer>();
        if (p != null) {
            for (int n = 1; n <= p.total; n++) {
                if (!p.packets.containsKey(n)) {
                    missing.add(n);
                }
            }
        }
        return missing;
    }

    synchronized int size() {
        return pending.size();
    }
}
