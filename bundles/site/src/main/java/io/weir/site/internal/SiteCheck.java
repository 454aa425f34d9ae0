package io.weir.site.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The gateway's own reading of a site file and its device profiles, without a framework and without applying
 * anything: what the {@code weir check} command runs on a flat class path (it is public for that, inside this
 * bundle's private package, so no OSGi API is widened for it).
 */
public final class SiteCheck {

    /** What checking found: the problems, none when the file would be applied; what it configures when good. */
    public record Result(List<Problem> problems, String summary) {

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private SiteCheck() {
    }

    public static Result check(Path siteFile, Path profilesDir) {
        if (!Files.isRegularFile(siteFile)) {
            return new Result(List.of(new Problem(siteFile.getFileName().toString(), 0, "",
                    "no such file: " + siteFile.toAbsolutePath())), "");
        }
        Parsed<SiteModel> parsed = SiteFileParser.forProfilesIn(profilesDir).parse(siteFile);
        if (!parsed.ok()) {
            return new Result(parsed.problems(), "");
        }
        SiteModel model = parsed.value().orElseThrow();
        // mapping is what the gateway does next; a model it cannot map would fail there, so it fails here too
        int configurations = new ConfigurationMapper(new ObjectMapper()).map(model).size();
        return new Result(List.of(), "gateway " + model.site().gatewayId() + " (station " + model.site().stationCode()
                + "): " + model.devices().size() + " devices, " + model.rules().size() + " rules, "
                + configurations + " configurations");
    }
}
