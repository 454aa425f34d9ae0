package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A site file made of a minimal gateway, site and uplink plus the section under test, written into a directory
 * with the sample profiles, parsed as the gateway parses it, and mapped to its configurations.
 */
final class SectionFiles {

    static final String HEAD = """
            gateway: {id: gw-yx-001}
            site: {stationCode: "62001200", name: Yuxi, latitude: 30.2, longitude: 120.1}
            uplink: {broker: "tcp://127.0.0.1:1883"}
            """;

    private final Path dir;

    /** Copies the sample profiles into {@code dir}. */
    SectionFiles(Path dir) {
        this.dir = dir;
        TestFiles.copySample("good", dir);
    }

    /** {@link #HEAD} followed by {@code rest}, as {@code site.yaml} in the directory, parsed. */
    Parsed<SiteModel> parse(String rest) throws IOException {
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, HEAD + rest);
        return new SiteFileParser(new ProfileDirectory(dir.resolve("profiles"), new ProfileParser())).parse(file);
    }

    /** The properties of configuration {@code pid} of a site file without problems. */
    static Map<String, Object> configuration(Parsed<SiteModel> parsed, String pid) {
        assertThat(parsed.problems()).isEmpty();
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper())
                .map(parsed.value().orElseThrow());
        return targets.stream().filter(t -> t.toString().equals(pid)).findFirst().orElseThrow().properties();
    }

    /** The problems of {@link #HEAD} followed by {@code rest}, as lines. */
    List<String> problems(String rest) throws IOException {
        return parse(rest).problems().stream().map(Problem::toString).toList();
    }
}
