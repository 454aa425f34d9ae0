package io.weir.simulator.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import picocli.CommandLine.Option;

/**
 * {@code --port-file}: where a stand-in says which port it listens on, once it does. Started with {@code --port 0}
 * it binds a port nobody else holds, and a script or test reads the port here instead of guessing a free one that
 * another process might take first.
 */
public final class PortFileOption {

    @Option(names = "--port-file", paramLabel = "FILE",
            description = "Once listening, write the port to FILE (with --port 0, how a script learns it).")
    Path file;

    /** Writes {@code port} to the file, whole at once: a reader never sees it half written. */
    void report(int port) {
        if (file == null) {
            return;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(partial, port + "\n", StandardCharsets.US_ASCII);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the port to " + file, e);
        }
    }
}
