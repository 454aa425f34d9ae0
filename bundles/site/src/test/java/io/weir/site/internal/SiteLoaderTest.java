package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The loader end to end on real files and an in-memory ConfigAdmin; reloads are called, not waited for. */
class SiteLoaderTest {

    private static final String RADAR = "io.weir.modbus.device~radar-1";
    private static final String RAIN = "io.weir.modbus.device~rain-1";

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeConfigurationAdmin configAdmin = new FakeConfigurationAdmin();
    private Path siteFile;

    @BeforeEach
    void copyGoodSample() {
        TestFiles.copySample("good", dir);
        siteFile = dir.resolve("site.yaml");
    }

    @Test
    void activationAppliesTheSiteFile() {
        newLoader();

        assertThat(configAdmin.pids()).containsExactly(
                "io.weir.modbus.device~pump-meter", RADAR, RAIN, "io.weir.rules.threshold~pump-undervoltage",
                "io.weir.rules.threshold~river-level", "io.weir.site", "io.weir.uplink");
        assertThat(configAdmin.properties("io.weir.site").get("gatewayId")).isEqualTo("gw-yx-001");
    }

    @Test
    void aBadFileChangesNothingAndDoesNotThrow() throws IOException {
        SiteLoader loader = newLoader();
        int updatesBefore = configAdmin.totalUpdates();
        var pidsBefore = configAdmin.pids();

        Files.writeString(siteFile, Files.readString(siteFile).replace("unitId: 1", "unitId: 300")
                .replace("pollInterval: 5s", "pollInterval: 5 seconds"));

        assertThat(loader.reload()).isFalse();
        assertThat(configAdmin.totalUpdates()).isEqualTo(updatesBefore);
        assertThat(configAdmin.pids()).isEqualTo(pidsBefore);
        assertThat(configAdmin.properties(RADAR).get("unitId")).isEqualTo(1);
    }

    @Test
    void aBadFileAtActivationLeavesTheStoredConfigurationAlone() throws IOException {
        configAdmin.put("io.weir.site", Map.of("gatewayId", "from-last-run", ConfigurationMapper.MANAGED, true));
        Files.writeString(siteFile, "gateway: [");

        newLoader();

        assertThat(configAdmin.pids()).containsExactly("io.weir.site");
        assertThat(configAdmin.properties("io.weir.site").get("gatewayId")).isEqualTo("from-last-run");
    }

    @Test
    void reloadUpdatesWhatChangedAndDeletesWhatWasRemoved() throws IOException {
        SiteLoader loader = newLoader();
        String site = Files.readString(siteFile);
        int rainStart = site.indexOf("  - id: rain-1");
        int rainEnd = site.indexOf("  - id: pump-meter");
        Files.writeString(siteFile, (site.substring(0, rainStart) + site.substring(rainEnd))
                .replace("unitId: 1", "unitId: 9"));

        assertThat(loader.reload()).isTrue();

        assertThat(configAdmin.pids()).doesNotContain(RAIN).contains(RADAR);
        assertThat(configAdmin.updateCount(RADAR)).isEqualTo(2);
        assertThat(configAdmin.properties(RADAR).get("unitId")).isEqualTo(9);
        assertThat(configAdmin.updateCount("io.weir.site")).isEqualTo(1);
        assertThat(configAdmin.updateCount("io.weir.modbus.device~pump-meter")).isEqualTo(1);
    }

    @Test
    void aChangedProfileUpdatesTheDevicesThatUseIt() throws IOException {
        SiteLoader loader = newLoader();
        Path profile = dir.resolve("profiles/hlk-ld8001h.yaml");
        Files.writeString(profile, Files.readString(profile).replace("timeoutMs: 500", "timeoutMs: 800"));

        assertThat(loader.reload()).isTrue();

        assertThat(configAdmin.updateCount(RADAR)).isEqualTo(2);
        assertThat((String) configAdmin.properties(RADAR).get("profile")).contains("\"timeoutMillis\":800");
        assertThat(configAdmin.updateCount(RAIN)).isEqualTo(1);
    }

    @Test
    void aMissingSiteFileIsNotAnError() throws IOException {
        Files.delete(siteFile);

        SiteLoader loader = newLoader();

        assertThat(loader.reload()).isFalse();
        assertThat(configAdmin.pids()).isEmpty();
    }

