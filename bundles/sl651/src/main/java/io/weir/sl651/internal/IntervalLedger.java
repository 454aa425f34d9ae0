package io.weir.sl651.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which 5-minute rain intervals of each station have already been handed on, so the same interval sent in a timed
 * report (PN05) and again in the hourly report's series (DRP), or a report sent twice, is counted once. Bounded: a
 * station keeps its latest {@value #KEPT} interval ends (a week of 5-minute intervals), and an interval older than
 * the oldest kept is taken as already counted. One small file per station, replaced atomically.
 */
final class IntervalLedger {

    static final int KEPT = 7 * 24 * 12;

    private final Path dir;
    private final Map<String, NavigableSet<Long>> byStation = new HashMap<>();

    IntervalLedger(Path dir) {
        this.dir = dir;
    }

    /** Whether the interval of {@code station} ending at {@code end} has been handed on already. */
    synchronized boolean seen(String station, Instant end) {
        NavigableSet<Long> ends = load(station);
        long minute = end.getEpochSecond() / 60;
        return ends.contains(minute) || (ends.size() >= KEPT && minute < ends.first());
    }

    /** Records intervals as handed on; durable when this returns. */
    synchronized void record(String station, Collection<Instant> ends) {
        if (ends.isEmpty()) {
            return;
        }
        NavigableSet<Long> set = load(station);
        ends.forEach(e -> set.add(e.getEpochSecond() / 60));
        while (set.size() > KEPT) {
            set.pollFirst();
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(station + ".tmp");
            byte[] text = set.stream().map(String::valueOf).collect(Collectors.joining("\n"))
                    .getBytes(StandardCharsets.US_ASCII);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(text));
                out.force(true); // on disk before it replaces the old record: a power cut leaves one or the other
            }
            Files.move(tmp, dir.resolve(station + ".txt"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the rain intervals of station " + station + " in " + dir, e);
        }
    }

    private NavigableSet<Long> load(String station) {
        return byStation.computeIfAbsent(station, s -> {
            var set = new TreeSet<Long>();
            Path file = dir.resolve(s + ".txt");
            if (Files.isRegularFile(file)) {
                try {
                    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                        if (!line.isBlank()) {
                            set.add(Long.parseLong(line.strip()));
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    throw new IllegalStateException("cannot read the rain intervals of station " + s + " from "
                            + file + ": " + e.getMessage(), e);
                }
            }
            return set;
        });
    }
}
