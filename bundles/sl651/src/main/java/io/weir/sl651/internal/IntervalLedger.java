package io.weir.sl651.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which 5-minute rain intervals of each station have already been handed on, so the same interval sent in a timed
 * report (PN05) and again in the hourly report's series (DRP), or a report sent twice, is counted once.
 *
 * <p>Per station one bit per 5-minute slot for the week before its newest interval ({@value #KEPT} slots, 256
 * bytes), so a province's 10,000 stations cost a few MiB; an interval older than that week is taken as already
 * counted (dropped, never counted twice). Intervals are identified by the 5-minute slot their end falls in, as
 * SL 651 stations observe on 5-minute boundaries. One small file per station, flushed to disk and replaced
 * atomically.
 */
final class IntervalLedger {

    static final int KEPT = 7 * 24 * 12;
    private static final long SLOT_SECONDS = 300;

    private static final class Window {
        long newest = Long.MIN_VALUE;
        final long[] bits = new long[(KEPT + 63) / 64];

        boolean has(long slot) {
            if (newest == Long.MIN_VALUE || slot > newest) {
                return false;
            }
            if (slot <= newest - KEPT) {
                return true;
            }
            int i = (int) Math.floorMod(slot, (long) KEPT);
            return (bits[i >>> 6] & (1L << (i & 63))) != 0;
        }

        void add(long slot) {
            if (newest == Long.MIN_VALUE || slot - newest >= KEPT) {
                java.util.Arrays.fill(bits, 0);
                newest = slot;
            } else if (slot > newest) {
                for (long s = newest + 1; s <= slot; s++) {
                    int i = (int) Math.floorMod(s, (long) KEPT);
                    bits[i >>> 6] &= ~(1L << (i & 63));
                }
                newest = slot;
            } else if (slot <= newest - KEPT) {
                return;
            }
            int i = (int) Math.floorMod(slot, (long) KEPT);
            bits[i >>> 6] |= 1L << (i & 63);
        }
    }

    private final Path dir;
    private final Map<String, Window> byStation = new HashMap<>();

    IntervalLedger(Path dir) {
        this.dir = dir;
    }

    /** Whether the interval of {@code station} ending at {@code end} has been handed on already. */
    synchronized boolean seen(String station, Instant end) {
        return load(station).has(slot(end));
    }

    /** Records intervals as handed on; on disk when this returns. */
    synchronized void record(String station, Collection<Instant> ends) {
        if (ends.isEmpty()) {
            return;
        }
        Window w = load(station);
        ends.forEach(e -> w.add(slot(e)));
        var text = new StringBuilder().append(w.newest).append('\n');
        for (long word : w.bits) {
            text.append(Long.toHexString(word)).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(station + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
                out.force(true); // on disk before it replaces the old record: a power cut leaves one or the other
            }
            Files.move(tmp, dir.resolve(station + ".txt"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the rain intervals of station " + station + " in " + dir, e);
        }
    }

    private static long slot(Instant end) {
        return Math.floorDiv(end.getEpochSecond(), SLOT_SECONDS);
    }

    private Window load(String station) {
        return byStation.computeIfAbsent(station, s -> {
            var w = new Window();
            Path file = dir.resolve(s + ".txt");
            if (Files.isRegularFile(file)) {
                try {
                    var lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
                    w.newest = Long.parseLong(lines.get(0).strip());
                    for (int i = 0; i < w.bits.length && i + 1 < lines.size(); i++) {
                        w.bits[i] = Long.parseUnsignedLong(lines.get(i + 1).strip(), 16);
                    }
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("cannot read the rain intervals of station " + s + " from "
                            + file + ": " + e.getMessage(), e);
                }
            }
            return w;
        });
    }
}
