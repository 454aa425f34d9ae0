package io.weir.site.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.weir.api.profile.DeviceProfile;

/**
 * The directory of device profiles. Profile {@code x} is the file {@code x.yaml}, so a site file reads only the
 * profiles it names, and a broken profile that no site uses stops nothing.
 */
final class ProfileDirectory {

    private final Path dir;
    private final ProfileParser parser;

    ProfileDirectory(Path dir, ProfileParser parser) {
        this.dir = dir;
        this.parser = parser;
    }

    Path dir() {
        return dir;
    }

    /** The file that holds profile {@code id}; the id must already match {@link ProfileParser#PROFILE_ID}. */
    Path fileOf(String id) {
        return dir.resolve(id + ".yaml");
    }

    /** The profile read from its file, or empty when there is no such file. */
    Optional<Parsed<DeviceProfile>> find(String id) {
        if (!ProfileParser.PROFILE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a profile id: " + id); // would let "../x" leave the directory
        }
        Path file = fileOf(id);
        return Files.isRegularFile(file) ? Optional.of(parser.parse(file)) : Optional.empty();
    }
}
