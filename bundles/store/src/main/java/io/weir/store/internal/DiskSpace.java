package io.weir.store.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space on the file system that holds the store, as the store's process may use it. */
@FunctionalInterface
interface DiskSpace {

    long usableBytes() throws IOException;

    /** The file system of {@code dir}, asked each time (a statfs call: cheap). */
    static DiskSpace of(Path dir) {
        return () -> Files.getFileStore(dir).getUsableSpace();
    }
}
