package io.weir.deploy.packaging;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to ship as a resource of a deployment package.
 *
 * @param path where it goes in the package, e.g. {@code profiles/radar.yaml}; the gateway's processor decides by
 *        this path where the file lands
 * @param file the file to read
 * @param processorPid the {@code Resource-Processor} that installs it
 */
public record ResourceFile(String path, Path file, String processorPid) {

    public ResourceFile {
        Objects.requireNonNull(file, "file");
        new ResourceEntry(path, processorPid, false); // validates both
    }

    /** A resource for the Weir gateway's own processor. */
    public static ResourceFile weir(String path, Path file) {
        return new ResourceFile(path, file, ResourceEntry.WEIR_PROCESSOR);
    }
}
