package io.weir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code jvm.options} file: one JVM flag a line; blank lines and lines starting with # are ignored. Public for the
 * demo and the benchmarks, which start the gateway with the flags it ships with.
 */
public final class JvmOptions {

    private JvmOptions() {
    }

    /** @throws IOException naming the file and line when a line holds more than one flag */
    public static List<String> read(Path file) throws IOException {
        List<String> flags = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!line.startsWith("-") || line.chars().anyMatch(Character::isWhitespace)) {
                throw new IOException(file + ":" + (i + 1) + ": '" + line + "' is not one JVM flag (one flag a line,"
                        + " starting with -)");
            }
            flags.add(line);
        }
        return flags;
    }
}
