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
 * The rules' state on disk: one small file of entries (a key, the format its bytes were written in, and its
 * bytes), written whole to a temporary file, forced to the device and renamed over the old one, so a power cut
 * leaves either the old or the new file, never half of one. Used twice by the engine: alarms (written before an
 * event is delivered) and windows (written periodically).
 * <p>
 * Formats: 1 (first release) had no per-entry version, so its entries read as version 1; 2 gives each entry its
 * own, so the state of a rule not registered since an upgrade is carried over in the format it was written in and
 * read when the rule comes back.
 */
final class RuleStateStore {

    private static final Logger LOG = LoggerFactory.getLogger(RuleStateStore.class);
    private static final int MAGIC = 0x57524c53; // "WRLS"
    /** The format written now; 1 is still read (rules read their entries by the version they were written in). */
    static final int VERSION = 2;

    /** One rule's state, in the format {@code version} of its kind. */
    record Entry(int version, byte[] bytes) {
    }

    private final Path file;

    RuleStateStore(Path file) {
        this.file = file;
    }

    /** The entries on disk; none when the file is absent or unreadable (logged: the rules start afresh). */
    Map<String, Entry> read() {
        var entries = new LinkedHashMap<String, Entry>();
        try (var in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            int version = in.readInt() == MAGIC ? in.readInt() : -1;
            if (version < 1 || version > VERSION) {
                LOG.warn("rule state {} is not in a format this version reads; starting without it", file);
                return entries;
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                int entryVersion = version == 1 ? 1 : in.readInt();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                entries.put(key, new Entry(entryVersion, bytes));
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException | RuntimeException e) {
            LOG.error("rule state {} is unreadable; starting without it", file, e);
            entries.clear();
        }
        return entries;
    }

    void write(Map<String, Entry> entries) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(entries.size());
            for (var entry : entries.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().version());
                out.writeInt(entry.getValue().bytes().length);
                out.write(entry.getValue().bytes());
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
