package io.weir.deploy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.weir.deploy.packaging.OsgiVersion;

/**
 * The lowest version of each package the gateway still installs, raised for good by installed packages' signed
 * Weir-Minimum-Version and never lowered by the agent: a replayed old package, signed rollback packages included,
 * cannot take a gateway below it. Kept in one JSON file written atomically, like the job file; taking a minimum
 * back down is a technician's edit of that file on the gateway.
 */
final class MinimumVersions {

    private final Path file;
    private final ObjectMapper json;
    private final Map<String, OsgiVersion> configured;

    /** @param configured the minimums of the configuration; they count while configured, and are not recorded */
    MinimumVersions(Path file, ObjectMapper json, Map<String, OsgiVersion> configured) {
        this.file = file;
        this.json = json;
        this.configured = Map.copyOf(configured);
    }

    /** The higher of the configured and the recorded minimum of {@code name}. */
    synchronized Optional<OsgiVersion> of(String name) throws IOException {
        OsgiVersion recorded = read().get(name);
        OsgiVersion set = configured.get(name);
        if (recorded == null || set == null) {
            return Optional.ofNullable(recorded == null ? set : recorded);
        }
        return Optional.of(recorded.compareTo(set) >= 0 ? recorded : set);
    }

    /** Records {@code minimum} for {@code name} unless a higher one is recorded already. */
    synchronized void raise(String name, OsgiVersion minimum) throws IOException {
        Map<String, OsgiVersion> recorded = read();
        OsgiVersion was = recorded.get(name);
        if (was != null && was.compareTo(minimum) >= 0) {
            return;
        }
        recorded.put(name, minimum);
        Map<String, String> text = new TreeMap<>();
        recorded.forEach((n, v) -> text.put(n, v.toString()));
        AtomicFile.write(file, json.writeValueAsBytes(text));
    }

    /** Every minimum in force, for the status. */
    synchronized Map<String, String> all() throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (String name : read().keySet()) {
            all.put(name, of(name).orElseThrow().toString());
        }
        for (String name : configured.keySet()) {
            all.put(name, of(name).orElseThrow().toString());
        }
        return all;
    }

    private Map<String, OsgiVersion> read() throws IOException {
        Map<String, OsgiVersion> recorded = new TreeMap<>();
        if (Files.exists(file)) {
            Map<String, String> text = json.readValue(file.toFile(), new TypeReference<Map<String, String>>() { });
            text.forEach((name, version) -> recorded.put(name, OsgiVersion.parse(version)));
        }
        return recorded;
    }
}
