package io.weir.site.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The site file's store and clock sections: what they configure, and the problems a technician is shown. */
class StoreAndClockSectionsTest {

    @TempDir
    Path dir;

    private SectionFiles files;

    @BeforeEach
    void profiles() {
        files = new SectionFiles(dir);
    }

    private Parsed<SiteModel> parse(String rest) throws IOException {
        return files.parse(rest);
    }

    private Map<String, Object> configuration(Parsed<SiteModel> parsed, String pid) {
        return SectionFiles.configuration(parsed, pid);
    }

    private List<String> problems(String rest) throws IOException {
        return files.problems(rest);
    }

    @Test
    void theStoreCapsAreSetFromTheSiteFile() throws IOException {
        Map<String, Object> store = configuration(parse("""
                store:
                  telemetryCap: 2GiB
                  alarmCap: 64MiB
                  fileCap: 40%
                  reserve: 16MiB
                """), "io.weir.store");
        assertThat(store).containsOnly(entry("telemetryCapMiB", 2048L), entry("alarmCapMiB", 64L),
                entry("maxFileMiB", 0L), entry("fileCapPercent", 40), entry("reserveMiB", 16L),
                entry("weir.site.managed", true));

        assertThat(configuration(parse("store: {fileCap: 3GiB, reserve: 0}\n"), "io.weir.store")).containsOnly(
                entry("maxFileMiB", 3072L), entry("reserveMiB", 0L), entry("weir.site.managed", true));
        assertThat(configuration(parse("store: {fileCap: none}\n"), "io.weir.store"))
                .contains(entry("maxFileMiB", 0L), entry("fileCapPercent", 0));
    }

    @Test
    void aSiteFileWithoutAStoreSectionLeavesTheStoreToItsDefaults() throws IOException {
        List<TargetConfiguration> targets = new ConfigurationMapper(new ObjectMapper())
                .map(parse("").value().orElseThrow());
        assertThat(targets).extracting(TargetConfiguration::toString)
                .doesNotContain("io.weir.store", "io.weir.clock");
    }

    @Test
    void badSizesAreNamedWithTheirLine() throws IOException {
        assertThat(problems("""
                store:
                  telemetryCap: 512MB
                  alarmCap: 0MiB
                  fileCap: 95%
                  reserve: 2GiB
                  reserv: 1MiB
                """)).containsExactly(
                "site.yaml:5: store.telemetryCap: '512MB' is not a size: write e.g. 512MiB or 2GiB",
                "site.yaml:6: store.alarmCap: '0MiB' is outside 1 MiB..1024 GiB",
                "site.yaml:7: store.fileCap: 95% is outside 1..90% of the free space",
                "site.yaml:8: store.reserve: '2GiB' is outside 0 MiB..1 GiB",
                "site.yaml:9: store.reserv: unknown field; expected one of telemetryCap, alarmCap, fileCap, reserve");
    }

    @Test
    void theClockSourcesAndLimitsAreSetFromTheSiteFile() throws IOException {
        Map<String, Object> clock = configuration(parse("""
                clock:
                  sources: [ntp, timesyncd]
                  ntpServer: 10.20.0.1
                  ntpPort: 1123
                  ntpTolerance: 500ms
                  probeInterval: 1m
                  stepThreshold: 2s
                  notBefore: 2026-06-01T00:00:00Z
                """), "io.weir.clock");
        assertThat(clock).containsEntry("ntpServer", "10.20.0.1").containsEntry("ntpPort", 1123)
                .containsEntry("ntpMaxOffsetMillis", 500L).containsEntry("probeSeconds", 60L)
                .containsEntry("stepThresholdMillis", 2000L).containsEntry("notBefore", "2026-06-01T00:00:00Z");
        assertThat((String[]) clock.get("sources")).containsExactly("ntp", "timesyncd");
    }

    @Test
    void clockProblemsAreNamedWithTheirLine() throws IOException {
        assertThat(problems("""
                clock:
                  sources: [chrony, gps, chrony, ntp]
                  probeInterval: 200ms
                  notBefore: yesterday
                """)).containsExactly(
                "site.yaml:5: clock.sources[1]: 'gps' is not one of chrony, timesyncd, timedatectl, ntp",
                "site.yaml:5: clock.sources[2]: 'chrony' is listed twice",
                "site.yaml:5: clock.sources: ntp needs an ntpServer to ask",
                "site.yaml:6: clock.probeInterval: must be at least 1s",
                "site.yaml:7: clock.notBefore: 'yesterday' is not an instant such as 2026-01-01T00:00:00Z");
        assertThat(problems("clock: {ntpServer: pool.ntp.org}\n")).containsExactly(
                "site.yaml:4: clock.ntpServer: is asked only when sources lists ntp");
    }
}
