package io.weir.simulator.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removes a broker's scratch directory, so that a simulator leaves no files behind. */
final class ScratchDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);

    private ScratchDirectory() {
    }

    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            // Deepest first, so each directory is empty when its turn comes.
            paths.sorted(Comparator.reverseOrder()).forEach(ScratchDirectory::deleteOne);
        } catch (IOException e) {
            LOG.warn("could not list {} to delete it", root, e);
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("could not delete {}", path, e);
        }
    }
}
