package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A site file offered from the station page: checked by the gateway's own parser against its profiles, written in
 * place (keeping the file's mode) only when good, so the loader picks it up as after an edit.
 */
class SiteCommandsTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private Path siteFile;
    private SiteFileCheck check;

    @BeforeEach
    void copyGoodSample() {
        TestFiles.copySample("good", dir);
        siteFile = dir.resolve("site.yaml");
        check = new SiteFileCheck(new SiteLocations(siteFile, dir.resolve("profiles")));
    }

    @Test
    void aBrokenFileIsRefusedWithEveryProblemByLineAndNothingIsWritten() throws Exception {
        String before = Files.readString(siteFile);
        String broken = before.replace("unitId: 1", "unitId: 300");

        JsonNode validated = json.readTree(new SiteValidateCommand(check).handle(Map.of("text", broken)));
        JsonNode applied = json.readTree(new SiteApplyCommand(check).handle(Map.of("text", broken)));

        assertThat(validated.get("valid").asBoolean()).isFalse();
        JsonNode problem = validated.get("problems").get(0);
        assertThat(problem.get("file").asText()).isEqualTo("site.yaml");
        assertThat(problem.get("line").asInt()).isEqualTo(lineOf(before, "unitId: 1"));
        assertThat(problem.get("field").asText()).isEqualTo("devices[0].unitId");
        assertThat(problem.get("text").asText()).startsWith("site.yaml:" + problem.get("line").asInt()
                + ": devices[0].unitId: 300 is outside");
        assertThat(applied.get("applied").asBoolean()).isFalse();
        assertThat(Files.readString(siteFile)).isEqualTo(before);
        assertThat(Files.list(dir).filter(f -> f.getFileName().toString().endsWith(".new"))).isEmpty();
    }

    @Test
    void aGoodFileReplacesTheSiteFileKeepingItsModeAndTheLoaderAppliesIt() throws Exception {
        Files.setPosixFilePermissions(siteFile, PosixFilePermissions.fromString("rw-------"));
        var configAdmin = new FakeConfigurationAdmin();
        var loader = new SiteLoader(new SiteLocations(siteFile, dir.resolve("profiles")), configAdmin, false,
                new SiteStatus(dir.resolve("data/in-force.properties"), Clock.systemUTC()));
        String renamed = Files.readString(siteFile).replace("id: gw-yx-001", "id: gw-yx-002");

        JsonNode applied = json.readTree(new SiteApplyCommand(check).handle(Map.of("text", renamed)));

        assertThat(applied.get("valid").asBoolean()).isTrue();
        assertThat(applied.get("applied").asBoolean()).isTrue();
        assertThat(applied.get("gatewayId").asText()).isEqualTo("gw-yx-002");
        assertThat(Files.readString(siteFile)).isEqualTo(renamed);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(siteFile))).isEqualTo("rw-------");
        assertThat(loader.reload()).isTrue();
        assertThat(configAdmin.properties("io.weir.site").get("gatewayId")).isEqualTo("gw-yx-002");
        assertThatThrownBy(() -> new SiteApplyCommand(check).handle(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'text' is missing");
    }

    @Test
    void theProfileDirectoryIsOfferedAsTheSiteFileReadsIt() throws IOException {
        var profiles = new ProfilesComponent(new ProfileDirectory(dir.resolve("profiles"), new ProfileParser()));

        assertThat(profiles.ids()).isNotEmpty();
        String id = profiles.ids().first();
        assertThat(profiles.profile(id).id()).isEqualTo(id);
        assertThatThrownBy(() -> profiles.profile("no-such")).hasMessageContaining("no profile 'no-such'")
                .hasMessageContaining(id);
        Files.writeString(dir.resolve("profiles/broken.yaml"), "id: broken\n");
        assertThatThrownBy(() -> profiles.profile("broken")).hasMessageContaining("broken.yaml:");
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in the sample");
    }
}
