package io.weir.rules.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules' state on disk: one small file of entries (a key and its bytes), written whole to a temporary file,
 * forced to the device and renamed over the old one, so a power cut leaves either the old or the new file, never
 * half of one. Used twice by the engine: alarms (written before an event is delivered) and windows (written
 * periodically).
 */
final class RuleStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(RuleStateStore.class);
    private static final int MAGIC = 0x57524c53; // "WRLS"
    private static final int VERSION = 1;

    private final Path file;

    RuleStateStore(Path file) {
        this.file = file;
    }

    /** The entries on disk; none when the file is absent or unreadable (logged: the rules start afresh). */
    Map<String, byte[]> read() {
        var entries = new LinkedHashMap<String, byte[]>();
        try (var in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                LOG.warn("rule state {} is not in a format this version reads; starting without it", file);
                return entries;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                entries.put(key, bytes);
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException | RuntimeException e) {
            LOG.error("rule state {} is unreadable; starting without it", file, e);
            entries.clear();
        }
        return entries;
    }

    void write(Map<String, byte[]> entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(entries.size());
            for (var entry : entries.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                out.write(entry.getValue());
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