    @Test
    void aRotatedPasswordReachesTheUplinkWithoutTouchingTheSiteFile() throws Exception {
        Files.setLastModifiedTime(dir.resolve("uplink.password"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        SiteLoader loader = new SiteLoader(new SiteLocations(siteFile, dir.resolve("profiles")), configAdmin, true,
                new SiteStatus(dir.resolve("data/in-force.properties"), Clock.systemUTC()));
        try {
            Object before = configAdmin.properties("io.weir.uplink").get("secretsStamp");

            Files.writeString(dir.resolve("uplink.password"), "a-new-password-never-logged\n");

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !before.equals(configAdmin.properties("io.weir.uplink").get("secretsStamp")));
            assertThat(configAdmin.properties("io.weir.uplink").get("passwordFile"))
                    .isEqualTo(dir.resolve("uplink.password").toString());
        } finally {
            loader.deactivate();
        }
    }

    @Test
    void locationsComeFromFrameworkPropertiesWithDocumentedDefaults() {
        assertThat(SiteLocations.from(name -> null))
                .isEqualTo(new SiteLocations(Path.of("conf/site.yaml"), Path.of("conf/profiles")));
        assertThat(SiteLocations.from(Map.of("weir.site.file", "/etc/weir/site.yaml",
                "weir.profiles.dir", "/etc/weir/profiles")::get))
                .isEqualTo(new SiteLocations(Path.of("/etc/weir/site.yaml"), Path.of("/etc/weir/profiles")));
    }

    @Test
    void theSiteStatusNamesTheFileInForceAndTheRejectedFilesProblems() throws Exception {
        SiteLoader loader = newLoader();
        JsonNode applied = JSON.readTree(loader.statusJson());
        assertThat(applied.get("state").asText()).isEqualTo("in-force");
        assertThat(applied.at("/inForce/file").asText()).isEqualTo(siteFile.toAbsolutePath().toString());
        assertThat(applied.at("/inForce/sha256").asText()).hasSize(64);
        assertThat(applied.get("rejected").isNull()).isTrue();

        Path profile = dir.resolve("profiles/hlk-ld8001h.yaml");
        Files.writeString(profile, Files.readString(profile).replace("timeoutMs: 500", "timeoutMs: soon"));
        assertThat(loader.reload()).isFalse();

        JsonNode rejected = JSON.readTree(loader.statusJson());
        assertThat(rejected.get("state").asText()).isEqualTo("rejected");
        assertThat(rejected.at("/inForce/sha256")).isEqualTo(applied.at("/inForce/sha256"));
        JsonNode problem = rejected.at("/rejected/problems/1"); // the site file's reference to it comes first
        assertThat(problem.get("file").asText()).isEqualTo("hlk-ld8001h.yaml");
        assertThat(problem.get("line").asInt()).isEqualTo(8);
        assertThat(problem.get("field").asText()).contains("timeout");
        assertThat(problem.get("message").asText()).isNotBlank();
    }

    @Test
    void theFileInForceIsRememberedByTheNextRun() throws Exception {
        newLoader();
        Files.writeString(siteFile, "gateway: [");

        SiteLoader afterRestart = newLoader();

        JsonNode status = JSON.readTree(afterRestart.statusJson());
        assertThat(status.get("state").asText()).isEqualTo("rejected");
        assertThat(status.at("/inForce/file").asText()).isEqualTo(siteFile.toAbsolutePath().toString());
        assertThat(status.at("/rejected/problems/0/file").asText()).isEqualTo("site.yaml");
    }

    @Test
    void aGatewayThatNeverHadAGoodFileSaysSo() throws Exception {
        Files.writeString(siteFile, "gateway: [");

        JsonNode status = JSON.readTree(newLoader().statusJson());

        assertThat(status.get("state").asText()).isEqualTo("rejected");
        assertThat(status.get("inForce").isNull()).isTrue();
    }

    private SiteLoader newLoader() {
        return new SiteLoader(new SiteLocations(siteFile, dir.resolve("profiles")), configAdmin, false,
                new SiteStatus(dir.resolve("data/in-force.properties"), Clock.systemUTC()));
    }
}
