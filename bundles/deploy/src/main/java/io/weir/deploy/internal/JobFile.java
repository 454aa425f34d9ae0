package io.weir.deploy.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The current (or last) job, in one JSON file written atomically: the new content goes to a temporary file that is
 * forced to disk and then renamed over the old one, so a power cut leaves either the old job or the new one.
 */
final class JobFile {

    private final Path file;
    private final ObjectMapper json;

    JobFile(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    Optional<Job> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(file.toFile(), Job.class));
    }

    void write(Job job) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, json.writeValueAsBytes(job));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
