package io.weir.coap.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each cover's resting tilt angle, one small file per device under {@code <data dir>/coap/baselines/}, so a
 * restart does not turn every tilted-by-installation cover into an alarm, nor forget a re-baseline.
 */
final class TiltBaselines {

    private final Path dir;
    private final Map<String, Double> cache = new ConcurrentHashMap<>();

    TiltBaselines(Path dir) {
        this.dir = dir;
    }

    OptionalDouble get(String deviceId) {
        Double cached = cache.computeIfAbsent(deviceId, this::read);
        return cached.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(cached);
    }

    /** Stores a device's baseline durably (written aside, then moved over the old one). */
    void set(String deviceId, double angle) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(deviceId + ".baseline.tmp");
            Files.writeString(tmp, Double.toString(angle), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file(deviceId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(deviceId), StandardCopyOption.REPLACE_EXISTING);
            }
            cache.put(deviceId, angle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the tilt baseline of " + deviceId + " in " + dir, e);
        }
    }

    private Double read(String deviceId) {
        Path file = file(deviceId);
        if (!Files.isRegularFile(file)) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("tilt baseline file " + file + " cannot be read; fix or delete it", e);
        }
    }

    private Path file(String deviceId) {
        return dir.resolve(deviceId + ".baseline");
    }
}
