package io.weir.deploy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The current (or last) job, in one JSON file written atomically ({@link AtomicFile}). */
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
        AtomicFile.write(file, json.writeValueAsBytes(job));
    }
}
