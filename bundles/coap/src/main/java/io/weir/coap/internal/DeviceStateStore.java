package io.weir.coap.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the gateway remembers of each CoAP device across restarts, one small JSON file per configured device under
 * {@code <weir.data.dir>/coap/devices/}: when it was last heard, whether it is flagged silent, a pending
 * re-baseline and its queued commands (at most {@value DeviceState#MAX_QUEUED_COMMANDS}). Written aside, forced to
 * the disk and moved over the old file, so a power cut leaves the old state or the new, never half of one. A file
 * that cannot be read is logged and set aside: the device starts afresh rather than stay out.
 */
final class DeviceStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceStateStore.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A device's remembered state as written; times are ISO-8601 instants. */
    record Saved(String lastSeen, boolean silent, boolean rebaselinePending, List<Command> commands) {
        Saved {
            commands = commands == null ? List.of() : List.copyOf(commands);
        }

        Saved(Instant lastSeen, boolean silent, boolean rebaselinePending, List<Command> commands) {
            this(lastSeen.toString(), silent, rebaselinePending, commands);
        }
    }

    record Command(String name, String value, String queuedAt) {
    }

    private final Path dir;

    DeviceStateStore(Path dir) {
        this.dir = dir;
    }

    Optional<Saved> load(String deviceId) {
        Path file = file(deviceId);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Saved saved = JSON.readValue(file.toFile(), Saved.class);
            if (saved.lastSeen() != null) {
                Instant.parse(saved.lastSeen());
            }
            saved.commands().forEach(c -> new DeviceCommand(c.name(), c.value(), Instant.parse(c.queuedAt())));
            return Optional.of(saved);
        } catch (IOException | RuntimeException e) {
            Path aside = dir.resolve(deviceId + ".json.unreadable");
            LOG.error("device {}: remembered state {} cannot be read ({}); moved to {}, the device starts afresh",
                    deviceId, file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("device {}: could not move {} aside: {}", deviceId, file, moveFailed.toString());
            }
            return Optional.empty();
        }
    }

    /** Writes the device's state durably before returning. */
    void save(String deviceId, Saved state) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(deviceId + ".json.tmp");
            Files.write(tmp, JSON.writeValueAsBytes(state));
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(tmp, file(deviceId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file(deviceId), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the state of CoAP device " + deviceId + " in " + dir, e);
        }
    }

    /** Forgets a device removed from the site file. */
    void delete(String deviceId) {
        try {
            Files.deleteIfExists(file(deviceId));
        } catch (IOException e) {
            LOG.warn("device {}: could not delete its remembered state: {}", deviceId, e.toString());
        }
    }

    private Path file(String deviceId) {
        return dir.resolve(deviceId + ".json");
    }
}
