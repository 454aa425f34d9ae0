package io.weir.uplink.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The commands answered lately, by request id, with their replies, kept in a file so that a restart forgets none:
 * a command delivered again (or replayed) after a restart is answered with its earlier reply and never run twice.
 * A request id is kept until its command has expired (an expired command is refused anyway) and at most
 * {@value #CAPACITY} of them; a reply larger than {@value #MAX_KEPT_REPLY} bytes is not kept, only that the request
 * was answered.
 */
final class RequestLog {

    static final int CAPACITY = 256;
    static final int MAX_KEPT_REPLY = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);

    /** A request answered: when it expires, where its reply went and what it said (null when too large to keep). */
    record Entry(Instant expiresAt, String topic, String reply) {
    }

    private final Optional<Path> file;
    private final Clock clock;
    private final JsonFactory json = new JsonFactory();
    private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by this, oldest first

    RequestLog(Optional<Path> file, Clock clock) {
        this.file = file;
        this.clock = clock;
        file.ifPresent(this::load);
    }

    synchronized Optional<Entry> get(String requestId) {
        Entry entry = entries.get(requestId);
        return entry == null || entry.expiresAt().isBefore(clock.instant()) ? Optional.empty() : Optional.of(entry);
    }

    /** Records an answered request, on disk before the reply is published. */
    synchronized void put(String requestId, Instant expiresAt, String topic, byte[] reply) {
        entries.remove(requestId);
        entries.put(requestId, new Entry(expiresAt, topic, reply.length > MAX_KEPT_REPLY ? null
                : new String(reply, StandardCharsets.UTF_8)));
        Instant now = clock.instant();
        entries.values().removeIf(entry -> entry.expiresAt().isBefore(now));
        var oldest = entries.keySet().iterator();
        while (entries.size() > CAPACITY) {
            oldest.next();
            oldest.remove();
        }
        file.ifPresent(this::save);
    }

    private void save(Path path) {
        try {
            StringWriter text = new StringWriter();
            try (JsonGenerator g = json.createGenerator(text)) {
                g.writeStartObject();
                for (var e : entries.entrySet()) {
                    g.writeObjectFieldStart(e.getKey());
                    g.writeStringField("expiresAt", e.getValue().expiresAt().toString());
                    g.writeStringField("topic", e.getValue().topic());
                    g.writeStringField("reply", e.getValue().reply());
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(temporary, text.toString());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the command still runs once now; only a restart before it expires could see it again
            LOG.error("cannot record answered commands in {}: {}", path, e.toString());
        }
    }

    private void load(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (JsonParser p = json.createParser(path.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String id = p.currentName();
                p.nextToken();
                String expiresAt = null;
                String topic = null;
                String reply = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "expiresAt" -> expiresAt = p.getValueAsString();
                        case "topic" -> topic = p.getValueAsString();
                        case "reply" -> reply = p.getValueAsString();
                        default -> p.skipChildren();
                    }
                }
                if (expiresAt != null && topic != null) {
                    entries.put(id, new Entry(Instant.parse(expiresAt), topic, reply));
                }
            }
        } catch (IOException | RuntimeException e) {
            // refusing every command because of this file would be worse: commands still expire
            LOG.error("answered commands in {} are unreadable ({}); starting without them", path, e.toString());
            entries.clear();
        }
    }
}
