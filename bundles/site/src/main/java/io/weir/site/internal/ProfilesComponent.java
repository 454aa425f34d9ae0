package io.weir.site.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.weir.api.profile.DeviceProfile;
import io.weir.api.profile.DeviceProfiles;

/**
 * The Modbus profiles of the profile directory, read from their files on each request exactly as a site file's
 * devices read them, so a commissioning read of a device not in the site file yet uses what saving it would use.
 */
@Component(service = DeviceProfiles.class)
public final class ProfilesComponent implements DeviceProfiles {

    private final ProfileDirectory directory;

    @Activate
    public ProfilesComponent(BundleContext context) {
        this(new ProfileDirectory(SiteLocations.from(context::getProperty).profilesDir(), new ProfileParser()));
    }

    ProfilesComponent(ProfileDirectory directory) {
        this.directory = directory;
    }

    @Override
    public SortedSet<String> ids() {
        if (!Files.isDirectory(directory.dir())) {
            return new TreeSet<>();
        }
        try (Stream<Path> files = Files.list(directory.dir())) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .filter(id -> ProfileParser.PROFILE_ID.matcher(id).matches())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the profiles in " + directory.dir(), e);
        }
    }

    @Override
    public DeviceProfile profile(String id) {
        if (id == null || !ProfileParser.PROFILE_ID.matcher(id.strip()).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a profile id; profiles: " + ids());
        }
        Parsed<DeviceProfile> parsed = directory.find(id.strip()).orElseThrow(() -> new IllegalArgumentException(
                "no profile '" + id.strip() + "' in " + directory.dir() + "; profiles: " + ids()));
        return parsed.value().orElseThrow(() -> new IllegalArgumentException("profile " + id.strip() + " has "
                + parsed.problems().size() + " problem(s): " + parsed.problems().stream().map(Problem::toString)
                        .collect(Collectors.joining("; "))));
    }
}
